/**
 * Values crossing the gateway ⇄ backend boundary. Scalars use plain JavaScript types; temporal values
 * carry their epoch counts so both text and binary encoders are exact.
 */
export class PgDate {
  readonly kind = 'date';
  /** Days since 1970-01-01; ±Infinity for DuckDB's infinite dates. */
  constructor(readonly days: number) {}
}

export class PgTimestamp {
  readonly kind = 'timestamp';
  /** Microseconds since 1970-01-01 00:00:00 (UTC for timestamptz). */
  constructor(readonly micros: bigint, readonly infinite: -1 | 0 | 1 = 0) {}
}

export class PgTime {
  readonly kind = 'time';
  /** Microseconds since midnight. */
  constructor(readonly micros: bigint) {}
}

export class PgInterval {
  readonly kind = 'interval';
  constructor(readonly months: number, readonly days: number, readonly micros: bigint) {}
}

/** numeric travels as its exact decimal text. */
export class PgNumeric {
  readonly kind = 'numeric';
  constructor(readonly text: string) {}
}

export type PgValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | Uint8Array
  | PgDate
  | PgTimestamp
  | PgTime
  | PgInterval
  | PgNumeric
  | PgValue[];
