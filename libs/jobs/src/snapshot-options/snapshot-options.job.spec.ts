import { Harness, jobHarness } from '../testing/job-harness';
import { snapshotOptions } from './snapshot-options.job';

jest.setTimeout(120_000);

describe('snapshot_options', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await jobHarness({ watchlists: { monitor: ['SPY', 'AAPL'] } });
  });
  afterEach(() => h.cleanup());

  it('stores full chains with greeks for a watchlist, filed under the data date; a re-run replaces, never duplicates', async () => {
    const result = await snapshotOptions(h.ctx, { watchlists: ['monitor'] });
    expect(result.summary).toMatch(/^2 ok, 0 skipped, 0 failed/);
    const headers = await h.sql(`SELECT symbol, strftime(snapshot_date, '%Y-%m-%d') AS d, provider, spot, contracts, meta_json->>'$.symbol_source' AS source FROM options_snapshot_headers ORDER BY symbol`);
    expect(headers.map((r) => [r['symbol'], r['d'], r['provider'], r['source']])).toEqual([
      ['AAPL', '2026-11-25', 'synthetic', 'watchlists'],
      ['SPY', '2026-11-25', 'synthetic', 'watchlists'],
    ]);
    const spy = headers.find((r) => r['symbol'] === 'SPY') as Record<string, unknown>;
    expect(Number(spy['contracts'])).toBeGreaterThanOrEqual(2000);
    const rows = await h.sql(`SELECT count(*) AS n, count(delta) AS with_delta, count(gamma) AS with_gamma, count(osi) AS with_osi,
      count(*) FILTER (WHERE greeks_source IS NOT NULL) AS with_source FROM options_snapshot_rows WHERE symbol = 'SPY'`);
    expect(Number(rows[0]?.['n'])).toBe(Number(spy['contracts']));
    expect(Number(rows[0]?.['with_delta'])).toBeGreaterThan(Number(rows[0]?.['n']) * 0.9);
    expect(Number(rows[0]?.['with_osi'])).toBe(Number(rows[0]?.['n']));
    const marks = (await h.ledger.health()).watermarks.filter((w) => w.asset_key === 'options_snapshots').map((w) => [w.scope_key, w.watermark_ts]).sort();
    expect(marks).toEqual([
      ['AAPL', '2026-11-25T00:00:00.000Z'],
      ['ALL', '2026-11-25T00:00:00.000Z'],
      ['SPY', '2026-11-25T00:00:00.000Z'],
    ]);

    const before = await h.sql('SELECT count(*) AS n FROM options_snapshot_rows');
    const again = await snapshotOptions(h.ctx, { watchlists: ['monitor'] });
    expect(again.exitCode).toBe(0);
    expect(await h.sql('SELECT count(*) AS n FROM options_snapshot_rows')).toEqual(before);
    expect(await h.sql('SELECT count(*) AS n FROM options_snapshot_headers')).toEqual([{ n: 2 }]);
  });

  it('skips a symbol whose data date differs from --require-data-date and saves nothing for it', async () => {
    const result = await snapshotOptions(h.ctx, { watchlists: ['monitor'], requireDataDate: '2026-11-24' });
    expect(result.outcomes.map((o) => [o.symbol, o.status, o.reason])).toEqual([
      ['AAPL', 'skipped', 'data_date_mismatch'],
      ['SPY', 'skipped', 'data_date_mismatch'],
    ]);
    expect(result.warnings.join('\n')).toContain('candle date 2026-11-25 != required 2026-11-24; skipping snapshot to avoid mis-dated overwrite');
    expect(await h.sql('SELECT count(*) AS n FROM options_snapshot_headers')).toEqual([{ n: 0 }]);
  });

  it('snapshots a past session with --as-of and a windowed chain', async () => {
    const result = await snapshotOptions(h.ctx, { watchlists: ['monitor'], symbols: ['SPY'], asOf: '2026-11-20', fullChain: false, windowPct: 0.05, maxExpiries: 3 });
    expect(result.outcomes).toMatchObject([{ symbol: 'SPY', status: 'ok', dataDate: '2026-11-20' }]);
    const range = await h.sql(`SELECT min(strike) AS lo, max(strike) AS hi, any_value(h.spot) AS spot, count(DISTINCT expiry) AS expiries
      FROM options_snapshot_rows r JOIN options_snapshot_headers h USING (symbol, snapshot_date, provider)`);
    const spot = Number(range[0]?.['spot']);
    expect(Number(range[0]?.['lo'])).toBeGreaterThanOrEqual(spot * 0.95);
    expect(Number(range[0]?.['hi'])).toBeLessThanOrEqual(spot * 1.05);
    expect(Number(range[0]?.['expiries'])).toBe(3);
  });
});
