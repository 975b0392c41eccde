import { classifyFlow, computePairFlow } from './pair-flow.metrics';
import { snap } from './testing/flow-rows.fixtures';

const SPOT = 600;

describe('computePairFlow', () => {
  it('computes ΔOI, notionals, ratio and Δ$ for a matched contract', () => {
    // oi 100 → 130, mark (1.00 + 1.20) / 2 = 1.10, volume 40, delta 0.5, spot 600:
    // delta_oi = 30; ΔOI$ = 30 × 1.10 × 100 = 3,300; vol$ = 40 × 1.10 × 100 = 4,400; vol/oi = 40 / 100 = 0.4;
    // Δ$ = 30 × 0.5 × 600 × 100 = 900,000; threshold max(10, 10) = 10 ⇒ 30 ≥ 10 ⇒ building.
    const { rows, callsDeltaOiNotional, putsDeltaOiNotional } = computePairFlow([snap()], [snap({ open_interest: 130, volume: 40 })], SPOT);
    expect(rows).toHaveLength(1);
    const [r] = rows;
    expect(r).toMatchObject({ oi_prev: 100, oi_today: 130, delta_oi: 30, volume: 40, classification: 'building' });
    expect(r.mark).toBeCloseTo(1.1, 12);
    expect(r.delta_oi_notional).toBeCloseTo(3300, 9);
    expect(r.volume_notional).toBeCloseTo(4400, 9);
    expect(r.vol_oi_ratio).toBe(0.4);
    expect(r.delta_notional).toBe(900_000);
    expect(callsDeltaOiNotional).toBeCloseTo(3300, 9);
    expect(putsDeltaOiNotional).toBe(0);
  });

  it('uses the glossary mark fallbacks: last, then ask, then bid, else no notional', () => {
    // One-sided quote with last 2.00 ⇒ mark 2.00; ΔOI 10 ⇒ 10 × 2 × 100 = 2,000.
    const today = [
      snap({ contract_symbol: 'A', osi: null, bid: 0, ask: 1.5, last_price: 2, open_interest: 110 }),
      // No last ⇒ ask 1.50 ⇒ 10 × 1.5 × 100 = 1,500.
      snap({ contract_symbol: 'B', osi: null, bid: 0, ask: 1.5, last_price: 0, open_interest: 110 }),
      // Only bid 0.40 ⇒ 10 × 0.4 × 100 = 400.
      snap({ contract_symbol: 'C', osi: null, bid: 0.4, ask: null, last_price: null, open_interest: 110 }),
      // Nothing ⇒ no mark ⇒ notionals null, ΔOI still 10.
      snap({ contract_symbol: 'D', osi: null, bid: null, ask: 0, last_price: null, open_interest: 110, volume: 5 }),
    ];
    const prev = ['A', 'B', 'C', 'D'].map((s) => snap({ contract_symbol: s, osi: null }));
    const rows = computePairFlow(prev, today, SPOT).rows;
    expect(rows.map((r) => r.delta_oi_notional)).toEqual([2000, 1500, 400, null]);
    expect(rows[3]).toMatchObject({ delta_oi: 10, mark: null, volume_notional: null });
  });

  it('marks a contract new today with null oi_prev / delta_oi / ΔOI$ but keeps its volume notional', () => {
    // volume 60 × mark 1.10 × 100 = 6,600; classification unknown because oi_prev is missing.
    const { rows, callsDeltaOiNotional } = computePairFlow([snap({ contract_symbol: 'OTHER', osi: 'OTHER' })], [snap({ volume: 60 })], SPOT);
    expect(rows[0]).toMatchObject({ oi_prev: null, delta_oi: null, delta_oi_notional: null, vol_oi_ratio: null, delta_notional: null, classification: 'unknown' });
    expect(rows[0].volume_notional).toBeCloseTo(6600, 9);
    expect(callsDeltaOiNotional).toBe(0);
  });

  it('ignores contracts only in prev and keeps today order, including today duplicates', () => {
    const prev = [snap({ contract_symbol: 'GONE', osi: null }), snap()];
    const today = [snap({ open_interest: 90 }), snap({ contract_symbol: 'NEW', osi: null }), snap({ open_interest: 95 })];
    const rows = computePairFlow(prev, today, SPOT).rows;
    expect(rows.map((r) => [r.contract_symbol, r.delta_oi])).toEqual([
      ['SPY260619C00600000', -10],
      ['NEW', null],
      ['SPY260619C00600000', -5],
    ]);
  });

  it('joins by trimmed contract symbol and keeps the last prev row of a duplicated symbol', () => {
    // prev has the symbol twice (OI 100, then 120) ⇒ last wins ⇒ oi_prev 120; today 130 ⇒ ΔOI 10.
    const prev = [snap({ contract_symbol: ' X ', osi: null, open_interest: 100 }), snap({ contract_symbol: 'X', osi: null, open_interest: 120 })];
    const rows = computePairFlow(prev, [snap({ contract_symbol: 'X  ', osi: null, open_interest: 130 })], SPOT).rows;
    expect(rows[0]).toMatchObject({ contract_symbol: 'X', oi_prev: 120, delta_oi: 10 });
  });

  it('falls back to osi when the symbol does not match, and only when both sides have osi', () => {
    const prev = [snap({ contract_symbol: 'SPY 260619C600', osi: 'SPY260619C00600000', open_interest: 80 })];
    // Symbol differs, osi equal ⇒ oi_prev 80; today 100 ⇒ ΔOI 20.
    expect(computePairFlow(prev, [snap({ contract_symbol: 'spy-vendor-id' })], SPOT).rows[0]).toMatchObject({ oi_prev: 80, delta_oi: 20 });
    // Today without osi ⇒ no fallback.
    expect(computePairFlow(prev, [snap({ contract_symbol: 'spy-vendor-id', osi: null })], SPOT).rows[0].oi_prev).toBeNull();
    // Prev without osi ⇒ no fallback; a blank osi counts as absent.
    expect(computePairFlow([{ ...prev[0], osi: '  ' }], [snap({ contract_symbol: 'spy-vendor-id' })], SPOT).rows[0].oi_prev).toBeNull();
  });

  it('fills by osi when the symbol matches a prev row whose OI is null ("still missing")', () => {
    const prev = [snap({ contract_symbol: 'X', osi: 'OSI1', open_interest: null }), snap({ contract_symbol: 'Y', osi: 'OSI1', open_interest: 70 })];
    // Symbol X matches with null OI; osi OSI1's last prev row is Y with 70 ⇒ oi_prev 70, today 100 ⇒ ΔOI 30.
    expect(computePairFlow(prev, [snap({ contract_symbol: 'X', osi: 'OSI1' })], SPOT).rows[0]).toMatchObject({ oi_prev: 70, delta_oi: 30 });
  });

  it('gives null ΔOI when today has no OI, and treats non-finite numbers as missing', () => {
    const rows = computePairFlow([snap()], [snap({ open_interest: null }), snap({ open_interest: Number.NaN })], SPOT).rows;
    expect(rows.map((r) => [r.oi_today, r.delta_oi, r.classification])).toEqual([
      [null, null, 'unknown'],
      [null, null, 'unknown'],
    ]);
  });

  it('computes vol/oi against max(oi_prev, 1) so zero OI does not divide by zero', () => {
    // oi_prev 0, volume 25 ⇒ 25 / max(0, 1) = 25.
    expect(computePairFlow([snap({ open_interest: 0 })], [snap({ volume: 25 })], SPOT).rows[0].vol_oi_ratio).toBe(25);
  });

  it('leaves Δ$ null without a delta or without a positive spot', () => {
    // ΔOI −20 with put delta −0.25 at spot 400 ⇒ −20 × −0.25 × 400 × 100 = 200,000.
    const put = { option_type: 'put' as const, delta: -0.25, contract_symbol: 'P', osi: null };
    expect(computePairFlow([snap(put)], [snap({ ...put, open_interest: 80 })], 400).rows[0].delta_notional).toBe(200_000);
    expect(computePairFlow([snap(put)], [snap({ ...put, open_interest: 80, delta: null })], 400).rows[0].delta_notional).toBeNull();
    expect(computePairFlow([snap(put)], [snap({ ...put, open_interest: 80 })], 0).rows[0].delta_notional).toBeNull();
    expect(computePairFlow([snap(put)], [snap({ ...put, open_interest: 80 })], Number.NaN).rows[0].delta_notional).toBeNull();
  });

  it('sums calls and puts ΔOI$ separately, skipping nulls and rows without a type', () => {
    // call: +30 × 1.10 × 100 = 3,300; put: −10 × 2.00 × 100 = −2,000; untyped: ignored; no mark: ignored.
    const prev = [
      snap({ contract_symbol: 'C', osi: null }),
      snap({ contract_symbol: 'P', osi: null, option_type: 'put' }),
      snap({ contract_symbol: 'U', osi: null, option_type: null }),
      snap({ contract_symbol: 'N', osi: null, option_type: 'put' }),
    ];
    const today = [
      snap({ contract_symbol: 'C', osi: null, open_interest: 130 }),
      snap({ contract_symbol: 'P', osi: null, option_type: 'put', bid: 1.9, ask: 2.1, open_interest: 90 }),
      snap({ contract_symbol: 'U', osi: null, option_type: null, open_interest: 500 }),
      snap({ contract_symbol: 'N', osi: null, option_type: 'put', bid: null, ask: null, open_interest: 500 }),
    ];
    const result = computePairFlow(prev, today, SPOT);
    expect(result.callsDeltaOiNotional).toBeCloseTo(3300, 9);
    expect(result.putsDeltaOiNotional).toBeCloseTo(-2000, 9);
  });

  it('returns no rows and zero sums for an empty today', () => {
    expect(computePairFlow([snap()], [], SPOT)).toEqual({ rows: [], callsDeltaOiNotional: 0, putsDeltaOiNotional: 0 });
  });
});

describe('classifyFlow', () => {
  it('is unknown when any of oi_prev, oi_today, delta_oi is missing', () => {
    expect(classifyFlow(null, 100, null, 1000)).toBe('unknown');
    expect(classifyFlow(100, null, null, 1000)).toBe('unknown');
    expect(classifyFlow(100, 130, null, 1000)).toBe('unknown');
  });

  it('uses the floor of 10 below oi_prev 100 (10% of 50 = 5 < 10)', () => {
    expect(classifyFlow(50, 60, 10, 0)).toBe('building'); // 10 ≥ 10
    expect(classifyFlow(50, 59, 9, 0)).toBe('unknown'); // 9 < 10, volume 0 < 50
    expect(classifyFlow(50, 40, -10, 0)).toBe('unwinding'); // −10 ≤ −10
    expect(classifyFlow(50, 41, -9, 0)).toBe('unknown');
  });

  it('uses 10% of oi_prev above 100, inclusive at the edge', () => {
    // oi_prev 1,000 ⇒ threshold max(10, 100) = 100.
    expect(classifyFlow(1000, 1100, 100, 0)).toBe('building');
    expect(classifyFlow(1000, 1099, 99, 0)).toBe('unknown');
    expect(classifyFlow(1000, 900, -100, 0)).toBe('unwinding');
    expect(classifyFlow(1000, 901, -99, 0)).toBe('unknown');
    // oi_prev 7 ⇒ 7 / 10 = 0.7 < 10, floor applies; oi_prev 107 ⇒ threshold 10.7, so 10 is not enough.
    expect(classifyFlow(107, 117, 10, 0)).toBe('unknown');
    expect(classifyFlow(107, 118, 11, 0)).toBe('building');
  });

  it('calls churn when |ΔOI| is under the threshold but volume ≥ max(50, 50% of oi_prev)', () => {
    // oi_prev 60 ⇒ churn threshold max(50, 30) = 50.
    expect(classifyFlow(60, 62, 2, 50)).toBe('churn');
    expect(classifyFlow(60, 62, 2, 49)).toBe('unknown');
    // oi_prev 1,000 ⇒ churn threshold max(50, 500) = 500.
    expect(classifyFlow(1000, 1000, 0, 500)).toBe('churn');
    expect(classifyFlow(1000, 1000, 0, 499)).toBe('unknown');
    // Missing volume counts as 0.
    expect(classifyFlow(0, 0, 0, null)).toBe('unknown');
  });

  it('treats a negative oi_prev as 0 for the thresholds', () => {
    // max(oi_prev, 0) = 0 ⇒ thresholds 10 and 50.
    expect(classifyFlow(-500, -490, 10, 0)).toBe('building');
    expect(classifyFlow(-500, -500, 0, 50)).toBe('churn');
  });
});
