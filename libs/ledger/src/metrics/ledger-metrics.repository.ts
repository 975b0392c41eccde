import type { DuckDBConnection } from '@duckdb/node-api';
import { ALL_SCOPE, isStale, TradingCalendar } from '@options-helper/domain';
import { queryRows } from '../duckdb/duckdb-database';
import { toNumber, toSqlTimestamp } from '../duckdb/sql-values';
import { watermarks } from '../health/health.repository';

/** The ledger's Prometheus view, computed from the current state of meta.* (DOMAIN.md §2.4, issue 5). */
export interface LedgerMetricsSnapshot {
  jobs: {
    job: string;
    last_success_ts: number | null;
    last_status: string;
    last_duration_s: number | null;
    success_total: number;
    failed_total: number;
  }[];
  assets: { asset: string; watermark_age_s: number; staleness_sessions: number | null; stale: boolean }[];
  stale_assets: number;
  checks: { asset: string; check: string; severity: string; pass: number; fail: number; skip: number; failing: boolean }[];
}

const CHECK_WINDOW_DAYS = 7;
const STALE_DAYS = 3;

export type JobStats = LedgerMetricsSnapshot['jobs'][number];

/** Per-job run statistics from the runs table (one aggregation; the ledger then keeps them current). */
export async function loadJobStats(conn: DuckDBConnection): Promise<JobStats[]> {
  const jobs = await queryRows(
    conn,
    `SELECT job_name,
            epoch(max(ended_at) FILTER (WHERE status = 'success')) AS last_success,
            arg_max(status, started_at) AS last_status,
            arg_max(duration_ms, ended_at) FILTER (WHERE ended_at IS NOT NULL) AS last_duration_ms,
            count(*) FILTER (WHERE status = 'success') AS success_total,
            count(*) FILTER (WHERE status = 'failed') AS failed_total
     FROM meta.ingestion_runs GROUP BY job_name ORDER BY job_name`,
  );
  return jobs.map((r) => ({
    job: String(r['job_name']),
    last_success_ts: toNumber(r['last_success']),
    last_status: String(r['last_status']),
    last_duration_s: r['last_duration_ms'] === null ? null : (toNumber(r['last_duration_ms']) ?? 0) / 1000,
    success_total: toNumber(r['success_total']) ?? 0,
    failed_total: toNumber(r['failed_total']) ?? 0,
  }));
}

/**
 * Job statistics (given, when the ledger keeps them current, else aggregated), check results of the last 7
 * days and watermarks at scope ALL. It never reads the asset-event history, the largest table.
 */
export async function ledgerMetricsSnapshot(conn: DuckDBConnection, now: Date, calendar: TradingCalendar, jobStats?: JobStats[]): Promise<LedgerMetricsSnapshot> {
  const jobs = jobStats ?? (await loadJobStats(conn));
  const marks = await watermarks(conn, now, calendar, null, 100_000, ALL_SCOPE);
  const checks = await queryRows(
    conn,
    `SELECT asset_key, check_name, severity,
            count(*) FILTER (WHERE status = 'pass') AS pass,
            count(*) FILTER (WHERE status = 'fail') AS fail,
            count(*) FILTER (WHERE status = 'skip') AS skip,
            arg_max(status, checked_at) AS latest
     FROM meta.asset_checks WHERE checked_at >= CAST($1 AS TIMESTAMP)
     GROUP BY asset_key, check_name, severity ORDER BY asset_key, check_name, severity`,
    [toSqlTimestamp(new Date(now.getTime() - CHECK_WINDOW_DAYS * 86_400_000))],
  );
  const assets = marks.map((w) => ({
    asset: w.asset_key,
    watermark_age_s: Math.max(0, (now.getTime() - Date.parse(w.watermark_ts)) / 1000),
    staleness_sessions: w.staleness_sessions,
    stale: isStale(w, STALE_DAYS),
  }));
  return {
    jobs,
    assets,
    stale_assets: assets.filter((a) => a.stale).length,
    checks: checks.map((r) => ({
      asset: String(r['asset_key']),
      check: String(r['check_name']),
      severity: String(r['severity']),
      pass: toNumber(r['pass']) ?? 0,
      fail: toNumber(r['fail']) ?? 0,
      skip: toNumber(r['skip']) ?? 0,
      failing: String(r['latest']) === 'fail',
    })),
  };
}
