import type { TradingCalendar } from '../calendar';
import type { IsoDate } from '../time';

/** When the daily graph materialises a session: this long after its close (16:00 ET, 13:00 on early closes). */
export const DEFAULT_SCHEDULE_DELAY_MINUTES = 15;
/** The cron that wakes the schedule up; each tick materialises the due session once (see dueSession). */
export const DEFAULT_SCHEDULE_CRON = '*/5 * * * *';
export const DEFAULT_SCHEDULE_TIME_ZONE = 'America/New_York';
/** First partition of the graph (DOMAIN.md §11): the first session on or after it. */
export const DEFAULT_PARTITION_START = '2024-01-02';

export interface ScheduledMaterialization {
  session: IsoDate;
  /** The instant the session becomes due: its close plus the delay. */
  at: Date;
}

/** The instant a session's partition becomes due. The calendar's close is DST- and early-close-aware. */
export function materializationTime(calendar: TradingCalendar, session: IsoDate, delayMinutes = DEFAULT_SCHEDULE_DELAY_MINUTES): Date {
  return new Date(calendar.sessionClose(session).getTime() + delayMinutes * 60_000);
}

/**
 * The latest session already due at `now` (close + delay ≤ now), or null before the first partition. The cron only
 * decides how often this is asked; the answer never depends on when the cron fires, so a late or missed tick still
 * materialises the right session, and an early close is picked up three hours earlier without its own cron line.
 */
export function dueSession(calendar: TradingCalendar, now: Date, delayMinutes = DEFAULT_SCHEDULE_DELAY_MINUTES, partitionStart: IsoDate = DEFAULT_PARTITION_START): IsoDate | null {
  const session = calendar.lastCompletedSession(new Date(now.getTime() - delayMinutes * 60_000));
  return session < calendar.sessionOnOrAfter(partitionStart) ? null : session;
}

/** The next materialisation strictly after `now` (for logs and the status endpoint). */
export function nextMaterialization(calendar: TradingCalendar, now: Date, delayMinutes = DEFAULT_SCHEDULE_DELAY_MINUTES): ScheduledMaterialization {
  const due = calendar.lastCompletedSession(new Date(now.getTime() - delayMinutes * 60_000));
  let session = calendar.nextSession(due);
  // A session whose close has not come yet may still be "next" only if its due instant is after now.
  while (materializationTime(calendar, session, delayMinutes).getTime() <= now.getTime()) session = calendar.nextSession(session);
  return { session, at: materializationTime(calendar, session, delayMinutes) };
}
