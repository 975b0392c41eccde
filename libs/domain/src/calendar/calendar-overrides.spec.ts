import { CalendarOverridesError, parseCalendarOverrides } from './calendar-overrides';

describe('parseCalendarOverrides', () => {
  it('accepts the config file shape, sorting and de-duplicating dates', () => {
    expect(parseCalendarOverrides({ closed: ['2026-03-11', '2026-03-10', '2026-03-11'], early_close: [] })).toEqual({
      closed: ['2026-03-10', '2026-03-11'],
      early_close: [],
    });
  });

  it('treats missing fields and a missing file as no overrides', () => {
    expect(parseCalendarOverrides({})).toEqual({ closed: [], early_close: [] });
    expect(parseCalendarOverrides(undefined)).toEqual({ closed: [], early_close: [] });
    expect(parseCalendarOverrides({ early_close: ['2026-07-02'] })).toEqual({ closed: [], early_close: ['2026-07-02'] });
  });

  it.each<[unknown, RegExp]>([
    [[], /must be an object/],
    ['{"closed":[]}', /must be an object/],
    [{ early_closes: ['2026-07-02'] }, /unknown field "early_closes"/],
    [{ closed: '2026-03-11' }, /"closed" must be an array of YYYY-MM-DD dates, got "2026-03-11"/],
    [{ closed: ['2026-03-11', '2026-02-30'] }, /closed\[1\] = "2026-02-30" is not a valid YYYY-MM-DD date/],
    [{ early_close: [20260702] }, /early_close\[0\] = 20260702 is not a valid/],
    [{ closed: ['2036-01-02'] }, /closed\[0\] = "2036-01-02" is outside the calendar range 2000–2035/],
    [{ closed: ['2026-07-02'], early_close: ['2026-07-02'] }, /2026-07-02 is listed in both "closed" and "early_close"/],
  ])('rejects %j', (input, message) => {
    expect(() => parseCalendarOverrides(input)).toThrow(CalendarOverridesError);
    expect(() => parseCalendarOverrides(input)).toThrow(message);
  });
});
