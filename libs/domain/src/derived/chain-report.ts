import { optionMark } from '../pricing';
import type { SnapshotRowInput } from '../market/market-writes.types';
import type { IsoDate } from '../time';

// Chain report (DOMAIN.md §5.1): positioning and near-term volatility read off one stored snapshot.

/** The stored snapshot-row columns the report reads; stored rows (`SnapshotRowInput`) fit as they are. */
export type ChainReportRow = Pick<
  SnapshotRowInput,
  | 'contract_symbol'
  | 'option_type'
  | 'expiry'
  | 'strike'
  | 'bid'
  | 'ask'
  | 'last_price'
  | 'volume'
  | 'open_interest'
  | 'implied_volatility'
  | 'delta'
  | 'gamma'
>;

export interface ChainTotals {
  calls_oi: number;
  puts_oi: number;
  calls_volume: number;
  puts_volume: number;
  /** puts_oi / calls_oi; null when calls_oi ≤ 0. */
  pc_oi_ratio: number | null;
  /** puts_volume / calls_volume; null when calls_volume ≤ 0. */
  pc_volume_ratio: number | null;
  /** Σ volume × mark × 100 (rows without a volume or a mark add nothing). */
  calls_volume_notional: number;
  puts_volume_notional: number;
}

export interface WallLevel {
  strike: number;
  open_interest: number;
}

export interface ChainWalls {
  /** Calls with strike ≥ spot, OI summed per strike, OI desc then strike asc, top N. */
  calls: WallLevel[];
  /** Puts with strike ≤ spot, same ordering. */
  puts: WallLevel[];
}

export interface GammaLevel {
  strike: number;
  gamma_1pct: number;
}

export interface ChainGamma {
  /** Strike of the first level; null when no row has a positive gamma exposure. */
  peak_strike: number | null;
  /** Per-strike Σ gamma × OI × 100 × spot² × 0.01, desc then strike asc. */
  by_strike: GammaLevel[];
}

export interface ExpiryReport {
  expiry: IsoDate;
  /** Strike with both a call and a put mark nearest spot (equal distance ⇒ lower strike); null when none. */
  atm_strike: number | null;
  atm_call_mark: number | null;
  atm_put_mark: number | null;
  /** Call mark + put mark at the ATM strike: the expected move in $. */
  straddle: number | null;
  /** straddle / spot (ratio). */
  expected_move_pct: number | null;
  /** Mean IV of the rows at the ATM strike that carry an IV. */
  atm_iv: number | null;
  /** (IV of the put with delta nearest −0.25 − IV of the call with delta nearest +0.25) × 100. */
  skew_25d_pp: number | null;
  pc_oi_ratio: number | null;
  pc_volume_ratio: number | null;
  walls: ChainWalls;
}

export interface ChainReport {
  snapshot_date: IsoDate;
  spot: number;
  mode: 'near';
  top: number;
  totals: ChainTotals;
  walls: ChainWalls;
  gamma: ChainGamma;
  /** The included expiries (the first `nearExpiries` on or after the snapshot date), ascending. */
  expiries: ExpiryReport[];
  warnings: string[];
}

export interface ChainReportInput {
  snapshotDate: IsoDate;
  spot: number;
  rows: readonly ChainReportRow[];
  mode?: 'near';
  nearExpiries?: number;
  top?: number;
}

/** Distances closer than this count as equal, so a tie in the spec's arithmetic is not broken by float noise. */
const TIE_EPSILON = 1e-12;
const MULTIPLIER = 100;

interface ClassifiedRow {
  type: 'call' | 'put';
  strike: number | null;
  expiry: IsoDate | null;
  mark: number | null;
  volume: number | null;
  oi: number | null;
  iv: number | null;
  delta: number | null;
  gamma: number | null;
  contract: string;
}

export function buildChainReport(input: ChainReportInput): ChainReport {
  const { snapshotDate, spot } = input;
  const nearExpiries = input.nearExpiries ?? 4;
  const top = input.top ?? 10;
  if (!(Number.isFinite(spot) && spot > 0)) throw new RangeError(`chain report needs spot > 0, got ${spot}`);
  if (!(Number.isInteger(nearExpiries) && nearExpiries >= 0)) throw new RangeError(`nearExpiries must be an integer ≥ 0, got ${nearExpiries}`);
  if (!(Number.isInteger(top) && top >= 0)) throw new RangeError(`top must be an integer ≥ 0, got ${top}`);

  const base = { snapshot_date: snapshotDate, spot, mode: 'near' as const, top };
  if (input.rows.length === 0) {
    return { ...base, totals: totalsOf([]), walls: { calls: [], puts: [] }, gamma: { peak_strike: null, by_strike: [] }, expiries: [], warnings: ['empty_snapshot'] };
  }

  // Rows without an option type can be neither a call nor a put, so no section of the report can use them.
  const rows = input.rows.filter((r) => r.option_type === 'call' || r.option_type === 'put').map(classify);

  const included = [...new Set(rows.map((r) => r.expiry).filter((e): e is IsoDate => e !== null && e >= snapshotDate))]
    .sort()
    .slice(0, nearExpiries);

  return {
    ...base,
    totals: totalsOf(rows),
    walls: wallsOf(rows, spot, top),
    gamma: gammaOf(rows, spot),
    expiries: included.map((expiry) => expiryReport(expiry, rows.filter((r) => r.expiry === expiry), spot, top)),
    warnings: [],
  };
}

function classify(r: ChainReportRow): ClassifiedRow {
  return {
    type: r.option_type as 'call' | 'put',
    strike: finite(r.strike),
    expiry: r.expiry ?? null,
    mark: optionMark({ bid: r.bid, ask: r.ask, lastPrice: r.last_price }),
    volume: finite(r.volume),
    oi: finite(r.open_interest),
    iv: finite(r.implied_volatility),
    delta: finite(r.delta),
    gamma: finite(r.gamma),
    contract: r.contract_symbol,
  };
}

function totalsOf(rows: readonly ClassifiedRow[]): ChainTotals {
  const t = { calls_oi: 0, puts_oi: 0, calls_volume: 0, puts_volume: 0, calls_volume_notional: 0, puts_volume_notional: 0 };
  for (const r of rows) {
    const notional = r.volume !== null && r.mark !== null ? r.volume * r.mark * MULTIPLIER : 0;
    if (r.type === 'call') {
      t.calls_oi += r.oi ?? 0;
      t.calls_volume += r.volume ?? 0;
      t.calls_volume_notional += notional;
    } else {
      t.puts_oi += r.oi ?? 0;
      t.puts_volume += r.volume ?? 0;
      t.puts_volume_notional += notional;
    }
  }
  return { ...t, pc_oi_ratio: ratio(t.puts_oi, t.calls_oi), pc_volume_ratio: ratio(t.puts_volume, t.calls_volume) };
}

function wallsOf(rows: readonly ClassifiedRow[], spot: number, top: number): ChainWalls {
  const side = (type: 'call' | 'put', onSide: (strike: number) => boolean): WallLevel[] => {
    const byStrike = new Map<number, number>();
    for (const r of rows) {
      if (r.type !== type || r.strike === null || r.oi === null || !onSide(r.strike)) continue;
      byStrike.set(r.strike, (byStrike.get(r.strike) ?? 0) + r.oi);
    }
    // A strike nobody holds is no wall: without this, an all-zero-OI chain would report its nearest strike as one.
    return [...byStrike]
      .filter(([, oi]) => oi > 0)
      .map(([strike, open_interest]) => ({ strike, open_interest }))
      .sort((a, b) => b.open_interest - a.open_interest || a.strike - b.strike)
      .slice(0, top);
  };
  return { calls: side('call', (k) => k >= spot), puts: side('put', (k) => k <= spot) };
}

function gammaOf(rows: readonly ClassifiedRow[], spot: number): ChainGamma {
  const byStrike = new Map<number, number>();
  for (const r of rows) {
    if (r.strike === null || r.gamma === null || r.oi === null) continue;
    const g = r.gamma * r.oi * MULTIPLIER * spot * spot * 0.01;
    byStrike.set(r.strike, (byStrike.get(r.strike) ?? 0) + g);
  }
  const by_strike = [...byStrike]
    .filter(([, g]) => g > 0)
    .map(([strike, gamma_1pct]) => ({ strike, gamma_1pct }))
    .sort((a, b) => b.gamma_1pct - a.gamma_1pct || a.strike - b.strike);
  return { peak_strike: by_strike[0]?.strike ?? null, by_strike };
}

function expiryReport(expiry: IsoDate, rows: readonly ClassifiedRow[], spot: number, top: number): ExpiryReport {
  const totals = totalsOf(rows);
  const atm = atmOf(rows, spot);
  const straddle = atm ? atm.call + atm.put : null;
  const atmIvs = atm ? rows.filter((r) => r.strike === atm.strike && r.iv !== null).map((r) => r.iv as number) : [];
  const putIv = nearestDeltaIv(rows, 'put', -0.25);
  const callIv = nearestDeltaIv(rows, 'call', 0.25);
  return {
    expiry,
    atm_strike: atm?.strike ?? null,
    atm_call_mark: atm?.call ?? null,
    atm_put_mark: atm?.put ?? null,
    straddle,
    expected_move_pct: straddle === null ? null : straddle / spot,
    atm_iv: atmIvs.length ? atmIvs.reduce((a, b) => a + b, 0) / atmIvs.length : null,
    skew_25d_pp: putIv !== null && callIv !== null ? (putIv - callIv) * 100 : null,
    pc_oi_ratio: totals.pc_oi_ratio,
    pc_volume_ratio: totals.pc_volume_ratio,
    walls: wallsOf(rows, spot, top),
  };
}

function atmOf(rows: readonly ClassifiedRow[], spot: number): { strike: number; call: number; put: number } | null {
  // Several contracts of one type at one strike (e.g. adjusted deliverables): the lowest contract symbol decides, so the
  // result does not depend on row order.
  const sorted = [...rows].sort((a, b) => (a.contract < b.contract ? -1 : a.contract > b.contract ? 1 : 0));
  const calls = new Map<number, number>();
  const puts = new Map<number, number>();
  for (const r of sorted) {
    if (r.strike === null || r.mark === null) continue;
    const into = r.type === 'call' ? calls : puts;
    if (!into.has(r.strike)) into.set(r.strike, r.mark);
  }
  let best: { strike: number; call: number; put: number } | null = null;
  for (const [strike, call] of calls) {
    const put = puts.get(strike);
    if (put === undefined) continue;
    if (best === null || closer(Math.abs(strike - spot), strike, Math.abs(best.strike - spot), best.strike)) best = { strike, call, put };
  }
  return best;
}

/** IV of the contract of `type` whose delta is nearest `target`, among those with a strike, a delta and an IV. */
function nearestDeltaIv(rows: readonly ClassifiedRow[], type: 'call' | 'put', target: number): number | null {
  let best: ClassifiedRow | null = null;
  for (const r of rows) {
    if (r.type !== type || r.strike === null || r.delta === null || r.iv === null) continue;
    if (best === null || closer(Math.abs(r.delta - target), r.strike, Math.abs((best.delta as number) - target), best.strike as number)) best = r;
  }
  return best?.iv ?? null;
}

/** Is (distance, strike) better than the incumbent: strictly nearer, or equally near at a lower strike. */
function closer(distance: number, strike: number, bestDistance: number, bestStrike: number): boolean {
  if (distance < bestDistance - TIE_EPSILON) return true;
  return Math.abs(distance - bestDistance) <= TIE_EPSILON && strike < bestStrike;
}

function ratio(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}

function finite(v: number | null | undefined): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}
