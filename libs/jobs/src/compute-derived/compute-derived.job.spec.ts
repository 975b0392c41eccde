import { inProcessChecks } from '../checks/checks-runner';
import { ingestCandles } from '../ingest-candles/ingest-candles.job';
import { snapshotOptions } from '../snapshot-options/snapshot-options.job';
import { Harness, jobHarness } from '../testing/job-harness';
import { computeDerived, derivedHistory } from './compute-derived.job';

jest.setTimeout(180_000);

describe('compute_derived (DOMAIN.md §3.5, §5.2)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await jobHarness({ watchlists: { monitor: ['SPY'] } });
    h.ctx.checks = inProcessChecks;
    await ingestCandles(h.ctx, { symbols: ['SPY'] });
    for (const asOf of ['2026-11-24', '2026-11-25']) await snapshotOptions(h.ctx, { watchlists: ['monitor'], asOf, maxExpiries: 4 });
  });
  afterAll(() => h.cleanup());

  const rows = () => h.sql(`SELECT symbol, strftime(date, '%Y-%m-%d') AS date, spot, pc_oi, call_wall, put_wall, atm_iv_near, em_near_pct, rv_20d, rv_60d, iv_rv_20d, atm_iv_near_percentile, iv_term_slope FROM derived_daily ORDER BY date`);

  it('writes exactly one row per (symbol, date) with rv_20d once 21 sessions of candles exist; a re-run changes nothing', async () => {
    const result = await computeDerived(h.ctx, { symbols: ['spy'], asOf: 'latest' });
    expect(result.outcomes).toMatchObject([{ symbol: 'SPY', status: 'ok', dataDate: '2026-11-25', rows: 1 }]);
    expect(result.details['updated']).toEqual(['Derived updated: SPY 2026-11-25']);
    expect(result.checks).toMatchObject([{ check_name: 'derived_no_duplicate_keys', status: 'pass', scope_key: 'SPY' }]);
    const first = await rows();
    expect(first).toHaveLength(1);
    const row = first[0] as Record<string, unknown>;
    expect(row['spot']).toBeGreaterThan(0);
    for (const col of ['pc_oi', 'call_wall', 'put_wall', 'atm_iv_near', 'em_near_pct', 'rv_20d', 'rv_60d', 'iv_rv_20d', 'iv_term_slope']) expect([col, row[col]]).not.toEqual([col, null]);
    expect(row['atm_iv_near_percentile']).toBe(100);
    expect(Number(row['iv_rv_20d'])).toBeCloseTo(Number(row['atm_iv_near']) / Number(row['rv_20d']), 10);

    await computeDerived(h.ctx, { symbols: ['SPY'], asOf: 'latest' });
    expect(await rows()).toEqual(first);

    await computeDerived(h.ctx, { symbols: ['SPY'], asOf: '2026-11-24' });
    const both = await rows();
    expect(both.map((r) => r['date'])).toEqual(['2026-11-24', '2026-11-25']);
    expect((await derivedHistory(h.ctx, 'spy', 1)).map((r) => r.date)).toEqual(['2026-11-25']);
    const marks = (await h.ledger.health()).watermarks.filter((w) => w.asset_key === 'derived_daily').map((w) => [w.scope_key, w.watermark_ts.slice(0, 10)]);
    expect(marks.sort()).toEqual([['ALL', '2026-11-25'], ['SPY', '2026-11-25']]);
  });

  it('skips a date without a snapshot and refuses a bad --as-of', async () => {
    const result = await computeDerived(h.ctx, { symbols: ['SPY', 'QQQ'], asOf: '2026-11-20' });
    expect(result.outcomes.map((o) => [o.symbol, o.status, o.reason])).toEqual([
      ['QQQ', 'skipped', 'no_snapshot_for_date'],
      ['SPY', 'skipped', 'no_snapshot_for_date'],
    ]);
    expect(() => computeDerived(h.ctx, { symbols: ['SPY'], asOf: 'yesterday' as never })).toThrow('--as-of must be latest or YYYY-MM-DD');
  });
});
