import { planGapBackfill } from './gap-planner';
import { renderPlanTable } from './gap-plan.table';
import { planInput, run } from './testing/plan-inputs.fixtures';

describe('renderPlanTable', () => {
  it('pads every column to its widest cell, two spaces apart, without trailing blanks', () => {
    const plan = planGapBackfill(planInput({ latestRuns: [run('compute_flow', 'failed')] }));
    expect(renderPlanTable(plan).split('\n')).toEqual([
      'step  priority  asset_key          scope_key  reason                           command',
      '1     10        candles_daily      ALL        upstream for: options_flow       options-helper ingest candles --watchlist positions --watchlist monitor',
      '2     30        options_snapshots  ALL        upstream for: options_flow       options-helper snapshot-options data/portfolio.json --all-expiries --full-chain',
      '3     40        options_flow       ALL        latest failed run: compute_flow  options-helper flow data/portfolio.json --window 1 --group-by expiry-strike',
    ]);
  });

  it('prints only the header for an empty plan', () => {
    expect(renderPlanTable({ steps: [] })).toBe('step  priority  asset_key  scope_key  reason  command');
  });
});
