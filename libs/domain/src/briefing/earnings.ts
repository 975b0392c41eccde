import { diffDays, IsoDate, isIsoDate } from '../time';

// Earnings lookup (DOMAIN.md §6.1 step 1) over `data/earnings.json`: `{"SYM": ["YYYY-MM-DD", …]}`.

export type EarningsCalendar = Readonly<Record<string, readonly IsoDate[]>>;

/** Parses the earnings file; symbols are upper-cased, dates sorted and unique. A bad entry names its JSON path. */
export function parseEarningsCalendar(raw: unknown, source = 'earnings.json'): EarningsCalendar {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new Error(`${source} is invalid: $: must be an object of symbol ⇒ dates`);
  const out: Record<string, IsoDate[]> = {};
  for (const [symbol, dates] of Object.entries(raw as Record<string, unknown>)) {
    if (!Array.isArray(dates)) throw new Error(`${source} is invalid: $.${symbol}: must be an array of YYYY-MM-DD dates`);
    dates.forEach((d, i) => {
      if (!isIsoDate(d)) throw new Error(`${source} is invalid: $.${symbol}[${i}]: must be a valid YYYY-MM-DD date`);
    });
    const key = symbol.trim().toUpperCase();
    out[key] = [...new Set([...(out[key] ?? []), ...(dates as IsoDate[])])].sort();
  }
  return out;
}

export interface EarningsLookup {
  /** The earliest date ≥ as-of, else the latest earlier date, else null. */
  date: IsoDate | null;
  /** date − as-of in calendar days (negative for a past date). */
  days_until: number | null;
  warnings: string[];
}

/**
 * Next earnings for a symbol on `asOf`. Warnings: `earnings_unknown` (no date ≥ as-of),
 * `earnings_within_{warnDays}d` (an upcoming date within warnDays), `expiry_crosses_earnings` when any of
 * `positionExpiries` is on or after the upcoming date.
 */
export function nextEarnings(dates: readonly IsoDate[] | undefined, asOf: IsoDate, warnDays: number, positionExpiries: readonly IsoDate[] = []): EarningsLookup {
  const sorted = [...(dates ?? [])].sort();
  const upcoming = sorted.find((d) => d >= asOf) ?? null;
  const date = upcoming ?? sorted.at(-1) ?? null;
  const warnings: string[] = [];
  if (upcoming === null) warnings.push('earnings_unknown');
  else {
    if (diffDays(upcoming, asOf) <= warnDays) warnings.push(`earnings_within_${warnDays}d`);
    if (positionExpiries.some((e) => e >= upcoming)) warnings.push('expiry_crosses_earnings');
  }
  return { date, days_until: date === null ? null : diffDays(date, asOf), warnings };
}

/** `in N day(s)`, `today` or `N day(s) ago`. */
export function earningsDistanceText(daysUntil: number): string {
  if (daysUntil === 0) return 'today';
  return daysUntil > 0 ? `in ${daysUntil} day(s)` : `${-daysUntil} day(s) ago`;
}

/** The dashboard's short form: `in Nd`, `today`, `Nd ago`. */
export function earningsDistanceShort(daysUntil: number): string {
  if (daysUntil === 0) return 'today';
  return daysUntil > 0 ? `in ${daysUntil}d` : `${-daysUntil}d ago`;
}
