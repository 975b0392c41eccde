import type { TradingCalendar } from '../../calendar';
import { addDays, isIsoDate, IsoDate } from '../../time';
import type { CheckResult } from '../check-result';

export interface CandleCheckRow {
  /** The candle's date (`YYYY-MM-DD`, the UTC calendar day of ts), or null when unparseable. */
  date: IsoDate | null;
  open: number | null;
  high: number | null;
  low: number | null;
  close: number | null;
}

const PRICE_COLUMNS = ['open', 'high', 'low', 'close'] as const;

function result(check: string, severity: 'error' | 'warn', scope: string, failed: boolean, metrics: Record<string, unknown>, message: string): CheckResult {
  return { asset_key: 'candles_daily', check_name: check, severity, status: failed ? 'fail' : 'pass', scope_key: scope, metrics, message };
}

/** The four candle checks of DOMAIN.md §8 for one symbol, over its rows in stored (ts) order. */
export function candleChecks(symbol: string, rows: CandleCheckRow[], calendar: TradingCalendar): CheckResult[] {
  const n = rows.length;
  const invalid = rows.filter((r) => !r.date || !isIsoDate(r.date)).length;
  const valid = rows.filter((r): r is CandleCheckRow & { date: IsoDate } => !!r.date && isIsoDate(r.date));

  // candles_unique_symbol_date: every row on a day that appears more than once.
  const perDay = new Map<string, number>();
  for (const r of valid) perDay.set(r.date, (perDay.get(r.date) ?? 0) + 1);
  const duplicateRows = [...perDay.values()].filter((c) => c > 1).reduce((a, b) => a + b, 0);
  const unique = result('candles_unique_symbol_date', 'error', symbol, duplicateRows > 0 || invalid > 0, { rows_checked: n, duplicate_date_rows: duplicateRows, invalid_date_rows: invalid },
    duplicateRows || invalid ? `${duplicateRows} row(s) share a date; ${invalid} row(s) have an unparseable date.` : `${n} row(s), one per date.`);

  // candles_monotonic_date: consecutive pairs in stored order whose date decreases.
  let outOfOrder = 0;
  for (let i = 1; i < valid.length; i++) if ((valid[i] as { date: string }).date < (valid[i - 1] as { date: string }).date) outOfOrder += 1;
  const monotonic = result('candles_monotonic_date', 'error', symbol, outOfOrder > 0 || invalid > 0, { rows_checked: n, out_of_order_pairs: outOfOrder, invalid_date_rows: invalid },
    outOfOrder || invalid ? `${outOfOrder} out-of-order pair(s); ${invalid} invalid date(s).` : 'Dates never decrease.');

  // candles_no_negative_prices.
  let negativeRows = 0;
  let negativeCells = 0;
  for (const r of rows) {
    const cells = PRICE_COLUMNS.filter((c) => typeof r[c] === 'number' && (r[c] as number) < 0).length;
    negativeCells += cells;
    if (cells) negativeRows += 1;
  }
  const negative = result('candles_no_negative_prices', 'error', symbol, negativeRows > 0, { rows_checked: n, negative_rows: negativeRows, negative_cells: negativeCells, price_columns: [...PRICE_COLUMNS] },
    negativeRows ? `${negativeRows} row(s) with ${negativeCells} negative price(s).` : 'No negative prices.');

  // candles_gap_days_last_30: sessions of the calendar in [latest − 29 days, latest] without a row.
  let gap: CheckResult;
  if (valid.length === 0) {
    gap = { asset_key: 'candles_daily', check_name: 'candles_gap_days_last_30', severity: 'warn', status: 'skip', scope_key: symbol, metrics: { reason: 'no_rows', rows_checked: n }, message: 'check skipped (no_rows)' };
  } else {
    const latest = valid.map((r) => r.date).sort().at(-1) as IsoDate;
    const start = addDays(latest, -29);
    const have = new Set(valid.map((r) => r.date));
    const missing = calendar.sessionsBetween(addDays(start, -1), latest).filter((d) => !have.has(d));
    gap = result('candles_gap_days_last_30', 'warn', symbol, missing.length > 0, { rows_checked: n, latest_date: latest, gap_days: missing.length, missing_sessions_sample: missing.slice(0, 10) },
      missing.length ? `${missing.length} missing session(s) in trailing 30-day window.` : 'No missing sessions in trailing 30-day window.');
  }
  return [unique, monotonic, negative, gap];
}
