import {
  DuckDBArrayValue,
  DuckDBBitValue,
  DuckDBBlobValue,
  DuckDBDateValue,
  DuckDBDecimalValue,
  DuckDBGeometryValue,
  DuckDBIntervalValue,
  DuckDBListValue,
  DuckDBMapValue,
  DuckDBStructValue,
  DuckDBTimeNSValue,
  DuckDBTimestampMillisecondsValue,
  DuckDBTimestampNanosecondsValue,
  DuckDBTimestampSecondsValue,
  DuckDBTimestampTZValue,
  DuckDBTimestampValue,
  DuckDBTimeTZValue,
  DuckDBTimeValue,
  DuckDBUnionValue,
  DuckDBUUIDValue,
  DuckDBVariantValue,
  type DuckDBValue,
} from '@duckdb/node-api';

/** What JSON.stringify round-trips without loss of meaning. */
export type JsonSafeValue = null | boolean | number | string | JsonSafeValue[] | { [key: string]: JsonSafeValue };

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);

function fromBigint(value: bigint): number | string {
  return value >= MIN_SAFE && value <= MAX_SAFE ? Number(value) : value.toString();
}

function fromNumber(value: number): number | string {
  return Number.isFinite(value) ? value : String(value); // NaN, Infinity, -Infinity
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

/**
 * ISO-8601 UTC with Z from an instant counted in `unit`s since the epoch. Millisecond precision
 * like the rest of the ledger, with the extra digits only when the value has them.
 */
function isoFromEpoch(count: bigint, unitsPerMs: bigint, fallback: string): string {
  const ms = floorDiv(count, unitsPerMs);
  const date = new Date(Number(ms));
  if (!Number.isFinite(date.getTime())) return fallback; // beyond JavaScript's Date range
  const iso = date.toISOString();
  const subMs = count - ms * unitsPerMs;
  if (subMs === 0n) return iso;
  const digits = unitsPerMs.toString().length - 1;
  return `${iso.slice(0, -1)}${subMs.toString().padStart(digits, '0')}Z`;
}

function infinity(positive: boolean): string {
  return positive ? 'infinity' : '-infinity';
}

function hex(bytes: Uint8Array): string {
  return `\\x${Buffer.from(bytes).toString('hex')}`;
}

/** Converts one DuckDB value to plain JSON: lossless where JSON allows, a string where it does not. */
export function toJsonSafe(value: DuckDBValue): JsonSafeValue {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') return fromNumber(value);
  if (typeof value === 'bigint') return fromBigint(value);

  if (value instanceof DuckDBDecimalValue) return value.toDouble();
  if (value instanceof DuckDBDateValue) {
    if (!value.isFinite) return infinity(value.days > 0);
    const date = new Date(value.days * 86_400_000);
    if (!Number.isFinite(date.getTime())) return value.toString();
    const iso = date.toISOString();
    return iso.slice(0, iso.indexOf('T'));
  }
  if (value instanceof DuckDBTimestampValue || value instanceof DuckDBTimestampTZValue) {
    return value.isFinite ? isoFromEpoch(value.micros, 1000n, value.toString()) : infinity(value.micros > 0n);
  }
  if (value instanceof DuckDBTimestampMillisecondsValue) {
    return value.isFinite ? isoFromEpoch(value.millis, 1n, value.toString()) : infinity(value.millis > 0n);
  }
  if (value instanceof DuckDBTimestampSecondsValue) {
    return value.isFinite ? isoFromEpoch(value.seconds * 1000n, 1n, value.toString()) : infinity(value.seconds > 0n);
  }
  if (value instanceof DuckDBTimestampNanosecondsValue) {
    return value.isFinite ? isoFromEpoch(value.nanos, 1_000_000n, value.toString()) : infinity(value.nanos > 0n);
  }
  if (
    value instanceof DuckDBTimeValue ||
    value instanceof DuckDBTimeTZValue ||
    value instanceof DuckDBTimeNSValue ||
    value instanceof DuckDBIntervalValue ||
    value instanceof DuckDBUUIDValue ||
    value instanceof DuckDBBitValue
  ) {
    return value.toString();
  }
  if (value instanceof DuckDBBlobValue || value instanceof DuckDBGeometryValue) return hex(value.bytes);
  if (value instanceof DuckDBListValue || value instanceof DuckDBArrayValue) return value.items.map(toJsonSafe);
  if (value instanceof DuckDBStructValue) {
    return Object.fromEntries(Object.entries(value.entries).map(([k, v]) => [k, toJsonSafe(v)]));
  }
  if (value instanceof DuckDBMapValue) {
    return value.entries.map((entry) => ({ key: toJsonSafe(entry.key), value: toJsonSafe(entry.value) }));
  }
  if (value instanceof DuckDBUnionValue || value instanceof DuckDBVariantValue) return toJsonSafe(value.value);
  return String(value);
}
