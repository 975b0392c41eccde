import {
  capitalCostBasis,
  nextExpiry,
  positionExpiries,
  positionExpiriesBySymbol,
  positionSymbols,
  premiumAtRisk,
  premiumPaid,
  spreadContracts,
} from './portfolio.metrics';
import { parsePortfolio } from './portfolio.parser';
import { MultiLegPosition, Portfolio, SinglePosition } from './portfolio.types';

const longCall: SinglePosition = {
  id: 'spy-c',
  symbol: 'SPY',
  option_type: 'call',
  expiry: '2026-03-20',
  strike: 600,
  contracts: 3,
  cost_basis: 2.5,
};

const debitSpread: MultiLegPosition = {
  id: 'qqq-v',
  symbol: 'QQQ',
  legs: [
    { side: 'long', option_type: 'call', expiry: '2026-04-17', strike: 520, contracts: 2 },
    { side: 'short', option_type: 'call', expiry: '2026-04-17', strike: 540, contracts: 2 },
  ],
  net_debit: 1.2,
};

const creditSpread: MultiLegPosition = {
  id: 'spy-pcs',
  symbol: 'SPY',
  legs: [
    { side: 'short', option_type: 'put', expiry: '2026-02-20', strike: 560, contracts: 5 },
    { side: 'long', option_type: 'put', expiry: '2026-02-20', strike: 550, contracts: 5 },
  ],
  net_debit: -1.8,
};

// A put calendar: its legs expire on different dates.
const calendar: MultiLegPosition = {
  id: 'aapl-cal',
  symbol: 'AAPL',
  legs: [
    { side: 'short', option_type: 'put', expiry: '2026-03-20', strike: 220, contracts: 3 },
    { side: 'long', option_type: 'put', expiry: '2026-05-15', strike: 220, contracts: 2 },
  ],
  net_debit: 1.5,
};

const portfolio = (positions: Portfolio['positions'], cash = 0): Portfolio => ({ ...parsePortfolio({ cash }), positions });

describe('premium (DOMAIN.md §7.1)', () => {
  it('single: cost_basis × 100 × contracts', () => {
    // 2.50 × 100 × 3 = 750
    expect(premiumPaid(longCall)).toBe(750);
  });

  it('debit spread: net_debit × 100 × spread_contracts', () => {
    // 1.20 × 100 × min(2, 2) = 240
    expect(spreadContracts(debitSpread)).toBe(2);
    expect(premiumPaid(debitSpread)).toBe(240);
  });

  it('credit spread: max(0, −1.80) × 100 × 5 = 0', () => {
    expect(premiumPaid(creditSpread)).toBe(0);
  });

  it('uses the smallest leg as the number of spreads', () => {
    // 1.50 × 100 × min(3, 2) = 300
    expect(spreadContracts(calendar)).toBe(2);
    expect(premiumPaid(calendar)).toBe(300);
  });

  it('counts a multi-leg position without net_debit as 0', () => {
    const { net_debit: _omit, ...noDebit } = debitSpread;
    expect(premiumPaid(noDebit)).toBe(0);
  });

  it('spreadContracts of a single position is its contracts', () => {
    expect(spreadContracts(longCall)).toBe(3);
  });

  it('rounds to the cent instead of leaking binary noise', () => {
    // 1.15 × 100 × 3 = 345 (344.99999999999994 unrounded); 0.07 × 100 × 1 = 7 (7.000000000000001 unrounded)
    expect(premiumPaid({ ...longCall, cost_basis: 1.15 })).toBe(345);
    expect(premiumPaid({ ...longCall, cost_basis: 0.07, contracts: 1 })).toBe(7);
  });

  it('premium at risk is the sum, capital cost basis adds cash', () => {
    const p = portfolio([longCall, debitSpread, creditSpread, calendar], 1000.5);
    // 750 + 240 + 0 + 300 = 1,290; 1,000.50 + 1,290 = 2,290.50
    expect(premiumAtRisk(p)).toBe(1290);
    expect(capitalCostBasis(p)).toBe(2290.5);
  });

  it('is 0 without positions, leaving capital = cash', () => {
    const p = portfolio([], 2500);
    expect(premiumAtRisk(p)).toBe(0);
    expect(capitalCostBasis(p)).toBe(2500);
  });
});

describe('symbols and expiries', () => {
  const p = portfolio([longCall, debitSpread, creditSpread, calendar]);

  it('lists position symbols sorted and unique', () => {
    expect(positionSymbols(p)).toEqual(['AAPL', 'QQQ', 'SPY']);
    expect(positionSymbols(portfolio([]))).toEqual([]);
  });

  it('lists expiries per position, legs included', () => {
    expect(positionExpiries(longCall)).toEqual(['2026-03-20']);
    expect(positionExpiries(debitSpread)).toEqual(['2026-04-17']);
    expect(positionExpiries(calendar)).toEqual(['2026-03-20', '2026-05-15']);
  });

  it('groups expiries by symbol, sorted and unique, symbols in order', () => {
    const bySymbol = positionExpiriesBySymbol(p);
    expect([...bySymbol.keys()]).toEqual(['AAPL', 'QQQ', 'SPY']);
    expect(Object.fromEntries(bySymbol)).toEqual({
      AAPL: ['2026-03-20', '2026-05-15'],
      QQQ: ['2026-04-17'],
      SPY: ['2026-02-20', '2026-03-20'],
    });
    expect(positionExpiriesBySymbol(portfolio([])).size).toBe(0);
  });

  it('finds the earliest expiry over positions and legs', () => {
    expect(nextExpiry(p)).toBe('2026-02-20'); // the credit spread's legs
    expect(nextExpiry(portfolio([longCall, calendar]))).toBe('2026-03-20');
    expect(nextExpiry(portfolio([]))).toBeNull();
  });
});
