/**
 * Calendar dates as `YYYY-MM-DD` strings. Strings (not `Date`) because a date has no time zone: a `Date` at UTC
 * midnight silently becomes "yesterday" when formatted in America/Chicago. All arithmetic here is on the proleptic
 * Gregorian calendar in UTC, so it never sees a DST switch.
 */
export type IsoDate = string;

/** 0 = Sunday … 6 = Saturday, as `Date#getUTCDay`. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export interface IsoDateParts {
  readonly year: number;
  readonly month: number; // 1–12
  readonly day: number; // 1–31
}

const MS_PER_DAY = 86_400_000;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

const DASH = 45;
const ZERO = 48;

/**
 * Days since 1970-01-01 of a `YYYY-MM-DD` string, or NaN when it is not a real date. Character arithmetic, no regex
 * and no allocation: the calendar validates every argument, and gap checks call it once per stored row.
 */
function epochDayOrNaN(s: string): number {
  if (s.length !== 10 || s.charCodeAt(4) !== DASH || s.charCodeAt(7) !== DASH) return Number.NaN;
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 7);
  const day = digits(s, 8, 10);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;
  return civilToEpochDay(year, month, day);
}

/** The decimal value of s[from, to), or −1 when a character is not a digit. */
function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - ZERO;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** Integer days-from-civil (H. Hinnant) rather than Date.UTC, which maps years 0–99 to 19xx. */
function civilToEpochDay(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** True for a real calendar date written exactly `YYYY-MM-DD` (so `2026-02-30` and `2026-2-3` are rejected). */
export function isIsoDate(value: unknown): value is IsoDate {
  return typeof value === 'string' && !Number.isNaN(epochDayOrNaN(value));
}

/** Throws a TypeError naming `what` unless `value` is a valid `YYYY-MM-DD` date. */
export function assertIsoDate(value: unknown, what = 'date'): asserts value is IsoDate {
  if (!isIsoDate(value)) {
    throw new TypeError(`${what} must be a valid YYYY-MM-DD date, got ${describe(value)}`);
  }
}

export function isoDateParts(d: IsoDate): IsoDateParts {
  toEpochDay(d); // validates
  return { year: Number(d.slice(0, 4)), month: Number(d.slice(5, 7)), day: Number(d.slice(8, 10)) };
}

/** Builds a date from its parts; rejects impossible dates rather than rolling them over like `Date.UTC` does. */
export function makeIsoDate(year: number, month: number, day: number): IsoDate {
  const text = `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
  if (!Number.isInteger(year) || year < 0 || year > 9999 || !isIsoDate(text)) {
    throw new RangeError(`invalid date parts ${year}-${month}-${day}`);
  }
  return text;
}

/** Midnight UTC of the date: how a date is stored in a UTC-naive TIMESTAMP. */
export function isoDateToUtcDate(d: IsoDate): Date {
  return new Date(toEpochDay(d) * MS_PER_DAY);
}

/** The UTC calendar date of an instant. For "today" in a zone use `isoDateInZone`. */
export function utcDateToIsoDate(instant: Date): IsoDate {
  const t = instant.getTime();
  if (!Number.isFinite(t)) throw new RangeError('invalid Date');
  return fromEpochDay(Math.floor(t / MS_PER_DAY));
}

export function addDays(d: IsoDate, days: number): IsoDate {
  if (!Number.isInteger(days)) throw new RangeError(`days must be an integer, got ${days}`);
  return fromEpochDay(toEpochDay(d) + days);
}

export function weekday(d: IsoDate): Weekday {
  // 1970-01-01 was a Thursday (4).
  return ((((toEpochDay(d) + 4) % 7) + 7) % 7) as Weekday;
}

export function isWeekend(d: IsoDate): boolean {
  const w = weekday(d);
  return w === 0 || w === 6;
}

/** Whole days from `earlier` to `later` (`later − earlier`; negative when `later` is before `earlier`). */
export function diffDays(later: IsoDate, earlier: IsoDate): number {
  return toEpochDay(later) - toEpochDay(earlier);
}

/** Days since 1970-01-01. Throws a TypeError for anything but a valid `YYYY-MM-DD` date. */
export function toEpochDay(d: IsoDate): number {
  const day = typeof d === 'string' ? epochDayOrNaN(d) : Number.NaN;
  if (Number.isNaN(day)) throw new TypeError(`invalid date ${describe(d)} (expected YYYY-MM-DD)`);
  return day;
}

export function fromEpochDay(epochDay: number): IsoDate {
  const dt = new Date(epochDay * MS_PER_DAY);
  return `${String(dt.getUTCFullYear()).padStart(4, '0')}-${pad2(dt.getUTCMonth() + 1)}-${pad2(dt.getUTCDate())}`;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}
