import type { CheckResult } from '../check-result';

export interface FlowKeyRow {
  symbol: string | null;
  from_date: string | null;
  to_date: string | null;
  window_size: number | null;
  group_by: string | null;
  row_key: string | null;
}

const blank = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

/** flow_no_null_primary_keys (DOMAIN.md §8): scope ALL; no rows is a pass. */
export function flowChecks(rows: FlowKeyRow[]): CheckResult[] {
  const bad = rows.filter((r) => blank(r.symbol) || blank(r.from_date) || blank(r.to_date) || r.window_size === null || blank(r.group_by) || blank(r.row_key)).length;
  return flowKeyChecks({ rows_checked: rows.length, null_pk_rows: bad });
}

/**
 * The same check from counts taken where the rows are (the flow table grows with every partition, so the runner
 * counts in SQL instead of reading the keys): `null_pk_rows` = rows with a null or blank key column.
 */
export function flowKeyChecks(counts: { rows_checked: number; null_pk_rows: number }): CheckResult[] {
  const checked = counts.rows_checked;
  const bad = counts.null_pk_rows;
  return [
    {
      asset_key: 'options_flow',
      check_name: 'flow_no_null_primary_keys',
      severity: 'error',
      status: bad > 0 ? 'fail' : 'pass',
      scope_key: 'ALL',
      metrics: { rows_checked: checked, null_pk_rows: bad },
      message: bad ? `${bad} flow row(s) with a null or blank key.` : `${checked} flow row(s), keys complete.`,
    },
  ];
}

/** derived_no_duplicate_keys (DOMAIN.md §8) for one symbol's derived dates; no rows ⇒ skip. */
export function derivedChecks(symbol: string, dates: string[]): CheckResult[] {
  if (dates.length === 0) {
    return [{ asset_key: 'derived_daily', check_name: 'derived_no_duplicate_keys', severity: 'error', status: 'skip', scope_key: symbol, metrics: { reason: 'no_rows' }, message: 'check skipped (no_rows)' }];
  }
  const counts = new Map<string, number>();
  for (const d of dates) counts.set(d, (counts.get(d) ?? 0) + 1);
  const duplicated = [...counts.entries()].filter(([, n]) => n > 1);
  const duplicateRows = duplicated.reduce((n, [, c]) => n + c, 0);
  return [
    {
      asset_key: 'derived_daily',
      check_name: 'derived_no_duplicate_keys',
      severity: 'error',
      status: duplicated.length ? 'fail' : 'pass',
      scope_key: symbol,
      metrics: { rows_checked: dates.length, duplicate_rows: duplicateRows, duplicate_dates: duplicated.map(([d]) => d).sort() },
      message: duplicated.length ? `${duplicated.length} date(s) appear more than once.` : `${dates.length} row(s), one per date.`,
    },
  ];
}

/** briefing_markdown_nonempty (DOMAIN.md §8): the report file exists and is not empty. `bytes` null = missing. */
export function briefingChecks(reportDate: string, path: string, bytes: number | null): CheckResult[] {
  const ok = bytes !== null && bytes > 0;
  return [
    {
      asset_key: 'briefing_markdown',
      check_name: 'briefing_markdown_nonempty',
      severity: 'error',
      status: ok ? 'pass' : 'fail',
      scope_key: reportDate,
      metrics: { path, bytes },
      message: ok ? `${path}: ${bytes} bytes.` : bytes === null ? `${path} is missing.` : `${path} is empty.`,
    },
  ];
}
