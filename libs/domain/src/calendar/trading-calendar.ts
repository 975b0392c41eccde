import { lowerBound, upperBound } from '../util';
import {
  EXCHANGE_TIME_ZONE,
  fromEpochDay,
  IsoDate,
  isoDateInZone,
  toEpochDay,
  weekday,
  zonedTimeToInstant,
} from '../time';
import { CalendarOverrides, CalendarOverridesError, parseCalendarOverrides } from './calendar-overrides';
import {
  assertCalendarYear,
  CALENDAR_FIRST_DATE,
  CALENDAR_FIRST_YEAR,
  CALENDAR_LAST_DATE,
  CALENDAR_LAST_YEAR,
  EARLY_CLOSE,
  MarketClosure,
  NYSE_UNSCHEDULED_CLOSURES,
  nyseEarlyCloses,
  nyseHolidays,
  REGULAR_CLOSE,
  SESSION_OPEN,
  WallTime,
} from './nyse-rules';

const OVERRIDE_CLOSURE_NAME = 'Unscheduled closure';
const FIRST_DAY = toEpochDay(CALENDAR_FIRST_DATE);
const LAST_DAY = toEpochDay(CALENDAR_LAST_DATE);

/**
 * NYSE sessions for 2000–2035 (DOMAIN.md §0.3), with optional overrides from `config/calendar-overrides.json`.
 *
 * Every session of the range is precomputed into one sorted array, so neighbour and counting queries are binary
 * searches: the gap checks call them once per stored row. Dates outside the range throw a RangeError instead of
 * guessing, because a wrong session silently corrupts staleness and gap reports.
 */
export class TradingCalendar {
  readonly overrides: CalendarOverrides;
  /** Weekday closures (scheduled holidays, known unscheduled closures, override closures) by date. */
  private readonly closures = new Map<IsoDate, string>();
  private readonly earlyCloses = new Set<IsoDate>();
  private readonly sessions: readonly IsoDate[];
  /** The same sessions as days since 1970-01-01, so the binary searches compare numbers, not strings. */
  private readonly sessionDays: Int32Array;

  constructor(overrides?: Partial<CalendarOverrides> | null) {
    // Runtime validation too: overrides usually arrive as untyped JSON.
    this.overrides = parseCalendarOverrides(overrides);
    for (let year = CALENDAR_FIRST_YEAR; year <= CALENDAR_LAST_YEAR; year++) {
      for (const h of nyseHolidays(year)) this.closures.set(h.date, h.name);
      for (const d of nyseEarlyCloses(year)) this.earlyCloses.add(d);
    }
    for (const c of NYSE_UNSCHEDULED_CLOSURES) this.closures.set(c.date, c.name);
    for (const d of this.overrides.closed) {
      if (!isWeekendDate(d) && !this.closures.has(d)) this.closures.set(d, OVERRIDE_CLOSURE_NAME);
    }
    for (const d of this.overrides.early_close) {
      const closedFor = isWeekendDate(d) ? 'a weekend' : this.closures.get(d);
      if (closedFor !== undefined) {
        throw new CalendarOverridesError(
          `calendar overrides: early_close "${d}" is not a trading session (${closedFor})`,
        );
      }
      this.earlyCloses.add(d);
    }
    for (const d of this.closures.keys()) this.earlyCloses.delete(d);

    const sessions: IsoDate[] = [];
    const days: number[] = [];
    for (let day = FIRST_DAY; day <= LAST_DAY; day++) {
      const w = (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
      if (w === 0 || w === 6) continue;
      const d = fromEpochDay(day);
      if (!this.closures.has(d)) {
        sessions.push(d);
        days.push(day);
      }
    }
    this.sessions = sessions;
    this.sessionDays = Int32Array.from(days);
  }

  isSession(d: IsoDate): boolean {
    checkDate(d);
    return !isWeekendDate(d) && !this.closures.has(d);
  }

  /** True only for sessions that close at 13:00 ET. */
  isEarlyClose(d: IsoDate): boolean {
    checkDate(d);
    return this.earlyCloses.has(d);
  }

  /** Why a weekday is closed (`Thanksgiving Day`, `Independence Day (observed)`); null on sessions and weekends. */
  holidayName(d: IsoDate): string | null {
    checkDate(d);
    return this.closures.get(d) ?? null;
  }

  /** The closing instant: 16:00 America/New_York, 13:00 on early closes. */
  sessionClose(d: IsoDate): Date {
    return exchangeInstant(d, this.closeTime(d));
  }

  /** The opening instant: 09:30 America/New_York. */
  sessionOpen(d: IsoDate): Date {
    this.assertSession(d);
    return exchangeInstant(d, SESSION_OPEN);
  }

  /** Exchange-zone wall time of the close (for schedules that fire "after the close"). */
  closeTime(d: IsoDate): WallTime {
    this.assertSession(d);
    return this.earlyCloses.has(d) ? EARLY_CLOSE : REGULAR_CLOSE;
  }

  /** The latest session strictly before `d` (`d` need not be a session). */
  previousSession(d: IsoDate): IsoDate {
    return this.at(lowerBound(this.sessionDays, checkDate(d)) - 1, `no trading session before ${d}`);
  }

  /** The earliest session strictly after `d`. */
  nextSession(d: IsoDate): IsoDate {
    return this.at(upperBound(this.sessionDays, checkDate(d)), `no trading session after ${d}`);
  }

  /** `d` when it is a session, else the next one (the first partition on or after a configured start). */
  sessionOnOrAfter(d: IsoDate): IsoDate {
    return this.at(lowerBound(this.sessionDays, checkDate(d)), `no trading session on or after ${d}`);
  }

  /** `d` when it is a session, else the previous one. */
  sessionOnOrBefore(d: IsoDate): IsoDate {
    return this.at(upperBound(this.sessionDays, checkDate(d)) - 1, `no trading session on or before ${d}`);
  }

  /** Sessions s with a < s ≤ b, ascending; empty when b ≤ a. */
  sessionsBetween(a: IsoDate, b: IsoDate): IsoDate[] {
    const from = checkDate(a);
    const to = checkDate(b);
    if (to <= from) return [];
    return this.sessions.slice(upperBound(this.sessionDays, from), upperBound(this.sessionDays, to));
  }

  /** `sessionsBetween(a, b).length` without building the array. */
  countSessionsBetween(a: IsoDate, b: IsoDate): number {
    const from = checkDate(a);
    const to = checkDate(b);
    if (to <= from) return 0;
    return upperBound(this.sessionDays, to) - upperBound(this.sessionDays, from);
  }

  /** The latest session whose close is at or before `now`. */
  lastCompletedSession(now: Date): IsoDate {
    const today = isoDateInZone(now, EXCHANGE_TIME_ZONE);
    checkDate(today);
    if (this.isSession(today) && this.sessionClose(today).getTime() <= now.getTime()) return today;
    return this.previousSession(today);
  }

  /** Weekday closures of a year (holidays, unscheduled and override closures), ascending. */
  closuresInYear(year: number): MarketClosure[] {
    assertCalendarYear(year);
    const prefix = `${year}-`;
    return [...this.closures.entries()]
      .filter(([d]) => d.startsWith(prefix))
      .map(([date, name]) => ({ date, name }))
      .sort((x, y) => (x.date < y.date ? -1 : 1));
  }

  /** Early-close sessions of a year, ascending. */
  earlyClosesInYear(year: number): IsoDate[] {
    assertCalendarYear(year);
    const prefix = `${year}-`;
    return [...this.earlyCloses].filter((d) => d.startsWith(prefix)).sort();
  }

  private assertSession(d: IsoDate): void {
    if (!this.isSession(d)) {
      const why = this.closures.get(d) ?? 'weekend';
      throw new RangeError(`${d} is not a trading session (${why})`);
    }
  }

  private at(index: number, message: string): IsoDate {
    const s = this.sessions[index];
    if (s === undefined) {
      throw new RangeError(`${message} within the calendar range ${CALENDAR_FIRST_YEAR}–${CALENDAR_LAST_YEAR}`);
    }
    return s;
  }
}

/** The calendar without overrides. Services that read `config/calendar-overrides.json` build their own. */
export const nyseCalendar = new TradingCalendar();

function exchangeInstant(d: IsoDate, t: WallTime): Date {
  return zonedTimeToInstant(d, t.hour, t.minute, EXCHANGE_TIME_ZONE);
}

function isWeekendDate(d: IsoDate): boolean {
  const w = weekday(d);
  return w === 0 || w === 6;
}

/** Validates a date argument and returns it as days since 1970-01-01. */
function checkDate(d: IsoDate): number {
  const day = toEpochDay(d); // TypeError unless a valid YYYY-MM-DD date
  if (day < FIRST_DAY || day > LAST_DAY) {
    throw new RangeError(
      `${d} is outside the trading calendar's range ${CALENDAR_FIRST_YEAR}–${CALENDAR_LAST_YEAR}`,
    );
  }
  return day;
}


