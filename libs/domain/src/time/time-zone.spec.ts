import {
  DEFAULT_REPORTING_TIME_ZONE,
  EXCHANGE_TIME_ZONE,
  isoDateInZone,
  isValidTimeZone,
  zonedTimeToInstant,
  zoneOffsetMinutes,
} from './time-zone';

describe('zoneOffsetMinutes', () => {
  it('follows US DST in New York (2nd Sunday of March to 1st Sunday of November, switch at 02:00 local)', () => {
    // 2026: DST starts 2026-03-08 07:00Z (02:00 EST) and ends 2026-11-01 06:00Z (02:00 EDT).
    expect(zoneOffsetMinutes(new Date('2026-03-08T06:59:59Z'), EXCHANGE_TIME_ZONE)).toBe(-300);
    expect(zoneOffsetMinutes(new Date('2026-03-08T07:00:00Z'), EXCHANGE_TIME_ZONE)).toBe(-240);
    expect(zoneOffsetMinutes(new Date('2026-11-01T05:59:59Z'), EXCHANGE_TIME_ZONE)).toBe(-240);
    expect(zoneOffsetMinutes(new Date('2026-11-01T06:00:00Z'), EXCHANGE_TIME_ZONE)).toBe(-300);
  });

  it('is zero for UTC and handles half-hour zones', () => {
    expect(zoneOffsetMinutes(new Date('2026-06-01T12:00:00Z'), 'UTC')).toBe(0);
    expect(zoneOffsetMinutes(new Date('2026-06-01T12:00:00Z'), 'Asia/Kolkata')).toBe(330);
  });
});

describe('isoDateInZone', () => {
  it('gives the reporting-zone date, which can differ from the UTC date', () => {
    // 03:30Z on 27 Nov is 21:30 CST on 26 Nov (UTC−6).
    expect(isoDateInZone(new Date('2026-11-27T03:30:00Z'), DEFAULT_REPORTING_TIME_ZONE)).toBe('2026-11-26');
    expect(isoDateInZone(new Date('2026-11-27T06:00:00Z'), DEFAULT_REPORTING_TIME_ZONE)).toBe('2026-11-27');
    // Midnight in New York: 05:00Z in winter.
    expect(isoDateInZone(new Date('2026-01-02T05:00:00Z'), EXCHANGE_TIME_ZONE)).toBe('2026-01-02');
    expect(isoDateInZone(new Date('2026-01-02T04:59:59Z'), EXCHANGE_TIME_ZONE)).toBe('2026-01-01');
  });
});

describe('zonedTimeToInstant', () => {
  it('converts New York wall times on both sides of the DST switches', () => {
    // Friday before spring-forward: EST, 16:00 + 5h.
    expect(zonedTimeToInstant('2026-03-06', 16, 0, EXCHANGE_TIME_ZONE).toISOString()).toBe('2026-03-06T21:00:00.000Z');
    // Monday after: EDT, 16:00 + 4h.
    expect(zonedTimeToInstant('2026-03-09', 16, 0, EXCHANGE_TIME_ZONE).toISOString()).toBe('2026-03-09T20:00:00.000Z');
    // Friday before fall-back: EDT.
    expect(zonedTimeToInstant('2026-10-30', 9, 30, EXCHANGE_TIME_ZONE).toISOString()).toBe('2026-10-30T13:30:00.000Z');
    // Monday after: EST.
    expect(zonedTimeToInstant('2026-11-02', 9, 30, EXCHANGE_TIME_ZONE).toISOString()).toBe('2026-11-02T14:30:00.000Z');
  });

  it('handles a switch day itself', () => {
    // 2026-03-08 01:00 is still EST (06:00Z); 03:00 is already EDT (07:00Z).
    expect(zonedTimeToInstant('2026-03-08', 1, 0, EXCHANGE_TIME_ZONE).toISOString()).toBe('2026-03-08T06:00:00.000Z');
    expect(zonedTimeToInstant('2026-03-08', 3, 0, EXCHANGE_TIME_ZONE).toISOString()).toBe('2026-03-08T07:00:00.000Z');
  });

  it('rejects impossible wall times', () => {
    expect(() => zonedTimeToInstant('2026-03-09', 24, 0, EXCHANGE_TIME_ZONE)).toThrow(RangeError);
    expect(() => zonedTimeToInstant('2026-03-09', 9, 60, EXCHANGE_TIME_ZONE)).toThrow(RangeError);
  });
});

describe('isValidTimeZone', () => {
  it('accepts IANA names and rejects typos', () => {
    expect(isValidTimeZone('America/Chicago')).toBe(true);
    expect(isValidTimeZone('America/Chicgo')).toBe(false);
  });
});
