import type { DuckDBConnection } from '@duckdb/node-api';
import { CoverageEventSummary, CoverageWaiver, CoverageWatermark } from '@options-helper/domain';
import { queryRows } from '../duckdb/duckdb-database';
import { toNumber, toText } from '../duckdb/sql-values';

// Coverage inputs (docs/portal-api.md "Coverage"): events aggregated per (asset, session), watermarks, waivers.

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
  // Each event carries its session and the time it was seen (migration 006), so no run is read; events are appended
  // in time order, so DuckDB's zone maps skip the row groups outside the range.
  const rows = await queryRows(
    conn,
    `SELECT asset_key, strftime(session_date, '%Y-%m-%d') AS session_date, count(*) AS events,
            arg_max(run_id, seen_at) FILTER (WHERE status = 'success') AS success_run_id,
            arg_max(status, seen_at) AS latest_status, arg_max(run_id, seen_at) AS latest_run_id,
            arg_max(extra_json, seen_at) FILTER (WHERE status <> 'success') AS latest_extra
     FROM meta.ingestion_run_assets
     WHERE session_date BETWEEN CAST($1 AS DATE) AND CAST($2 AS DATE) AND asset_key IN (${placeholders(assets, 3)})
     GROUP BY asset_key, session_date`,
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
