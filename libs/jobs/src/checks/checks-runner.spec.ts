import type { CheckResult } from '@options-helper/domain';
import { SyntheticProvider } from '@options-helper/providers';
import { ingestCandles } from '../ingest-candles/ingest-candles.job';
import { ingestOptionsBars } from '../ingest-options-bars/ingest-options-bars.job';
import { snapshotOptions } from '../snapshot-options/snapshot-options.job';
import { Harness, jobHarness } from '../testing/job-harness';
import { inProcessChecks, runAssetChecks } from './checks-runner';

jest.setTimeout(180_000);

describe('quality checks with the synthetic provider fault injection', () => {
  let h: Harness;
  const now = new Date('2026-11-25T23:00:00Z');
  beforeEach(async () => {
    const provider = new SyntheticProvider({
      seed: 42,
      now: () => now,
      faults: { negative_prices: ['AAPL'], missing_sessions: { SPY: ['2026-11-20'] }, unparseable_contracts: ['QQQ'], missing_iv: ['QQQ'] },
    });
    h = await jobHarness({ now, provider, watchlists: { monitor: ['QQQ'] } });
    h.ctx.checks = inProcessChecks;
  });
  afterEach(() => h.cleanup());

  const byName = (checks: CheckResult[], name: string, scope?: string) =>
    checks.find((c) => c.check_name === name && (scope === undefined || c.scope_key === scope));

  it('fails the matching checks, with their metrics, while the runs succeed; db health shows them', async () => {
    const candles = await ingestCandles(h.ctx, { symbols: ['SPY', 'AAPL'] });
    expect((await h.ledger.getRun(candles.runId))?.status).toBe('success');
    expect(candles.checks).toHaveLength(8);
    expect(byName(candles.checks, 'candles_no_negative_prices', 'AAPL')).toMatchObject({ status: 'fail', severity: 'error' });
    expect(Number(byName(candles.checks, 'candles_no_negative_prices', 'AAPL')?.metrics['negative_rows'])).toBeGreaterThan(0);
    expect(byName(candles.checks, 'candles_gap_days_last_30', 'SPY')).toMatchObject({ status: 'fail', metrics: { gap_days: 1, missing_sessions_sample: ['2026-11-20'] } });
    expect(byName(candles.checks, 'candles_gap_days_last_30', 'AAPL')).toMatchObject({ status: 'pass' });
    expect(byName(candles.checks, 'candles_no_negative_prices', 'SPY')).toMatchObject({ status: 'pass' });

    const snap = await snapshotOptions(h.ctx, { watchlists: ['monitor'], maxExpiries: 2 });
    expect((await h.ledger.getRun(snap.runId))?.status).toBe('success');
    expect(byName(snap.checks, 'snapshot_parseable_contract_symbol', 'QQQ|2026-11-25')).toMatchObject({ status: 'fail' });
    expect(byName(snap.checks, 'snapshot_null_iv_ratio', 'QQQ|2026-11-25')).toMatchObject({ status: 'fail' });

    const health = await h.ledger.health({ days: 7 });
    const failed = health.recent_failed_checks.map((c) => `${c.check_name}:${c.partition_key}`).sort();
    expect(failed).toEqual(
      expect.arrayContaining([
        'candles_gap_days_last_30:SPY',
        'candles_no_negative_prices:AAPL',
        'snapshot_null_iv_ratio:QQQ|2026-11-25',
        'snapshot_parseable_contract_symbol:QQQ|2026-11-25',
      ]),
    );
    expect(health.recent_failed_checks.every((c) => c.run_id !== null)).toBe(true);

    // The planner lists the repairs in dependency order, with commands. Missing flow/derived watermarks make
    // candles and snapshots upstream at ALL, so their symbol rows collapse into the ALL rows (DOMAIN.md §9.3).
    const plan = await h.ledger.backfillPlan({ staleDays: 3, portfolioPath: 'data/portfolio.json' });
    expect(plan.steps.map((s) => [s.step, s.asset_key, s.scope_key])).toEqual([
      [1, 'candles_daily', 'ALL'],
      [2, 'options_snapshots', 'ALL'],
      [3, 'options_flow', 'ALL'],
      [4, 'derived_daily', 'ALL'],
    ]);
    expect(plan.steps[0]?.reason).toBe('failed checks: candles_gap_days_last_30, candles_no_negative_prices; upstream for: derived_daily, options_flow, options_snapshots');
    expect(plan.steps[0]?.command).toBe('options-helper ingest candles --watchlist positions --watchlist monitor');
    expect(plan.steps[1]?.reason).toBe('failed checks: snapshot_null_iv_ratio, snapshot_parseable_contract_symbol; upstream for: derived_daily, options_flow');
    expect(plan.steps[1]?.command).toBe('options-helper snapshot-options data/portfolio.json --all-expiries --full-chain');
    expect(plan.steps[2]?.reason).toBe('watermark missing');
    expect(plan.hash).toMatch(/^[0-9a-f]{64}$/);
    expect((await h.ledger.backfillPlan({ staleDays: 3, portfolioPath: 'data/portfolio.json' })).hash).toBe(plan.hash);
  });

  it('runs the option-bar checks over the run contracts and on demand', async () => {
    const bars = await ingestOptionsBars(h.ctx, { symbols: ['SPY'], maxExpiries: 1, maxContracts: 10, contractsExpStart: '2026-01-01' });
    expect(bars.checks.map((c) => [c.check_name, c.status])).toEqual([
      ['options_bars_monotonic_ts', 'pass'],
      ['options_bars_no_negative_prices', 'pass'],
      ['options_bars_duplicate_pk', 'pass'],
    ]);
    const onDemand = await runAssetChecks(h.ctx, 'option_bars', ['SPY']);
    expect(onDemand.map((c) => c.status)).toEqual(['pass', 'pass', 'pass']);
    expect(await runAssetChecks(h.ctx, 'options_snapshots', [])).toMatchObject([{ status: 'skip', metrics: { reason: 'no_snapshot_dates' } }, { status: 'skip' }]);
    await expect(runAssetChecks(h.ctx, 'nope', [])).rejects.toThrow('no checks for asset "nope"');
  });
});
