import type { HealthReport, RecurringFailure } from '@options-helper/domain';
import { textTable } from './text-table';

interface Section {
  title: string;
  columns: string[];
  rows: Record<string, unknown>[];
  empty: string;
  cell?: (row: Record<string, unknown>, col: string) => unknown;
}

/** The human form of `db health` (DOMAIN.md §9.1). */
export function renderHealthReport(report: HealthReport, recurring: RecurringFailure[] = []): string {
  const f = report.filters;
  const out: string[] = [
    `DuckDB health: ${report.database_path}`,
    `Filters: days=${f.days}, limit=${f.limit}, stale_days=${f.stale_days === null ? 'all' : `>=${f.stale_days}`}`,
  ];
  if (!report.database_exists) {
    out.push('DuckDB file does not exist yet.', 'Run `options-helper db init` and at least one producer command first.');
  } else if (!report.meta_tables_present) {
    out.push('Observability tables (meta.*) are missing.', 'Run `options-helper db init` and producer commands to populate health data.');
  }
  const sections: Section[] = [
    {
      title: 'Latest run per job',
      columns: ['job', 'status', 'started_at', 'ended_at', 'duration_ms', 'provider', 'storage'],
      rows: report.latest_runs as unknown as Record<string, unknown>[],
      empty: 'No run history available.',
      cell: (r, c) => (c === 'job' ? r['job_name'] : c === 'storage' ? r['storage_backend'] : r[c]),
    },
    {
      title: 'Recent run failures',
      columns: ['started_at', 'job', 'error_type', 'error_message', 'run_id'],
      rows: report.recent_failures as unknown as Record<string, unknown>[],
      empty: 'No recent failed runs.',
      cell: (r, c) => (c === 'job' ? r['job_name'] : r[c]),
    },
    {
      title: 'Recurring failures (stack hash)',
      columns: ['failure_count', 'jobs', 'latest_started_at', 'error_type', 'error_message', 'error_stack_hash'],
      rows: recurring.map((r) => ({ ...r, error_stack_hash: r.error_stack_hash.slice(0, 12) })) as unknown as Record<string, unknown>[],
      empty: 'No recurring failures.',
    },
    {
      title: 'Watermarks and freshness',
      columns: ['asset_key', 'scope_key', 'watermark_ts', 'staleness_days', 'staleness_sessions', 'last_run_id'],
      rows: report.watermarks as unknown as Record<string, unknown>[],
      empty: 'No watermark records found.',
    },
    {
      title: 'Recent failed checks',
      columns: ['checked_at', 'asset_key', 'partition_key', 'check_name', 'severity', 'message'],
      rows: report.recent_failed_checks as unknown as Record<string, unknown>[],
      empty: 'No recent failed checks.',
    },
  ];
  for (const s of sections) {
    out.push('', s.title);
    out.push(s.rows.length ? textTable(s.columns, s.rows, s.cell) : s.empty);
  }
  return `${out.join('\n')}\n`;
}
