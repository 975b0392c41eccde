import { coverageGrid, CoverageEventSummary } from './coverage-grid';

const sessions = ['2026-11-19', '2026-11-20', '2026-11-23', '2026-11-24'];
const ev = (session: string, e: Partial<CoverageEventSummary>): CoverageEventSummary => ({
  asset_key: 'options_flow', session, events: 1, success_run_id: null, latest_status: 'success', latest_run_id: 'r', latest_detail: null, ...e,
});

describe('coverageGrid (docs/portal-api.md Coverage)', () => {
  it('applies the rules in order: success event, waiver, failed/skipped event, watermark, missing', () => {
    const [flow] = coverageGrid({
      sessions,
      assets: ['options_flow'],
      events: [
        // A success wins even when a later run failed for the same session.
        ev('2026-11-19', { events: 2, success_run_id: 'ok-1', latest_status: 'failed', latest_run_id: 'bad-1', latest_detail: 'boom' }),
        ev('2026-11-20', { latest_status: 'failed', latest_run_id: 'bad-2', latest_detail: 'provider down' }),
        ev('2026-11-23', { latest_status: 'skipped', latest_run_id: 'skip-3', latest_detail: 'insufficient_snapshots' }),
      ],
      // The waiver beats the failed event of 11-20; the ALL watermark (11-19) does not cover 11-23/24.
      waivers: [{ asset_key: 'options_flow', partition_key: '2026-11-20', reason: 'holiday feed' }],
      watermarks: [
        { asset_key: 'options_flow', scope_key: 'SPY', watermark_date: '2026-11-24', last_run_id: 'wm-spy' },
        { asset_key: 'options_flow', scope_key: 'ALL', watermark_date: '2026-11-19', last_run_id: 'wm-all' },
      ],
    });
    expect(flow?.cells.map((c) => [c.session, c.state, c.basis, c.run_id, c.detail])).toEqual([
      ['2026-11-19', 'materialized', 'event', 'ok-1', null],
      ['2026-11-20', 'waived', 'waiver', 'bad-2', 'holiday feed'],
      ['2026-11-23', 'skipped', 'event', 'skip-3', 'insufficient_snapshots'],
      ['2026-11-24', 'missing', null, null, null],
    ]);
    expect(flow?.counts).toEqual({ materialized: 1, failed: 0, skipped: 1, missing: 1, waived: 1 });
  });

  it('uses the ALL watermark, else the newest scope, to mark sessions on or before it materialized', () => {
    const grid = coverageGrid({
      sessions,
      assets: ['candles_daily', 'derived_daily', 'option_bars'],
      events: [],
      waivers: [],
      watermarks: [
        { asset_key: 'candles_daily', scope_key: 'AAPL', watermark_date: '2026-11-20', last_run_id: 'a' },
        { asset_key: 'candles_daily', scope_key: 'SPY', watermark_date: '2026-11-23', last_run_id: 's' },
        { asset_key: 'derived_daily', scope_key: 'ALL', watermark_date: '2026-11-20', last_run_id: 'all' },
        { asset_key: 'derived_daily', scope_key: 'SPY', watermark_date: '2026-11-24', last_run_id: 'spy' },
      ],
    });
    expect(grid.map((a) => a.cells.map((c) => `${c.state}:${c.run_id}`))).toEqual([
      ['materialized:s', 'materialized:s', 'materialized:s', 'missing:null'],
      ['materialized:all', 'materialized:all', 'missing:null', 'missing:null'],
      ['missing:null', 'missing:null', 'missing:null', 'missing:null'],
    ]);
  });

  it('keeps the order of the assets and sessions it is given, one cell per session', () => {
    const grid = coverageGrid({ sessions, assets: ['b', 'a'], events: [], waivers: [], watermarks: [] });
    expect(grid.map((a) => [a.asset_key, a.cells.length, a.counts.missing])).toEqual([['b', 4, 4], ['a', 4, 4]]);
  });
});
