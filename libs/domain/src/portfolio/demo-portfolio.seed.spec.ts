import { addDays, diffDays, weekday } from '../time';
import { demoPortfolio, demoWatchlists, monthlyExpiry } from './demo-portfolio.seed';
import { capitalCostBasis, nextExpiry, positionExpiries, positionSymbols, premiumAtRisk } from './portfolio.metrics';
import { parsePortfolio } from './portfolio.parser';
import { isMultiLegPosition } from './portfolio.types';
import { parseWatchlists } from './watchlists.parser';

describe('monthlyExpiry', () => {
  it('is the third Friday of the month n months ahead, across year ends', () => {
    expect(monthlyExpiry('2026-01-10', 1)).toBe('2026-02-20');
    expect(monthlyExpiry('2026-01-31', 2)).toBe('2026-03-20');
    expect(monthlyExpiry('2026-11-30', 2)).toBe('2027-01-15');
    expect(monthlyExpiry('2026-12-01', 1)).toBe('2027-01-15');
  });

  it('moves to Thursday when the third Friday is an exchange holiday', () => {
    expect(monthlyExpiry('2025-03-01', 1)).toBe('2025-04-17'); // 2025-04-18 is Good Friday
    expect(monthlyExpiry('2026-05-05', 1)).toBe('2026-06-18'); // 2026-06-19 is Juneteenth
  });
});

describe('demoPortfolio', () => {
  const today = '2026-01-14';

  it('is a valid portfolio that survives a JSON round trip', () => {
    const demo = demoPortfolio(today);
    expect(parsePortfolio(JSON.parse(JSON.stringify(demo)))).toEqual(demo);
  });

  it('holds 4–6 positions on SPY, AAPL, QQQ and NVDA, including a vertical spread', () => {
    const demo = demoPortfolio(today);
    expect(demo.positions.length).toBeGreaterThanOrEqual(4);
    expect(demo.positions.length).toBeLessThanOrEqual(6);
    expect(positionSymbols(demo)).toEqual(['AAPL', 'NVDA', 'QQQ', 'SPY']);
    const verticals = demo.positions.filter(
      (p) => isMultiLegPosition(p) && p.legs.length === 2 && p.legs[0].expiry === p.legs[1].expiry && p.legs[0].side !== p.legs[1].side,
    );
    expect(verticals.length).toBeGreaterThanOrEqual(1);
  });

  it('has the documented premium', () => {
    // 4.15×100×3 = 1,245; credit spread 0; 8.90×100×4 = 3,560; 6.40×100×2 = 1,280; 7.85×100×2 = 1,570 ⇒ 7,655
    const demo = demoPortfolio(today);
    expect(premiumAtRisk(demo)).toBe(7655);
    expect(capitalCostBasis(demo)).toBe(32655); // + 25,000 cash
  });

  it('expires on monthly expiries 1–3 months out, opened in the past, for every day of a year', () => {
    for (let day = '2026-01-01'; day <= '2027-01-01'; day = addDays(day, 1)) {
      const demo = demoPortfolio(day);
      const expiries = demo.positions.flatMap(positionExpiries);
      const soonest = nextExpiry(demo) ?? '';
      expect(diffDays(soonest, day)).toBeGreaterThanOrEqual(15);
      for (const expiry of expiries) {
        expect(diffDays(expiry, day)).toBeLessThanOrEqual(4 * 31);
        expect([4, 5]).toContain(weekday(expiry)); // Friday, or Thursday before a holiday
      }
      for (const position of demo.positions) expect((position.opened_at ?? '') < day).toBe(true);
    }
  });

  it('rejects a malformed today', () => {
    expect(() => demoPortfolio('2026-02-30')).toThrow('today must be a valid YYYY-MM-DD date');
  });
});

describe('demoWatchlists', () => {
  it('has positions = the demo portfolio symbols and six liquid names to monitor, in canonical form', () => {
    const lists = demoWatchlists();
    expect(lists).toEqual({
      monitor: ['AMZN', 'GOOGL', 'IWM', 'META', 'MSFT', 'TSLA'],
      positions: positionSymbols(demoPortfolio('2026-01-14')),
    });
    expect(parseWatchlists({ watchlists: lists })).toEqual(lists);
  });
});
