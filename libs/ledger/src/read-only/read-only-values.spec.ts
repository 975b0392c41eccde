import {
  DuckDBBlobValue,
  DuckDBDateValue,
  DuckDBTimestampMillisecondsValue,
  DuckDBTimestampNanosecondsValue,
  DuckDBTimestampValue,
  DuckDBUnionValue,
} from '@duckdb/node-api';
import { toJsonSafe } from './read-only-values';

describe('toJsonSafe', () => {
  it('keeps sub-millisecond digits before the epoch (floor, not truncation)', () => {
    // -1 µs is 1969-12-31T23:59:59.999999Z: floor(-1 / 1000) = -1 ms, remainder 999 µs
    expect(toJsonSafe(new DuckDBTimestampValue(-1n))).toBe('1969-12-31T23:59:59.999999Z');
    // -1 ns: floor(-1 / 1e6) = -1 ms, remainder 999 999 ns
    expect(toJsonSafe(new DuckDBTimestampNanosecondsValue(-1n))).toBe('1969-12-31T23:59:59.999999999Z');
    expect(toJsonSafe(new DuckDBTimestampMillisecondsValue(1_500n))).toBe('1970-01-01T00:00:01.500Z');
  });

  it('falls back to DuckDB’s text beyond the JavaScript Date range', () => {
    expect(toJsonSafe(DuckDBTimestampValue.Max)).toBe(DuckDBTimestampValue.Max.toString());
    expect(toJsonSafe(DuckDBDateValue.Max)).toBe(DuckDBDateValue.Max.toString());
  });

  it('keeps bigints exact: numbers while safe, strings beyond', () => {
    expect(toJsonSafe(-9007199254740991n)).toBe(-9007199254740991);
    expect(toJsonSafe(-9007199254740992n)).toBe('-9007199254740992');
  });

  it('writes bytes as Postgres-style hex and unwraps unions', () => {
    expect(toJsonSafe(new DuckDBBlobValue(new Uint8Array([0, 255])))).toBe('\\x00ff');
    expect(toJsonSafe(new DuckDBUnionValue('n', 7n))).toBe(7);
    expect(toJsonSafe(-Infinity)).toBe('-Infinity');
  });
});
