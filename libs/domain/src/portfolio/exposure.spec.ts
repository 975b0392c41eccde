import { ContractQuote, portfolioExposure, stressScenarios } from './exposure';
import { parsePortfolio } from './portfolio.parser';

const quote = (over: Partial<ContractQuote>): ContractQuote => ({
  option_type: 'call',
  expiry: '2026-12-18',
  strike: 100,
  bid: 4,
  ask: 4.2,
  last_price: 4.1,
  implied_volatility: 0.2,
  open_interest: 500,
  volume: 20,
  delta: null,
  gamma: null,
  theta_per_day: null,
  vega: null,
  ...over,
});

describe('portfolio exposure (DOMAIN.md §7.2)', () => {
  const portfolio = parsePortfolio({
    positions: [
      { id: 'c1', symbol: 'SPY', option_type: 'call', expiry: '2026-12-18', strike: 100, contracts: 3, cost_basis: 2.5 },
      {
        id: 'v1',
        symbol: 'SPY',
        legs: [
          { side: 'long', option_type: 'call', expiry: '2026-12-18', strike: 100, contracts: 2 },
          { side: 'short', option_type: 'call', expiry: '2026-12-18', strike: 110, contracts: 2 },
        ],
        net_debit: 1.5,
      },
    ],
  });
  const rows = [
    quote({ delta: 0.5, gamma: 0.04, theta_per_day: -0.05, vega: 0.2 }),
    quote({ strike: 110, delta: 0.3, gamma: 0.03, theta_per_day: -0.04, vega: 0.15 }),
  ];

  it('scales the snapshot greeks by signed contracts × 100 and sums them', () => {
    const e = portfolioExposure(portfolio, { SPY: { as_of: '2026-11-25', spot: 100, rows } });
    // c1: 0.5 × 3 × 100 = 150; v1 long: 0.5 × 2 × 100 = 100; v1 short: 0.3 × −2 × 100 = −60 ⇒ 190.
    expect(e.positions.map((p) => p.delta_shares)).toEqual([150, 100, -60]);
    expect(e.total_delta_shares).toBeCloseTo(190, 9);
    // θ: −0.05×300 − 0.05×200 + 0.04×200 = −15 − 10 + 8 = −17; vega: 0.2×300 + 0.2×200 − 0.15×200 = 60 + 40 − 30 = 70.
    expect(e.total_theta_dollars_per_day).toBeCloseTo(-17, 9);
    expect(e.total_vega_dollars_per_iv).toBeCloseTo(70, 9);
    expect(e).toMatchObject({ as_of: '2026-11-25', missing_greeks: 0, warnings: [] });
    expect(e.positions[2]).toMatchObject({ side: 'short', contracts: -2, dte: 23, greeks_source: 'snapshot' });
  });

  it('falls back to Black–Scholes, flags placeholder IVs and missing snapshots', () => {
    // S = K = 100, σ = 0.2, t = 365/365 = 1, r = 0: d1 = 0.1 ⇒ delta = N(0.1) = 0.539827837277029.
    const e = portfolioExposure(portfolio, {
      SPY: { as_of: '2025-12-18', spot: 100, rows: [quote({}), quote({ strike: 110, implied_volatility: 0 })] },
    });
    expect(e.positions[0]?.delta).toBeCloseTo(0.539827837277029, 12);
    expect(e.positions[0]?.greeks_source).toBe('black_scholes');
    expect(e.positions[2]).toMatchObject({ iv: null, delta: null, warnings: ['iv_placeholder'] });
    expect(e.missing_greeks).toBe(1);
    expect(e.warnings).toEqual(['missing_greeks=1']);
    const none = portfolioExposure(portfolio, {});
    expect(none).toMatchObject({ as_of: null, total_delta_shares: null, missing_greeks: 3 });
    expect(none.positions[0]?.warnings).toEqual(['no_snapshot']);
  });

  it('warns when positions come from different snapshot dates', () => {
    const two = parsePortfolio({
      positions: [
        { id: 'a', symbol: 'SPY', option_type: 'call', expiry: '2026-12-18', strike: 100, contracts: 1, cost_basis: 1 },
        { id: 'b', symbol: 'QQQ', option_type: 'call', expiry: '2026-12-18', strike: 100, contracts: 1, cost_basis: 1 },
      ],
    });
    const e = portfolioExposure(two, { SPY: { as_of: '2026-11-25', spot: 100, rows }, QQQ: { as_of: '2026-11-24', spot: 100, rows } });
    expect(e.as_of).toBeNull();
    expect(e.warnings).toContain('mixed_as_of_dates');
  });
});

describe('stress scenarios (DOMAIN.md §7.2)', () => {
  const expiredCall = parsePortfolio({ positions: [{ id: 'x', symbol: 'SPY', option_type: 'call', expiry: '2026-11-25', strike: 95, contracts: 1, cost_basis: 4 }] });

  it('prices an expired contract at intrinsic value', () => {
    // DTE 0 ⇒ intrinsic: base max(100 − 95, 0) = 5; +5% ⇒ 105 − 95 = 10 ⇒ pnl (10 − 5) × 1 × 100 = 500, pct 500 / 500 = 1;
    // −5% ⇒ max(95 − 95, 0) = 0 ⇒ −500, −1; IV and time shifts leave the intrinsic value alone ⇒ 0.
    const e = portfolioExposure(expiredCall, { SPY: { as_of: '2026-11-25', spot: 100, rows: [quote({ expiry: '2026-11-25', strike: 95, implied_volatility: null })] } });
    const s = stressScenarios(e);
    expect(s.map((r) => r.label)).toEqual(['Spot +5%', 'Spot -5%', 'IV +5.0pp', 'IV -5.0pp', 'Time +7d']);
    expect(s.map((r) => r.pnl)).toEqual([500, -500, 0, 0, 0]);
    expect(s.map((r) => r.pnl_pct)).toEqual([1, -1, 0, 0, 0]);
  });

  it('prices live contracts by Black–Scholes, signs short legs and reports missing inputs', () => {
    // ATM call S = K = 100, σ = 0.2, t = 1, r = 0: price = 100 × (N(0.1) − N(−0.1)) = 7.965567455405804.
    // Time +7d: t = 358/365 ⇒ lower price ⇒ negative pnl; IV +5pp ⇒ higher price ⇒ positive pnl.
    const long = parsePortfolio({ positions: [{ id: 'l', symbol: 'SPY', option_type: 'call', expiry: '2026-12-18', strike: 100, contracts: 2, cost_basis: 7 }] });
    const market = { SPY: { as_of: '2025-12-18', spot: 100, rows: [quote({})] } };
    const s = stressScenarios(portfolioExposure(long, market));
    const [up, down, ivUp, ivDown, time] = s;
    expect(up?.pnl).toBeGreaterThan(0);
    expect(down?.pnl).toBeLessThan(0);
    expect(ivUp?.pnl).toBeGreaterThan(0);
    expect(ivDown?.pnl).toBeLessThan(0);
    expect(time?.pnl).toBeLessThan(0);
    // pnl_pct divides by the base value 7.965567455405804 × 2 × 100 = 1593.11349108116.
    expect((up?.pnl_pct ?? 0) * 1593.11349108116).toBeCloseTo(up?.pnl ?? NaN, 6);

    const short = parsePortfolio({ positions: [{ id: 's', symbol: 'SPY', legs: [
      { side: 'short', option_type: 'call', expiry: '2026-12-18', strike: 100, contracts: 2 },
      { side: 'long', option_type: 'call', expiry: '2026-12-18', strike: 130, contracts: 2 },
    ] }] });
    const shortStress = stressScenarios(portfolioExposure(short, market));
    expect(shortStress[0]?.pnl).toBeLessThan(0);
    // Net value is a credit (base ≤ 0) ⇒ no percentage; the 130 strike has no snapshot row ⇒ one missing input.
    expect(shortStress[0]).toMatchObject({ pnl_pct: null, warnings: ['stress_missing_inputs=1'] });
  });
});
