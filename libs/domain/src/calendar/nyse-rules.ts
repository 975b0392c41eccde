import { addDays, daysInMonth, IsoDate, makeIsoDate, weekday, Weekday } from '../time';

/**
 * The NYSE calendar by rule (DOMAIN.md §0.3). The rules are only trusted for this span: earlier years had one-off
 * closures and rule changes (MLK Day from 1998, Juneteenth from 2022) we do not model, and later years may too.
 */
export const CALENDAR_FIRST_YEAR = 2000;
export const CALENDAR_LAST_YEAR = 2035;
export const CALENDAR_FIRST_DATE: IsoDate = `${CALENDAR_FIRST_YEAR}-01-01`;
export const CALENDAR_LAST_DATE: IsoDate = `${CALENDAR_LAST_YEAR}-12-31`;

export interface WallTime {
  readonly hour: number;
  readonly minute: number;
}

/** Exchange-zone (America/New_York) wall times of the regular session. */
export const SESSION_OPEN: WallTime = { hour: 9, minute: 30 };
export const REGULAR_CLOSE: WallTime = { hour: 16, minute: 0 };
export const EARLY_CLOSE: WallTime = { hour: 13, minute: 0 };

/** A weekday on which the exchange does not trade. */
export interface MarketClosure {
  readonly date: IsoDate;
  readonly name: string;
}

/**
 * Weekday closures the rules cannot predict (national days of mourning, 9/11, Hurricane Sandy). Newer ones go in
 * `config/calendar-overrides.json` first and are copied here in a release.
 */
export const NYSE_UNSCHEDULED_CLOSURES: readonly MarketClosure[] = [
  { date: '2001-09-11', name: 'September 11 attacks' },
  { date: '2001-09-12', name: 'September 11 attacks' },
  { date: '2001-09-13', name: 'September 11 attacks' },
  { date: '2001-09-14', name: 'September 11 attacks' },
  { date: '2004-06-11', name: 'Day of mourning for President Ronald Reagan' },
  { date: '2007-01-02', name: 'Day of mourning for President Gerald Ford' },
  { date: '2012-10-29', name: 'Hurricane Sandy' },
  { date: '2012-10-30', name: 'Hurricane Sandy' },
  { date: '2018-12-05', name: 'Day of mourning for President George H. W. Bush' },
  { date: '2025-01-09', name: 'Day of mourning for President Jimmy Carter' },
];

export function assertCalendarYear(year: number): void {
  if (!Number.isInteger(year) || year < CALENDAR_FIRST_YEAR || year > CALENDAR_LAST_YEAR) {
    throw new RangeError(
      `year ${year} is outside the trading calendar's range ${CALENDAR_FIRST_YEAR}–${CALENDAR_LAST_YEAR}`,
    );
  }
}

/** Western (Gregorian) Easter Sunday: the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
export function westernEaster(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const n = h + l - 7 * m + 114;
  return makeIsoDate(year, Math.floor(n / 31), (n % 31) + 1);
}

/** The n-th (1-based) given weekday of a month, e.g. the 4th Thursday of November. */
export function nthWeekdayOfMonth(year: number, month: number, day: Weekday, n: number): IsoDate {
  const first = makeIsoDate(year, month, 1);
  const offset = (day - weekday(first) + 7) % 7;
  return makeIsoDate(year, month, 1 + offset + 7 * (n - 1));
}

export function lastWeekdayOfMonth(year: number, month: number, day: Weekday): IsoDate {
  const last = makeIsoDate(year, month, daysInMonth(year, month));
  return addDays(last, -((weekday(last) - day + 7) % 7));
}

const MONDAY: Weekday = 1;
const THURSDAY: Weekday = 4;

/**
 * A fixed-date holiday moved off the weekend: Saturday to Friday, Sunday to Monday. New Year's Day passes
 * `observeSaturday = false`: NYSE Rule 7.2 skips the Friday when it ends an accounting period, so 31 December
 * stays a session.
 */
function observed(date: IsoDate, name: string, observeSaturday = true): MarketClosure | null {
  const w = weekday(date);
  if (w === 6) return observeSaturday ? { date: addDays(date, -1), name: `${name} (observed)` } : null;
  if (w === 0) return { date: addDays(date, 1), name: `${name} (observed)` };
  return { date, name };
}

/** Scheduled full-day holidays of a year, on the weekday they are observed, ascending. */
export function nyseHolidays(year: number): MarketClosure[] {
  assertCalendarYear(year);
  const list: (MarketClosure | null)[] = [
    observed(makeIsoDate(year, 1, 1), "New Year's Day", false),
    { date: nthWeekdayOfMonth(year, 1, MONDAY, 3), name: 'Martin Luther King Jr. Day' },
    { date: nthWeekdayOfMonth(year, 2, MONDAY, 3), name: "Washington's Birthday" },
    { date: addDays(westernEaster(year), -2), name: 'Good Friday' },
    { date: lastWeekdayOfMonth(year, 5, MONDAY), name: 'Memorial Day' },
    year >= 2022 ? observed(makeIsoDate(year, 6, 19), 'Juneteenth National Independence Day') : null,
    observed(makeIsoDate(year, 7, 4), 'Independence Day'),
    { date: nthWeekdayOfMonth(year, 9, MONDAY, 1), name: 'Labor Day' },
    { date: nthWeekdayOfMonth(year, 11, THURSDAY, 4), name: 'Thanksgiving Day' },
    observed(makeIsoDate(year, 12, 25), 'Christmas Day'),
  ];
  return list.filter((c): c is MarketClosure => c !== null).sort((x, y) => (x.date < y.date ? -1 : 1));
}

/** Scheduled 13:00 ET closes of a year, ascending. */
export function nyseEarlyCloses(year: number): IsoDate[] {
  const holidays = new Set(nyseHolidays(year).map((h) => h.date));
  const mondayToThursday = (d: IsoDate): boolean => {
    const w = weekday(d);
    return w >= 1 && w <= 4 && !holidays.has(d);
  };
  const out: IsoDate[] = [];
  const july3 = makeIsoDate(year, 7, 3);
  if (mondayToThursday(july3)) out.push(july3);
  out.push(addDays(nthWeekdayOfMonth(year, 11, THURSDAY, 4), 1));
  const christmasEve = makeIsoDate(year, 12, 24);
  if (mondayToThursday(christmasEve)) out.push(christmasEve);
  return out;
}
