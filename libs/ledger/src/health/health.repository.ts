import type { DuckDBConnection } from '@duckdb/node-api';
import {
  HealthSnapshot,
  isStale,
  RecurringFailure,
  CheckRecord,
  FailedRunRow,
  HealthFilters,
  HealthReport,
  LatestRunRow,
  TradingCalendar,
  WatermarkRecord,
} from '@options-helper/domain';
import { queryRows } from '../duckdb/duckdb-database';
import { isoSql, parseJsonColumn, toNumber, toSqlTimestamp, toText } from '../duckdb/sql-values';

// Health queries (DOMAIN.md §2.4). Each returns [] on any error, so a half-broken file still yields a report.
// `now` is always passed in: staleness is measured against the caller's clock, not DuckDB's.

export const META_TABLES = ['ingestion_runs', 'ingestion_run_assets', 'asset_watermarks', 'asset_checks'] as const;

const LATEST_RUN_SELECT = `run_id, job_name, triggered_by, status, ${isoSql('started_at')}, ${isoSql('ended_at')}, duration_ms,
  provider, storage_backend, error_type, error_message, error_stack_hash`;

function mapLatestRun(r: Record<string, unknown>): LatestRunRow {
  return {
    run_id: String(r['run_id']),
    job_name: String(r['job_name']),
    triggered_by: String(r['triggered_by']),
    status: String(r['status']) as LatestRunRow['status'],
    started_at: String(r['started_at']),
    ended_at: toText(r['ended_at']),
    duration_ms: toNumber(r['duration_ms']),
    provider: toText(r['provider']),
    storage_backend: toText(r['storage_backend']),
    error_type: toText(r['error_type']),
    error_message: toText(r['error_message']),
    error_stack_hash: toText(r['error_stack_hash']),
  };
}

async function orEmpty<T>(work: () => Promise<T[]>): Promise<T[]> {
  try {
    return await work();
  } catch {
    return [];
  }
}

function windowStart(now: Date, days: number): string {
  return toSqlTimestamp(new Date(now.getTime() - days * 86_400_000));
}

export async function hasObservabilityTables(conn: DuckDBConnection): Promise<boolean> {
  try {
    const rows = await queryRows(
      conn,
      `SELECT count(DISTINCT table_name) AS n FROM duckdb_tables()
       WHERE database_name = current_database() AND schema_name = 'meta' AND table_name IN (${META_TABLES.map((t) => `'${t}'`).join(', ')})`,
    );
    return toNumber(rows[0]?.['n']) === META_TABLES.length;
  } catch {
    return false;
  }
}

export function latestRuns(conn: DuckDBConnection, now: Date, days: number | null, limit = 50): Promise<LatestRunRow[]> {
  return orEmpty(async () => {
    const params: unknown[] = [];
    let where = '';
    if (days !== null && days >= 0) {
      params.push(windowStart(now, days));
      where = 'WHERE started_at >= CAST($1 AS TIMESTAMP)';
    }
    // The newest start per job first (a cheap aggregate), then only those rows: a window over every run of a
    // large ledger costs hundreds of milliseconds.
    const rows = await queryRows(
      conn,
      `SELECT ${LATEST_RUN_SELECT} FROM (
         SELECT r.* FROM meta.ingestion_runs r
         JOIN (SELECT job_name, max(started_at) AS newest FROM meta.ingestion_runs ${where} GROUP BY job_name) l
           ON l.job_name = r.job_name AND l.newest = r.started_at
         QUALIFY row_number() OVER (PARTITION BY r.job_name ORDER BY r.started_at DESC, r.run_id DESC) = 1) latest
       ORDER BY latest.started_at DESC, job_name LIMIT ${Math.max(1, Math.trunc(limit))}`,
      params,
    );
    return rows.map(mapLatestRun);
  });
}

export function recentFailures(conn: DuckDBConnection, now: Date, days = 7, limit = 200): Promise<FailedRunRow[]> {
  return orEmpty(async () => {
    const params: unknown[] = [];
    let window = '';
    if (days >= 0) {
      params.push(windowStart(now, days));
      window = 'AND started_at >= CAST($1 AS TIMESTAMP)';
    }
    const rows = await queryRows(
      conn,
      `SELECT ${LATEST_RUN_SELECT}, parent_run_id FROM meta.ingestion_runs WHERE status = 'failed' ${window}
       ORDER BY started_at DESC, run_id LIMIT ${Math.max(1, Math.trunc(limit))}`,
      params,
    );
    return rows.map((r) => ({ ...mapLatestRun(r), parent_run_id: toText(r['parent_run_id']) }));
  });
}

/**
 * Watermarks with staleness in calendar days (DuckDB date_diff against `now`) and in sessions
 * (counted with the trading calendar: sessions after the watermark's date up to the last completed one).
 */
export function watermarks(
  conn: DuckDBConnection,
  now: Date,
  calendar: TradingCalendar,
  staleDays: number | null = null,
  limit = 500,
  scopeKey: string | null = null,
): Promise<WatermarkRecord[]> {
  return orEmpty(async () => {
    const params: unknown[] = [toSqlTimestamp(now)];
    const conditions: string[] = [];
    if (staleDays !== null) conditions.push(`staleness_days >= ${Math.trunc(staleDays)}`);
    if (scopeKey !== null) {
      params.push(scopeKey);
      conditions.push(`scope_key = $2`);
    }
    const filter = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
    const rows = await queryRows(
      conn,
      `SELECT * FROM (
         SELECT asset_key, scope_key, ${isoSql('watermark_ts')}, ${isoSql('updated_at')}, last_run_id,
                strftime(watermark_ts, '%Y-%m-%d') AS watermark_date,
                date_diff('day', watermark_ts, CAST($1 AS TIMESTAMP)) AS staleness_days
         FROM meta.asset_watermarks) w
       ${filter}
       ORDER BY staleness_days DESC, asset_key, scope_key LIMIT ${Math.max(1, Math.trunc(limit))}`,
      params,
    );
    const lastCompleted = safeLastCompleted(calendar, now);
    return rows.map((r) => ({
      asset_key: String(r['asset_key']),
      scope_key: String(r['scope_key']),
      watermark_ts: String(r['watermark_ts']),
      updated_at: String(r['updated_at']),
      last_run_id: toText(r['last_run_id']),
      staleness_days: toNumber(r['staleness_days']),
      staleness_sessions: stalenessSessions(calendar, String(r['watermark_date']), lastCompleted),
    }));
  });
}

function safeLastCompleted(calendar: TradingCalendar, now: Date): string | null {
  try {
    return calendar.lastCompletedSession(now);
  } catch {
    return null;
  }
}

function stalenessSessions(calendar: TradingCalendar, watermarkDate: string, lastCompleted: string | null): number | null {
  if (!lastCompleted) return null;
  if (watermarkDate >= lastCompleted) return 0;
  try {
    return calendar.countSessionsBetween(watermarkDate, lastCompleted);
  } catch {
    return null;
  }
}

export const CHECK_SELECT = `check_id, ${isoSql('checked_at')}, asset_key, partition_key, check_name, severity, status, metrics_json, message, run_id`;

export function mapCheck(r: Record<string, unknown>): CheckRecord {
  return {
    check_id: String(r['check_id']),
    checked_at: String(r['checked_at']),
    asset_key: String(r['asset_key']),
    partition_key: toText(r['partition_key']),
    check_name: String(r['check_name']),
    severity: String(r['severity']) as CheckRecord['severity'],
    status: String(r['status']) as CheckRecord['status'],
    metrics_json: parseJsonColumn(r['metrics_json']),
    message: toText(r['message']),
    run_id: toText(r['run_id']),
  };
}

export function recentCheckFailures(conn: DuckDBConnection, now: Date, days = 30, limit = 200): Promise<CheckRecord[]> {
  return orEmpty(async () => {
    const params: unknown[] = [];
    let window = '';
    if (days >= 0) {
      params.push(windowStart(now, days));
      window = 'AND checked_at >= CAST($1 AS TIMESTAMP)';
    }
    const rows = await queryRows(
      conn,
      `SELECT ${CHECK_SELECT} FROM meta.asset_checks WHERE status = 'fail' ${window}
       ORDER BY checked_at DESC, check_id LIMIT ${Math.max(1, Math.trunc(limit))}`,
      params,
    );
    return rows.map(mapCheck);
  });
}

/** Failed runs in the window grouped by stack hash (blank ⇒ `(missing)`), most frequent first (DOMAIN.md §9.2). */
export function recurringFailures(conn: DuckDBConnection, now: Date, days = 30, limit = 200): Promise<RecurringFailure[]> {
  return orEmpty(async () => {
    const rows = await queryRows(
      conn,
      `SELECT coalesce(nullif(trim(error_stack_hash), ''), '(missing)') AS hash, count(*) AS failure_count,
              count(DISTINCT job_name) AS job_count, array_to_string(list_sort(list_distinct(list(job_name))), ', ') AS jobs,
              strftime(max(started_at), '%Y-%m-%dT%H:%M:%S.%gZ') AS latest_started_at, strftime(min(started_at), '%Y-%m-%dT%H:%M:%S.%gZ') AS first_started_at,
              arg_max(error_type, started_at) AS error_type, arg_max(error_message, started_at) AS error_message
       FROM meta.ingestion_runs WHERE status = 'failed' AND started_at >= CAST($1 AS TIMESTAMP)
       GROUP BY 1 ORDER BY failure_count DESC, max(started_at) DESC, hash LIMIT ${Math.max(1, Math.trunc(limit))}`,
      [windowStart(now, days)],
    );
    return rows.map((r) => ({
      error_stack_hash: String(r['hash']),
      failure_count: toNumber(r['failure_count']) ?? 0,
      job_count: toNumber(r['job_count']) ?? 0,
      jobs: String(r['jobs']),
      latest_started_at: String(r['latest_started_at']),
      first_started_at: String(r['first_started_at']),
      error_type: toText(r['error_type']),
      error_message: toText(r['error_message']),
    }));
  });
}

export const GUIDANCE_MISSING_FILE = (path: string) => `DuckDB database not found: ${path}. Run \`options-helper db init\` and at least one producer command first.`;
export const GUIDANCE_MISSING_TABLES = `Observability tables are missing (${META_TABLES.map((t) => `meta.${t}`).join(', ')}). Run \`options-helper db init\` and producer commands to populate health data.`;

/** The portal's health snapshot (DOMAIN.md §9.2). */
export async function healthSnapshot(conn: DuckDBConnection, databasePath: string, now: Date, calendar: TradingCalendar, days = 30, staleDays = 3, limit = 200): Promise<HealthSnapshot> {
  if (!(await hasObservabilityTables(conn))) {
    return { database_path: databasePath, database_exists: true, observability_ready: false, guidance: GUIDANCE_MISSING_TABLES, latest_runs: [], recurring_failures: [], watermarks: [], failed_checks: [] };
  }
  const marks = await watermarks(conn, now, calendar, null, limit);
  return {
    database_path: databasePath,
    database_exists: true,
    observability_ready: true,
    guidance: null,
    latest_runs: (await latestRuns(conn, now, days, limit)).map((r) => ({ ...r, status: (r.status ? String(r.status).toLowerCase() : 'unknown') as LatestRunRow['status'] })),
    recurring_failures: await recurringFailures(conn, now, days, limit),
    watermarks: marks.map((w) => ({ ...w, freshness: w.staleness_days === null ? 'unknown' : isStale(w, staleDays) ? 'stale' : 'fresh' })),
    failed_checks: await recentCheckFailures(conn, now, days, limit),
  };
}

/** The `db health` report for an existing database file (DOMAIN.md §9.1). */
export async function healthReport(
  conn: DuckDBConnection,
  databasePath: string,
  filters: HealthFilters,
  now: Date,
  calendar: TradingCalendar,
): Promise<HealthReport> {
  const present = await hasObservabilityTables(conn);
  if (!present) return emptyHealthReport(databasePath, true, filters);
  return {
    database_path: databasePath,
    database_exists: true,
    meta_tables_present: true,
    filters,
    latest_runs: await latestRuns(conn, now, filters.days, filters.limit),
    recent_failures: await recentFailures(conn, now, filters.days, filters.limit),
    watermarks: await watermarks(conn, now, calendar, filters.stale_days, filters.limit),
    recent_failed_checks: await recentCheckFailures(conn, now, filters.days, filters.limit),
  };
}

export function emptyHealthReport(databasePath: string, exists: boolean, filters: HealthFilters): HealthReport {
  return {
    database_path: databasePath,
    database_exists: exists,
    meta_tables_present: false,
    filters,
    latest_runs: [],
    recent_failures: [],
    watermarks: [],
    recent_failed_checks: [],
  };
}
