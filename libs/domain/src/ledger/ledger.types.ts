// The run ledger's vocabulary (DOMAIN.md §1.5, §2): what jobs hand to the ledger and what it hands back.
// Inputs are camelCase (the LedgerPort operations); records are snake_case, exactly the columns callers see
// in JSON (db health, REST), with timestamps as ISO-8601 UTC strings.

export type RunStatus = 'started' | 'success' | 'failed';
export type AssetEventStatus = 'success' | 'failed' | 'skipped';
export type CheckSeverity = 'error' | 'warn';
export type CheckStatus = 'pass' | 'fail' | 'skip';
export type AssetKindName = 'table' | 'file' | 'view';

export const RUN_STATUSES: readonly RunStatus[] = ['started', 'success', 'failed'];
export const ASSET_EVENT_STATUSES: readonly AssetEventStatus[] = ['success', 'failed', 'skipped'];
export const CHECK_SEVERITIES: readonly CheckSeverity[] = ['error', 'warn'];
export const CHECK_STATUSES: readonly CheckStatus[] = ['pass', 'fail', 'skip'];
export const ASSET_KIND_NAMES: readonly AssetKindName[] = ['table', 'file', 'view'];
export const RUN_TRIGGERS = ['cli', 'api', 'schedule', 'backfill'] as const;
export type RunTrigger = (typeof RUN_TRIGGERS)[number];

/** Partition/scope key used when none is given (blank keys always mean this). */
export const ALL_SCOPE = 'ALL';
export const STORAGE_BACKEND = 'duckdb';

/** A timestamp as accepted on input: a Date, or an ISO-8601 date/instant string. */
export type TimestampInput = Date | string;

export interface StartRunInput {
  jobName: string;
  triggeredBy?: string | null;
  parentRunId?: string | null;
  provider?: string | null;
  args?: unknown;
  gitSha?: string | null;
  appVersion?: string | null;
  runId?: string | null;
  startedAt?: TimestampInput | null;
}

export interface AssetEventInput {
  runId: string;
  assetKey: string;
  assetKind: AssetKindName;
  partitionKey?: string | null;
  status?: AssetEventStatus;
  rowsInserted?: number | null;
  rowsUpdated?: number | null;
  rowsDeleted?: number | null;
  bytesWritten?: number | null;
  minEventTs?: TimestampInput | null;
  maxEventTs?: TimestampInput | null;
  extra?: unknown;
  startedAt?: TimestampInput | null;
  endedAt?: TimestampInput | null;
  durationMs?: number | null;
}

export interface WatermarkInput {
  assetKey: string;
  scopeKey?: string | null;
  watermarkTs: TimestampInput | null | undefined;
  lastRunId?: string | null;
}

export interface CheckInput {
  assetKey: string;
  checkName: string;
  severity: CheckSeverity;
  status: CheckStatus;
  partitionKey?: string | null;
  metrics?: unknown;
  message?: string | null;
  runId?: string | null;
  checkId?: string | null;
  checkedAt?: TimestampInput | null;
}

/** An error as it travels between processes: enough to reproduce error_type, message and stack hash. */
export interface ErrorInfo {
  type: string;
  message: string;
  stack?: string | null;
}

export interface FinalizeSuccessInput {
  runId: string;
  endedAt?: TimestampInput | null;
}

export interface FinalizeFailureInput {
  runId: string;
  error: ErrorInfo;
  endedAt?: TimestampInput | null;
  /** When given, hashed instead of the error's own stack (DOMAIN.md §2.3). */
  stackText?: string | null;
}

export interface RunRecord {
  run_id: string;
  parent_run_id: string | null;
  job_name: string;
  triggered_by: string;
  status: RunStatus;
  started_at: string;
  ended_at: string | null;
  duration_ms: number | null;
  provider: string | null;
  storage_backend: string | null;
  args_json: unknown;
  git_sha: string | null;
  app_version: string | null;
  error_type: string | null;
  error_message: string | null;
  error_stack_hash: string | null;
}

export interface AssetEventRecord {
  run_id: string;
  asset_key: string;
  asset_kind: AssetKindName;
  partition_key: string;
  status: AssetEventStatus;
  rows_inserted: number | null;
  rows_updated: number | null;
  rows_deleted: number | null;
  bytes_written: number | null;
  min_event_ts: string | null;
  max_event_ts: string | null;
  extra_json: unknown;
  started_at: string | null;
  ended_at: string | null;
  duration_ms: number | null;
}

export interface WatermarkRecord {
  asset_key: string;
  scope_key: string;
  watermark_ts: string;
  updated_at: string;
  last_run_id: string | null;
  staleness_days: number | null;
  staleness_sessions: number | null;
}

export interface CheckRecord {
  check_id: string;
  checked_at: string;
  asset_key: string;
  partition_key: string | null;
  check_name: string;
  severity: CheckSeverity;
  status: CheckStatus;
  metrics_json: unknown;
  message: string | null;
  run_id: string | null;
}

/** Columns of `latestRuns` (DOMAIN.md §2.4). */
export type LatestRunRow = Omit<RunRecord, 'parent_run_id' | 'args_json' | 'git_sha' | 'app_version'>;
/** Columns of `recentFailures`: the latest-run columns plus parent_run_id. */
export type FailedRunRow = LatestRunRow & { parent_run_id: string | null };

export interface HealthFilters {
  days: number;
  limit: number;
  stale_days: number | null;
}

/** `options-helper db health --json` and `GET /api/v1/health` (DOMAIN.md §9.1). */
export interface HealthReport {
  database_path: string;
  database_exists: boolean;
  meta_tables_present: boolean;
  filters: HealthFilters;
  latest_runs: LatestRunRow[];
  recent_failures: FailedRunRow[];
  watermarks: WatermarkRecord[];
  recent_failed_checks: CheckRecord[];
}

export interface HealthQuery {
  days?: number;
  limit?: number;
  staleDays?: number | null;
}

export interface TableInfo {
  schema: string;
  name: string;
  rows: number | null;
}

/** `options-helper db info` and `GET /api/v1/info`. */
export interface DbInfo {
  database_path: string;
  database_exists: boolean;
  schema_version: number;
  latest_schema_version: number;
  tables: TableInfo[];
}

export interface RunListQuery {
  jobName?: string;
  status?: RunStatus;
  triggeredBy?: string;
  parentRunId?: string;
  since?: TimestampInput;
  until?: TimestampInput;
  limit?: number;
  offset?: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export interface RowWriteResult {
  table: string;
  rows_written: number;
}

/** Failed runs grouped by error_stack_hash (DOMAIN.md §9.2). */
export interface RecurringFailure {
  error_stack_hash: string;
  failure_count: number;
  job_count: number;
  jobs: string;
  latest_started_at: string;
  first_started_at: string;
  error_type: string | null;
  error_message: string | null;
}

export type Freshness = 'fresh' | 'stale' | 'unknown';

/** The portal's health snapshot (DOMAIN.md §9.2). */
export interface HealthSnapshot {
  database_path: string;
  database_exists: boolean;
  observability_ready: boolean;
  guidance: string | null;
  latest_runs: LatestRunRow[];
  recurring_failures: RecurringFailure[];
  watermarks: (WatermarkRecord & { freshness: Freshness })[];
  failed_checks: CheckRecord[];
}
