import { TradingCalendar, nyseCalendar } from '../calendar';
import { dueSession, materializationTime, nextMaterialization } from './daily-schedule';

// A fake clock: every "now" is an explicit instant; the schedule is a pure function of it.
const at = (iso: string) => new Date(iso);

describe('daily graph schedule (DOMAIN.md §11, §0.3)', () => {
  it('materialises a regular session 15 minutes after its 16:00 ET close (EST: 21:00Z + 15m)', () => {
    expect(materializationTime(nyseCalendar, '2026-11-25').toISOString()).toBe('2026-11-25T21:15:00.000Z');
    expect(dueSession(nyseCalendar, at('2026-11-25T21:14:59Z'))).toBe('2026-11-24');
    expect(dueSession(nyseCalendar, at('2026-11-25T21:15:00Z'))).toBe('2026-11-25');
  });

  it('skips a holiday: on Thanksgiving (2026-11-26) the due session stays Wednesday, the next one is Friday', () => {
    expect(dueSession(nyseCalendar, at('2026-11-26T23:00:00Z'))).toBe('2026-11-25');
    expect(nextMaterialization(nyseCalendar, at('2026-11-25T22:00:00Z'))).toEqual({ session: '2026-11-27', at: at('2026-11-27T18:15:00Z') });
  });

  it('respects the early close on the day after Thanksgiving: 13:00 ET = 18:00Z, due at 18:15Z', () => {
    expect(dueSession(nyseCalendar, at('2026-11-27T18:14:00Z'))).toBe('2026-11-25');
    expect(dueSession(nyseCalendar, at('2026-11-27T18:15:00Z'))).toBe('2026-11-27');
    // 24 Dec 2026 is a Thursday: early close too.
    expect(materializationTime(nyseCalendar, '2026-12-24').toISOString()).toBe('2026-12-24T18:15:00.000Z');
  });

  it('follows the DST change: Friday 2026-10-30 closes 20:00Z (EDT), Monday 2026-11-02 21:00Z (EST)', () => {
    expect(materializationTime(nyseCalendar, '2026-10-30').toISOString()).toBe('2026-10-30T20:15:00.000Z');
    expect(nextMaterialization(nyseCalendar, at('2026-10-30T20:20:00Z'))).toEqual({ session: '2026-11-02', at: at('2026-11-02T21:15:00Z') });
    // 20:16Z on Monday is 15:16 EST: before the close, so Friday is still the due session.
    expect(dueSession(nyseCalendar, at('2026-11-02T20:16:00Z'))).toBe('2026-10-30');
    expect(dueSession(nyseCalendar, at('2026-11-02T21:15:00Z'))).toBe('2026-11-02');
    // Spring forward: Friday 2026-03-06 closes 21:00Z (EST), Monday 2026-03-09 at 20:00Z (EDT).
    expect(materializationTime(nyseCalendar, '2026-03-09', 0).toISOString()).toBe('2026-03-09T20:00:00.000Z');
  });

  it('honours the delay and the first partition, and an unscheduled closure from the overrides', () => {
    expect(dueSession(nyseCalendar, at('2026-11-25T21:05:00Z'), 0)).toBe('2026-11-25');
    expect(dueSession(nyseCalendar, at('2024-01-02T12:00:00Z'))).toBeNull();
    const closed = new TradingCalendar({ closed: ['2026-11-25'] });
    expect(dueSession(closed, at('2026-11-25T23:00:00Z'))).toBe('2026-11-24');
    expect(nextMaterialization(closed, at('2026-11-24T22:00:00Z')).session).toBe('2026-11-27');
  });
});
