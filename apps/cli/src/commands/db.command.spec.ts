import * as fs from 'node:fs';
import * as path from 'node:path';
import { HttpLedgerAdapter } from '@options-helper/ledger-client';
import { createDatabaseAtVersion, inspectDatabase, tempDir } from '@options-helper/ledger/testing';
import { spawnLedgerProcess, waitForExit } from '@options-helper/ledger-client/testing';
import { REPO_ROOT, runCli } from '../testing/run-cli';

jest.setTimeout(120_000);

describe('options-helper db', () => {
  let dir: string;
  beforeEach(() => (dir = tempDir('oh-cli-')));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('db init creates the file at the latest version; a second run prints the same and changes nothing; db info lists tables', async () => {
    const file = path.join(dir, 'deep', 'x.duckdb');
    const first = await runCli(['db', 'init', '--duckdb-path', file]);
    expect(first).toMatchObject({ code: 0, stdout: `${file} schema v6\n` });
    const before = await inspectDatabase(file, 'SELECT * FROM schema_migrations ORDER BY schema_version');
    const second = await runCli(['db', 'init', '--duckdb-path', file]);
    expect(second).toMatchObject({ code: 0, stdout: `${file} schema v6\n` });
    expect(await inspectDatabase(file, 'SELECT * FROM schema_migrations ORDER BY schema_version')).toEqual(before);

    const info = await runCli(['db', 'info', '--duckdb-path', file]);
    expect(info.code).toBe(0);
    expect(info.stdout).toContain(`Path: ${file}`);
    expect(info.stdout).toContain('Schema version: 6 (latest 6)');
    for (const table of ['candles_daily', 'options_snapshot_rows', 'option_bars_meta', 'ingestion_runs', 'asset_checks', 'schema_migrations']) {
      expect(info.stdout).toMatch(new RegExp(`\\b${table}\\s+\\d+`));
    }
    const json = JSON.parse((await runCli(['--json', 'db', 'info', '--duckdb-path', file])).stdout);
    expect(json.tables).toContainEqual({ schema: 'main', name: 'schema_migrations', rows: 6 });
  });

  it('db migrate brings a 001–002 database with rows to the latest version, rows intact', async () => {
    const file = path.join(dir, 'old.duckdb');
    await createDatabaseAtVersion(file, 2, [
      `INSERT INTO candles_daily (symbol, interval, auto_adjust, back_adjust, ts, close) VALUES ('AAPL', '1d', true, false, '2024-03-01', 179.66), ('AAPL', '1d', true, false, '2024-03-04', 175.1)`,
      `INSERT INTO option_bars (contract_symbol, interval, ts, close, provider) VALUES ('AAPL240315C00180000', '1d', '2024-03-01', 2.15, 'alpaca')`,
    ]);
    const info = await runCli(['db', 'info', '--duckdb-path', file]);
    expect(info.stdout).toContain('Schema version: 2 (latest 6)');
    expect(await runCli(['db', 'migrate', '--duckdb-path', file])).toMatchObject({ code: 0, stdout: `${file} schema v6\n` });
    expect(await inspectDatabase(file, 'SELECT symbol, close FROM candles_daily ORDER BY ts')).toEqual([
      { symbol: 'AAPL', close: 179.66 },
      { symbol: 'AAPL', close: 175.1 },
    ]);
    expect(await inspectDatabase(file, 'SELECT contract_symbol, close FROM option_bars')).toEqual([{ contract_symbol: 'AAPL240315C00180000', close: 2.15 }]);
  });

  it('db health on a missing file gives guidance and never creates it', async () => {
    const file = path.join(dir, 'missing', 'none.duckdb');
    const text = await runCli(['db', 'health', '--duckdb-path', file]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`DuckDB health: ${file}`);
    expect(text.stdout).toContain('Filters: days=7, limit=50, stale_days=all');
    expect(text.stdout).toContain('DuckDB file does not exist yet.');
    expect(text.stdout).toContain('No run history available.');
    const json = JSON.parse((await runCli(['--json', 'db', 'health', '--duckdb-path', file])).stdout);
    expect(json).toEqual({
      database_path: file,
      database_exists: false,
      meta_tables_present: false,
      filters: { days: 7, limit: 50, stale_days: null },
      latest_runs: [],
      recent_failures: [],
      watermarks: [],
      recent_failed_checks: [],
    });
    expect(fs.existsSync(path.dirname(file))).toBe(false);
  });

  it('db health on a file without meta.* says so and does not migrate it', async () => {
    const file = path.join(dir, 'v2.duckdb');
    await createDatabaseAtVersion(file, 2);
    const text = await runCli(['db', 'health', '--duckdb-path', file]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Observability tables (meta.*) are missing.');
    expect(JSON.parse((await runCli(['--json', 'db', 'health', '--duckdb-path', file])).stdout)).toMatchObject({ database_exists: true, meta_tables_present: false });
    expect(await inspectDatabase(file, 'SELECT max(schema_version) AS v FROM schema_migrations')).toEqual([{ v: 2 }]);
  });

  it('db health over HTTP prints the same JSON as embedded once the service stops; sections, filters and --fail-on', async () => {
    const file = path.join(dir, 'live.duckdb');
    const service = await spawnLedgerProcess(file);
    const env = { OPTIONS_HELPER_LEDGER_URL: service.url };
    let overHttp: string;
    try {
      const port = new HttpLedgerAdapter({ baseUrl: service.url });
      const ok = await port.startRun({ jobName: 'ingest_candles', triggeredBy: 'schedule', provider: 'synthetic' });
      await port.finalizeSuccess({ runId: ok.run_id });
      const bad = await port.startRun({ jobName: 'compute_flow' });
      await port.finalizeFailure({ runId: bad.run_id, error: { type: 'ProviderError', message: 'chain unavailable' } });
      await port.upsertWatermarks([
        { assetKey: 'candles_daily', scopeKey: 'SPY', watermarkTs: new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10) },
        { assetKey: 'candles_daily', scopeKey: 'AAPL', watermarkTs: new Date(Date.now() - 1 * 86_400_000).toISOString().slice(0, 10) },
      ]);
      await port.persistCheck({ assetKey: 'candles_daily', checkName: 'candles_gap_days_last_30', severity: 'warn', status: 'fail', partitionKey: 'SPY', runId: ok.run_id, message: '1 missing session(s) in trailing 30-day window.' });

      overHttp = (await runCli(['--json', 'db', 'health'], { env })).stdout;
      const report = JSON.parse(overHttp);
      expect(Object.keys(report)).toEqual(['database_path', 'database_exists', 'meta_tables_present', 'filters', 'latest_runs', 'recent_failures', 'watermarks', 'recent_failed_checks']);
      expect(report.database_path).toBe(file);
      expect(report.latest_runs.map((r: { job_name: string }) => r.job_name).sort()).toEqual(['compute_flow', 'ingest_candles']);
      expect(report.recent_failures).toHaveLength(1);
      expect(report.watermarks).toHaveLength(2);
      expect(Object.keys(report.watermarks[0])).toEqual(['asset_key', 'scope_key', 'watermark_ts', 'updated_at', 'last_run_id', 'staleness_days', 'staleness_sessions']);

      const filtered = JSON.parse((await runCli(['--json', 'db', 'health', '--stale-days', '5'], { env })).stdout);
      expect(filtered.filters).toEqual({ days: 7, limit: 50, stale_days: 5 });
      expect(filtered.watermarks.map((w: { scope_key: string }) => w.scope_key)).toEqual(['SPY']);

      const text = await runCli(['db', 'health', '--stale-days', '5'], { env });
      expect(text.stdout).toContain('Filters: days=7, limit=50, stale_days=>=5');
      for (const title of ['Latest run per job', 'Recent run failures', 'Recurring failures (stack hash)', 'Watermarks and freshness', 'Recent failed checks']) expect(text.stdout).toContain(title);
      expect(text.stdout).toContain('chain unavailable');
      expect(text.stdout).toContain('candles_gap_days_last_30');

      const gate = await runCli(['db', 'health', '--fail-on', 'error'], { env });
      expect(gate.code).toBe(3);
      expect(gate.stderr).toContain('latest run of compute_flow failed');

      // While the service holds the file, opening it directly is refused with the documented message.
      const locked = await runCli(['db', 'health', '--duckdb-path', file]);
      expect(locked.code).toBe(1);
      expect(locked.stderr).toContain('Error: DuckDB database is locked. Avoid concurrent ingestion and retry.');
    } finally {
      service.child.kill('SIGTERM');
      await waitForExit(service.child);
    }
    const embedded = (await runCli(['--json', 'db', 'health', '--duckdb-path', file])).stdout;
    expect(embedded).toBe(overHttp);
  });

  it('refuses bad flags with exit 2 and the reason', async () => {
    const bad = await runCli(['db', 'health', '--days', '-1', '--duckdb-path', path.join(dir, 'x.duckdb')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--days must be an integer >= 0');
    expect((await runCli(['db', 'health', '--limit', '0'])).code).toBe(2);
    const provider = await runCli(['--provider', 'yahoo', 'db', 'info']);
    expect(provider.code).toBe(2);
    expect(provider.stderr).toContain('--provider must be one of synthetic, csv, alpaca');
    expect((await runCli(['db', 'nonsense'])).code).toBe(2);
  });

  it('--help is quick and loads no service framework or database driver', async () => {
    const started = Date.now();
    const help = await runCli(['--help'], { nodeArgs: ['-r', path.join(REPO_ROOT, 'apps/cli/src/testing/report-loaded-modules.js')] });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: options-helper');
    expect(help.stdout).toContain('Not financial advice. For informational/educational use only.');
    expect(help.stderr).toContain('LOADED_HEAVY=[]');
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
