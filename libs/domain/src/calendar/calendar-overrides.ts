import { isIsoDate, IsoDate } from '../time';
import { CALENDAR_FIRST_DATE, CALENDAR_FIRST_YEAR, CALENDAR_LAST_DATE, CALENDAR_LAST_YEAR } from './nyse-rules';

/** The shape of `config/calendar-overrides.json`: unscheduled closures and early closes the rules cannot know. */
export interface CalendarOverrides {
  readonly closed: readonly IsoDate[];
  readonly early_close: readonly IsoDate[];
}

/** Thrown for a malformed overrides file; the message names the field and the offending value. */
export class CalendarOverridesError extends Error {
  override readonly name = 'CalendarOverridesError';
}

const FIELDS = ['closed', 'early_close'] as const;

export const EMPTY_CALENDAR_OVERRIDES: CalendarOverrides = Object.freeze({
  closed: Object.freeze([]) as readonly IsoDate[],
  early_close: Object.freeze([]) as readonly IsoDate[],
});

/**
 * Validates parsed overrides JSON. Missing fields mean "none"; unknown fields are rejected because a typo such as
 * `early_closes` would otherwise silently keep the exchange open on a day it is closed. Dates come back sorted and
 * de-duplicated.
 */
export function parseCalendarOverrides(value: unknown): CalendarOverrides {
  if (value === null || value === undefined) return EMPTY_CALENDAR_OVERRIDES;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new CalendarOverridesError(
      `calendar overrides must be an object like {"closed": [], "early_close": []}, got ${describe(value)}`,
    );
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!(FIELDS as readonly string[]).includes(key)) {
      throw new CalendarOverridesError(
        `calendar overrides: unknown field ${JSON.stringify(key)} (allowed: "closed", "early_close")`,
      );
    }
  }
  const closed = dateList(record, 'closed');
  const earlyClose = dateList(record, 'early_close');
  const both = closed.find((d) => earlyClose.includes(d));
  if (both !== undefined) {
    throw new CalendarOverridesError(`calendar overrides: ${both} is listed in both "closed" and "early_close"`);
  }
  return { closed, early_close: earlyClose };
}

function dateList(record: Record<string, unknown>, field: (typeof FIELDS)[number]): IsoDate[] {
  const raw = record[field];
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    throw new CalendarOverridesError(
      `calendar overrides: "${field}" must be an array of YYYY-MM-DD dates, got ${describe(raw)}`,
    );
  }
  raw.forEach((d: unknown, i) => {
    if (!isIsoDate(d)) {
      throw new CalendarOverridesError(
        `calendar overrides: ${field}[${i}] = ${describe(d)} is not a valid YYYY-MM-DD date`,
      );
    }
    if (d < CALENDAR_FIRST_DATE || d > CALENDAR_LAST_DATE) {
      throw new CalendarOverridesError(
        `calendar overrides: ${field}[${i}] = "${d}" is outside the calendar range ` +
          `${CALENDAR_FIRST_YEAR}–${CALENDAR_LAST_YEAR}`,
      );
    }
  });
  return [...new Set(raw as IsoDate[])].sort();
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return 'an array';
  return value === null ? 'null' : typeof value === 'object' ? 'an object' : String(value);
}
