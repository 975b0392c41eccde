import { healthProblems, isStale } from './health-verdict';
import type { HealthReport } from './ledger.types';

function report(partial: Partial<HealthReport>): HealthReport {
  return {
    database_path: '/x.duckdb',
    database_exists: true,
    meta_tables_present: true,
    filters: { days: 7, limit: 50, stale_days: null },
    latest_runs: [],
    recent_failures: [],
    watermarks: [],
    recent_failed_checks: [],
    ...partial,
  };
}

const run = (job: string, status: 'success' | 'failed') => ({
  run_id: job, job_name: job, triggered_by: 'cli', status, started_at: '2026-11-20T00:00:00.000Z', ended_at: null, duration_ms: null,
  provider: null, storage_backend: 'duckdb', error_type: null, error_message: null, error_stack_hash: null,
});
const check = (name: string, severity: 'warn' | 'error') => ({
  check_id: name, checked_at: '2026-11-20T00:00:00.000Z', asset_key: 'candles_daily', partition_key: 'SPY', check_name: name, severity,
  status: 'fail' as const, metrics_json: {}, message: null, run_id: null,
});
const wm = (days: number, sessions: number) => ({
  asset_key: 'candles_daily', scope_key: 'ALL', watermark_ts: '2026-11-20T00:00:00.000Z', updated_at: '2026-11-20T00:00:00.000Z',
  last_run_id: null, staleness_days: days, staleness_sessions: sessions,
});

describe('health verdict', () => {
  it('is healthy when nothing failed and nothing is stale', () => {
    expect(healthProblems(report({ latest_runs: [run('ingest_candles', 'success')] }), 'warn')).toEqual([]);
  });

  it('fails on error for a failed latest run or an error check, not for a warn check', () => {
    expect(healthProblems(report({ latest_runs: [run('compute_flow', 'failed')] }), 'error')).toEqual(['latest run of compute_flow failed']);
    expect(healthProblems(report({ recent_failed_checks: [check('candles_gap_days_last_30', 'warn')] }), 'error')).toEqual([]);
    expect(healthProblems(report({ recent_failed_checks: [check('candles_unique_symbol_date', 'error')] }), 'error')).toHaveLength(1);
  });

  it('fails on warn for warn checks and stale watermarks', () => {
    expect(healthProblems(report({ recent_failed_checks: [check('candles_gap_days_last_30', 'warn')] }), 'warn')).toHaveLength(1);
    expect(healthProblems(report({ watermarks: [wm(5, 2)] }), 'warn', 3)).toHaveLength(1);
  });

  it('never calls a watermark stale across a weekend alone (no completed session since)', () => {
    // Friday's watermark read on Monday morning: 3 calendar days, 0 sessions completed since.
    expect(isStale(wm(3, 0), 3)).toBe(false);
    expect(isStale(wm(3, 1), 3)).toBe(true);
    expect(isStale(wm(2, 1), 3)).toBe(false);
  });
});
