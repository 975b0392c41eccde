import * as fs from 'node:fs';
import * as path from 'node:path';
import { Ledger } from '../ledger';
import { createDatabaseAtVersion, describeSchema, inspectDatabase, tempDir } from '../testing';
import { loadMigrationFiles } from './migration-files';

describe('migrations', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('creates the file and its folders at the latest version, and re-opening is a no-op', async () => {
    const file = path.join(dir, 'nested', 'warehouse', 'options.duckdb');
    const first = await Ledger.open({ path: file });
    expect(first.openReport.migration).toEqual({ from: 0, to: 6, applied: [1, 2, 3, 4, 5, 6] });
    await first.close();
    const before = await inspectDatabase(file, 'SELECT schema_version, name, checksum, applied_at FROM schema_migrations ORDER BY 1');
    expect(before.map((r) => r['name'])).toEqual(['core_market', 'contracts_and_bars', 'control_plane', 'candles_backfill_flag', 'backfills', 'event_sessions']);

    const second = await Ledger.open({ path: file });
    expect(second.openReport.migration).toEqual({ from: 6, to: 6, applied: [] });
    await second.close();
    expect(await inspectDatabase(file, 'SELECT schema_version, name, checksum, applied_at FROM schema_migrations ORDER BY 1')).toEqual(before);
  });

  it('records the SHA-256 of each file', async () => {
    const file = path.join(dir, 'a.duckdb');
    await (await Ledger.open({ path: file })).close();
    const rows = await inspectDatabase(file, 'SELECT schema_version, checksum FROM schema_migrations ORDER BY 1');
    expect(rows.map((r) => r['checksum'])).toEqual(loadMigrationFiles().map((m) => m.checksum));
    expect(String(rows[0]?.['checksum'])).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a database whose applied migration file was edited afterwards', async () => {
    const migrationsDir = path.join(dir, 'migrations');
    fs.mkdirSync(migrationsDir);
    for (const m of loadMigrationFiles()) fs.writeFileSync(path.join(migrationsDir, m.file), m.sql);
    const file = path.join(dir, 'b.duckdb');
    await (await Ledger.open({ path: file, migrationsDir })).close();
    fs.appendFileSync(path.join(migrationsDir, '002_contracts_and_bars.sql'), '\n-- edited\n');
    await expect(Ledger.open({ path: file, migrationsDir })).rejects.toThrow('migration 002 was modified after it was applied');
  });

  it('upgrades a database at 002 to the latest, keeping its rows, with the same schema as a fresh one', async () => {
    const old = path.join(dir, 'old.duckdb');
    await createDatabaseAtVersion(old, 2, [
      `INSERT INTO candles_daily (symbol, interval, auto_adjust, back_adjust, ts, close, vwap) VALUES ('SPY', '1d', true, false, '2024-01-02', 472.65, 471.9)`,
      `INSERT INTO candles_meta (symbol, interval, auto_adjust, back_adjust, rows, start_ts, end_ts) VALUES ('SPY', '1d', true, false, 1, '2024-01-02', '2024-01-02')`,
      `INSERT INTO option_contracts (contract_symbol, underlying, expiry, option_type, strike) VALUES ('SPY240119C00470000', 'SPY', '2024-01-19', 'call', 470)`,
    ]);
    expect((await inspectDatabase(old, 'SELECT max(schema_version) AS v FROM schema_migrations'))[0]?.['v']).toBe(2);

    const ledger = await Ledger.open({ path: old });
    expect(ledger.openReport.migration?.applied).toEqual([3, 4, 5, 6]);
    await ledger.close();

    const candles = await inspectDatabase(old, 'SELECT symbol, close, vwap FROM candles_daily');
    expect(candles).toEqual([{ symbol: 'SPY', close: 472.65, vwap: 471.9 }]);
    const meta = await inspectDatabase(old, 'SELECT rows, max_backfill_complete FROM candles_meta');
    expect(meta).toEqual([{ rows: 1n, max_backfill_complete: false }]);
    expect(await inspectDatabase(old, 'SELECT contract_symbol FROM option_contracts')).toEqual([{ contract_symbol: 'SPY240119C00470000' }]);

    const fresh = path.join(dir, 'fresh.duckdb');
    await (await Ledger.open({ path: fresh })).close();
    expect(await describeSchema(old)).toEqual(await describeSchema(fresh));
  });

  it('rolls a failing migration back whole and names the file', async () => {
    const migrationsDir = path.join(dir, 'migrations');
    fs.mkdirSync(migrationsDir);
    for (const m of loadMigrationFiles()) fs.writeFileSync(path.join(migrationsDir, m.file), m.sql);
    fs.writeFileSync(path.join(migrationsDir, '007_broken.sql'), 'CREATE TABLE half_done (a INTEGER);\nSELECT * FROM no_such_table;\n');
    const file = path.join(dir, 'c.duckdb');
    await expect(Ledger.open({ path: file, migrationsDir })).rejects.toThrow(/migration 007_broken.sql failed/);
    expect(await inspectDatabase(file, 'SELECT max(schema_version) AS v FROM schema_migrations')).toEqual([{ v: 6 }]);
    expect(await inspectDatabase(file, `SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = 'half_done'`)).toEqual([{ n: 0n }]);
  });
});
