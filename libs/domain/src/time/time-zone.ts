import { IsoDate, isoDateParts, makeIsoDate } from './iso-date';

/** The exchange's zone: session opens and closes are wall-clock times here (DOMAIN.md §0.2). */
export const EXCHANGE_TIME_ZONE = 'America/New_York';
/** Default of `OPTIONS_HELPER_TZ`, the zone that decides "today" and log folders. */
export const DEFAULT_REPORTING_TIME_ZONE = 'America/Chicago';

interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

// Constructing a DateTimeFormat costs far more than formatting with one, and the calendar converts per session.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function wallClock(instant: Date, timeZone: string): WallClock {
  if (!Number.isFinite(instant.getTime())) throw new RangeError('invalid Date');
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  return {
    year: fields['year'],
    month: fields['month'],
    day: fields['day'],
    // Some ICU versions still print midnight as 24 despite h23.
    hour: fields['hour'] % 24,
    minute: fields['minute'],
    second: fields['second'],
  };
}

/** True when the runtime knows the IANA zone name (for validating `OPTIONS_HELPER_TZ`). */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Offset of the zone from UTC at that instant, in minutes (New York: −300 in winter, −240 in summer). */
export function zoneOffsetMinutes(instant: Date, timeZone: string): number {
  const w = wallClock(instant, timeZone);
  const wallAsUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  const wholeSeconds = Math.floor(instant.getTime() / 1000) * 1000;
  return Math.round((wallAsUtc - wholeSeconds) / 60_000);
}

/** The calendar date the instant falls on in the zone ("today" in the reporting zone). */
export function isoDateInZone(instant: Date, timeZone: string): IsoDate {
  const w = wallClock(instant, timeZone);
  return makeIsoDate(w.year, w.month, w.day);
}

/**
 * The instant at which the zone's clocks show `date hour:minute`. Uses the offset in force at that wall time, found in
 * two passes because the offset at the naive UTC guess can differ across a DST switch. Wall times that do not exist
 * (inside a spring-forward gap) resolve to the later offset; no exchange time falls there.
 */
export function zonedTimeToInstant(date: IsoDate, hour: number, minute: number, timeZone: string): Date {
  if (!Number.isInteger(hour) || hour < 0 || hour > 23 || !Number.isInteger(minute) || minute < 0 || minute > 59) {
    throw new RangeError(`invalid wall time ${hour}:${minute}`);
  }
  const { year, month, day } = isoDateParts(date);
  const naive = new Date(0);
  naive.setUTCFullYear(year, month - 1, day);
  naive.setUTCHours(hour, minute, 0, 0);
  const guess = naive.getTime();
  const first = guess - zoneOffsetMinutes(new Date(guess), timeZone) * 60_000;
  const second = guess - zoneOffsetMinutes(new Date(first), timeZone) * 60_000;
  return new Date(second);
}
