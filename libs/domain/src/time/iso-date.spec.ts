import {
  addDays,
  assertIsoDate,
  daysInMonth,
  diffDays,
  fromEpochDay,
  isIsoDate,
  isoDateParts,
  isoDateToUtcDate,
  isWeekend,
  makeIsoDate,
  toEpochDay,
  utcDateToIsoDate,
  weekday,
} from './iso-date';

describe('isIsoDate', () => {
  it.each(['2026-01-01', '2024-02-29', '2000-02-29', '2035-12-31', '1970-01-01'])('accepts %s', (s) => {
    expect(isIsoDate(s)).toBe(true);
  });

  it.each([
    ['2026-02-29', 'not a leap year'],
    ['1900-02-29', 'century, not divisible by 400'],
    ['2026-02-30', 'no 30 February'],
    ['2026-04-31', 'April has 30 days'],
    ['2026-13-01', 'month 13'],
    ['2026-00-10', 'month 0'],
    ['2026-01-00', 'day 0'],
    ['2026-1-5', 'unpadded'],
    ['2026-01-05T00:00:00Z', 'an instant, not a date'],
    [' 2026-01-05', 'leading space'],
    ['', 'empty'],
  ])('rejects %s (%s)', (s) => {
    expect(isIsoDate(s)).toBe(false);
  });

  it('rejects non-strings', () => {
    expect(isIsoDate(20260105)).toBe(false);
    expect(isIsoDate(null)).toBe(false);
    expect(isIsoDate(new Date('2026-01-05'))).toBe(false);
  });

  it('assertIsoDate names the argument', () => {
    expect(() => assertIsoDate('2026-02-30', 'as_of')).toThrow('as_of must be a valid YYYY-MM-DD date, got "2026-02-30"');
  });
});

describe('date arithmetic', () => {
  it('knows month lengths', () => {
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2026, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysInMonth(2026, 11)).toBe(30);
    expect(daysInMonth(2026, 12)).toBe(31);
  });

  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    // 2026 is not a leap year: 365 days later is the same calendar date.
    expect(addDays('2026-03-08', 365)).toBe('2027-03-08');
    expect(() => addDays('2026-01-01', 0.5)).toThrow(RangeError);
  });

  it('ignores DST: the day of the spring-forward switch is still one day', () => {
    // 2026-03-08 is the US spring-forward Sunday; local-time arithmetic would see 23 hours.
    expect(addDays('2026-03-08', 1)).toBe('2026-03-09');
    expect(diffDays('2026-03-09', '2026-03-08')).toBe(1);
    expect(diffDays('2026-11-02', '2026-11-01')).toBe(1);
  });

  it('computes weekdays', () => {
    expect(weekday('1970-01-01')).toBe(4); // Thursday
    expect(weekday('2026-11-26')).toBe(4); // Thanksgiving is a Thursday
    expect(weekday('2022-01-01')).toBe(6);
    expect(weekday('2023-01-01')).toBe(0);
    expect(weekday('1969-12-31')).toBe(3); // before the epoch
    expect(isWeekend('2026-11-28')).toBe(true);
    expect(isWeekend('2026-11-27')).toBe(false);
  });

  it('diffDays is later − earlier', () => {
    // 2024 is a leap year: 366 days from 2024-01-01 to 2025-01-01.
    expect(diffDays('2025-01-01', '2024-01-01')).toBe(366);
    expect(diffDays('2024-01-01', '2025-01-01')).toBe(-366);
    expect(diffDays('2026-05-05', '2026-05-05')).toBe(0);
  });

  it('round-trips epoch days and agrees with Date for every day 1999–2036', () => {
    for (let day = toEpochDay('1999-01-01'); day <= toEpochDay('2036-12-31'); day++) {
      const d = fromEpochDay(day);
      expect(toEpochDay(d)).toBe(day);
      expect(new Date(`${d}T00:00:00Z`).getTime()).toBe(day * 86_400_000);
      expect(weekday(d)).toBe(new Date(`${d}T00:00:00Z`).getUTCDay());
    }
  });

  it('maps dates to and from UTC midnight', () => {
    expect(isoDateToUtcDate('2026-07-03').toISOString()).toBe('2026-07-03T00:00:00.000Z');
    expect(utcDateToIsoDate(new Date('2026-07-03T23:59:59.999Z'))).toBe('2026-07-03');
    expect(utcDateToIsoDate(new Date('2026-07-04T00:00:00Z'))).toBe('2026-07-04');
    expect(() => utcDateToIsoDate(new Date('nope'))).toThrow(RangeError);
  });

  it('builds and splits dates', () => {
    expect(makeIsoDate(2026, 7, 3)).toBe('2026-07-03');
    expect(makeIsoDate(99, 1, 1)).toBe('0099-01-01');
    expect(() => makeIsoDate(2026, 2, 29)).toThrow(RangeError);
    expect(isoDateParts('2026-07-03')).toEqual({ year: 2026, month: 7, day: 3 });
    expect(() => isoDateParts('2026-7-3')).toThrow(TypeError);
  });
});
