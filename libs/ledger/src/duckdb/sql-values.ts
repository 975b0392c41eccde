import { LedgerValidationError } from '../ledger.errors';

// Values cross the DuckDB boundary as UTC-naive text ('YYYY-MM-DD HH:MM:SS.mmm'), and come back
// as ISO-8601 with Z via isoSql(); nothing here depends on the session or machine time zone.

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const NAIVE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?$/;

/** Parses a Date or ISO-8601 string to an instant; a string without a zone is read as UTC. Null when unparseable. */
export function parseInstant(value: unknown): Date | null {
  if (value === null || value === undefined || value === '') return null;
  if (value instanceof Date) return Number.isFinite(value.getTime()) ? value : null;
  if (typeof value !== 'string') return null;
  const text = value.trim();
  let candidate = text;
  if (DATE_ONLY.test(text)) candidate = `${text}T00:00:00Z`;
  else if (NAIVE.test(text)) candidate = `${text.replace(' ', 'T')}Z`;
  const parsed = new Date(candidate);
  if (!Number.isFinite(parsed.getTime())) return null;
  if (DATE_ONLY.test(text) && parsed.toISOString().slice(0, 10) !== text) return null; // e.g. 2024-02-30
  return parsed;
}

/** DuckDB TIMESTAMP literal text for an instant (UTC-naive). */
export function toSqlTimestamp(instant: Date): string {
  return instant.toISOString().replace('T', ' ').replace('Z', '');
}

/** Optional timestamp field: null/undefined → null; unparseable → validation error naming the field. */
export function optionalTimestamp(field: string, value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  const parsed = parseInstant(value);
  if (!parsed) throw new LedgerValidationError(field, `must be an ISO-8601 date or timestamp, got ${JSON.stringify(value)}`);
  return toSqlTimestamp(parsed);
}

/** SQL expression rendering a TIMESTAMP column as ISO-8601 UTC with milliseconds and Z. */
export function isoSql(column: string, alias?: string): string {
  return `strftime(${column}, '%Y-%m-%dT%H:%M:%S.%gZ') AS ${alias ?? column.split('.').pop()}`;
}

/** DuckDB BIGINT/HUGEINT/DECIMAL values → JS numbers (the ledger's counts and durations fit). */
export function toNumber(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isFinite(n) ? n : null;
  }
  if (typeof value === 'object' && value !== null && 'toDouble' in value) {
    return (value as { toDouble(): number }).toDouble();
  }
  return null;
}

export function toText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return String(value);
}

/** JSON columns come back as text; callers get parsed values. */
export function parseJsonColumn(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** Double-quotes an identifier that came from an allowlist or the catalog (never from user text). */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
