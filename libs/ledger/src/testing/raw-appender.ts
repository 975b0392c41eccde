import type { SnapshotRowInput } from '@options-helper/domain';
import { DuckDbDatabase } from '../duckdb/duckdb-database';
import { loadMigrationFiles } from '../migrations/migration-files';
import { migrate } from '../migrations/migration-runner';

// The benchmark's baseline: snapshot rows appended straight into options_snapshot_rows with DuckDB's
// appender, in-process, no validation, no staging, no ledger (issue 3 benchmark: ledger / raw ratio).

const COLUMNS: (keyof SnapshotRowInput)[] = [
  'contract_symbol', 'osi', 'option_type', 'expiry', 'strike', 'bid', 'ask', 'last_price', 'change', 'percent_change',
  'close_price', 'vwap', 'volume', 'open_interest', 'trade_count', 'open_interest_date', 'close_price_date', 'last_trade_date',
  'quote_time', 'trade_time', 'in_the_money', 'implied_volatility', 'iv_source', 'bs_price', 'delta', 'gamma', 'theta_per_day',
  'vega', 'rho', 'greeks_source',
];
const INTEGER_COLUMNS = new Set(['volume', 'open_interest', 'trade_count']);

export interface RawSnapshot {
  symbol: string;
  snapshotDate: string;
  provider: string;
  rows: SnapshotRowInput[];
}

/** Appends every snapshot's rows in one transaction; returns the elapsed milliseconds of the appends. */
export async function rawAppendSnapshots(file: string, snapshots: RawSnapshot[]): Promise<number> {
  const db = await DuckDbDatabase.open(file);
  try {
    const conn = await db.writer();
    await migrate(conn, loadMigrationFiles());
    const start = process.hrtime.bigint();
    await conn.run('BEGIN TRANSACTION');
    const appender = await conn.createAppender('options_snapshot_rows');
    for (const s of snapshots) {
      for (const row of s.rows) {
        appender.appendVarchar(s.symbol);
        appender.appendVarchar(s.snapshotDate);
        appender.appendVarchar(s.provider);
        for (const col of COLUMNS) {
          const v = row[col];
          if (v === null || v === undefined) appender.appendNull();
          else if (typeof v === 'number') {
            if (INTEGER_COLUMNS.has(col)) appender.appendBigInt(BigInt(Math.round(v)));
            else appender.appendDouble(v);
          } else if (typeof v === 'boolean') appender.appendBoolean(v);
          else appender.appendVarchar(String(v));
        }
        appender.endRow();
      }
    }
    appender.flushSync();
    appender.closeSync();
    await conn.run('COMMIT');
    return Number(process.hrtime.bigint() - start) / 1e6;
  } finally {
    db.close();
  }
}
