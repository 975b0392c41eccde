import { randomUUID } from 'node:crypto';
import {
  ALL_SCOPE,
  ASSET_EVENT_STATUSES,
  ASSET_KIND_NAMES,
  AssetEventInput,
  CHECK_SEVERITIES,
  CHECK_STATUSES,
  CheckInput,
  RUN_TRIGGERS,
  StartRunInput,
  WatermarkInput,
} from '@options-helper/domain';
import { canonicalJson } from '@options-helper/domain';
import { optionalTimestamp, parseInstant, toSqlTimestamp } from '../duckdb/sql-values';
import { LedgerValidationError } from '../ledger.errors';

// Turns LedgerPort inputs into stage rows, refusing bad ones with the field and the reason.

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

export function requiredText(field: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') throw new LedgerValidationError(field, 'is required');
  return value.trim();
}

export function optionalText(field: string, value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string') throw new LedgerValidationError(field, 'must be a string');
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

export function runIdOf(field: string, value: unknown): string {
  const id = requiredText(field, value);
  if (!ID_PATTERN.test(id)) throw new LedgerValidationError(field, 'must be 1–128 letters, digits, ".", "_", ":" or "-"');
  return id;
}

export function optionalRunId(field: string, value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  return runIdOf(field, value);
}

/** Blank keys always mean ALL (DOMAIN.md §2.2). */
export function keyOrAll(field: string, value: unknown): string {
  if (value === null || value === undefined) return ALL_SCOPE;
  if (typeof value !== 'string') throw new LedgerValidationError(field, 'must be a string');
  return value.trim() === '' ? ALL_SCOPE : value.trim();
}

export function oneOf<T extends string>(field: string, value: unknown, allowed: readonly T[], fallback?: T): T {
  if ((value === undefined || value === null || value === '') && fallback !== undefined) return fallback;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new LedgerValidationError(field, `must be one of ${allowed.join(', ')}; got ${JSON.stringify(value)}`);
}

export function optionalCount(field: string, value: unknown): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || !Number.isInteger(value)) {
    throw new LedgerValidationError(field, 'must be a non-negative integer');
  }
  return value;
}

export interface StartRunRow {
  run_id: string;
  parent_run_id: string | null;
  job_name: string;
  triggered_by: string;
  started_at: string;
  provider: string | null;
  args_json: string | null;
  git_sha: string | null;
  app_version: string | null;
}

export function startRunRow(input: StartRunInput, now: Date): StartRunRow {
  const triggered = typeof input.triggeredBy === 'string' ? input.triggeredBy.trim() : input.triggeredBy;
  return {
    run_id: input.runId ? runIdOf('runId', input.runId) : randomUUID(),
    parent_run_id: optionalRunId('parentRunId', input.parentRunId),
    job_name: requiredText('jobName', input.jobName),
    triggered_by: oneOf('triggeredBy', triggered, RUN_TRIGGERS, 'cli'),
    started_at: optionalTimestamp('startedAt', input.startedAt) ?? toSqlTimestamp(now),
    provider: optionalText('provider', input.provider),
    args_json: canonicalJson(input.args),
    git_sha: optionalText('gitSha', input.gitSha),
    app_version: optionalText('appVersion', input.appVersion),
  };
}

export const ASSET_EVENT_COLUMNS = [
  'run_id', 'asset_key', 'asset_kind', 'partition_key', 'status', 'rows_inserted', 'rows_updated', 'rows_deleted',
  'bytes_written', 'min_event_ts', 'max_event_ts', 'extra_json', 'started_at', 'ended_at', 'duration_ms',
] as const;

export function assetEventRow(input: AssetEventInput, field: string): (string | number | null)[] {
  const startedAt = optionalTimestamp(`${field}.startedAt`, input.startedAt);
  const endedAt = optionalTimestamp(`${field}.endedAt`, input.endedAt);
  let duration = optionalCount(`${field}.durationMs`, input.durationMs);
  if (duration === null && startedAt && endedAt) {
    duration = Math.max(0, Math.round(Date.parse(`${endedAt.replace(' ', 'T')}Z`) - Date.parse(`${startedAt.replace(' ', 'T')}Z`)));
  }
  return [
    runIdOf(`${field}.runId`, input.runId),
    requiredText(`${field}.assetKey`, input.assetKey),
    oneOf(`${field}.assetKind`, input.assetKind, ASSET_KIND_NAMES),
    keyOrAll(`${field}.partitionKey`, input.partitionKey),
    oneOf(`${field}.status`, input.status, ASSET_EVENT_STATUSES, 'success'),
    optionalCount(`${field}.rowsInserted`, input.rowsInserted),
    optionalCount(`${field}.rowsUpdated`, input.rowsUpdated),
    optionalCount(`${field}.rowsDeleted`, input.rowsDeleted),
    optionalCount(`${field}.bytesWritten`, input.bytesWritten),
    optionalTimestamp(`${field}.minEventTs`, input.minEventTs),
    optionalTimestamp(`${field}.maxEventTs`, input.maxEventTs),
    canonicalJson(input.extra),
    startedAt,
    endedAt,
    duration,
  ];
}

export const WATERMARK_COLUMNS = ['asset_key', 'scope_key', 'watermark_ts', 'updated_at', 'last_run_id'] as const;

/** Null when the watermark is null or unparseable: such updates are ignored, not errors (DOMAIN.md §2.2). */
export function watermarkRow(input: WatermarkInput, field: string, now: Date): (string | null)[] | null {
  const ts = parseInstant(input.watermarkTs);
  if (!ts) return null;
  return [
    requiredText(`${field}.assetKey`, input.assetKey),
    keyOrAll(`${field}.scopeKey`, input.scopeKey),
    toSqlTimestamp(ts),
    toSqlTimestamp(now),
    optionalRunId(`${field}.lastRunId`, input.lastRunId),
  ];
}

export const CHECK_COLUMNS = [
  'check_id', 'asset_key', 'partition_key', 'check_name', 'severity', 'status', 'checked_at', 'metrics_json', 'message', 'run_id',
] as const;

export function checkRow(input: CheckInput, field: string, now: Date): (string | null)[] {
  return [
    input.checkId ? runIdOf(`${field}.checkId`, input.checkId) : randomUUID(),
    requiredText(`${field}.assetKey`, input.assetKey),
    keyOrAll(`${field}.partitionKey`, input.partitionKey),
    requiredText(`${field}.checkName`, input.checkName),
    oneOf(`${field}.severity`, input.severity, CHECK_SEVERITIES),
    oneOf(`${field}.status`, input.status, CHECK_STATUSES),
    optionalTimestamp(`${field}.checkedAt`, input.checkedAt) ?? toSqlTimestamp(now),
    canonicalJson(input.metrics),
    input.message === null || input.message === undefined ? null : String(input.message),
    optionalRunId(`${field}.runId`, input.runId),
  ];
}
