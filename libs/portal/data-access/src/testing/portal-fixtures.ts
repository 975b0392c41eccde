import type { GapPlan, HealthSnapshot, LatestRunRow, PortalCoverage, PortalCoverageCell, CoverageState } from '@options-helper/domain';

// Fixtures for the portal's unit tests only (never imported by app code): ledger answers with realistic shapes.

export function latestRunFixture(overrides: Partial<LatestRunRow> = {}): LatestRunRow {
  return {
    run_id: '00000000-0000-4000-8000-000000000001',
    job_name: 'ingest_candles',
    triggered_by: 'cli',
    status: 'success',
    started_at: '2026-11-25T23:00:00.000Z',
    ended_at: '2026-11-25T23:00:01.500Z',
    duration_ms: 1500,
    provider: 'synthetic',
    storage_backend: 'duckdb',
    error_type: null,
    error_message: null,
    error_stack_hash: null,
    ...overrides,
  };
}

export function healthSnapshotFixture(overrides: Partial<HealthSnapshot> = {}): HealthSnapshot {
  return {
    database_path: '/data/warehouse/options.duckdb',
    database_exists: true,
    observability_ready: true,
    guidance: null,
    latest_runs: [
      latestRunFixture(),
      latestRunFixture({ run_id: '00000000-0000-4000-8000-000000000002', job_name: 'snapshot_options', status: 'failed', error_type: 'ProviderError', error_message: 'boom' }),
    ],
    recurring_failures: [
      {
        error_stack_hash: 'abc123',
        failure_count: 2,
        job_count: 1,
        jobs: 'snapshot_options',
        latest_started_at: '2026-11-25T23:00:00.000Z',
        first_started_at: '2026-11-24T23:00:00.000Z',
        error_type: 'ProviderError',
        error_message: 'boom',
      },
    ],
    watermarks: [
      { asset_key: 'candles_daily', scope_key: 'ALL', watermark_ts: '2026-11-25T00:00:00.000Z', updated_at: '2026-11-25T23:00:01.000Z', last_run_id: '00000000-0000-4000-8000-000000000001', staleness_days: 1, staleness_sessions: 0, freshness: 'fresh' },
      { asset_key: 'derived_daily', scope_key: 'SPY', watermark_ts: '2026-11-18T00:00:00.000Z', updated_at: '2026-11-18T23:00:01.000Z', last_run_id: null, staleness_days: 8, staleness_sessions: 5, freshness: 'stale' },
    ],
    failed_checks: [],
    ...overrides,
  };
}

export function gapPlanFixture(steps: GapPlan['steps'] = []): GapPlan {
  return { steps, hash: 'f'.repeat(64), stale_days: 3 };
}

export function coverageFixture(): PortalCoverage {
  const sessions = ['2026-11-21', '2026-11-24', '2026-11-25'];
  const cell = (session: string, state: CoverageState, run_id: string | null, detail: string | null = null): PortalCoverageCell => ({
    session,
    state,
    run_id,
    basis: run_id ? 'event' : null,
    events: run_id ? 1 : 0,
    detail,
  });
  const zero = { materialized: 0, failed: 0, skipped: 0, missing: 0, waived: 0 };
  return {
    sessions,
    from: sessions[0],
    to: sessions[2],
    waivers_available: true,
    counts: { materialized: 2, failed: 1, skipped: 0, missing: 2, waived: 1 },
    assets: [
      { asset_key: 'candles_daily', cells: [cell(sessions[0], 'missing', null), cell(sessions[1], 'materialized', 'run-a'), cell(sessions[2], 'materialized', 'run-b')], counts: { ...zero, missing: 1, materialized: 2 } },
      { asset_key: 'options_flow', cells: [cell(sessions[0], 'waived', null, 'holiday data'), cell(sessions[1], 'failed', 'run-c', 'ProviderError: boom'), cell(sessions[2], 'missing', null)], counts: { ...zero, waived: 1, failed: 1, missing: 1 } },
    ],
  };
}
