import {
  DuckDBArrayValue,
  DuckDBBlobValue,
  DuckDBDateValue,
  DuckDBDecimalValue,
  DuckDBIntervalValue,
  DuckDBListValue,
  DuckDBTimeValue,
  DuckDBTimestampMillisecondsValue,
  DuckDBTimestampNanosecondsValue,
  DuckDBTimestampSecondsValue,
  DuckDBTimestampTZValue,
  DuckDBTimestampValue,
  DuckDBTypeId,
  listValue,
  type DuckDBType,
  type DuckDBValue,
} from '@duckdb/node-api';
import { PgDate, PgInterval, PgNumeric, PgTime, PgTimestamp, type PgType, type PgTypeName, type PgValue } from '@options-helper/pg-gateway';

const SCALAR: Partial<Record<DuckDBTypeId, PgTypeName>> = {
  [DuckDBTypeId.BOOLEAN]: 'bool',
  [DuckDBTypeId.TINYINT]: 'int2',
  [DuckDBTypeId.UTINYINT]: 'int2',
  [DuckDBTypeId.SMALLINT]: 'int2',
  [DuckDBTypeId.USMALLINT]: 'int4',
  [DuckDBTypeId.INTEGER]: 'int4',
  [DuckDBTypeId.UINTEGER]: 'int8',
  [DuckDBTypeId.BIGINT]: 'int8',
  [DuckDBTypeId.UBIGINT]: 'numeric',
  [DuckDBTypeId.HUGEINT]: 'numeric',
  [DuckDBTypeId.UHUGEINT]: 'numeric',
  [DuckDBTypeId.BIGNUM]: 'numeric',
  [DuckDBTypeId.DECIMAL]: 'numeric',
  [DuckDBTypeId.FLOAT]: 'float4',
  [DuckDBTypeId.DOUBLE]: 'float8',
  [DuckDBTypeId.VARCHAR]: 'text',
  [DuckDBTypeId.BLOB]: 'bytea',
  [DuckDBTypeId.DATE]: 'date',
  [DuckDBTypeId.TIME]: 'time',
  [DuckDBTypeId.TIMESTAMP]: 'timestamp',
  [DuckDBTypeId.TIMESTAMP_S]: 'timestamp',
  [DuckDBTypeId.TIMESTAMP_MS]: 'timestamp',
  [DuckDBTypeId.TIMESTAMP_NS]: 'timestamp',
  [DuckDBTypeId.TIMESTAMP_TZ]: 'timestamptz',
  [DuckDBTypeId.INTERVAL]: 'interval',
  [DuckDBTypeId.UUID]: 'uuid',
  [DuckDBTypeId.SQLNULL]: 'text',
};

/** The Postgres type a DuckDB column is shown as; types Postgres lacks (STRUCT, MAP, ENUM …) travel as text. */
export function pgTypeOf(type: DuckDBType): PgType {
  if (type.typeId === DuckDBTypeId.LIST || type.typeId === DuckDBTypeId.ARRAY) {
    const element = pgTypeOf(type.valueType);
    return element.array ? { base: 'text', array: false } : { base: element.base, array: true };
  }
  if (type.typeId === DuckDBTypeId.VARCHAR && type.alias?.toUpperCase() === 'JSON') return { base: 'json', array: false };
  return { base: SCALAR[type.typeId] ?? 'text', array: false };
}

/** The DuckDB type name for a Postgres type a client declared (used to cast parameters DuckDB cannot infer). */
export function duckTypeNameOf(type: PgType): string {
  const names: Record<PgTypeName, string> = {
    bool: 'BOOLEAN', bytea: 'BLOB', char: 'VARCHAR', name: 'VARCHAR', int8: 'BIGINT', int2: 'SMALLINT', int4: 'INTEGER',
    regproc: 'VARCHAR', text: 'VARCHAR', oid: 'BIGINT', json: 'JSON', float4: 'FLOAT', float8: 'DOUBLE', unknown: 'VARCHAR',
    varchar: 'VARCHAR', date: 'DATE', time: 'TIME', timestamp: 'TIMESTAMP', timestamptz: 'TIMESTAMPTZ', interval: 'INTERVAL',
    timetz: 'TIMETZ', numeric: 'DECIMAL(38,10)', uuid: 'UUID', jsonb: 'JSON',
  };
  return type.array ? `${names[type.base]}[]` : names[type.base];
}

const INT64_MAX = 9_223_372_036_854_775_807n;

export function timestampOf(micros: bigint): PgTimestamp {
  if (micros >= INT64_MAX) return new PgTimestamp(0n, 1);
  if (micros <= -INT64_MAX) return new PgTimestamp(0n, -1);
  return new PgTimestamp(micros);
}

/** A DuckDB value as the gateway's value. */
export function toPgValue(value: DuckDBValue): PgValue {
  if (value === null) return null;
  switch (typeof value) {
    case 'boolean':
    case 'number':
    case 'bigint':
    case 'string':
      return value;
  }
  if (value instanceof DuckDBDecimalValue) return new PgNumeric(value.toString());
  if (value instanceof DuckDBDateValue) {
    const days = value.days;
    return new PgDate(days >= 2_147_483_647 ? Infinity : days <= -2_147_483_647 ? -Infinity : days);
  }
  if (value instanceof DuckDBTimestampValue || value instanceof DuckDBTimestampTZValue) return timestampOf(value.micros);
  if (value instanceof DuckDBTimestampSecondsValue) return timestampOf(value.seconds * 1_000_000n);
  if (value instanceof DuckDBTimestampMillisecondsValue) return timestampOf(value.millis * 1000n);
  if (value instanceof DuckDBTimestampNanosecondsValue) return timestampOf(value.nanos / 1000n);
  if (value instanceof DuckDBTimeValue) return new PgTime(value.micros);
  if (value instanceof DuckDBIntervalValue) return new PgInterval(value.months, value.days, value.micros);
  if (value instanceof DuckDBBlobValue) return value.bytes;
  if (value instanceof DuckDBListValue || value instanceof DuckDBArrayValue) return value.items.map(toPgValue);
  return value.toString();
}

/** A gateway parameter as something DuckDB binds; temporal values go as ISO text and DuckDB casts them. */
export function toDuckParam(value: PgValue): DuckDBValue {
  if (value === null || typeof value === 'boolean' || typeof value === 'number' || typeof value === 'bigint' || typeof value === 'string') return value;
  if (value instanceof Uint8Array) return new DuckDBBlobValue(value);
  if (value instanceof PgNumeric) return value.text;
  if (value instanceof PgDate || value instanceof PgTimestamp || value instanceof PgTime || value instanceof PgInterval) {
    return isoText(value);
  }
  if (Array.isArray(value)) return listValue(value.map(toDuckParam));
  return String(value);
}

function isoText(value: PgDate | PgTimestamp | PgTime | PgInterval): string {
  if (value instanceof PgInterval) return `${value.months} months ${value.days} days ${value.micros} microseconds`;
  if (value instanceof PgTime) {
    const ms = Number(value.micros / 1000n);
    return new Date(ms).toISOString().slice(11, 19) + `.${String(value.micros % 1_000_000n).padStart(6, '0')}`;
  }
  if (value instanceof PgDate) {
    if (!Number.isFinite(value.days)) return value.days > 0 ? 'infinity' : '-infinity';
    return new Date(value.days * 86_400_000).toISOString().slice(0, 10);
  }
  if (value.infinite) return value.infinite > 0 ? 'infinity' : '-infinity';
  const ms = value.micros / 1000n;
  const iso = new Date(Number(ms)).toISOString();
  const micros = ((value.micros % 1_000_000n) + 1_000_000n) % 1_000_000n;
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}.${String(micros).padStart(6, '0')}+00`;
}
