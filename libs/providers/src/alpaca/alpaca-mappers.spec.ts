import { barDate, barsToCandles, convertGreeks, fromAlpacaSymbol, toAlpacaSymbol, toContractRow, toInstant } from './alpaca-mappers';
import { contract, dailyBar } from './testing/alpaca-fixtures';

describe('alpaca mappers', () => {
  it('converts vega from per IV point to per 1.00 of IV and keeps the other greeks', () => {
    // vega 0.312 per 1 % of IV ⇒ 31.2 per 1.00 of IV; theta is already per calendar day.
    expect(convertGreeks({ delta: 0.583, gamma: 0.0198, theta: -0.1425, vega: 0.312, rho: 0.301 })).toEqual({
      delta: 0.583,
      gamma: 0.0198,
      theta: -0.1425,
      vega: 31.2,
      rho: 0.301,
    });
    expect(convertGreeks(null)).toEqual({ delta: null, gamma: null, theta: null, vega: null, rho: null });
  });

  it('dates daily bars in New York, across the DST change', () => {
    expect(barDate('2026-03-06T05:00:00Z')).toBe('2026-03-06'); // EST midnight
    expect(barDate('2026-03-09T04:00:00Z')).toBe('2026-03-09'); // EDT midnight
    expect(barDate('2026-03-09T03:59:59Z')).toBe('2026-03-08');
    expect(barDate('not a time')).toBeNull();
  });

  it('normalises RFC-3339 instants with nanoseconds or offsets', () => {
    expect(toInstant('2026-03-10T14:59:59.987654321Z')).toBe('2026-03-10T14:59:59.987Z');
    expect(toInstant('2026-03-10T10:00:00-04:00')).toBe('2026-03-10T14:00:00.000Z');
    expect(toInstant(undefined)).toBeNull();
  });

  it('keeps one candle per session (the later duplicate) inside the window, ascending', () => {
    const candles = barsToCandles(
      [dailyBar('2026-03-09', 2), dailyBar('2026-03-06', 1), dailyBar('2026-03-09', 3), dailyBar('2026-03-10', 4)],
      '2026-03-06',
      '2026-03-09',
    );
    expect(candles.map((c) => [c.ts, c.close])).toEqual([
      ['2026-03-06', 1],
      ['2026-03-09', 3],
    ]);
  });

  it('fills contract fields from the OSI symbol and falls back to a multiplier of 100', () => {
    const row = toContractRow({ symbol: 'BRK.B 260320P00480000', multiplier: 'x', size: '' });
    expect(row).toMatchObject({ underlying: 'BRK-B', expiry: '2026-03-20', optionType: 'put', strike: 480, multiplier: 100, openInterest: null });
    expect(toContractRow({ symbol: 'garbage' })).toBeNull();
    expect(
      toContractRow(contract('SPY260320C00600000', { expiration_date: '2026-03-20', type: 'call', strike_price: '600.5', open_interest: '-3' })),
    ).toMatchObject({ strike: 600.5, openInterest: null });
  });

  it('writes share classes with a dot for Alpaca and a dash for the project', () => {
    expect(toAlpacaSymbol(' brk-b ')).toBe('BRK.B');
    expect(fromAlpacaSymbol('brk.b')).toBe('BRK-B');
  });
});
