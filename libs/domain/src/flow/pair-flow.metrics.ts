import { optionMark } from '../pricing';
import type { FlowClassification, FlowPairResult, FlowPairRow, FlowSnapshotRow } from './flow.types';

/** The analytics contract multiplier (DOMAIN.md §0.1). */
export const FLOW_CONTRACT_MULTIPLIER = 100;

/**
 * Per-pair flow (DOMAIN.md §4.2): one row per contract of `today` (a left join; contracts only in `prev` are ignored),
 * in today's order. `spot` is today's header spot.
 */
export function computePairFlow(prev: readonly FlowSnapshotRow[], today: readonly FlowSnapshotRow[], spot: number): FlowPairResult {
  // Maps keep the last row of each key: "prev de-duplicated, last wins".
  const prevOiBySymbol = new Map<string, number | null>();
  const prevOiByOsi = new Map<string, number | null>();
  for (const row of prev) {
    const oi = finiteOrNull(row.open_interest);
    prevOiBySymbol.set(row.contract_symbol.trim(), oi);
    const osi = presentOsi(row.osi);
    if (osi !== null) prevOiByOsi.set(osi, oi);
  }

  let callsDeltaOiNotional = 0;
  let putsDeltaOiNotional = 0;
  const rows = today.map((row): FlowPairRow => {
    const contractSymbol = row.contract_symbol.trim();
    const osi = presentOsi(row.osi);
    // "Still missing" covers both no symbol match and a match whose stored OI is null.
    let oiPrev = prevOiBySymbol.get(contractSymbol) ?? null;
    if (oiPrev === null && osi !== null) oiPrev = prevOiByOsi.get(osi) ?? null;
    const oiToday = finiteOrNull(row.open_interest);
    const deltaOi = oiPrev !== null && oiToday !== null ? oiToday - oiPrev : null;
    const mark = optionMark({ bid: row.bid, ask: row.ask, lastPrice: row.last_price });
    const volume = finiteOrNull(row.volume);
    const delta = finiteOrNull(row.delta);
    const deltaOiNotional = deltaOi !== null && mark !== null ? deltaOi * mark * FLOW_CONTRACT_MULTIPLIER : null;
    if (deltaOiNotional !== null) {
      if (row.option_type === 'call') callsDeltaOiNotional += deltaOiNotional;
      else if (row.option_type === 'put') putsDeltaOiNotional += deltaOiNotional;
    }
    return {
      contract_symbol: contractSymbol,
      osi,
      option_type: row.option_type,
      expiry: row.expiry,
      strike: finiteOrNull(row.strike),
      oi_prev: oiPrev,
      oi_today: oiToday,
      delta_oi: deltaOi,
      mark,
      volume,
      delta_oi_notional: deltaOiNotional,
      volume_notional: volume !== null && mark !== null ? volume * mark * FLOW_CONTRACT_MULTIPLIER : null,
      vol_oi_ratio: volume !== null && oiPrev !== null ? volume / Math.max(oiPrev, 1) : null,
      delta_notional:
        deltaOi !== null && delta !== null && Number.isFinite(spot) && spot > 0 ? deltaOi * delta * spot * FLOW_CONTRACT_MULTIPLIER : null,
      classification: classifyFlow(oiPrev, oiToday, deltaOi, volume),
    };
  });
  return { rows, callsDeltaOiNotional, putsDeltaOiNotional };
}

/** §4.2 classification; thresholds scale with yesterday's open interest but never fall below 10 (ΔOI) / 50 (volume). */
export function classifyFlow(oiPrev: number | null, oiToday: number | null, deltaOi: number | null, volume: number | null): FlowClassification {
  if (oiPrev === null || oiToday === null || deltaOi === null) return 'unknown';
  const base = Math.max(oiPrev, 0);
  // base / 10 rather than 0.1 × base: division is correctly rounded (0.1 × 7 = 0.7000000000000001, 7 / 10 = 0.7), so a
  // ΔOI sitting exactly on the 10% edge is never pushed off it by the inexact literal 0.1.
  const threshold = Math.max(10, base / 10);
  if (deltaOi >= threshold) return 'building';
  if (deltaOi <= -threshold) return 'unwinding';
  return (volume ?? 0) >= Math.max(50, base / 2) ? 'churn' : 'unknown';
}

/** Non-finite numbers are treated as missing, as JSON would write them (§0.2). */
function finiteOrNull(v: number | null | undefined): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function presentOsi(osi: string | null | undefined): string | null {
  const trimmed = typeof osi === 'string' ? osi.trim() : '';
  return trimmed === '' ? null : trimmed;
}
