import { parsePortfolio } from './portfolio.parser';
import { computeRiskSummary, riskSummary } from './risk-summary';

const portfolio = parsePortfolio({
  cash: 1000,
  positions: [
    { id: 'c1', symbol: 'SPY', option_type: 'call', expiry: '2026-12-18', strike: 600, contracts: 3, cost_basis: 2.5 },
    {
      id: 'v1',
      symbol: 'QQQ',
      legs: [
        { side: 'long', option_type: 'call', expiry: '2027-01-15', strike: 500, contracts: 2 },
        { side: 'short', option_type: 'call', expiry: '2026-12-11', strike: 510, contracts: 2 },
      ],
      net_debit: 1.2,
    },
  ],
});

describe('risk summary (DOMAIN.md §7.3)', () => {
  it('computes premium, capital and risk limits from the portfolio', () => {
    // premium: 2.5 × 100 × 3 = 750 plus 1.2 × 100 × 2 = 240 ⇒ 990; capital = 1000 + 990 = 1990;
    // max portfolio risk 0.25 × 1990 = 497.5; single position 0.07 × 1990 = 139.3.
    expect(computeRiskSummary(portfolio)).toMatchObject({
      source: 'computed',
      cash: 1000,
      position_count: 2,
      symbol_count: 2,
      premium_at_risk: 990,
      capital_cost_basis: 1990,
      next_expiry: '2026-12-11',
      max_portfolio_risk_dollars: 497.5,
      max_single_position_risk_dollars: 139.3,
      take_profit_pct: 0.6,
      stop_loss_pct: 0.35,
      total_delta_shares: null,
      missing_greeks: null,
      stress: [],
      note: null,
    });
  });

  it('merges the briefing exposure and stress, keeping computed values the briefing lacks', () => {
    const briefing = {
      report_date: '2026-11-25',
      generated_at: '2026-11-25T23:00:00.000Z',
      portfolio_path: 'data/portfolio.json',
      portfolio: {
        exposure: { as_of: '2026-11-25', positions: [{ id: 'c1' }, { id: 'v1' }, { id: 'v1' }], total_delta_shares: 190, total_theta_dollars_per_day: -17, total_vega_dollars_per_iv: null, missing_greeks: 0, warnings: ['w1'] },
        stress: [{ label: 'Spot +5%', pnl: 500, pnl_pct: 1, warnings: ['stress_missing_inputs=1'] }],
      },
    };
    const s = riskSummary(portfolio, { date: '2026-11-25', json: briefing });
    expect(s).toMatchObject({
      source: 'briefing',
      report_date: '2026-11-25',
      as_of: '2026-11-25',
      portfolio_path: 'data/portfolio.json',
      position_count: 2,
      total_delta_shares: 190,
      total_theta_dollars_per_day: -17,
      total_vega_dollars_per_iv: null,
      missing_greeks: 0,
      premium_at_risk: 990,
      stress: [{ label: 'Spot +5%', pnl: 500 }],
      warnings: ['w1', 'stress_missing_inputs=1'],
      note: null,
    });
  });

  it('explains why a briefing was not merged', () => {
    expect(riskSummary(portfolio, { date: '2026-11-25', json: { portfolio: { exposure: null, stress: [] } } }).note).toBe('Latest briefing 2026-11-25 does not include portfolio exposure.');
    expect(riskSummary(portfolio, { date: '2026-11-25', error: 'Unexpected token' })).toMatchObject({ source: 'computed', note: 'Briefing summary unavailable (Unexpected token)' });
    expect(riskSummary(portfolio, null).note).toMatch(/^Briefing summary unavailable \(/);
  });
});
