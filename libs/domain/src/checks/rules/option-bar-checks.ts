import type { CheckResult } from '../check-result';

/** Counts measured over the run's option bars (computed where the rows are, in SQL). */
export interface OptionBarStats {
  rows_checked: number;
  invalid_ts_rows: number;
  non_monotonic_groups: number;
  negative_rows: number;
  negative_cells: number;
  duplicate_pk_rows: number;
  duplicate_pk_keys: number;
}

/** The three option-bar checks of DOMAIN.md §8, scope ALL. */
export function optionBarChecks(s: OptionBarStats): CheckResult[] {
  const base = { asset_key: 'option_bars', severity: 'error' as const, scope_key: 'ALL' };
  return [
    {
      ...base,
      check_name: 'options_bars_monotonic_ts',
      status: s.invalid_ts_rows > 0 || s.non_monotonic_groups > 0 ? 'fail' : 'pass',
      metrics: { rows_checked: s.rows_checked, invalid_ts_rows: s.invalid_ts_rows, non_monotonic_groups: s.non_monotonic_groups },
      message: `${s.invalid_ts_rows} invalid ts row(s); ${s.non_monotonic_groups} non-monotonic group(s).`,
    },
    {
      ...base,
      check_name: 'options_bars_no_negative_prices',
      status: s.negative_rows > 0 ? 'fail' : 'pass',
      metrics: { rows_checked: s.rows_checked, negative_rows: s.negative_rows, negative_cells: s.negative_cells },
      message: `${s.negative_rows} row(s) with ${s.negative_cells} negative price(s).`,
    },
    {
      ...base,
      check_name: 'options_bars_duplicate_pk',
      status: s.duplicate_pk_rows > 0 ? 'fail' : 'pass',
      metrics: { rows_checked: s.rows_checked, duplicate_pk_rows: s.duplicate_pk_rows, duplicate_pk_keys: s.duplicate_pk_keys },
      message: `${s.duplicate_pk_keys} duplicated key(s) over ${s.duplicate_pk_rows} row(s).`,
    },
  ];
}
