import type { DuckDBConnection } from '@duckdb/node-api';
import { CoverageEventSummary, CoverageWaiver, CoverageWatermark } from '@options-helper/domain';
import { queryRows } from '../duckdb/duckdb-database';
import { toNumber, toText } from '../duckdb/sql-values';

// Coverage inputs (docs/portal-api.md "Coverage"): events aggregated per (asset, session), watermarks, waivers.
// A run for session D starts after D's close, so only runs started on or after the first session are read.

/**
 * The event's session: partition date (`YYYY-MM-DD` or `KEY|YYYY-MM-DD`), else its data timestamp, else the run's args
 * (`partition`, `as_of`), else the run's start date. CASE evaluates a branch only for the rows that reach it (coalesce
 * would evaluate the JSON fallbacks for every row).
 */
const SESSION_SQL = `CASE
  WHEN e.partition_key LIKE '____-__-__' AND TRY_CAST(e.partition_key AS DATE) IS NOT NULL THEN TRY_CAST(e.partition_key AS DATE)
  WHEN e.partition_key LIKE '%|____-__-__' AND TRY_CAST(right(e.partition_key, 10) AS DATE) IS NOT NULL THEN TRY_CAST(right(e.partition_key, 10) AS DATE)
  WHEN e.max_event_ts IS NOT NULL THEN CAST(e.max_event_ts AS DATE)
  WHEN e.min_event_ts IS NOT NULL THEN CAST(e.min_event_ts AS DATE)
  ELSE coalesce(TRY_CAST(json_extract_string(r.args_json, '$.partition') AS DATE), TRY_CAST(json_extract_string(r.args_json, '$.as_of') AS DATE),
                CAST(r.started_at AS DATE)) END`;

function placeholders(values: readonly unknown[], first: number): string {
  return values.map((_, i) => `$${first + i}`).join(', ');
}

/** The reason of a skipped event or the error of a failed one, from its extra_json. */
function eventDetail(extra: unknown): string | null {
  if (extra === null || extra === undefined) return null;
  let value: unknown = extra;
  if (typeof extra === 'string') {
    try {
      value = JSON.parse(extra);
    } catch {
      return extra;
    }
  }
  if (!value || typeof value !== 'object') return null;
  const o = value as Record<string, unknown>;
  const error = o['error'];
  if (typeof o['reason'] === 'string') return o['reason'];
  if (typeof error === 'string') return error;
  if (error && typeof error === 'object' && typeof (error as Record<string, unknown>)['message'] === 'string') return (error as Record<string, string>)['message'] ?? null;
  return null;
}

export async function coverageEvents(conn: DuckDBConnection, assets: readonly string[], from: string, to: string): Promise<CoverageEventSummary[]> {
  if (assets.length === 0) return [];
  // The runs started since the first session come first: a run for session D starts after D's close, so no older
  // run can cover the range, and the join only meets recent events. The session CASE then runs on those alone.
  const rows = await queryRows(
    conn,
    `WITH r AS (SELECT run_id, started_at, ended_at, args_json FROM meta.ingestion_runs WHERE started_at >= CAST($1 AS TIMESTAMP)),
     ev AS (
       SELECT e.asset_key, e.status, e.run_id, e.extra_json, ${SESSION_SQL} AS session,
              coalesce(e.ended_at, e.started_at, r.ended_at, r.started_at) AS seen_at
       FROM r JOIN meta.ingestion_run_assets e ON e.run_id = r.run_id
       WHERE e.asset_key IN (${placeholders(assets, 3)})
         -- An event whose own data date is before the range (and whose partition is no date) cannot be in it: drop it
         -- before the join, which is where the time goes.
         AND (e.max_event_ts IS NULL OR e.max_event_ts >= CAST($1 AS TIMESTAMP) OR e.partition_key LIKE '%____-__-__'))
     SELECT asset_key, strftime(session, '%Y-%m-%d') AS session_date, count(*) AS events,
            arg_max(run_id, seen_at) FILTER (WHERE status = 'success') AS success_run_id,
            arg_max(status, seen_at) AS latest_status, arg_max(run_id, seen_at) AS latest_run_id,
            arg_max(extra_json, seen_at) FILTER (WHERE status <> 'success') AS latest_extra
     FROM ev WHERE session BETWEEN CAST($1 AS DATE) AND CAST($2 AS DATE) GROUP BY asset_key, session`,
    [from, to, ...assets],
  );
  const out = rows.map((r) => ({
    asset_key: String(r['asset_key']),
    session: String(r['session_date']),
    events: toNumber(r['events']) ?? 0,
    success_run_id: toText(r['success_run_id']),
    latest_status: String(r['latest_status']) as CoverageEventSummary['latest_status'],
    latest_run_id: String(r['latest_run_id']),
    latest_detail: eventDetail(r['latest_extra']),
  }));
  // A failed cell without a reason in its event shows its run's error message (a handful of point lookups).
  const unexplained = [...new Set(out.filter((c) => c.latest_status !== 'success' && !c.latest_detail).map((c) => c.latest_run_id))];
  if (unexplained.length > 0) {
    const errors = await queryRows(conn, `SELECT run_id, error_message FROM meta.ingestion_runs WHERE run_id IN (${placeholders(unexplained, 1)})`, unexplained);
    const byRun = new Map(errors.map((e) => [String(e['run_id']), toText(e['error_message'])]));
    for (const c of out) if (c.latest_status !== 'success' && !c.latest_detail) c.latest_detail = byRun.get(c.latest_run_id) ?? null;
  }
  return out;
}

export async function coverageWatermarks(conn: DuckDBConnection, assets: readonly string[]): Promise<CoverageWatermark[]> {
  if (assets.length === 0) return [];
  const rows = await queryRows(
    conn,
    `SELECT asset_key, scope_key, strftime(watermark_ts, '%Y-%m-%d') AS d, last_run_id FROM meta.asset_watermarks
     WHERE asset_key IN (${placeholders(assets, 1)}) ORDER BY asset_key, scope_key`,
    [...assets],
  );
  return rows.map((r) => ({ asset_key: String(r['asset_key']), scope_key: String(r['scope_key']), watermark_date: String(r['d']), last_run_id: toText(r['last_run_id']) }));
}

export async function hasWaiversTable(conn: DuckDBConnection): Promise<boolean> {
  const rows = await queryRows(
    conn,
    `SELECT 1 FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'meta' AND table_name = 'partition_waivers'`,
  );
  return rows.length > 0;
}

export async function coverageWaivers(conn: DuckDBConnection, assets: readonly string[], from: string, to: string): Promise<CoverageWaiver[]> {
  if (assets.length === 0) return [];
  const rows = await queryRows(
    conn,
    `SELECT asset_key, partition_key, reason FROM meta.partition_waivers
     WHERE partition_key BETWEEN $1 AND $2 AND asset_key IN (${placeholders(assets, 3)})`,
    [from, to, ...assets],
  );
  return rows.map((r) => ({ asset_key: String(r['asset_key']), partition_key: String(r['partition_key']), reason: toText(r['reason']) }));
}
