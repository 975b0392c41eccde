import type { PortalDerivedRow, PortalDerivedSummary } from './portal-api.types';

/**
 * The latest-row summary of the Symbol Explorer snippet and Derived History (DOMAIN.md §10), from rows newest first.
 * `spot_change_1d = (latest − prev) / prev` (null unless prev > 0), `atm_iv_change_1d = latest − prev` (IV units).
 */
export function derivedSummary(rowsNewestFirst: readonly PortalDerivedRow[]): PortalDerivedSummary | null {
  const latest = rowsNewestFirst[0];
  if (!latest) return null;
  const prev = rowsNewestFirst[1];
  const spotChange =
    prev && latest.spot !== null && prev.spot !== null && prev.spot > 0 ? (latest.spot - prev.spot) / prev.spot : null;
  const ivChange = prev && latest.atm_iv_near !== null && prev.atm_iv_near !== null ? latest.atm_iv_near - prev.atm_iv_near : null;
  return {
    as_of: latest.date,
    spot: latest.spot,
    pc_oi: latest.pc_oi,
    pc_vol: latest.pc_vol,
    atm_iv_near: latest.atm_iv_near,
    iv_rv_20d: latest.iv_rv_20d,
    atm_iv_near_percentile: latest.atm_iv_near_percentile,
    iv_term_slope: latest.iv_term_slope,
    spot_change_1d: finiteOrNull(spotChange),
    atm_iv_change_1d: finiteOrNull(ivChange),
    sample_rows: rowsNewestFirst.length,
  };
}

function finiteOrNull(value: number | null): number | null {
  return value !== null && Number.isFinite(value) ? value : null;
}
