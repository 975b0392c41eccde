import type { DerivedDailyRow } from './derived-row';
import { DERIVED_METRIC_COLUMNS } from './derived-row';
import { derivedStats } from './derived-stats';

function derived(date: string, fields: Partial<DerivedDailyRow> = {}): DerivedDailyRow {
  return {
    symbol: 'SPY',
    date,
    spot: 100,
    pc_oi: null,
    pc_vol: null,
    call_wall: null,
    put_wall: null,
    gamma_peak_strike: null,
    atm_iv_near: null,
    em_near_pct: null,
    skew_near_pp: null,
    rv_20d: null,
    rv_60d: null,
    iv_rv_20d: null,
    atm_iv_near_percentile: null,
    iv_term_slope: null,
    ...fields,
  };
}

// pc_oi by date: 1.0, null, 0.8, 1.2, 0.8, 0.9 (as-of 01-07), then 5.0 after the as-of (ignored).
// iv_term_slope: 0 then 0.02 on the as-of. atm_iv_near: 0.3 before, null on the as-of.
const ROWS = [
  derived('2026-01-09', { pc_oi: 5 }),
  derived('2026-01-01', { pc_oi: 1.0, atm_iv_near: 0.3 }),
  derived('2026-01-02'),
  derived('2026-01-05', { pc_oi: 0.8 }),
  derived('2026-01-06', { pc_oi: 1.2, iv_term_slope: 0 }),
  derived('2026-01-07', { pc_oi: 0.8 }),
  derived('2026-01-08', { pc_oi: 0.9, iv_term_slope: 0.02 }),
];

const stats = (asOf = '2026-01-08', window = 4, trendWindow = 3) => derivedStats({ symbol: 'SPY', asOf, rows: ROWS, window, trendWindow });
const metric = (name: string, report = stats()) => report.metrics.find((m) => m.name === name);

describe('derivedStats (DOMAIN §5.3)', () => {
  it('has exactly the report keys and one entry per metric column', () => {
    const report = stats();
    expect(Object.keys(report).sort()).toEqual(['as_of', 'metrics', 'schema_version', 'symbol', 'trend_window', 'warnings', 'window']);
    expect(report).toMatchObject({ schema_version: 1, symbol: 'SPY', as_of: '2026-01-08', window: 4, trend_window: 3, warnings: [] });
    expect(report.metrics.map((m) => m.name)).toEqual([...DERIVED_METRIC_COLUMNS]);
  });

  it('ranks the value within the last W non-null values and trends over the last T', () => {
    // non-null pc_oi up to the as-of: 1.0, 0.8, 1.2, 0.8, 0.9. Last W = 4: 0.8, 1.2, 0.8, 0.9; 0.9 has two below
    // ⇒ rank 3 ⇒ (3 − 1) / (4 − 1) × 100 = 66.67. Last T = 3: 1.2, 0.8, 0.9 ⇒ delta 0.9 − 1.2 = −0.3,
    // −0.3 / |1.2| × 100 = −25% ⇒ down.
    expect(metric('pc_oi')).toEqual({
      name: 'pc_oi',
      value: 0.9,
      percentile: expect.closeTo(200 / 3, 9),
      percentile_n: 4,
      trend_direction: 'down',
      trend_n: 3,
      trend_delta: expect.closeTo(-0.3, 12),
      trend_delta_pct: expect.closeTo(-25, 9),
    });
  });

  it('calls a constant series flat', () => {
    // spot 100 on all 6 rows up to the as-of: last 4 all tie ⇒ rank (1 + 4) / 2 = 2.5 ⇒ 1.5 / 3 × 100 = 50
    expect(metric('spot')).toEqual({
      name: 'spot',
      value: 100,
      percentile: 50,
      percentile_n: 4,
      trend_direction: 'flat',
      trend_n: 3,
      trend_delta: 0,
      trend_delta_pct: 0,
    });
  });

  it('leaves the trend percentage null when the first value is 0', () => {
    // iv_term_slope: 0 then 0.02 ⇒ delta 0.02, up; 0.02 / |0| is undefined
    expect(metric('iv_term_slope')).toMatchObject({ value: 0.02, percentile: 100, trend_direction: 'up', trend_n: 2, trend_delta: 0.02, trend_delta_pct: null });
  });

  it('gives null percentile and trend when the as-of value is null', () => {
    expect(metric('atm_iv_near')).toMatchObject({ value: null, percentile: null, percentile_n: 1, trend_direction: null, trend_n: 1, trend_delta: null, trend_delta_pct: null });
  });

  it('needs two values for a trend', () => {
    // as-of 01-01: pc_oi 1.0 alone ⇒ percentile 100 (n = 1), no trend
    expect(metric('pc_oi', stats('2026-01-01'))).toMatchObject({ value: 1, percentile: 100, percentile_n: 1, trend_direction: null, trend_n: 1, trend_delta: null });
  });

  it('uses the 60 / 5 defaults', () => {
    const report = derivedStats({ symbol: 'SPY', asOf: '2026-01-08', rows: ROWS });
    expect(report).toMatchObject({ window: 60, trend_window: 5 });
    // all 5 pc_oi values: 0.8, 0.8, 0.9, 1.0, 1.2 ⇒ 0.9 ranks 3 ⇒ 2 / 4 × 100 = 50; trend 1.0 → 0.9 = −0.1
    expect(metric('pc_oi', report)).toMatchObject({ percentile: 50, percentile_n: 5, trend_n: 5, trend_delta: expect.closeTo(-0.1, 12), trend_direction: 'down' });
  });

  it('throws naming the as-of when it has no row', () => {
    expect(() => stats('2026-01-03')).toThrow(/2026-01-03/);
    expect(() => derivedStats({ symbol: 'SPY', asOf: '2026-01-08', rows: [] })).toThrow(/2026-01-08/);
  });
});
