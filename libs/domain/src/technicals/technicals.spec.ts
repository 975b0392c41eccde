import { computeTechnicals, parseTechnicalsConfig, sma, weeklyTrend, wilderAtrSeries, wilderRsi } from './technicals';
import { confluenceScore, DEFAULT_CONFLUENCE_CONFIG, parseConfluenceConfig } from './confluence';

const candles = [
  { ts: '2026-11-16', high: 10, low: 8, close: 9 },
  { ts: '2026-11-17', high: 11, low: 9, close: 10 },
  { ts: '2026-11-18', high: 12, low: 9, close: 11 },
  { ts: '2026-11-19', high: 11, low: 10, close: 10.5 },
  { ts: '2026-11-20', high: 15, low: 14, close: 14.5 },
  { ts: '2026-11-23', high: 15, low: 13, close: 14 },
];

describe('technicals (DOMAIN.md §6.3)', () => {
  it('Wilder ATR seeds with the mean true range, then smooths', () => {
    // TR: i1 max(2, |11−9|, |9−9|) = 2; i2 max(3, 2, 1) = 3 ⇒ ATR(2) = 2.5; i3 TR 1 ⇒ (2.5 + 1) / 2 = 1.75;
    // i4 gap up: max(1, |15 − 10.5|, |14 − 10.5|) = 4.5 ⇒ (1.75 + 4.5) / 2 = 3.125; i5 max(2, 0.5, 1.5) = 2 ⇒ 2.5625.
    expect(wilderAtrSeries(candles, 2)).toEqual([null, null, 2.5, 1.75, 3.125, 2.5625]);
  });

  it('Wilder RSI', () => {
    // changes +1, −0.5, +1.5; seed gain (1 + 0) / 2 = 0.5, loss (0 + 0.5) / 2 = 0.25;
    // then gain (0.5 + 1.5) / 2 = 1, loss (0.25 + 0) / 2 = 0.125 ⇒ RS 8 ⇒ 100 − 100 / 9 = 88.888…
    expect(wilderRsi([10, 11, 10.5, 12], 2)).toBeCloseTo(88.88888888888889, 12);
    expect(wilderRsi([10, 11, 12], 2)).toBe(100);
    expect(wilderRsi([10, 10, 10], 2)).toBe(50);
    expect(wilderRsi([10, 11], 2)).toBeNull();
    expect(sma([1, 2, 3, 4], 2)).toBe(3.5);
  });

  it('extension in ATRs and its percentile over the window', () => {
    const config = parseTechnicalsConfig({ atr_window: 2, sma_window: 2, rsi_window: 2, extension_percentile_window: 3 });
    // SMA2 at the end = (14.5 + 14) / 2 = 14.25; ATR 2.5625 ⇒ ext = (14 − 14.25) / 2.5625 = −0.0975609756…
    // The last 3 extensions: (10.5 − 10.75)/1.75 = −0.142857, (14.5 − 12.5)/3.125 = 0.64, −0.09756 ⇒ rank 2 of 3 ⇒ 50.
    const t = computeTechnicals(candles, config);
    expect(t).toMatchObject({ as_of: '2026-11-23', close: 14, atr: 2.5625, sma: 14.25, extension_percentile: 50, weekly_trend: null, warnings: [] });
    expect(t?.extension_atr).toBeCloseTo(-0.0975609756097561, 12);
    expect(computeTechnicals(candles, config, '2026-11-17')?.warnings).toEqual(['atr_needs_3_sessions']);
    expect(computeTechnicals([], config)).toBeNull();
    expect(() => parseTechnicalsConfig({ atr_window: 1 })).toThrow('$.atr_window must be an integer ≥ 2');
  });

  it('weekly trend from the last close of each week vs its SMA', () => {
    // Week closes 10 (Fri 11-06), 11, 12 (Wed 11-18 replaces Mon 11-16): SMA2 now 11.5 > before 10.5 and 12 > 11.5 ⇒ up.
    const days = [
      { ts: '2026-11-02', close: 9 },
      { ts: '2026-11-06', close: 10 },
      { ts: '2026-11-13', close: 11 },
      { ts: '2026-11-16', close: 20 },
      { ts: '2026-11-18', close: 12 },
    ];
    expect(weeklyTrend(days, 2)).toBe('up');
    expect(weeklyTrend(days.map((d) => ({ ...d, close: 30 - d.close })), 2)).toBe('down');
    expect(weeklyTrend([...days.slice(0, 3), { ts: '2026-11-16', close: 11 }], 2)).toBe('flat');
    expect(weeklyTrend(days.slice(0, 2), 2)).toBeNull();
  });
});

describe('confluence score (DOMAIN.md §6.3)', () => {
  it('weights the components that have inputs and reports the coverage', () => {
    // trend up +25; extension pct 95 ⇒ −10; flow calls − puts > 0 ⇒ +20; IV/RV missing; RSI 25 ⇒ +5 ⇒ T = 40;
    // coverage (25 + 10 + 20 + 5) / 70 × 100 = 85.714…
    const s = confluenceScore({ weekly_trend: 'up', extension_percentile: 95, flow_net_calls_minus_puts: 1e6, iv_rv_20d: null, rsi: 25 });
    expect(s.total).toBe(40);
    expect(s.coverage_pct).toBeCloseTo(85.71428571428571, 10);
    expect(s.components.map((c) => [c.name, c.score])).toEqual([['weekly_trend', 1], ['extension_percentile', -1], ['flow', 1], ['iv_rv', null], ['rsi', 1]]);
    const bearish = confluenceScore({ weekly_trend: 'down', extension_percentile: 50, flow_net_calls_minus_puts: -1, iv_rv_20d: 1.5, rsi: 80 });
    // −25 + 0 − 20 − 10 − 5 = −60, full coverage.
    expect([bearish.total, bearish.coverage_pct]).toEqual([-60, 100]);
    expect(confluenceScore({ weekly_trend: null, extension_percentile: null, flow_net_calls_minus_puts: null, iv_rv_20d: null, rsi: null })).toMatchObject({ total: 0, coverage_pct: 0 });
  });

  it('reads partial configs over the defaults', () => {
    expect(parseConfluenceConfig({ rsi: { weight: 0 } })).toEqual({ ...DEFAULT_CONFLUENCE_CONFIG, rsi: { weight: 0, oversold: 30, overbought: 70 } });
    expect(() => parseConfluenceConfig({ flow: { weight: 'x' } })).toThrow('$.flow.weight must be a number ≥ 0');
  });
});
