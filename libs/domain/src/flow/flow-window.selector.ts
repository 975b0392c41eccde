import { compareText } from '../symbols/text-order';
import { assertIsoDate } from '../time';
import type { IsoDate } from '../time';
import { assertFlowWindow } from './flow-artifact.builder';

/**
 * The window's snapshot dates (DOMAIN.md §4.1): the newest `window + 1` dates on or before `asOf` (no bound for
 * `latest`), oldest first; null when there are fewer (the caller skips with `insufficient_snapshots`).
 */
export function flowWindowDates(sortedDates: readonly IsoDate[], asOf: 'latest' | IsoDate, window: number): IsoDate[] | null {
  assertFlowWindow(window);
  if (asOf !== 'latest') assertIsoDate(asOf, 'asOf');
  sortedDates.forEach((d, i) => assertIsoDate(d, `sortedDates[${i}]`));
  // Sorted and de-duplicated again: a duplicate date would pair a day with itself. YYYY-MM-DD text order is date order.
  const eligible = [...new Set(sortedDates)].filter((d) => asOf === 'latest' || d <= asOf).sort(compareText);
  return eligible.length < window + 1 ? null : eligible.slice(eligible.length - (window + 1));
}
