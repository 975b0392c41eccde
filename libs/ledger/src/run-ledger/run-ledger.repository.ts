import type { DuckDBConnection } from '@duckdb/node-api';
import {
  ABANDONED_ERROR_TYPE,
  ABANDONED_MESSAGE,
  ABANDONED_STACK_HASH,
  AssetEventInput,
  AssetEventRecord,
  CheckInput,
  ErrorInfo,
  eventSessionDate,
  Page,
  RUN_STATUSES,
  RunListQuery,
  RunRecord,
  STORAGE_BACKEND,
  StartRunInput,
  WatermarkInput,
  sha256Hex,
} from '@options-helper/domain';
import { bulkUpsert, ColumnType, UpsertSpec } from '../bulk/bulk-upsert';
import { queryRows } from '../duckdb/duckdb-database';
import { isoSql, optionalTimestamp, parseJsonColumn, toNumber, toSqlTimestamp, toText } from '../duckdb/sql-values';
import { LedgerNotFoundError, LedgerValidationError } from '../ledger.errors';
import {
  ASSET_EVENT_COLUMNS,
  assetEventRow,
  CHECK_COLUMNS,
  checkRow,
  oneOf,
  optionalText,
  runIdOf,
  startRunRow,
  WATERMARK_COLUMNS,
  watermarkRow,
} from './run-ledger.validation';

// SQL of the run ledger (DOMAIN.md §2). Every function runs on the connection it is given: writes on the
// write queue's connection inside its transaction, reads on a reader.

export const RUN_SELECT = `run_id, parent_run_id, job_name, triggered_by, status, ${isoSql('started_at')}, ${isoSql('ended_at')},
  duration_ms, provider, storage_backend, args_json, git_sha, app_version, error_type, error_message, error_stack_hash`;

export function mapRun(r: Record<string, unknown>): RunRecord {
  return {
    run_id: String(r['run_id']),
    parent_run_id: toText(r['parent_run_id']),
    job_name: String(r['job_name']),
    triggered_by: String(r['triggered_by']),
    status: String(r['status']) as RunRecord['status'],
    started_at: String(r['started_at']),
    ended_at: toText(r['ended_at']),
    duration_ms: toNumber(r['duration_ms']),
    provider: toText(r['provider']),
    storage_backend: toText(r['storage_backend']),
    args_json: parseJsonColumn(r['args_json']),
    git_sha: toText(r['git_sha']),
    app_version: toText(r['app_version']),
    error_type: toText(r['error_type']),
    error_message: toText(r['error_message']),
    error_stack_hash: toText(r['error_stack_hash']),
  };
}

const EVENT_SELECT = `run_id, asset_key, asset_kind, partition_key, status, rows_inserted, rows_updated, rows_deleted, bytes_written,
  ${isoSql('min_event_ts')}, ${isoSql('max_event_ts')}, extra_json, ${isoSql('started_at')}, ${isoSql('ended_at')}, duration_ms`;

function mapEvent(r: Record<string, unknown>): AssetEventRecord {
  return {
    run_id: String(r['run_id']),
    asset_key: String(r['asset_key']),
    asset_kind: String(r['asset_kind']) as AssetEventRecord['asset_kind'],
    partition_key: String(r['partition_key']),
    status: String(r['status']) as AssetEventRecord['status'],
    rows_inserted: toNumber(r['rows_inserted']),
    rows_updated: toNumber(r['rows_updated']),
    rows_deleted: toNumber(r['rows_deleted']),
    bytes_written: toNumber(r['bytes_written']),
    min_event_ts: toText(r['min_event_ts']),
    max_event_ts: toText(r['max_event_ts']),
    extra_json: parseJsonColumn(r['extra_json']),
    started_at: toText(r['started_at']),
    ended_at: toText(r['ended_at']),
    duration_ms: toNumber(r['duration_ms']),
  };
}

const ASSET_EVENTS_SPEC: UpsertSpec = {
  table: 'meta.ingestion_run_assets',
  key: ['run_id', 'asset_key', 'partition_key'],
  columns: [
    ...ASSET_EVENT_COLUMNS.map((name) => ({
      name,
      type: (name.endsWith('_ts') || name.endsWith('_at') ? 'timestamp' : name === 'extra_json' ? 'json' : /rows_|bytes_|duration/.test(name) ? 'bigint' : 'varchar') as ColumnType,
    })),
    // Migration 006: derived from the event and its run when written (see writeAssetEventRows).
    { name: 'session_date', type: 'date' as ColumnType },
    { name: 'seen_at', type: 'timestamp' as ColumnType },
  ],
};

// Watermarks only move forward; updated_at and last_run_id follow only a watermark that is not older.
const WATERMARKS_SPEC: UpsertSpec = {
  table: 'meta.asset_watermarks',
  key: ['asset_key', 'scope_key'],
  columns: WATERMARK_COLUMNS.map((name) => ({ name, type: name.endsWith('_ts') || name === 'updated_at' ? 'timestamp' : 'varchar' })),
  dedupeOrder: 'CAST(watermark_ts AS TIMESTAMP) DESC, ord DESC',
  onConflictSet: `watermark_ts = greatest(meta.asset_watermarks.watermark_ts, excluded.watermark_ts),
    updated_at = CASE WHEN excluded.watermark_ts >= meta.asset_watermarks.watermark_ts THEN excluded.updated_at ELSE meta.asset_watermarks.updated_at END,
    last_run_id = CASE WHEN excluded.watermark_ts >= meta.asset_watermarks.watermark_ts THEN excluded.last_run_id ELSE meta.asset_watermarks.last_run_id END`,
};

const CHECKS_SPEC: UpsertSpec = {
  table: 'meta.asset_checks',
  key: ['check_id'],
  columns: CHECK_COLUMNS.map((name) => ({ name, type: name === 'checked_at' ? 'timestamp' : name === 'metrics_json' ? 'json' : 'varchar' })),
};

export async function getRun(conn: DuckDBConnection, runId: string): Promise<RunRecord | null> {
  const rows = await queryRows(conn, `SELECT ${RUN_SELECT} FROM meta.ingestion_runs WHERE run_id = $1`, [runId]);
  return rows[0] ? mapRun(rows[0]) : null;
}

export async function startRun(conn: DuckDBConnection, input: StartRunInput, now: Date): Promise<RunRecord> {
  const row = startRunRow(input, now);
  await conn.run(
    `INSERT INTO meta.ingestion_runs (run_id, parent_run_id, job_name, triggered_by, status, started_at, provider, storage_backend,
       args_json, git_sha, app_version)
     VALUES ($1, $2, $3, $4, 'started', CAST($5 AS TIMESTAMP), $6, '${STORAGE_BACKEND}', CAST($7 AS JSON), $8, $9)
     ON CONFLICT (run_id) DO NOTHING`,
    [row.run_id, row.parent_run_id, row.job_name, row.triggered_by, row.started_at, row.provider, row.args_json, row.git_sha, row.app_version],
  );
  return (await getRun(conn, row.run_id)) as RunRecord;
}

export type StageRow = (string | number | null)[];

/** Validates events before they reach the write queue; a bad one refuses the whole request. */
export function assetEventRows(inputs: AssetEventInput[]): StageRow[] {
  return inputs.map((input, i) => assetEventRow(input, `events[${i}]`));
}

export async function writeAssetEventRows(conn: DuckDBConnection, rows: StageRow[]): Promise<void> {
  const runsById = await existingRuns(conn, rows.map((r) => r[0] as string), 'events[].runId');
  const col = (name: (typeof ASSET_EVENT_COLUMNS)[number]) => ASSET_EVENT_COLUMNS.indexOf(name);
  // Each event's session and the time it was seen travel with it (migration 006), so Coverage reads no run.
  const withSessions = rows.map((r) => {
    const run = runsById.get(r[col('run_id')] as string) as EventRun;
    const text = (i: number) => (r[i] === null || r[i] === undefined ? null : String(r[i]));
    const session = eventSessionDate({
      partition_key: String(r[col('partition_key')]),
      min_event_ts: text(col('min_event_ts')),
      max_event_ts: text(col('max_event_ts')),
      run_partition_arg: run.partition,
      run_as_of_arg: run.as_of,
      run_started_at: run.started_at,
    });
    return [...r, session, text(col('ended_at')) ?? text(col('started_at')) ?? run.started_at];
  });
  await bulkUpsert(conn, ASSET_EVENTS_SPEC, withSessions);
}

interface EventRun {
  partition: string | null;
  as_of: string | null;
  started_at: string;
}

/**
 * The runs a batch of events or checks belongs to, with what the event session rule reads. Each must exist (start_run
 * comes first); a missing one is a validation error on `field`.
 */
async function existingRuns(conn: DuckDBConnection, runIds: string[], field: string): Promise<Map<string, EventRun>> {
  const wanted = [...new Set(runIds)];
  if (wanted.length === 0) return new Map();
  // Run ids are validated to an alphabet without commas, so a comma-joined parameter is unambiguous.
  const rows = await queryRows(
    conn,
    `SELECT run_id, json_extract_string(args_json, '$.partition') AS partition, json_extract_string(args_json, '$.as_of') AS as_of,
            strftime(started_at, '%Y-%m-%d %H:%M:%S.%g') AS started_at
     FROM meta.ingestion_runs WHERE run_id IN (SELECT unnest(string_split($1, ',')))`,
    [wanted.join(',')],
  );
  const out = new Map(rows.map((r) => [String(r['run_id']), { partition: toText(r['partition']), as_of: toText(r['as_of']), started_at: String(r['started_at']) }]));
  const missing = wanted.find((id) => !out.has(id));
  if (missing) throw new LedgerValidationError(field, `run ${missing} does not exist: start_run must be called before writing run assets/checks`);
  return out;
}

/** Null entries are null/unparseable watermarks: ignored, not errors (DOMAIN.md §2.2). */
export function watermarkRows(inputs: WatermarkInput[], now: Date): (StageRow | null)[] {
  return inputs.map((input, i) => watermarkRow(input, `watermarks[${i}]`, now));
}

export async function writeWatermarkRows(conn: DuckDBConnection, rows: (StageRow | null)[]): Promise<boolean[]> {
  await bulkUpsert(conn, WATERMARKS_SPEC, rows.filter((r): r is StageRow => r !== null));
  return rows.map((r) => r !== null);
}

export function checkRows(inputs: CheckInput[], now: Date): StageRow[] {
  return inputs.map((input, i) => checkRow(input, `checks[${i}]`, now));
}

/** Returns the check ids, in order. */
export async function writeCheckRows(conn: DuckDBConnection, rows: StageRow[]): Promise<string[]> {
  await existingRuns(conn, rows.map((r) => r[9]).filter((id): id is string => typeof id === 'string'), 'checks[].runId');
  await bulkUpsert(conn, CHECKS_SPEC, rows);
  return rows.map((r) => r[0] as string);
}

/** Same rule as errorStackHash (DOMAIN.md §2.3), applied to an error that crossed a process boundary. */
export function stackHash(error: ErrorInfo, stackText?: string | null): string {
  return sha256Hex(stackText?.trim() || error.stack?.trim() || `${error.type}: ${error.message}`);
}

export interface FinalizeRow {
  runId: string;
  status: 'success' | 'failed';
  endedAt: Date;
  durationMs?: number | null;
  error?: ErrorInfo;
  stackText?: string | null;
}

/** Sets the terminal state once; a finalised run is left as it is (DOMAIN.md §2.2). */
/** Returns the run and whether this call finalised it (false for a run that was already terminal). */
export async function finalizeRun(conn: DuckDBConnection, f: FinalizeRow): Promise<{ run: RunRecord; changed: boolean }> {
  const runId = runIdOf('runId', f.runId);
  const existing = await getRun(conn, runId);
  if (!existing) throw new LedgerNotFoundError(`run ${runId} does not exist`);
  if (existing.status !== 'started') return { run: existing, changed: false };
  const error = f.status === 'failed' ? normaliseError(f.error) : null;
  await conn.run(
    `UPDATE meta.ingestion_runs SET status = $2, ended_at = CAST($3 AS TIMESTAMP),
       duration_ms = coalesce($4::BIGINT, greatest(0, date_diff('millisecond', started_at, CAST($3 AS TIMESTAMP)))),
       error_type = $5, error_message = $6, error_stack_hash = $7
     WHERE run_id = $1 AND status = 'started'`,
    [
      runId,
      f.status,
      toSqlTimestamp(f.endedAt),
      f.durationMs === null || f.durationMs === undefined ? null : Math.max(0, Math.round(f.durationMs)),
      error?.type ?? null,
      error?.message ?? null,
      error ? stackHash(error, f.stackText) : null,
    ],
  );
  return { run: (await getRun(conn, runId)) as RunRecord, changed: true };
}

function normaliseError(error: ErrorInfo | undefined): ErrorInfo {
  if (!error || typeof error !== 'object') throw new LedgerValidationError('error', 'is required to finalize a failed run');
  const type = optionalText('error.type', error.type) ?? 'Error';
  const message = typeof error.message === 'string' ? error.message : String(error.message ?? '');
  const stack = optionalText('error.stack', error.stack ?? null);
  return { type, message, stack };
}

/** Runs left `started` by a process that died become failed/Abandoned; returns how many. */
export async function recoverAbandonedRuns(conn: DuckDBConnection, now: Date): Promise<number> {
  const rows = await queryRows(
    conn,
    `UPDATE meta.ingestion_runs SET status = 'failed', ended_at = CAST($1 AS TIMESTAMP),
       duration_ms = greatest(0, date_diff('millisecond', started_at, CAST($1 AS TIMESTAMP))),
       error_type = $2, error_message = $3, error_stack_hash = $4
     WHERE status = 'started' RETURNING run_id`,
    [toSqlTimestamp(now), ABANDONED_ERROR_TYPE, ABANDONED_MESSAGE, ABANDONED_STACK_HASH],
  );
  return rows.length;
}

export async function listRuns(conn: DuckDBConnection, q: RunListQuery): Promise<Page<RunRecord>> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, value: unknown) => {
    params.push(value);
    where.push(clause.replace('?', `$${params.length}`));
  };
  if (q.jobName) add('job_name = ?', q.jobName);
  if (q.status) add('status = ?', oneOf('status', q.status, RUN_STATUSES));
  if (q.triggeredBy) add('triggered_by = ?', q.triggeredBy);
  if (q.parentRunId) add('parent_run_id = ?', q.parentRunId);
  const since = optionalTimestamp('since', q.since);
  if (since) add('started_at >= CAST(? AS TIMESTAMP)', since);
  const until = optionalTimestamp('until', q.until);
  if (until) add('started_at < CAST(? AS TIMESTAMP)', until);
  const limit = Math.min(Math.max(Math.trunc(q.limit ?? 50), 1), 1000);
  const offset = Math.max(Math.trunc(q.offset ?? 0), 0);
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const [countRow] = await queryRows(conn, `SELECT count(*) AS n FROM meta.ingestion_runs ${whereSql}`, params);
  const rows = await queryRows(
    conn,
    `SELECT ${RUN_SELECT} FROM meta.ingestion_runs ${whereSql} ORDER BY started_at DESC, run_id LIMIT ${limit} OFFSET ${offset}`,
    params,
  );
  return { items: rows.map(mapRun), total: toNumber(countRow?.['n']) ?? 0, limit, offset };
}

export async function listRunEvents(conn: DuckDBConnection, runId: string): Promise<AssetEventRecord[]> {
  const rows = await queryRows(
    conn,
    `SELECT ${EVENT_SELECT} FROM meta.ingestion_run_assets WHERE run_id = $1 ORDER BY asset_key, partition_key`,
    [runId],
  );
  return rows.map(mapEvent);
}
