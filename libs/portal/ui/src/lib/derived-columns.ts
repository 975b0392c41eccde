import type { PortalDerivedRow } from '@options-helper/domain';
import type { TableColumn } from './data-table.component';

export const derivedRowColumns: TableColumn<PortalDerivedRow>[] = [
  { key: 'date', label: 'date' },
  { key: 'spot', label: 'spot', kind: 'number' },
  { key: 'pc_oi', label: 'pc_oi', kind: 'ratio' },
  { key: 'pc_vol', label: 'pc_vol', kind: 'ratio' },
  { key: 'call_wall', label: 'call_wall', kind: 'number' },
  { key: 'put_wall', label: 'put_wall', kind: 'number' },
  { key: 'gamma_peak_strike', label: 'gamma_peak', kind: 'number' },
  { key: 'atm_iv_near', label: 'atm_iv_near', kind: 'pct' },
  { key: 'em_near_pct', label: 'em_near_pct', kind: 'pct' },
  { key: 'skew_near_pp', label: 'skew_near_pp', kind: 'number' },
  { key: 'rv_20d', label: 'rv_20d', kind: 'pct' },
  { key: 'rv_60d', label: 'rv_60d', kind: 'pct' },
  { key: 'iv_rv_20d', label: 'iv_rv_20d', kind: 'ratio' },
  { key: 'atm_iv_near_percentile', label: 'percentile', kind: 'number' },
  { key: 'iv_term_slope', label: 'term_slope', kind: 'ratio' },
];

export function derivedCommand(symbol: string): string {
  return `options-helper derived update --symbol ${symbol} --as-of latest`;
}
