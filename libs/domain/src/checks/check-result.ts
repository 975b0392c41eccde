import type { CheckSeverity, CheckStatus } from '../ledger/ledger.types';

/** One data-quality check outcome (DOMAIN.md §8), persisted with partition_key = scope_key. */
export interface CheckResult {
  asset_key: string;
  check_name: string;
  severity: CheckSeverity;
  status: CheckStatus;
  /** Default ALL. */
  scope_key: string;
  metrics: Record<string, unknown>;
  message: string;
}

export const CHECK_SKIP_REASONS = [
  'no_symbols',
  'no_rows',
  'store_not_queryable',
  'dry_run',
  'no_contracts',
  'contracts_only',
  'no_eligible_contracts',
  'no_snapshot_dates',
  'no_snapshots_saved',
  'empty_contract_symbols',
  'persist_disabled',
] as const;
export type CheckSkipReason = (typeof CHECK_SKIP_REASONS)[number];

/** A skipped check: metrics.reason and the message `check skipped ({reason})`. */
export function skippedCheck(assetKey: string, checkName: string, severity: CheckSeverity, reason: CheckSkipReason, scopeKey = 'ALL'): CheckResult {
  return { asset_key: assetKey, check_name: checkName, severity, status: 'skip', scope_key: scopeKey, metrics: { reason }, message: `check skipped (${reason})` };
}
