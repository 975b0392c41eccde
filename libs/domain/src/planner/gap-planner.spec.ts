import { createHash } from 'node:crypto';
import { canonicalJson } from '../json';
import { planGapBackfill, type GapPlan } from './gap-planner';
import { failedCheck, fresh, FRESH_REQUIRED, mulberry32, planInput, run, shuffled, watermark } from './testing/plan-inputs.fixtures';

// Commands of the §9.3 table with the default portfolio path, written out once.
const CANDLES_ALL = 'options-helper ingest candles --watchlist positions --watchlist monitor';
const candles = (s: string) => `options-helper ingest candles --symbol ${s}`;
const BARS_ALL = 'options-helper ingest options-bars --watchlist positions --watchlist monitor --lookback-years 2 --resume';
const bars = (s: string) => `options-helper ingest options-bars --symbol ${s} --lookback-years 2 --resume`;
const SNAPSHOTS = 'options-helper snapshot-options data/portfolio.json --all-expiries --full-chain';
const FLOW_ALL = 'options-helper flow data/portfolio.json --window 1 --group-by expiry-strike';
const flow = (s: string) => `options-helper flow data/portfolio.json --symbol ${s} --window 1 --group-by expiry-strike`;
const DERIVED_ALL = 'options-helper derived update --symbol <SYMBOL> --as-of latest';
const derived = (s: string) => `options-helper derived update --symbol ${s} --as-of latest`;

/** The plan as [step, priority, asset_key, scope_key, reason, command] rows, for compact literal expectations. */
const rows = (plan: GapPlan) => plan.steps.map((s) => [s.step, s.priority, s.asset_key, s.scope_key, s.reason, s.command]);

describe('planGapBackfill (DOMAIN.md §9.3)', () => {
  it('plans every required asset as missing on an empty warehouse', () => {
    // Step 2: no watermark rows at all ⇒ (candles_daily|options_snapshots|options_flow|derived_daily, ALL) += missing_watermark.
    // Step 6 (one level, over those four issues):
    //   options_snapshots ⇒ candles_daily ALL += dependency:options_snapshots
    //   options_flow      ⇒ candles_daily ALL, options_snapshots ALL += dependency:options_flow
    //   derived_daily     ⇒ candles_daily ALL, options_snapshots ALL += dependency:derived_daily
    // option_bars is not required and nothing depends on it ⇒ no row. Order by priority 10, 30, 40, 50.
    const plan = planGapBackfill({ watermarks: [], latestRuns: [], failedChecks: [] });
    const steps = [
      { step: 1, priority: 10, asset_key: 'candles_daily', scope_key: 'ALL', reason: 'watermark missing; upstream for: derived_daily, options_flow, options_snapshots', command: CANDLES_ALL },
      { step: 2, priority: 30, asset_key: 'options_snapshots', scope_key: 'ALL', reason: 'watermark missing; upstream for: derived_daily, options_flow', command: SNAPSHOTS },
      { step: 3, priority: 40, asset_key: 'options_flow', scope_key: 'ALL', reason: 'watermark missing', command: FLOW_ALL },
      { step: 4, priority: 50, asset_key: 'derived_daily', scope_key: 'ALL', reason: 'watermark missing', command: DERIVED_ALL },
    ];
    expect(plan).toEqual({ steps, stale_days: 3, hash: expect.any(String) });
    // The hash is SHA-256 of the canonical JSON of {stale_days, steps}; checked against node's own SHA-256.
    expect(plan.hash).toBe(createHash('sha256').update(canonicalJson({ stale_days: 3, steps }) ?? '').digest('hex'));
    // Pinned: the identity of this plan must not drift between releases.
    expect(plan.hash).toBe('f80cf5434744d7a4fdab060e3736dd0ed7ef4d349f743cf2a2abadd422925503');
  });

  it('plans nothing when every required asset is fresh', () => {
    expect(planGapBackfill(planInput({})).steps).toEqual([]);
  });

  it('counts a watermark in any scope as present (no missing row for a symbol-only asset)', () => {
    const watermarks = [fresh('candles_daily', 'SPY'), fresh('options_snapshots'), fresh('options_flow'), fresh('derived_daily', 'QQQ')];
    expect(planGapBackfill(planInput({ watermarks })).steps).toEqual([]);
  });

  it('plans a stale symbol watermark with its staleness and threshold', () => {
    // candles_daily/SPY: 5 calendar days, 3 sessions since ⇒ stale at 3 (5 >= 3 and 3 >= 1). candles has no upstream.
    const plan = planGapBackfill(planInput({ watermarks: [...FRESH_REQUIRED, watermark('candles_daily', 'spy', 5, 3)] }));
    expect(rows(plan)).toEqual([[1, 10, 'candles_daily', 'SPY', 'watermark stale (5d >= 3d)', candles('SPY')]]);
  });

  it('is not stale over a weekend (no session completed) nor below the threshold', () => {
    // Friday's watermark seen on Monday morning: 3 days old, 0 sessions completed since.
    const weekend = watermark('candles_daily', 'SPY', 3, 0);
    const young = watermark('options_flow', 'SPY', 2, 2);
    const unknown = watermark('derived_daily', 'SPY', null, null);
    expect(planGapBackfill(planInput({ watermarks: [...FRESH_REQUIRED, weekend, young, unknown] })).steps).toEqual([]);
    // The same 3-day watermark once a session has closed is stale, exactly at the threshold.
    const plan = planGapBackfill(planInput({ watermarks: [...FRESH_REQUIRED, watermark('candles_daily', 'SPY', 3, 1)] }));
    expect(rows(plan)).toEqual([[1, 10, 'candles_daily', 'SPY', 'watermark stale (3d >= 3d)', candles('SPY')]]);
  });

  it('honours staleDays and carries it into the plan and the hash', () => {
    const input = planInput({ watermarks: [...FRESH_REQUIRED, watermark('candles_daily', 'SPY', 5, 3)] });
    const at7 = planGapBackfill({ ...input, staleDays: 7 });
    expect(at7.steps).toEqual([]);
    expect(at7.stale_days).toBe(7);
    const at5 = planGapBackfill({ ...input, staleDays: 5 });
    expect(rows(at5)).toEqual([[1, 10, 'candles_daily', 'SPY', 'watermark stale (5d >= 5d)', candles('SPY')]]);
    expect(at5.hash).not.toBe(planGapBackfill(input).hash);
  });

  it('expands a stale symbol watermark one level upstream, at the same scope', () => {
    // options_flow/SPY stale ⇒ candles_daily/SPY and options_snapshots/SPY += dependency:options_flow.
    const plan = planGapBackfill(planInput({ watermarks: [...FRESH_REQUIRED, watermark('options_flow', 'SPY', 4, 2)] }));
    expect(rows(plan)).toEqual([
      [1, 10, 'candles_daily', 'SPY', 'upstream for: options_flow', candles('SPY')],
      [2, 30, 'options_snapshots', 'SPY', 'upstream for: options_flow', SNAPSHOTS],
      [3, 40, 'options_flow', 'SPY', 'watermark stale (4d >= 3d)', flow('SPY')],
    ]);
  });

  it('collapses SYMBOL|date check partitions to the symbol', () => {
    // Both partitions normalise to SPY; the repeated check name is listed once, names sorted.
    const failedChecks = [
      failedCheck('options_snapshots', 'SPY|2026-11-20', 'spot_present'),
      failedCheck('options_snapshots', 'SPY|2026-11-19', 'quotes_fresh'),
      failedCheck('options_snapshots', 'spy|2026-11-19', 'spot_present'),
    ];
    const plan = planGapBackfill(planInput({ failedChecks }));
    expect(rows(plan)).toEqual([
      [1, 10, 'candles_daily', 'SPY', 'upstream for: options_snapshots', candles('SPY')],
      [2, 30, 'options_snapshots', 'SPY', 'failed checks: quotes_fresh, spot_present', SNAPSHOTS],
    ]);
  });

  it('plans a check on a date partition or no partition at ALL', () => {
    const failedChecks = [failedCheck('candles_daily', '2026-11-20', 'candle_gap'), failedCheck('candles_daily', null, 'candle_dupes')];
    expect(rows(planGapBackfill(planInput({ failedChecks })))).toEqual([
      [1, 10, 'candles_daily', 'ALL', 'failed checks: candle_dupes, candle_gap', CANDLES_ALL],
    ]);
  });

  it('says "failed checks present" for an unnamed failed check', () => {
    // derived_daily/AAPL ⇒ upstream candles_daily/AAPL and options_snapshots/AAPL.
    const plan = planGapBackfill(planInput({ failedChecks: [failedCheck('derived_daily', 'AAPL', '  ')] }));
    expect(rows(plan)).toEqual([
      [1, 10, 'candles_daily', 'AAPL', 'upstream for: derived_daily', candles('AAPL')],
      [2, 30, 'options_snapshots', 'AAPL', 'upstream for: derived_daily', SNAPSHOTS],
      [3, 50, 'derived_daily', 'AAPL', 'failed checks present', derived('AAPL')],
    ]);
  });

  it('lists named checks only when a row has both named and unnamed failures', () => {
    const failedChecks = [failedCheck('derived_daily', 'AAPL', ''), failedCheck('derived_daily', 'AAPL', 'iv_rank_range')];
    const plan = planGapBackfill(planInput({ failedChecks }));
    expect(plan.steps.find((s) => s.asset_key === 'derived_daily')?.reason).toBe('failed checks: iv_rank_range');
  });

  it('shows the first 3 sorted check names and "+K more"', () => {
    const names = ['e_check', 'c_check', 'a_check', 'd_check', 'b_check', 'a_check'];
    const plan = planGapBackfill(planInput({ failedChecks: names.map((n) => failedCheck('candles_daily', 'SPY', n)) }));
    // 5 distinct names: a, b, c shown, 5 − 3 = 2 more.
    expect(rows(plan)).toEqual([[1, 10, 'candles_daily', 'SPY', 'failed checks: a_check, b_check, c_check, +2 more', candles('SPY')]]);
  });

  it('plans a failed latest compute_flow run at ALL with its upstream assets', () => {
    const latestRuns = [run('compute_flow', 'failed'), run('ingest_candles', 'success'), run('snapshot_options', 'started')];
    expect(rows(planGapBackfill(planInput({ latestRuns })))).toEqual([
      [1, 10, 'candles_daily', 'ALL', 'upstream for: options_flow', CANDLES_ALL],
      [2, 30, 'options_snapshots', 'ALL', 'upstream for: options_flow', SNAPSHOTS],
      [3, 40, 'options_flow', 'ALL', 'latest failed run: compute_flow', FLOW_ALL],
    ]);
  });

  it('plans option_contracts as option_bars (watermarks, checks and the bars job)', () => {
    const watermarks = [...FRESH_REQUIRED, watermark('option_contracts', 'QQQ', 6, 4)];
    const failedChecks = [failedCheck('option_contracts', 'SPY|2026-11-20', 'contracts_present')];
    // option_bars has no upstream and is not required: exactly the two symbol rows, QQQ before SPY.
    expect(rows(planGapBackfill(planInput({ watermarks, failedChecks })))).toEqual([
      [1, 20, 'option_bars', 'QQQ', 'watermark stale (6d >= 3d)', bars('QQQ')],
      [2, 20, 'option_bars', 'SPY', 'failed checks: contracts_present', bars('SPY')],
    ]);
    // A failed bars job adds an ALL row, which absorbs both symbol rows.
    const latestRuns = [run('ingest_options_bars', 'failed')];
    expect(rows(planGapBackfill(planInput({ watermarks, failedChecks, latestRuns })))).toEqual([
      [1, 20, 'option_bars', 'ALL', 'watermark stale (6d >= 3d); failed checks: contracts_present; latest failed run: ingest_options_bars', BARS_ALL],
    ]);
  });

  it('ignores assets and jobs outside the priority table', () => {
    const plan = planGapBackfill(
      planInput({
        watermarks: [...FRESH_REQUIRED, watermark('dashboard_view', 'ALL', 9, 6), watermark('briefing_json', 'SPY', 9, 6)],
        failedChecks: [failedCheck('briefing_markdown', 'SPY', 'disclaimer_present'), failedCheck('Candles_Daily', 'SPY', 'x')],
        latestRuns: [run('build_briefing', 'failed'), run('build_dashboard', 'failed'), run('daily_graph', 'failed')],
      }),
    );
    expect(plan.steps).toEqual([]);
  });

  it('merges every scope of an asset into its ALL row, keeping per-scope rows elsewhere', () => {
    // candles_daily: SPY stale 5d, QQQ stale 4d, AAPL failed check, ALL failed run, SPY dependency of options_flow ⇒ one ALL row,
    //   staleness = max(5, 4) = 5. options_snapshots has no ALL row ⇒ stays at SPY.
    const plan = planGapBackfill(
      planInput({
        watermarks: [...FRESH_REQUIRED, watermark('candles_daily', 'SPY', 5, 3), watermark('candles_daily', 'QQQ', 4, 2)],
        failedChecks: [failedCheck('candles_daily', 'AAPL', 'candle_gap'), failedCheck('options_flow', 'SPY|2026-11-20', 'flow_nonzero')],
        latestRuns: [run('ingest_candles', 'failed')],
      }),
    );
    expect(rows(plan)).toEqual([
      [
        1,
        10,
        'candles_daily',
        'ALL',
        'watermark stale (5d >= 3d); failed checks: candle_gap; latest failed run: ingest_candles; upstream for: options_flow',
        CANDLES_ALL,
      ],
      [2, 30, 'options_snapshots', 'SPY', 'upstream for: options_flow', SNAPSHOTS],
      [3, 40, 'options_flow', 'SPY', 'failed checks: flow_nonzero', flow('SPY')],
    ]);
  });

  it('expands dependencies one level only', () => {
    // derived_daily/MSFT ⇒ options_snapshots/MSFT += dependency:derived_daily. That dependency token is not itself an issue,
    // so candles_daily gets only derived_daily's own dependency — never "upstream for: options_snapshots".
    const plan = planGapBackfill(planInput({ failedChecks: [failedCheck('derived_daily', 'MSFT', 'stats_present')] }));
    expect(plan.steps.map((s) => s.reason)).toEqual(['upstream for: derived_daily', 'upstream for: derived_daily', 'failed checks: stats_present']);
  });

  it('uses the configured portfolio path in commands', () => {
    const plan = planGapBackfill({ ...planInput({ latestRuns: [run('compute_flow', 'failed')] }), portfolioPath: '/srv/pf.json' });
    expect(plan.steps.map((s) => s.command)).toEqual([
      CANDLES_ALL,
      'options-helper snapshot-options /srv/pf.json --all-expiries --full-chain',
      'options-helper flow /srv/pf.json --window 1 --group-by expiry-strike',
    ]);
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('rejects staleDays %p', (staleDays) => {
    expect(() => planGapBackfill(planInput({ staleDays }))).toThrow(RangeError);
  });

  it('gives the identical plan and hash for shuffled inputs', () => {
    const input = planInput({
      watermarks: [
        ...FRESH_REQUIRED,
        watermark('candles_daily', 'SPY', 5, 3),
        watermark('options_flow', 'QQQ', 8, 5),
        watermark('option_contracts', 'IWM', 4, 2),
        watermark('derived_daily', 'spy', 3, 1),
      ],
      failedChecks: [
        failedCheck('options_snapshots', 'SPY|2026-11-20', 'spot_present'),
        failedCheck('options_snapshots', 'QQQ|2026-11-20', ''),
        failedCheck('derived_daily', '2026-11-20', 'stats_present'),
        failedCheck('option_bars', 'IWM', 'bars_gap'),
      ],
      latestRuns: [run('compute_derived', 'failed'), run('ingest_candles', 'success'), run('compute_flow', 'failed')],
    });
    const reference = planGapBackfill(input);
    expect(reference.steps.length).toBeGreaterThan(4);
    const random = mulberry32(20261120);
    for (let i = 0; i < 25; i++) {
      const again = planGapBackfill({
        watermarks: shuffled(input.watermarks, random),
        failedChecks: shuffled(input.failedChecks, random),
        latestRuns: shuffled(input.latestRuns, random),
      });
      expect(again).toEqual(reference);
    }
  });
});
