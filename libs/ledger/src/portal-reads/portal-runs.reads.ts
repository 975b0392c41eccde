import type { DuckDBConnection } from '@duckdb/node-api';
import { PortalRunDetail, PortalRunFacets, PortalRunRow, PortalRunsPage, RUN_STATUSES, RUN_TRIGGERS, RunStatus } from '@options-helper/domain';
import { queryRows } from '../duckdb/duckdb-database';
import { isoSql, optionalTimestamp, toNumber, toText } from '../duckdb/sql-values';
import { CHECK_SELECT, mapCheck } from '../health/health.repository';
import { LedgerValidationError } from '../ledger.errors';
import { getRun, listRunEvents } from '../run-ledger/run-ledger.repository';

// The portal's Runs page (DOMAIN.md §10). Lists are ordered started_at desc, run_id asc and paged by
// offset or by a keyset cursor on (started_at at microsecond precision, run_id).

export interface PortalRunsQuery {
  job?: string;
  status?: RunStatus;
  triggeredBy?: string;
  since?: string;
  until?: string;
  parentRunId?: string;
  text?: string;
  limit?: number;
  offset?: number;
  cursor?: string;
}

const ROW_SELECT = `run_id, parent_run_id, job_name, triggered_by, status, ${isoSql('started_at')}, ${isoSql('ended_at')},
  duration_ms, provider, storage_backend, git_sha, app_version, error_type, error_message, error_stack_hash,
  strftime(started_at, '%Y-%m-%d %H:%M:%S.%f') AS cursor_ts`;

function mapRow(r: Record<string, unknown>, childCount: number): PortalRunRow {
  return {
    run_id: String(r['run_id']),
    parent_run_id: toText(r['parent_run_id']),
    job_name: String(r['job_name']),
    triggered_by: String(r['triggered_by']),
    status: String(r['status']) as RunStatus,
    started_at: String(r['started_at']),
    ended_at: toText(r['ended_at']),
    duration_ms: toNumber(r['duration_ms']),
    provider: toText(r['provider']),
    storage_backend: toText(r['storage_backend']),
    git_sha: toText(r['git_sha']),
    app_version: toText(r['app_version']),
    error_type: toText(r['error_type']),
    error_message: toText(r['error_message']),
    error_stack_hash: toText(r['error_stack_hash']),
    child_count: childCount,
  };
}

export function encodeRunCursor(startedAt: string, runId: string): string {
  return Buffer.from(JSON.stringify([startedAt, runId]), 'utf8').toString('base64url');
}

export function decodeRunCursor(cursor: string): [string, string] {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string'
      && /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{6}$/.test(value[0])) {
      return [value[0], value[1]];
    }
  } catch {
    // fall through
  }
  throw new LedgerValidationError('cursor', 'is not a cursor returned by this endpoint (next_cursor)');
}

async function childCounts(conn: DuckDBConnection, runIds: string[]): Promise<Map<string, number>> {
  if (runIds.length === 0) return new Map();
  const rows = await queryRows(
    conn,
    // Run ids are validated to an alphabet without commas, so a comma-joined parameter is unambiguous.
    `SELECT parent_run_id, count(*) AS n FROM meta.ingestion_runs WHERE parent_run_id IN (SELECT unnest(string_split($1, ','))) GROUP BY 1`,
    [runIds.join(',')],
  );
  return new Map(rows.map((r) => [String(r['parent_run_id']), toNumber(r['n']) ?? 0]));
}

async function withChildCounts(conn: DuckDBConnection, rows: Record<string, unknown>[]): Promise<PortalRunRow[]> {
  const counts = await childCounts(conn, rows.map((r) => String(r['run_id'])));
  return rows.map((r) => mapRow(r, counts.get(String(r['run_id'])) ?? 0));
}

export async function listPortalRuns(conn: DuckDBConnection, q: PortalRunsQuery): Promise<PortalRunsPage> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, ...values: unknown[]) => {
    let text = clause;
    for (const v of values) {
      params.push(v);
      text = text.replace('?', `$${params.length}`);
    }
    where.push(text);
  };
  if (q.job) add('job_name = ?', q.job);
  if (q.status) {
    if (!(RUN_STATUSES as readonly string[]).includes(q.status)) throw new LedgerValidationError('status', `must be one of ${RUN_STATUSES.join(', ')}`);
    add('status = ?', q.status);
  }
  if (q.triggeredBy) add('triggered_by = ?', q.triggeredBy);
  if (q.parentRunId) add('parent_run_id = ?', q.parentRunId);
  const since = optionalTimestamp('since', q.since);
  if (since) add('started_at >= CAST(? AS TIMESTAMP)', since);
  const until = optionalTimestamp('until', q.until);
  if (until) add('started_at < CAST(? AS TIMESTAMP)', until);
  const text = q.text?.trim();
  if (text) {
    // Substring of the descriptive columns; run ids by prefix (a substring scan of 1M unique ids is the slowest part
    // of a search and nobody types the middle of a UUID). ILIKE is fastest without an ESCAPE clause, so text with
    // LIKE wildcards takes the (exact, slower) lower()/contains path instead.
    const needle = text.toLowerCase();
    if (/[%_\\]/.test(text)) {
      add(
        `(starts_with(lower(run_id), ?) OR contains(lower(job_name), ?) OR contains(lower(coalesce(error_type, '')), ?)
          OR contains(lower(coalesce(error_message, '')), ?) OR contains(lower(coalesce(CAST(args_json AS VARCHAR), '')), ?))`,
        needle, needle, needle, needle, needle,
      );
    } else {
      const like = `%${text}%`;
      add(
        `(run_id ILIKE ? OR job_name ILIKE ? OR error_type ILIKE ? OR error_message ILIKE ? OR CAST(args_json AS VARCHAR) ILIKE ?)`,
        `${text}%`, like, like, like, like,
      );
    }
  }
  const filterSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const filterParams = [...params];
  const limit = Math.min(Math.max(Math.trunc(q.limit ?? 50), 1), 500);
  let offset = Math.max(Math.trunc(q.offset ?? 0), 0);
  if (q.cursor) {
    const [ts, id] = decodeRunCursor(q.cursor);
    add('(started_at < CAST(? AS TIMESTAMP) OR (started_at = CAST(? AS TIMESTAMP) AND run_id > ?))', ts, ts, id);
    offset = 0;
  }
  const pageSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  // Keys first (a narrow top-N), then the page's full rows: projecting every column before the sort costs more
  // than the sort itself on a large ledger.
  // A text search scans every row once: the page and the total come from that one scan (a window count) when the
  // page filter is the count filter; otherwise counting apart is cheaper than a window over all rows.
  const windowed = !!text && !q.cursor;
  const keys = await queryRows(
    conn,
    `SELECT run_id, strftime(started_at, '%Y-%m-%d %H:%M:%S.%f') AS cursor_ts${windowed ? ', count(*) OVER () AS total' : ''}
     FROM meta.ingestion_runs ${pageSql} ORDER BY started_at DESC, run_id LIMIT ${limit + 1} OFFSET ${offset}`,
    params,
  );
  const [countRow] = windowed && keys.length > 0
    ? [{ n: keys[0]?.['total'] }]
    : await queryRows(conn, `SELECT count(*) AS n FROM meta.ingestion_runs ${filterSql}`, filterParams);
  const pageKeys = keys.slice(0, limit);
  const last = pageKeys[pageKeys.length - 1];
  return {
    items: await runRows(conn, pageKeys.map((k) => String(k['run_id']))),
    total: toNumber(countRow?.['n']) ?? 0,
    limit,
    offset,
    next_cursor: keys.length > limit && last ? encodeRunCursor(String(last['cursor_ts']), String(last['run_id'])) : null,
  };
}

/** Full rows (with child counts) of the given runs, in the given order. */
async function runRows(conn: DuckDBConnection, runIds: string[]): Promise<PortalRunRow[]> {
  if (runIds.length === 0) return [];
  // Run ids are validated to an alphabet without commas, so a comma-joined parameter is unambiguous.
  const rows = await queryRows(conn, `SELECT ${ROW_SELECT} FROM meta.ingestion_runs WHERE run_id IN (SELECT unnest(string_split($1, ',')))`, [runIds.join(',')]);
  const byId = new Map(rows.map((r) => [String(r['run_id']), r]));
  return withChildCounts(conn, runIds.map((id) => byId.get(id)).filter((r): r is Record<string, unknown> => r !== undefined));
}

export async function portalRunFacets(conn: DuckDBConnection): Promise<PortalRunFacets> {
  const jobs = await queryRows(conn, `SELECT DISTINCT job_name FROM meta.ingestion_runs ORDER BY 1`);
  const [range] = await queryRows(conn, `SELECT ${isoSql('min(started_at)', 'first_at')}, ${isoSql('max(started_at)', 'last_at')} FROM meta.ingestion_runs`);
  return {
    jobs: jobs.map((r) => String(r['job_name'])),
    statuses: [...RUN_STATUSES],
    triggers: [...RUN_TRIGGERS],
    first_started_at: toText(range?.['first_at']),
    last_started_at: toText(range?.['last_at']),
  };
}

export const MAX_CHILD_RUNS = 500;

export async function portalRunDetail(conn: DuckDBConnection, runId: string): Promise<PortalRunDetail | null> {
  const run = await getRun(conn, runId);
  if (!run) return null;
  const parentRows = run.parent_run_id
    ? await queryRows(conn, `SELECT ${ROW_SELECT} FROM meta.ingestion_runs WHERE run_id = $1`, [run.parent_run_id])
    : [];
  const childRows = await queryRows(
    conn,
    `SELECT ${ROW_SELECT} FROM meta.ingestion_runs WHERE parent_run_id = $1 ORDER BY started_at DESC, run_id LIMIT ${MAX_CHILD_RUNS}`,
    [runId],
  );
  const [childTotal] = await queryRows(conn, `SELECT count(*) AS n FROM meta.ingestion_runs WHERE parent_run_id = $1`, [runId]);
  const checks = await queryRows(conn, `SELECT ${CHECK_SELECT} FROM meta.asset_checks WHERE run_id = $1 ORDER BY checked_at, asset_key, check_name, partition_key`, [runId]);
  const [parent] = await withChildCounts(conn, parentRows);
  return {
    run,
    parent: parent ?? null,
    events: await listRunEvents(conn, runId),
    checks: checks.map(mapCheck),
    children: await withChildCounts(conn, childRows),
    children_total: toNumber(childTotal?.['n']) ?? 0,
  };
}
