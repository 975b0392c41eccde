import * as fs from 'node:fs';
import * as path from 'node:path';
import { inProcessChecks } from '../checks/checks-runner';
import { snapshotOptions } from '../snapshot-options/snapshot-options.job';
import { Harness, jobHarness } from '../testing/job-harness';
import { computeFlow } from './compute-flow.job';

jest.setTimeout(180_000);

describe('compute_flow (DOMAIN.md §4)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await jobHarness({ watchlists: { monitor: ['SPY'] } });
    h.ctx.checks = inProcessChecks;
    for (const asOf of ['2026-11-20', '2026-11-23', '2026-11-24']) {
      const r = await snapshotOptions(h.ctx, { watchlists: ['monitor'], asOf, maxExpiries: 3 });
      expect(r.summary).toMatch(/^1 ok/);
    }
  });
  afterAll(() => h.cleanup());

  const flowRows = () => h.sql(`SELECT option_type, strftime(expiry, '%Y-%m-%d') AS expiry, strike, delta_oi, delta_oi_notional, n_pairs, row_key FROM options_flow WHERE symbol = 'SPY' ORDER BY row_key`);

  it('persists net rows whose sums equal an independent SQL recomputation from options_snapshot_rows', async () => {
    const result = await computeFlow(h.ctx, { symbols: ['SPY'], window: 2, groupBy: 'expiry-strike' });
    expect(result.outcomes).toMatchObject([{ symbol: 'SPY', status: 'ok', dataDate: '2026-11-24' }]);
    expect(result.checks).toMatchObject([{ check_name: 'flow_no_null_primary_keys', status: 'pass' }]);
    const persisted = await flowRows();
    expect(persisted.length).toBeGreaterThan(50);
    // Independent: join each day to the previous snapshot by contract, ΔOI × today's mark × 100, summed per group.
    const expected = await h.sql(`
      WITH days AS (SELECT DISTINCT snapshot_date AS d FROM options_snapshot_rows WHERE symbol = 'SPY'),
      pairs AS (
        SELECT t.option_type, t.expiry, t.strike, t.open_interest - p.open_interest AS delta_oi,
               CASE WHEN t.bid > 0 AND t.ask > 0 THEN (t.bid + t.ask) / 2 WHEN t.last_price > 0 THEN t.last_price
                    WHEN t.ask > 0 THEN t.ask WHEN t.bid > 0 THEN t.bid END AS mark
        FROM options_snapshot_rows t
        JOIN options_snapshot_rows p ON p.symbol = t.symbol AND p.provider = t.provider AND p.contract_symbol = t.contract_symbol
          AND p.snapshot_date = (SELECT max(d) FROM days WHERE d < t.snapshot_date)
        WHERE t.symbol = 'SPY' AND t.snapshot_date > (SELECT min(d) FROM days))
      SELECT option_type, strftime(expiry, '%Y-%m-%d') AS expiry, strike, sum(coalesce(delta_oi, 0)) AS delta_oi,
             sum(coalesce(delta_oi * mark * 100, 0)) AS delta_oi_notional
      FROM pairs GROUP BY ALL ORDER BY ALL`);
    expect(expected.length).toBeGreaterThan(50);
    const byKey = new Map(persisted.map((r) => [`${r['option_type']}|${r['expiry']}|${r['strike']}`, r]));
    for (const e of expected) {
      const got = byKey.get(`${e['option_type']}|${e['expiry']}|${e['strike']}`);
      expect(got).toBeDefined();
      expect(Number(got?.['delta_oi'])).toBeCloseTo(Number(e['delta_oi']), 6);
      expect(Number(got?.['delta_oi_notional'])).toBeCloseTo(Number(e['delta_oi_notional']), 4);
    }
    expect(persisted.some((r) => Number(r['delta_oi']) > 0)).toBe(true);
    expect(persisted.some((r) => Number(r['delta_oi']) < 0)).toBe(true);
  });

  it('re-running replaces the partition and keeps the row count; --no-persist writes nothing', async () => {
    const before = await flowRows();
    await computeFlow(h.ctx, { symbols: ['SPY'], window: 2, groupBy: 'expiry-strike' });
    expect(await flowRows()).toEqual(before);
    const total = await h.sql('SELECT count(*) AS n FROM options_flow');
    const noPersist = await computeFlow(h.ctx, { symbols: ['SPY'], window: 1, groupBy: 'contract' });
    expect(noPersist.outcomes[0]?.status).toBe('ok');
    const skipped = await computeFlow({ ...h.ctx }, { symbols: ['SPY'], window: 1, groupBy: 'strike', persist: false });
    expect(skipped.outcomes).toMatchObject([{ status: 'skipped', reason: 'persist_disabled' }]);
    expect(skipped.checks).toMatchObject([{ status: 'skip', metrics: { reason: 'persist_disabled' } }]);
    const after = await h.sql(`SELECT count(*) AS n FROM options_flow WHERE group_by = 'strike'`);
    expect(after).toEqual([{ n: 0 }]);
    expect(Number((await h.sql('SELECT count(*) AS n FROM options_flow'))[0]?.['n'])).toBeGreaterThan(Number(total[0]?.['n']));
  });

  it('skips a symbol without enough snapshots, writes the artifact with --out, and refuses bad flags', async () => {
    const short = await computeFlow(h.ctx, { symbols: ['SPY'], window: 5 });
    expect(short.outcomes).toMatchObject([{ status: 'skipped', reason: 'insufficient_snapshots' }]);
    const out = path.join(h.dir, 'out');
    const withOut = await computeFlow(h.ctx, { symbols: ['SPY'], window: 1, groupBy: 'expiry', outDir: out, asOf: '2026-11-23' });
    const file = path.join(out, 'flow', 'SPY', '2026-11-20_to_2026-11-23_w1_expiry.json');
    expect(withOut.outcomes[0]).toMatchObject({ status: 'ok', dataDate: '2026-11-23' });
    const artifact = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(Object.keys(artifact)).toEqual(['as_of', 'from_date', 'generated_at', 'group_by', 'net', 'schema_version', 'snapshot_dates', 'symbol', 'to_date', 'window']);
    expect(artifact).toMatchObject({ schema_version: 1, as_of: '2026-11-23', snapshot_dates: ['2026-11-20', '2026-11-23'], window: 1, group_by: 'expiry' });
    expect(() => computeFlow(h.ctx, { symbols: ['SPY'], groupBy: 'sector' })).toThrow('--group-by must be one of contract, strike, expiry, expiry-strike');
    expect(() => computeFlow(h.ctx, { symbols: ['SPY'], window: 31 })).toThrow('--window must be an integer from 1 to 30');
  });
});
