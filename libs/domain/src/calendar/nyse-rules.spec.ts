import { addDays } from '../time';
import {
  lastWeekdayOfMonth,
  nthWeekdayOfMonth,
  NYSE_UNSCHEDULED_CLOSURES,
  nyseEarlyCloses,
  nyseHolidays,
  westernEaster,
} from './nyse-rules';

describe('westernEaster', () => {
  it('matches hand arithmetic for 2026', () => {
    // a=2026 mod 19=12, b=20, c=26, d=5, e=0, f=1, g=6, h=(228+20-5-6+15) mod 30=252 mod 30=12,
    // i=6, k=2, l=(32+0+12-12-2) mod 7=30 mod 7=2, m=(12+132+44) div 451=0, n=12+2+114=128 ⇒ month 4, day 128 mod 31+1=5.
    expect(westernEaster(2026)).toBe('2026-04-05');
  });

  it.each([
    [2000, '2000-04-23'],
    [2008, '2008-03-23'], // earliest Easter of the range
    [2011, '2011-04-24'],
    [2019, '2019-04-21'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2027, '2027-03-28'],
    [2035, '2035-03-25'],
  ])('Easter %i is %s', (year, date) => {
    expect(westernEaster(year)).toBe(date);
  });
});

describe('weekday-of-month helpers', () => {
  it('finds nth and last weekdays', () => {
    expect(nthWeekdayOfMonth(2026, 11, 4, 4)).toBe('2026-11-26'); // 4th Thursday: Nov 2026 starts on a Sunday, 5+21
    expect(nthWeekdayOfMonth(2026, 9, 1, 1)).toBe('2026-09-07'); // Sep 2026 starts on a Tuesday
    expect(nthWeekdayOfMonth(2024, 1, 1, 3)).toBe('2024-01-15'); // Jan 2024 starts on a Monday: 1, 8, 15
    expect(lastWeekdayOfMonth(2026, 5, 1)).toBe('2026-05-25'); // May 31 2026 is a Sunday
    expect(lastWeekdayOfMonth(2027, 5, 1)).toBe('2027-05-31'); // May 31 2027 is itself a Monday
  });
});

describe('nyseHolidays', () => {
  it('does not observe New Year on a Saturday but moves a Sunday one to Monday', () => {
    expect(nyseHolidays(2022).map((h) => h.date)).not.toContain('2021-12-31');
    expect(nyseHolidays(2022)[0]).toEqual({ date: '2022-01-17', name: 'Martin Luther King Jr. Day' });
    expect(nyseHolidays(2023)[0]).toEqual({ date: '2023-01-02', name: "New Year's Day (observed)" });
  });

  it('starts Juneteenth in 2022 and observes it off weekends', () => {
    expect(nyseHolidays(2021).some((h) => h.name.startsWith('Juneteenth'))).toBe(false);
    expect(nyseHolidays(2022).find((h) => h.name.startsWith('Juneteenth'))?.date).toBe('2022-06-20'); // Sunday ⇒ Monday
    expect(nyseHolidays(2027).find((h) => h.name.startsWith('Juneteenth'))?.date).toBe('2027-06-18'); // Saturday ⇒ Friday
  });

  it('observes Independence Day and Christmas on Friday or Monday', () => {
    expect(nyseHolidays(2026).find((h) => h.name.startsWith('Independence'))).toEqual({
      date: '2026-07-03',
      name: 'Independence Day (observed)',
    });
    expect(nyseHolidays(2027).find((h) => h.name.startsWith('Independence'))?.date).toBe('2027-07-05');
    expect(nyseHolidays(2022).find((h) => h.name.startsWith('Christmas'))?.date).toBe('2022-12-26');
    expect(nyseHolidays(2021).find((h) => h.name.startsWith('Christmas'))?.date).toBe('2021-12-24');
  });

  it('refuses years outside 2000–2035', () => {
    expect(() => nyseHolidays(1999)).toThrow(RangeError);
    expect(() => nyseHolidays(2036)).toThrow(/outside the trading calendar's range 2000–2035/);
  });
});

describe('nyseEarlyCloses', () => {
  it('closes early on 3 July only Monday–Thursday', () => {
    expect(nyseEarlyCloses(2023)).toContain('2023-07-03'); // Monday
    expect(nyseEarlyCloses(2025)).toContain('2025-07-03'); // Thursday
    expect(nyseEarlyCloses(2026).some((d) => d.endsWith('-07-03'))).toBe(false); // Friday, and the observed holiday
    expect(nyseEarlyCloses(2027).some((d) => d.endsWith('-07-03'))).toBe(false); // Saturday
  });

  it('closes early on 24 December only Monday–Thursday', () => {
    expect(nyseEarlyCloses(2024)).toContain('2024-12-24'); // Tuesday
    expect(nyseEarlyCloses(2021).some((d) => d.endsWith('-12-24'))).toBe(false); // Friday: observed Christmas
    expect(nyseEarlyCloses(2022).some((d) => d.endsWith('-12-24'))).toBe(false); // Saturday
  });

  it('always closes early the day after Thanksgiving', () => {
    for (let year = 2000; year <= 2035; year++) {
      expect(nyseEarlyCloses(year)).toContain(addDays(nthWeekdayOfMonth(year, 11, 4, 4), 1));
    }
  });
});

describe('NYSE_UNSCHEDULED_CLOSURES', () => {
  it('lists the known weekday closures of the range', () => {
    expect(NYSE_UNSCHEDULED_CLOSURES.map((c) => c.date)).toEqual([
      '2001-09-11',
      '2001-09-12',
      '2001-09-13',
      '2001-09-14',
      '2004-06-11',
      '2007-01-02',
      '2012-10-29',
      '2012-10-30',
      '2018-12-05',
      '2025-01-09',
    ]);
  });
});
