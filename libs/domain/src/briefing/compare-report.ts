import type { ChainReport, ChainReportRow } from '../derived/chain-report';
import type { IsoDate } from '../time';

// Compare report (DOMAIN.md §6.1 step 5): today's chain report vs the one of the compare date.

export interface WallChange {
  strike: number;
  open_interest: number;
  /** OI at the same strike (same type) on the compare date; 0 when it had none. */
  open_interest_then: number;
  delta_oi: number;
}

export interface CompareReport {
  from_date: IsoDate;
  to_date: IsoDate;
  spot_then: number;
  spot_now: number;
  spot_change: number;
  spot_change_pct: number | null;
  pc_oi_change: number | null;
  pc_volume_change: number | null;
  /** Near-expiry ATM IV change in percentage points. */
  atm_iv_change_pp: number | null;
  /** Near-expiry expected move % change in percentage points. */
  em_pct_change_pp: number | null;
  /** Near-expiry expected move (straddle) change in $. */
  em_dollar_change: number | null;
  call_wall: WallChange | null;
  put_wall: WallChange | null;
  warnings: string[];
}

function diff(now: number | null | undefined, then: number | null | undefined): number | null {
  return typeof now === 'number' && typeof then === 'number' && Number.isFinite(now) && Number.isFinite(then) ? now - then : null;
}

function oiAt(rows: readonly ChainReportRow[], type: 'call' | 'put', strike: number): number {
  return rows.reduce((sum, r) => (r.option_type === type && r.strike === strike && typeof r.open_interest === 'number' && Number.isFinite(r.open_interest) ? sum + r.open_interest : sum), 0);
}

export function buildCompareReport(now: ChainReport, then: ChainReport, thenRows: readonly ChainReportRow[]): CompareReport {
  const nearNow = now.expiries[0];
  const nearThen = then.expiries[0];
  const warnings: string[] = [];
  if (!nearNow || !nearThen) warnings.push('missing_near_expiry');
  else if (nearNow.expiry !== nearThen.expiry) warnings.push(`near_expiry_changed ${nearThen.expiry} → ${nearNow.expiry}`);
  const pp = (a: number | null | undefined, b: number | null | undefined) => {
    const d = diff(a, b);
    return d === null ? null : d * 100;
  };
  const wall = (type: 'call' | 'put'): WallChange | null => {
    const top = (type === 'call' ? now.walls.calls : now.walls.puts)[0];
    if (!top) return null;
    const was = oiAt(thenRows, type, top.strike);
    return { strike: top.strike, open_interest: top.open_interest, open_interest_then: was, delta_oi: top.open_interest - was };
  };
  const spotChange = now.spot - then.spot;
  return {
    from_date: then.snapshot_date,
    to_date: now.snapshot_date,
    spot_then: then.spot,
    spot_now: now.spot,
    spot_change: spotChange,
    spot_change_pct: then.spot > 0 ? spotChange / then.spot : null,
    pc_oi_change: diff(now.totals.pc_oi_ratio, then.totals.pc_oi_ratio),
    pc_volume_change: diff(now.totals.pc_volume_ratio, then.totals.pc_volume_ratio),
    atm_iv_change_pp: pp(nearNow?.atm_iv, nearThen?.atm_iv),
    em_pct_change_pp: pp(nearNow?.expected_move_pct, nearThen?.expected_move_pct),
    em_dollar_change: diff(nearNow?.straddle, nearThen?.straddle),
    call_wall: wall('call'),
    put_wall: wall('put'),
    warnings,
  };
}

/**
 * The compare date for `--compare`: `-N` = the N-th snapshot date before the as-of (from the symbol's sorted dates),
 * an ISO date as given, `none|off|false|0` ⇒ null (disabled). Throws with a reason when it cannot be resolved.
 */
export function resolveCompareDate(spec: string, asOf: IsoDate, sortedDates: readonly IsoDate[]): IsoDate | null {
  const s = spec.trim().toLowerCase();
  if (isCompareDisabled(s)) return null;
  if (/^-\d+$/.test(s)) {
    const n = Number(s.slice(1));
    const earlier = sortedDates.filter((d) => d < asOf);
    const date = earlier[earlier.length - n];
    if (!date) throw new Error(`no snapshot ${n} date(s) before ${asOf}`);
    return date;
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) {
    if (!sortedDates.includes(s)) throw new Error(`no snapshot on ${s}`);
    return s;
  }
  throw new Error(`--compare must be -N, YYYY-MM-DD or none, got ${JSON.stringify(spec)}`);
}

export function isCompareDisabled(spec: string): boolean {
  return ['none', 'off', 'false', '0'].includes(spec.trim().toLowerCase());
}

export function isCompareSpec(spec: string): boolean {
  const s = spec.trim().toLowerCase();
  return isCompareDisabled(s) || /^-\d+$/.test(s) || /^\d{4}-\d{2}-\d{2}$/.test(s);
}
