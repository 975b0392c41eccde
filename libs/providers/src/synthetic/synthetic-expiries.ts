import { addDays, IsoDate, isoDateParts, nyseCalendar, weekday } from '@options-helper/domain';

/** `leaps` = a January monthly, which is listed two years ahead instead of one. */
export type ExpiryKind = 'weekly' | 'monthly' | 'leaps';

export interface ExpirySpec {
  /** The last trading day: the Friday, or the session before it when the Friday is a holiday (Good Friday). */
  expiry: IsoDate;
  /** The nominal Friday the expiry belongs to. */
  friday: IsoDate;
  kind: ExpiryKind;
  /** First session on which the exchange lists the expiry. */
  listedOn: IsoDate;
}

/** Weeklies are listed for the next 8 weeks, monthlies for the next 52 weeks, January LEAPS from January two years before. */
const WEEKLY_LISTING_DAYS = 56;
const MONTHLY_LISTING_DAYS = 364;
/** Far enough ahead to reach every listed expiry (a January LEAPS is at most ~2 years and 3 weeks out). */
export const MAX_LISTING_HORIZON_DAYS = 800;
/** The calendar ends in 2035; the last Friday whose holiday shift it can resolve. */
const LAST_FRIDAY: IsoDate = '2035-12-28';

/**
 * The expiry a Friday stands for, or null when nothing expires on it for this symbol (a non-monthly Friday of a name
 * without weeklies).
 */
export function expiryForFriday(friday: IsoDate, weeklies: boolean): ExpirySpec | null {
  const { year, month, day } = isoDateParts(friday);
  const thirdFriday = day >= 15 && day <= 21;
  if (!thirdFriday && !weeklies) return null;
  const kind: ExpiryKind = !thirdFriday ? 'weekly' : month === 1 ? 'leaps' : 'monthly';
  const rawListing =
    kind === 'leaps'
      ? `${year - 2}-01-01`
      : addDays(friday, kind === 'weekly' ? -WEEKLY_LISTING_DAYS : -MONTHLY_LISTING_DAYS);
  return {
    expiry: nyseCalendar.isSession(friday) ? friday : nyseCalendar.sessionOnOrBefore(friday),
    friday,
    kind,
    listedOn: nyseCalendar.sessionOnOrAfter(rawListing),
  };
}

/** Every expiry of the symbol whose date lies in [from, to], ascending (whether listed yet or not). */
export function expiriesBetween(from: IsoDate, to: IsoDate, weeklies: boolean): ExpirySpec[] {
  const out: ExpirySpec[] = [];
  // A holiday shift moves an expiry at most a day before its Friday, so start from the first Friday ≥ from.
  let friday = addDays(from, (5 - weekday(from) + 7) % 7);
  const last = to < LAST_FRIDAY ? addDays(to, 1) : LAST_FRIDAY;
  for (; friday <= last; friday = addDays(friday, 7)) {
    const spec = expiryForFriday(friday, weeklies);
    if (spec && spec.expiry >= from && spec.expiry <= to) out.push(spec);
  }
  return out;
}

/** The expiries an exchange lists on session `asOf`: listed on or before it and not yet past (expiring today counts). */
export function listedExpiries(asOf: IsoDate, weeklies: boolean): ExpirySpec[] {
  return expiriesBetween(asOf, addDays(asOf, MAX_LISTING_HORIZON_DAYS), weeklies).filter((s) => s.listedOn <= asOf);
}

/** The spec of an expiry date, or null when the symbol has no expiry on that date. */
export function expiryOn(expiry: IsoDate, weeklies: boolean): ExpirySpec | null {
  const [spec] = expiriesBetween(expiry, expiry, weeklies);
  return spec ?? null;
}
