import { seededRandom as mulberry32 } from '../util/seeded-random';
import { addDays, IsoDate, weekday } from '../time';
import { CalendarOverridesError } from './calendar-overrides';
import { nyseCalendar, TradingCalendar } from './trading-calendar';

const cal = nyseCalendar;

/** The exchange's published lists (nyse.com "Holidays & Trading Hours"), written out literally. */
const PUBLISHED: Record<number, { holidays: IsoDate[]; earlyCloses: IsoDate[] }> = {
  2023: {
    holidays: [
      '2023-01-02', // New Year's Day observed (1 Jan is a Sunday)
      '2023-01-16',
      '2023-02-20',
      '2023-04-07',
      '2023-05-29',
      '2023-06-19',
      '2023-07-04',
      '2023-09-04',
      '2023-11-23',
      '2023-12-25',
    ],
    earlyCloses: ['2023-07-03', '2023-11-24'], // 24 Dec is a Sunday
  },
  2024: {
    holidays: [
      '2024-01-01',
      '2024-01-15',
      '2024-02-19',
      '2024-03-29',
      '2024-05-27',
      '2024-06-19',
      '2024-07-04',
      '2024-09-02',
      '2024-11-28',
      '2024-12-25',
    ],
    earlyCloses: ['2024-07-03', '2024-11-29', '2024-12-24'],
  },
  2025: {
    holidays: [
      '2025-01-01',
      '2025-01-09', // unscheduled: day of mourning for President Carter
      '2025-01-20',
      '2025-02-17',
      '2025-04-18',
      '2025-05-26',
      '2025-06-19',
      '2025-07-04',
      '2025-09-01',
      '2025-11-27',
      '2025-12-25',
    ],
    earlyCloses: ['2025-07-03', '2025-11-28', '2025-12-24'],
  },
  2026: {
    holidays: [
      '2026-01-01',
      '2026-01-19',
      '2026-02-16',
      '2026-04-03',
      '2026-05-25',
      '2026-06-19',
      '2026-07-03', // Independence Day observed (4 Jul is a Saturday)
      '2026-09-07',
      '2026-11-26',
      '2026-12-25',
    ],
    earlyCloses: ['2026-11-27', '2026-12-24'],
  },
  2027: {
    holidays: [
      '2027-01-01',
      '2027-01-18',
      '2027-02-15',
      '2027-03-26',
      '2027-05-31',
      '2027-06-18', // Juneteenth observed (19 Jun is a Saturday)
      '2027-07-05', // Independence Day observed (4 Jul is a Sunday)
      '2027-09-06',
      '2027-11-25',
      '2027-12-24', // Christmas observed (25 Dec is a Saturday)
    ],
    earlyCloses: ['2027-11-26'],
  },
};

/** Reference implementation: walk day by day. */
function bruteOnOrBefore(d: IsoDate): IsoDate {
  let x = d;
  while (!cal.isSession(x)) x = addDays(x, -1);
  return x;
}

describe('TradingCalendar: published NYSE lists', () => {
  it.each(Object.keys(PUBLISHED).map(Number))('matches the %i holidays and early closes', (year) => {
    const { holidays, earlyCloses } = PUBLISHED[year];
    expect(cal.closuresInYear(year).map((c) => c.date)).toEqual(holidays);
    expect(cal.earlyClosesInYear(year)).toEqual(earlyCloses);
    for (const d of holidays) expect(cal.isSession(d)).toBe(false);
    for (const d of earlyCloses) {
      expect(cal.isSession(d)).toBe(true);
      expect(cal.isEarlyClose(d)).toBe(true);
    }
  });

  it('counts the sessions of whole years', () => {
    // 2026 starts on a Thursday: 52 weeks + 1 day ⇒ 261 weekdays − 10 holidays = 251.
    expect(cal.countSessionsBetween('2025-12-31', '2026-12-31')).toBe(251);
    // 2024 is a leap year starting on a Monday: 52 weeks + 2 days ⇒ 262 weekdays − 10 holidays = 252.
    expect(cal.countSessionsBetween('2023-12-31', '2024-12-31')).toBe(252);
    // 2025 starts on a Wednesday: 261 weekdays − 10 holidays − 9 Jan (Carter) = 250.
    expect(cal.countSessionsBetween('2024-12-31', '2025-12-31')).toBe(250);
  });

  it('names holidays and says null on sessions and weekends', () => {
    expect(cal.holidayName('2026-11-26')).toBe('Thanksgiving Day');
    expect(cal.holidayName('2026-07-03')).toBe('Independence Day (observed)');
    expect(cal.holidayName('2025-01-09')).toBe('Day of mourning for President Jimmy Carter');
    expect(cal.holidayName('2012-10-29')).toBe('Hurricane Sandy');
    expect(cal.holidayName('2026-11-27')).toBeNull();
    expect(cal.holidayName('2026-11-28')).toBeNull(); // Saturday
    expect(cal.isSession('2026-11-28')).toBe(false);
  });
});

describe('TradingCalendar: rules at the edges', () => {
  it('keeps 31 December open when New Year falls on a Saturday', () => {
    // 2022-01-01 is a Saturday: NYSE traded on Friday 2021-12-31.
    expect(cal.isSession('2021-12-31')).toBe(true);
    expect(cal.isEarlyClose('2021-12-31')).toBe(false);
    expect(cal.previousSession('2022-01-03')).toBe('2021-12-31');
    expect(cal.nextSession('2021-12-31')).toBe('2022-01-03');
    expect(cal.isSession('2027-12-31')).toBe(true); // 2028-01-01 is a Saturday too
  });

  it('has no Juneteenth before 2022', () => {
    expect(cal.isSession('2021-06-18')).toBe(true);
    expect(cal.isSession('2021-06-21')).toBe(true);
    expect(cal.isSession('2022-06-20')).toBe(false);
  });

  it('includes the built-in unscheduled closures', () => {
    for (const d of ['2001-09-11', '2001-09-14', '2004-06-11', '2007-01-02', '2012-10-30', '2018-12-05', '2025-01-09']) {
      expect(cal.isSession(d)).toBe(false);
    }
    expect(cal.previousSession('2001-09-17')).toBe('2001-09-10');
  });

  it('only calls sessions early closes', () => {
    expect(cal.isEarlyClose('2026-07-03')).toBe(false); // holiday, not an early close
    expect(cal.isEarlyClose('2026-11-25')).toBe(false);
  });
});

describe('TradingCalendar: session instants', () => {
  it('closes at 16:00 New York time, DST-correct', () => {
    // EST = UTC−5, EDT = UTC−4; DST 2026 runs 8 Mar – 1 Nov.
    expect(cal.sessionClose('2026-03-06').toISOString()).toBe('2026-03-06T21:00:00.000Z'); // Fri before switch, EST
    expect(cal.sessionClose('2026-03-09').toISOString()).toBe('2026-03-09T20:00:00.000Z'); // Mon after, EDT
    expect(cal.sessionClose('2026-10-30').toISOString()).toBe('2026-10-30T20:00:00.000Z'); // Fri before fall-back, EDT
    expect(cal.sessionClose('2026-11-02').toISOString()).toBe('2026-11-02T21:00:00.000Z'); // Mon after, EST
  });

  it('closes at 13:00 on early-close days', () => {
    expect(cal.sessionClose('2025-07-03').toISOString()).toBe('2025-07-03T17:00:00.000Z'); // 13:00 EDT
    expect(cal.sessionClose('2026-11-27').toISOString()).toBe('2026-11-27T18:00:00.000Z'); // 13:00 EST
    expect(cal.sessionClose('2024-12-24').toISOString()).toBe('2024-12-24T18:00:00.000Z');
    expect(cal.closeTime('2024-12-24')).toEqual({ hour: 13, minute: 0 });
  });

  it('opens at 09:30 New York time', () => {
    expect(cal.sessionOpen('2026-03-06').toISOString()).toBe('2026-03-06T14:30:00.000Z');
    expect(cal.sessionOpen('2026-03-09').toISOString()).toBe('2026-03-09T13:30:00.000Z');
  });

  it('refuses instants for non-sessions', () => {
    expect(() => cal.sessionClose('2026-11-26')).toThrow('2026-11-26 is not a trading session (Thanksgiving Day)');
    expect(() => cal.sessionOpen('2026-11-28')).toThrow('2026-11-28 is not a trading session (weekend)');
  });
});

describe('TradingCalendar: lastCompletedSession', () => {
  it('switches at the close on a normal day', () => {
    // Wed 2026-03-04 closes 16:00 EST = 21:00Z.
    expect(cal.lastCompletedSession(new Date('2026-03-04T20:59:59Z'))).toBe('2026-03-03');
    expect(cal.lastCompletedSession(new Date('2026-03-04T21:00:00Z'))).toBe('2026-03-04');
    // 02:00Z on the 5th is still the 4th in New York (21:00 EST).
    expect(cal.lastCompletedSession(new Date('2026-03-05T02:00:00Z'))).toBe('2026-03-04');
    // Before the open the previous session is the latest completed one.
    expect(cal.lastCompletedSession(new Date('2026-03-05T14:00:00Z'))).toBe('2026-03-04');
  });

  it('switches at 13:00 on an early-close day', () => {
    // Fri 2026-11-27 closes 13:00 EST = 18:00Z; before that, the latest is Wed 25 (26 is Thanksgiving).
    expect(cal.lastCompletedSession(new Date('2026-11-27T17:59:59Z'))).toBe('2026-11-25');
    expect(cal.lastCompletedSession(new Date('2026-11-27T18:00:00Z'))).toBe('2026-11-27');
  });

  it('skips a holiday and a weekend', () => {
    expect(cal.lastCompletedSession(new Date('2026-11-26T22:00:00Z'))).toBe('2026-11-25'); // Thanksgiving evening
    expect(cal.lastCompletedSession(new Date('2026-11-29T15:00:00Z'))).toBe('2026-11-27'); // Sunday
  });

  it('uses the right offset across the DST switches', () => {
    // Mon 2026-03-09 is EDT: closes 20:00Z (an EST computation would say 21:00Z).
    expect(cal.lastCompletedSession(new Date('2026-03-09T19:59:59Z'))).toBe('2026-03-06');
    expect(cal.lastCompletedSession(new Date('2026-03-09T20:00:00Z'))).toBe('2026-03-09');
    // Mon 2026-11-02 is EST: closes 21:00Z (an EDT computation would say 20:00Z).
    expect(cal.lastCompletedSession(new Date('2026-11-02T20:30:00Z'))).toBe('2026-10-30');
    expect(cal.lastCompletedSession(new Date('2026-11-02T21:00:00Z'))).toBe('2026-11-02');
  });
});

describe('TradingCalendar: neighbours and ranges', () => {
  it('steps over weekends and holidays', () => {
    expect(cal.previousSession('2026-11-27')).toBe('2026-11-25');
    expect(cal.previousSession('2026-11-26')).toBe('2026-11-25'); // d need not be a session
    expect(cal.nextSession('2026-11-25')).toBe('2026-11-27');
    expect(cal.nextSession('2026-07-02')).toBe('2026-07-06'); // Fri 3 Jul holiday, then the weekend
    expect(cal.sessionOnOrAfter('2024-01-01')).toBe('2024-01-02'); // default partition start
    expect(cal.sessionOnOrAfter('2024-01-02')).toBe('2024-01-02');
    expect(cal.sessionOnOrBefore('2026-11-26')).toBe('2026-11-25');
  });

  it('lists sessions a < s ≤ b across a weekend and a holiday', () => {
    // Fri 20 Nov (excluded) … Mon 30 Nov: skips the 21/22 weekend, Thanksgiving 26 and the 28/29 weekend.
    const expected = ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-27', '2026-11-30'];
    expect(cal.sessionsBetween('2026-11-20', '2026-11-30')).toEqual(expected);
    expect(cal.countSessionsBetween('2026-11-20', '2026-11-30')).toBe(5);
    // MLK weekend: Fri 16 Jan (excluded), 17/18 weekend, 19 MLK, Tue 20.
    expect(cal.sessionsBetween('2026-01-16', '2026-01-20')).toEqual(['2026-01-20']);
    expect(cal.sessionsBetween('2026-11-26', '2026-11-26')).toEqual([]);
    expect(cal.sessionsBetween('2026-11-30', '2026-11-20')).toEqual([]);
    expect(cal.countSessionsBetween('2026-11-30', '2026-11-20')).toBe(0);
  });

  it('throws RangeError outside 2000–2035 and TypeError on malformed dates', () => {
    expect(() => cal.isSession('1999-12-31')).toThrow(RangeError);
    expect(() => cal.isSession('2036-01-02')).toThrow(/outside the trading calendar's range 2000–2035/);
    expect(() => cal.previousSession('2000-01-03')).toThrow(/no trading session before 2000-01-03/); // the first session
    expect(() => cal.nextSession('2035-12-31')).toThrow(RangeError);
    expect(() => cal.lastCompletedSession(new Date('2040-01-01T00:00:00Z'))).toThrow(RangeError);
    expect(() => cal.isSession('2026-02-30')).toThrow(TypeError);
    expect(() => cal.closuresInYear(2036)).toThrow(RangeError);
  });
});

describe('TradingCalendar: overrides', () => {
  const custom = new TradingCalendar({ closed: ['2026-03-11'], early_close: ['2026-07-02'] });

  it('adds an unscheduled closure', () => {
    expect(custom.isSession('2026-03-11')).toBe(false);
    expect(custom.holidayName('2026-03-11')).toBe('Unscheduled closure');
    expect(custom.previousSession('2026-03-12')).toBe('2026-03-10');
    expect(custom.countSessionsBetween('2026-03-06', '2026-03-13')).toBe(cal.countSessionsBetween('2026-03-06', '2026-03-13') - 1);
    expect(custom.closuresInYear(2026).map((c) => c.date)).toContain('2026-03-11');
  });

  it('adds an early close at 13:00 ET', () => {
    expect(custom.isEarlyClose('2026-07-02')).toBe(true);
    expect(custom.sessionClose('2026-07-02').toISOString()).toBe('2026-07-02T17:00:00.000Z'); // 13:00 EDT
    expect(custom.lastCompletedSession(new Date('2026-07-02T17:30:00Z'))).toBe('2026-07-02');
    expect(cal.lastCompletedSession(new Date('2026-07-02T17:30:00Z'))).toBe('2026-07-01');
  });

  it('leaves the default calendar alone', () => {
    expect(cal.isSession('2026-03-11')).toBe(true);
    expect(cal.isEarlyClose('2026-07-02')).toBe(false);
  });

  it('rejects an early close on a day that is not a session', () => {
    expect(() => new TradingCalendar({ early_close: ['2026-11-26'] })).toThrow(CalendarOverridesError);
    expect(() => new TradingCalendar({ early_close: ['2026-11-26'] })).toThrow(
      'calendar overrides: early_close "2026-11-26" is not a trading session (Thanksgiving Day)',
    );
    expect(() => new TradingCalendar({ early_close: ['2026-11-28'] })).toThrow(/\(a weekend\)/);
  });

  it('validates untyped JSON', () => {
    const fromFile: unknown = JSON.parse('{"closed": ["2026-13-01"]}');
    expect(() => new TradingCalendar(fromFile as never)).toThrow(/closed\[0\] = "2026-13-01"/);
  });
});

describe('TradingCalendar: properties', () => {
  const rnd = mulberry32(20260101);
  const randomDate = (): IsoDate => addDays('2000-01-10', Math.floor(rnd() * 13_100)); // up to 2035-11-29

  it('previousSession(nextSession(d)) is the latest session ≤ d', () => {
    for (let i = 0; i < 2000; i++) {
      const d = randomDate();
      expect(cal.previousSession(cal.nextSession(d))).toBe(bruteOnOrBefore(d));
      expect(cal.sessionOnOrBefore(d)).toBe(bruteOnOrBefore(d));
    }
  });

  it('countSessionsBetween equals sessionsBetween length and a day-by-day count', () => {
    for (let i = 0; i < 300; i++) {
      const a = randomDate();
      const b = addDays(a, Math.floor(rnd() * 60) - 10);
      let brute = 0;
      for (let x = addDays(a, 1); x <= b; x = addDays(x, 1)) if (cal.isSession(x)) brute++;
      expect(cal.countSessionsBetween(a, b)).toBe(cal.sessionsBetween(a, b).length);
      expect(cal.countSessionsBetween(a, b)).toBe(brute);
    }
  });

  it('never calls a weekend a session', () => {
    for (let i = 0; i < 1000; i++) {
      const d = randomDate();
      if (weekday(d) === 0 || weekday(d) === 6) expect(cal.isSession(d)).toBe(false);
    }
  });

  // Speed is measured by `npm run bench` (synthetic section); this checks the counts agree with the lists.
  it('counts 10,000 random ranges consistently with sessionsBetween', () => {
    const pairs = Array.from({ length: 10_000 }, () => {
      const a = addDays('2000-01-10', Math.floor(rnd() * 12_700)); // up to 2034-10-31, so b stays in range
      return [a, addDays(a, Math.floor(rnd() * 400))] as const;
    });
    let total = 0;
    for (const [a, b] of pairs) total += cal.countSessionsBetween(a, b);
    expect(total).toBeGreaterThan(0);
    for (const [a, b] of pairs.slice(0, 200)) expect(cal.countSessionsBetween(a, b)).toBe(cal.sessionsBetween(a, b).length);
  });
});
