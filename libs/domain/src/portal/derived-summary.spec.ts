import { derivedSummary } from './derived-summary';
import type { PortalDerivedRow } from './portal-api.types';

const row = (date: string, spot: number | null, iv: number | null): PortalDerivedRow => ({
  date, spot, pc_oi: 0.9, pc_vol: 1.1, call_wall: null, put_wall: null, gamma_peak_strike: null, atm_iv_near: iv, em_near_pct: null,
  skew_near_pp: null, rv_20d: 0.2, rv_60d: null, iv_rv_20d: 1.05, atm_iv_near_percentile: 75, iv_term_slope: 0.01,
});

describe('derivedSummary (DOMAIN.md §10 snippet)', () => {
  it('takes the latest row and the day-over-day changes from the previous one', () => {
    // spot 600 → 612: (612 − 600) / 600 = 0.02; IV 0.21 → 0.18: 0.18 − 0.21 = −0.03.
    const s = derivedSummary([row('2026-11-24', 612, 0.18), row('2026-11-23', 600, 0.21), row('2026-11-20', 590, 0.2)]);
    expect(s).toMatchObject({ as_of: '2026-11-24', spot: 612, pc_oi: 0.9, iv_rv_20d: 1.05, atm_iv_near_percentile: 75, sample_rows: 3 });
    expect(s?.spot_change_1d).toBeCloseTo(0.02, 12);
    expect(s?.atm_iv_change_1d).toBeCloseTo(-0.03, 12);
  });

  it('leaves changes null without a previous row, a null value or a non-positive previous spot', () => {
    expect(derivedSummary([row('2026-11-24', 612, 0.18)])).toMatchObject({ spot_change_1d: null, atm_iv_change_1d: null, sample_rows: 1 });
    expect(derivedSummary([row('2026-11-24', 612, null), row('2026-11-23', 0, 0.2)])).toMatchObject({ spot_change_1d: null, atm_iv_change_1d: null });
    expect(derivedSummary([])).toBeNull();
  });
});
