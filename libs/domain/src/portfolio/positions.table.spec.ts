import { parsePortfolio } from './portfolio.parser';
import { legNote, positionsTable } from './positions.table';

const portfolio = parsePortfolio({
  cash: 5000,
  positions: [
    { id: 'z-call', symbol: 'SPY', option_type: 'call', expiry: '2026-03-20', strike: 600, contracts: 3, cost_basis: 2.5, opened_at: '2026-01-05' },
    {
      id: 'b-vert',
      symbol: 'SPY',
      legs: [
        { side: 'long', option_type: 'call', expiry: '2026-03-20', strike: 600, contracts: 2 },
        { side: 'short', option_type: 'call', expiry: '2026-03-20', strike: 610, contracts: 2 },
      ],
      net_debit: 1.2,
    },
    {
      id: 'cal',
      symbol: 'AAPL',
      legs: [
        { side: 'long', option_type: 'put', expiry: '2026-05-15', strike: 217.5, contracts: 1 },
        { side: 'short', option_type: 'put', expiry: '2026-03-20', strike: 210, contracts: 2, ratio: 2 },
      ],
      opened_at: '2026-01-12',
    },
    { id: 'a-put', symbol: 'SPY', option_type: 'put', expiry: '2026-02-20', strike: 560, contracts: 1, cost_basis: 4 },
  ],
});

describe('positionsTable (DOMAIN.md §7.3)', () => {
  it('orders rows by symbol, then id', () => {
    expect(positionsTable(portfolio).map((r) => `${r.symbol}/${r.id}`)).toEqual(['AAPL/cal', 'SPY/a-put', 'SPY/b-vert', 'SPY/z-call']);
  });

  it('shows a single position as it is', () => {
    const row = positionsTable(portfolio).find((r) => r.id === 'z-call');
    expect(row).toEqual({
      id: 'z-call',
      symbol: 'SPY',
      structure: 'single',
      option_type: 'call',
      expiry: '2026-03-20',
      strike: 600,
      contracts: 3,
      cost_basis: 2.5,
      premium_at_risk: 750, // 2.50 × 100 × 3
      opened_at: '2026-01-05',
      notes: null,
    });
  });

  it('summarises a vertical: multi, no strike, signed contracts, net debit as cost basis, legs in the notes', () => {
    const row = positionsTable(portfolio).find((r) => r.id === 'b-vert');
    expect(row).toEqual({
      id: 'b-vert',
      symbol: 'SPY',
      structure: 'multi-leg',
      option_type: 'multi',
      expiry: '2026-03-20',
      strike: null,
      contracts: 0, // +2 long − 2 short
      cost_basis: 1.2,
      premium_at_risk: 240, // 1.20 × 100 × min(2, 2)
      opened_at: null,
      notes: 'LC 2026-03-20 600 (2) | SC 2026-03-20 610 (2)',
    });
  });

  it('shows first..last expiry, ratios and a missing net debit for a calendar', () => {
    const row = positionsTable(portfolio).find((r) => r.id === 'cal');
    expect(row).toMatchObject({
      expiry: '2026-03-20..2026-05-15',
      contracts: -1, // +1 long − 2 short
      cost_basis: null,
      premium_at_risk: 0,
      opened_at: '2026-01-12',
      notes: 'LP 2026-05-15 217.5 (1) | SP 2026-03-20 210 (2x2)',
    });
  });

  it('is empty without positions', () => {
    expect(positionsTable(parsePortfolio({}))).toEqual([]);
  });

  it('formats one leg', () => {
    expect(legNote({ side: 'short', option_type: 'call', expiry: '2026-06-18', strike: 45.5, contracts: 10, ratio: 1.5 })).toBe(
      'SC 2026-06-18 45.5 (10x1.5)',
    );
  });
});
