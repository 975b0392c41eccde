import * as fs from 'node:fs';
import * as path from 'node:path';
import { EmbeddedLedgerAdapter } from '@options-helper/ledger-client';
import { tempDir } from '@options-helper/ledger/testing';
import { runCli } from '../testing/run-cli';

jest.setTimeout(180_000);

describe('options-helper ingest / snapshot-options', () => {
  let dir: string;
  let file: string;
  let env: Record<string, string>;
  beforeEach(() => {
    dir = tempDir('oh-cli-ingest-');
    file = path.join(dir, 'w.duckdb');
    fs.writeFileSync(path.join(dir, 'watchlists.json'), JSON.stringify({ watchlists: { monitor: ['SPY', 'AAPL'] } }));
    env = { OPTIONS_HELPER_WATCHLISTS_PATH: path.join(dir, 'watchlists.json'), OPTIONS_HELPER_PORTFOLIO_PATH: path.join(dir, 'portfolio.json') };
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function sql(query: string): Promise<Record<string, unknown>[]> {
    const port = new EmbeddedLedgerAdapter({ path: file });
    try {
      return (await port.query(query, { maxRows: 10_000 })).rows;
    } finally {
      await port.close();
    }
  }

  it('ingest candles prints the outcomes and the summary line; --json gives the result', async () => {
    const text = await runCli(['--duckdb-path', file, 'ingest', 'candles', '--symbol', 'SPY,AAPL'], { env });
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/AAPL\s+ok\s+\d{4}-\d{2}-\d{2}/);
    expect(text.stdout).toMatch(/ingest_candles run [0-9a-f-]{36}: 2 ok, 0 skipped, 0 failed/);
    expect(text.stdout).toContain('Not financial advice. For informational/educational use only.');
    const json = await runCli(['--json', '--duckdb-path', file, 'ingest', 'candles', '--symbol', 'SPY'], { env });
    const result = JSON.parse(json.stdout);
    expect(result).toMatchObject({ jobName: 'ingest_candles', exitCode: 0, outcomes: [{ symbol: 'SPY', status: 'ok' }] });
    expect(Number((await sql(`SELECT count(*) AS n FROM candles_daily WHERE symbol = 'SPY'`))[0]?.['n'])).toBeGreaterThan(252);
  });

  it('snapshot-options for a watchlist stores chains; options-bars needs a provider with contracts (exit 2)', async () => {
    const snap = await runCli(['--duckdb-path', file, 'snapshot-options', '--watchlist', 'monitor', '--max-expiries', '2'], { env });
    expect(snap.code).toBe(0);
    expect(snap.stdout).toMatch(/snapshot_options run .*: 2 ok, 0 skipped, 0 failed/);
    expect(Number((await sql('SELECT count(*) AS n FROM options_snapshot_headers'))[0]?.['n'])).toBe(2);
    const bars = await runCli(['--provider', 'csv', '--csv-dir', dir, '--duckdb-path', file, 'ingest', 'options-bars', '--symbol', 'SPY'], { env });
    expect(bars.code).toBe(2);
    expect(bars.stderr).toContain('Options bars ingestion requires a provider with option contracts and option bars (synthetic or alpaca).');
    const missing = await runCli(['--duckdb-path', file, 'snapshot-options'], { env });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`portfolio file not found: ${path.join(dir, 'portfolio.json')}`);
  });

  it('csv: one bad value in one chain file fails that symbol with file:line:column; everything else imports', async () => {
    const csvDir = path.join(dir, 'import');
    fs.mkdirSync(path.join(csvDir, 'candles'), { recursive: true });
    const candles = 'Date,Open,High,Low,Close,Volume\n2026-11-18,100,101,99,100.5,1000\n2026-11-19,100.5,102,100,101.5,1000\n2026-11-20,101.5,103,101,102,1000\n';
    fs.writeFileSync(path.join(csvDir, 'candles', 'SPY.csv'), candles);
    fs.writeFileSync(path.join(csvDir, 'candles', 'AAPL.csv'), candles);
    const header = 'contractSymbol,optionType,expiry,strike,bid,ask,lastPrice,volume,openInterest,impliedVolatility,delta';
    const good = [header, 'SPY261218C00100000,call,2026-12-18,100,4.1,4.3,4.2,10,100,0.2,0.61', 'SPY261218P00100000,put,2026-12-18,100,2.0,2.2,2.1,5,80,0.21,-0.39'].join('\n');
    const bad = [header, 'AAPL261218C00100000,C,2026-12-18,100,4.1,4.3,4.2,10,100,0.2,0.6', 'AAPL261218P00100000,P,2026-12-18,100,abc,2.2,2.1,5,80,0.21,-0.4'].join('\n');
    fs.mkdirSync(path.join(csvDir, 'chains', 'SPY'), { recursive: true });
    fs.mkdirSync(path.join(csvDir, 'chains', 'AAPL'), { recursive: true });
    fs.writeFileSync(path.join(csvDir, 'chains', 'SPY', '2026-11-20.csv'), good);
    fs.writeFileSync(path.join(csvDir, 'chains', 'AAPL', '2026-11-20.csv'), bad);

    const res = await runCli(['--json', '--provider', 'csv', '--csv-dir', csvDir, '--duckdb-path', file, 'snapshot-options', '--watchlist', 'monitor', '--as-of', '2026-11-20'], { env });
    const result = JSON.parse(res.stdout);
    const aapl = result.outcomes.find((o: { symbol: string }) => o.symbol === 'AAPL');
    expect(aapl.status).toBe('failed');
    expect(aapl.error.message).toMatch(/chains\/AAPL\/2026-11-20\.csv:3:5/);
    expect(result.outcomes.find((o: { symbol: string }) => o.symbol === 'SPY')).toMatchObject({ status: 'ok', rows: 2 });
    expect(await sql(`SELECT symbol, count(*) AS n FROM options_snapshot_rows GROUP BY symbol`)).toEqual([{ symbol: 'SPY', n: 2 }]);
    expect(await sql(`SELECT delta FROM options_snapshot_rows WHERE contract_symbol = 'SPY261218C00100000'`)).toEqual([{ delta: 0.61 }]);
  });
});

describe('options-helper checks run', () => {
  let dir: string;
  beforeEach(() => (dir = tempDir('oh-cli-checks-')));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('re-runs checks on demand, shows failures from fault injection, and refuses an unknown asset', async () => {
    const file = path.join(dir, 'c.duckdb');
    const env = { OPTIONS_HELPER_SYNTHETIC_FAULTS: JSON.stringify({ negative_prices: ['AAPL'] }) };
    const ingest = await runCli(['--duckdb-path', file, 'ingest', 'candles', '--symbol', 'AAPL'], { env });
    expect(ingest.code).toBe(0);
    const res = await runCli(['--json', '--duckdb-path', file, 'checks', 'run', '--asset', 'candles_daily', '--symbol', 'AAPL'], { env });
    expect(res.code).toBe(0);
    const results = JSON.parse(res.stdout) as { check_name: string; status: string }[];
    expect(results.find((r) => r.check_name === 'candles_no_negative_prices')?.status).toBe('fail');
    const health = JSON.parse((await runCli(['--json', '--duckdb-path', file, 'db', 'health'])).stdout);
    // Once from the ingest run, once on demand (run_id null).
    const negatives = health.recent_failed_checks.filter((c: { check_name: string }) => c.check_name === 'candles_no_negative_prices');
    expect(negatives).toHaveLength(2);
    expect(negatives.some((c: { run_id: string | null }) => c.run_id === null)).toBe(true);
    const bad = await runCli(['--duckdb-path', file, 'checks', 'run', '--asset', 'prices'], {});
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--asset must be one of candles_daily, option_bars, options_snapshots, options_flow, derived_daily');
  });
});

describe('options-helper backfill plan', () => {
  it('prints the ordered steps with commands (display only) and the plan as JSON', async () => {
    const dir = tempDir('oh-cli-plan-');
    try {
      const file = path.join(dir, 'p.duckdb');
      const env = { OPTIONS_HELPER_PORTFOLIO_PATH: 'data/portfolio.json' };
      expect((await runCli(['--duckdb-path', file, 'ingest', 'candles', '--symbol', 'SPY'], { env })).code).toBe(0);
      const text = await runCli(['--duckdb-path', file, 'backfill', 'plan'], { env });
      expect(text.code).toBe(0);
      expect(text.stdout).toMatch(/Gap backfill plan \(display only\) — stale_days=3, hash [0-9a-f]{64}/);
      expect(text.stdout).toContain('options-helper snapshot-options data/portfolio.json --all-expiries --full-chain');
      const plan = JSON.parse((await runCli(['--json', '--duckdb-path', file, 'backfill', 'plan', '--stale-days', '5'], { env })).stdout);
      expect(plan.stale_days).toBe(5);
      expect(plan.steps.map((s: { asset_key: string }) => s.asset_key)).toEqual(['candles_daily', 'options_snapshots', 'options_flow', 'derived_daily']);
      // Planning changes nothing: still exactly one run in the ledger.
      const runs = JSON.parse((await runCli(['--json', '--duckdb-path', file, 'db', 'health'])).stdout).latest_runs;
      expect(runs).toHaveLength(1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('options-helper flow', () => {
  it('prints the flow header and top rows; --no-persist writes nothing', async () => {
    const dir = tempDir('oh-cli-flow-');
    try {
      const file = path.join(dir, 'f.duckdb');
      fs.writeFileSync(path.join(dir, 'watchlists.json'), JSON.stringify({ watchlists: { monitor: ['SPY'] } }));
      const env = { OPTIONS_HELPER_WATCHLISTS_PATH: path.join(dir, 'watchlists.json') };
      for (const asOf of ['2026-11-23', '2026-11-24']) {
        expect((await runCli(['--duckdb-path', file, 'snapshot-options', '--watchlist', 'monitor', '--as-of', asOf, '--max-expiries', '2'], { env })).code).toBe(0);
      }
      const res = await runCli(['--duckdb-path', file, 'flow', '--symbol', 'SPY', '--top', '3'], { env });
      expect(res.code).toBe(0);
      expect(res.stdout).toMatch(/SPY flow 2026-11-23 → 2026-11-24 \| calls ΔOI\$=-?[\d,]+ \| puts ΔOI\$=-?[\d,]+/);
      expect(res.stdout).toMatch(/compute_flow run .*: 1 ok, 0 skipped, 0 failed/);
      const none = await runCli(['--json', '--duckdb-path', file, 'flow', '--symbol', 'SPY', '--group-by', 'strike', '--no-persist'], { env });
      expect(JSON.parse(none.stdout).outcomes).toMatchObject([{ symbol: 'SPY', status: 'skipped', reason: 'persist_disabled' }]);
      const bad = await runCli(['--duckdb-path', file, 'flow', '--group-by', 'sector'], { env });
      expect(bad.code).toBe(2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('options-helper derived', () => {
  it('updates one row per (symbol, date), shows it and reports stats', async () => {
    const dir = tempDir('oh-cli-derived-');
    try {
      const file = path.join(dir, 'd.duckdb');
      fs.writeFileSync(path.join(dir, 'watchlists.json'), JSON.stringify({ watchlists: { monitor: ['SPY'] } }));
      const env = { OPTIONS_HELPER_WATCHLISTS_PATH: path.join(dir, 'watchlists.json') };
      expect((await runCli(['--duckdb-path', file, 'ingest', 'candles', '--symbol', 'SPY'], { env })).code).toBe(0);
      expect((await runCli(['--duckdb-path', file, 'snapshot-options', '--watchlist', 'monitor', '--max-expiries', '3'], { env })).code).toBe(0);
      const upd = await runCli(['--duckdb-path', file, 'derived', 'update', '--symbol', 'SPY', '--as-of', 'latest'], { env });
      expect(upd.code).toBe(0);
      expect(upd.stdout).toMatch(/Derived updated: SPY \d{4}-\d{2}-\d{2}/);
      await runCli(['--duckdb-path', file, 'derived', 'update', '--symbol', 'SPY'], { env });
      const shown = JSON.parse((await runCli(['--json', '--duckdb-path', file, 'derived', 'show', '--symbol', 'SPY'], { env })).stdout);
      expect(shown).toHaveLength(1);
      expect(shown[0].rv_20d).toBeGreaterThan(0);
      const stats = JSON.parse((await runCli(['--duckdb-path', file, 'derived', 'stats', '--symbol', 'SPY', '--format', 'json'], { env })).stdout);
      expect(Object.keys(stats)).toEqual(['schema_version', 'symbol', 'as_of', 'window', 'trend_window', 'metrics', 'warnings']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
