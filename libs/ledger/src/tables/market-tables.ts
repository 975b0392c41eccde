import { canonicalJson } from '@options-helper/domain';
import type { ColumnSpec, ColumnType, StageValue, UpsertSpec } from '../bulk/bulk-upsert';
import { parseInstant, toSqlTimestamp } from '../duckdb/sql-values';
import { LedgerValidationError } from '../ledger.errors';

// The market tables that accept bulk row writes (POST /api/v1/tables/{table}/rows), upserted on their
// primary keys. The allowlist is the only source of table and column names that reach SQL.

export function cols(spec: string): ColumnSpec[] {
  return spec
    .trim()
    .split(/\s*,\s*/)
    .map((entry) => {
      const [name, type, flag] = entry.split(/\s+/) as [string, ColumnType, string | undefined];
      return { name, type, required: flag === '!' };
    });
}

export const MARKET_TABLES: Record<string, UpsertSpec> = {
  candles_daily: {
    table: 'candles_daily',
    key: ['symbol', 'interval', 'auto_adjust', 'back_adjust', 'ts'],
    columns: cols(`symbol varchar !, interval varchar !, auto_adjust boolean !, back_adjust boolean !, ts timestamp !,
      open double, high double, low double, close double, volume double, dividends double, splits double,
      capital_gains double, vwap double, trade_count bigint`),
  },
  option_contracts: {
    table: 'option_contracts',
    key: ['contract_symbol'],
    columns: cols(`contract_symbol varchar !, underlying varchar, expiry date, option_type varchar, strike decimal,
      multiplier integer, provider varchar, updated_at timestamp`),
  },
  option_contract_snapshots: {
    table: 'option_contract_snapshots',
    key: ['contract_symbol', 'as_of_date', 'provider'],
    columns: cols(`contract_symbol varchar !, as_of_date date !, open_interest bigint, open_interest_date date,
      close_price double, close_price_date date, provider varchar !, updated_at timestamp, raw_json json`),
  },
  option_bars: {
    table: 'option_bars',
    key: ['contract_symbol', 'interval', 'ts', 'provider'],
    columns: cols(`contract_symbol varchar !, interval varchar !, ts timestamp !, open double, high double, low double,
      close double, volume double, vwap double, trade_count bigint, provider varchar !, updated_at timestamp`),
  },
  derived_daily: {
    table: 'derived_daily',
    key: ['symbol', 'date'],
    columns: cols(`symbol varchar !, date date !, updated_at timestamp, spot double !, pc_oi double, pc_vol double,
      call_wall double, put_wall double, gamma_peak_strike double, atm_iv_near double, em_near_pct double,
      skew_near_pp double, rv_20d double, rv_60d double, iv_rv_20d double, atm_iv_near_percentile double,
      iv_term_slope double`),
  },
};

export const MARKET_TABLE_NAMES = Object.keys(MARKET_TABLES);

export function marketTableSpec(table: string): UpsertSpec {
  const spec = Object.prototype.hasOwnProperty.call(MARKET_TABLES, table) ? MARKET_TABLES[table] : undefined;
  if (!spec) throw new LedgerValidationError('table', `must be one of ${MARKET_TABLE_NAMES.join(', ')}; got ${JSON.stringify(table)}`);
  return spec;
}

/**
 * Validates rows against the table's columns and turns them into stage rows. Columns a row leaves out are
 * NULL, except `updated_at`, which is the write time. `fixed` supplies columns shared by every row (a
 * snapshot's symbol and date), validated once. Any bad value refuses the whole request.
 */
export function stageMarketRows(spec: UpsertSpec, rows: unknown[], now: Date, fixed: Record<string, unknown> = {}): StageValue[][] {
  const known = new Set(spec.columns.map((c) => c.name));
  const fixedValues = new Map<string, StageValue>();
  for (const [name, value] of Object.entries(fixed)) {
    const col = spec.columns.find((c) => c.name === name);
    if (!col) throw new LedgerValidationError(name, `is not a column of ${spec.table}`);
    fixedValues.set(name, stageValue(name, col, value));
  }
  const stamp = toSqlTimestamp(now);
  const columns = spec.columns.map((col) => ({ col, fixed: fixedValues.has(col.name), fixedValue: fixedValues.get(col.name) ?? null }));
  return rows.map((row, i) => {
    const field = `rows[${i}]`;
    if (typeof row !== 'object' || row === null || Array.isArray(row)) throw new LedgerValidationError(field, 'must be an object');
    const record = row as Record<string, unknown>;
    for (const key in record) {
      if (!known.has(key)) throw new LedgerValidationError(`${field}.${key}`, `is not a column of ${spec.table}`);
    }
    const out = new Array<StageValue>(columns.length);
    for (let c = 0; c < columns.length; c++) {
      const entry = columns[c] as (typeof columns)[number];
      if (entry.fixed) {
        out[c] = entry.fixedValue;
        continue;
      }
      const value = record[entry.col.name];
      out[c] = (value === undefined || value === null) && entry.col.name === 'updated_at' ? stamp : stageValue(`${field}.${entry.col.name}`, entry.col, value);
    }
    return out;
  });
}

// Most date values repeat (expiries, snapshot dates): remember which strings are valid calendar dates.
const validDates = new Map<string, boolean>();

function isValidDate(value: string): boolean {
  let ok = validDates.get(value);
  if (ok === undefined) {
    ok = /^\d{4}-\d{2}-\d{2}$/.test(value) && parseInstant(value) !== null;
    if (validDates.size < 100_000) validDates.set(value, ok);
  }
  return ok;
}

function stageValue(field: string, col: ColumnSpec, value: unknown): StageValue {
  if (value === undefined || value === null) {
    if (col.required) throw new LedgerValidationError(field, 'is required');
    return null;
  }
  switch (col.type) {
    case 'varchar': {
      if (typeof value !== 'string') throw new LedgerValidationError(field, 'must be a string');
      const text = col.required ? value.trim() : value;
      if (col.required && text === '') throw new LedgerValidationError(field, 'must not be blank');
      return text;
    }
    case 'double':
    case 'decimal':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw new LedgerValidationError(field, 'must be a finite number');
      return value;
    case 'bigint':
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) throw new LedgerValidationError(field, 'must be an integer');
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') throw new LedgerValidationError(field, 'must be true or false');
      return value;
    case 'timestamp': {
      const instant = parseInstant(value);
      if (!instant) throw new LedgerValidationError(field, `must be an ISO-8601 date or timestamp, got ${JSON.stringify(value)}`);
      return toSqlTimestamp(instant);
    }
    case 'date': {
      if (typeof value !== 'string' || !isValidDate(value)) throw new LedgerValidationError(field, `must be a date YYYY-MM-DD, got ${JSON.stringify(value)}`);
      return value;
    }
    case 'json':
      return canonicalJson(value);
  }
}
