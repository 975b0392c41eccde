import type { HealthReport, WatermarkRecord } from './ledger.types';

export type FailOn = 'warn' | 'error';
export const FAIL_ON_LEVELS: readonly FailOn[] = ['warn', 'error'];
export const DEFAULT_STALE_DAYS = 3;

/**
 * The stale rule (DOMAIN.md §2.4): stale at threshold N when staleness_days >= N and at least one session
 * has completed since, so weekends and holidays alone never make an asset stale.
 */
export function isStale(w: Pick<WatermarkRecord, 'staleness_days' | 'staleness_sessions'>, staleDays: number): boolean {
  return w.staleness_days !== null && w.staleness_days >= staleDays && (w.staleness_sessions ?? 0) >= 1;
}

/** Why `db health --fail-on` should exit 3; empty when healthy at that level (DOMAIN.md §9.1). */
export function healthProblems(report: HealthReport, failOn: FailOn, staleDays: number = DEFAULT_STALE_DAYS): string[] {
  const problems: string[] = [];
  for (const run of report.latest_runs) if (run.status === 'failed') problems.push(`latest run of ${run.job_name} failed`);
  for (const check of report.recent_failed_checks) {
    if (check.severity === 'error' || failOn === 'warn') {
      problems.push(`${check.severity} check ${check.check_name} failed for ${check.asset_key} (${check.partition_key ?? 'ALL'})`);
    }
  }
  if (failOn === 'warn') {
    for (const w of report.watermarks) {
      if (isStale(w, staleDays)) problems.push(`watermark ${w.asset_key}/${w.scope_key} is stale (${w.staleness_days}d, ${w.staleness_sessions} session(s))`);
    }
  }
  return problems;
}
