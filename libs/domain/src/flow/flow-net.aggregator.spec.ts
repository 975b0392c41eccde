import { aggregateFlow, compareNetRows } from './flow-net.aggregator';
import { computePairFlow } from './pair-flow.metrics';
import { pairRow, snap } from './testing/flow-rows.fixtures';

describe('aggregateFlow', () => {
  it('nets a contract across two pairs by osi (hand-checked)', () => {
    // Pair 1: ΔOI +30, ΔOI$ 3,300, vol$ 4,400, Δ$ 900,000. Pair 2: ΔOI −10, ΔOI$ −1,100, vol$ 0, Δ$ −300,000.
    // Net: ΔOI 20, ΔOI$ 2,200, vol$ 4,400, Δ$ 600,000, n_pairs 2.
    const p1 = [pairRow({ delta_oi: 30, delta_oi_notional: 3300, volume_notional: 4400, delta_notional: 900_000 })];
    const p2 = [pairRow({ contract_symbol: 'vendor-id', delta_oi: -10, delta_oi_notional: -1100, volume_notional: 0, delta_notional: -300_000 })];
    expect(aggregateFlow([p1, p2], 'contract')).toEqual([
      {
        contract_symbol: 'SPY260619C00600000',
        expiry: '2026-06-19',
        option_type: 'call',
        strike: 600,
        delta_oi: 20,
        delta_oi_notional: 2200,
        volume_notional: 4400,
        delta_notional: 600_000,
        n_pairs: 2,
      },
    ]);
  });

  it('uses the contract symbol as contract key when osi is absent', () => {
    const net = aggregateFlow([[pairRow({ osi: null, contract_symbol: 'VENDOR1', delta_oi: 1 })]], 'contract');
    expect(net.map((r) => r.contract_symbol)).toEqual(['VENDOR1']);
  });

  it('counts a contract new today as delta_oi 0 but with its volume notional (sums over only nulls are 0)', () => {
    // New today: oi_prev missing ⇒ delta_oi / ΔOI$ / Δ$ null; volume 60 × 1.10 × 100 = 6,600.
    const pair = computePairFlow([], [snap({ volume: 60 })], 600).rows;
    const [net] = aggregateFlow([pair], 'contract');
    expect(net.delta_oi).toBe(0);
    expect(net.delta_oi_notional).toBe(0);
    expect(net.delta_notional).toBe(0);
    expect(net.volume_notional).toBeCloseTo(6600, 9);
    expect(net.n_pairs).toBe(1);
  });

  it('groups by strike, expiry and expiry-strike with the other keys null', () => {
    const rows = [
      pairRow({ expiry: '2026-06-19', strike: 600, delta_oi_notional: 100 }),
      pairRow({ expiry: '2026-07-17', strike: 600, delta_oi_notional: 200 }),
      pairRow({ expiry: '2026-07-17', strike: 610, delta_oi_notional: 400 }),
    ];
    expect(aggregateFlow([rows], 'strike').map((r) => [r.contract_symbol, r.expiry, r.strike, r.delta_oi_notional, r.n_pairs])).toEqual([
      [null, null, 610, 400, 1],
      [null, null, 600, 300, 2],
    ]);
    expect(aggregateFlow([rows], 'expiry').map((r) => [r.contract_symbol, r.expiry, r.strike, r.delta_oi_notional, r.n_pairs])).toEqual([
      [null, '2026-07-17', null, 600, 2],
      [null, '2026-06-19', null, 100, 1],
    ]);
    expect(aggregateFlow([rows], 'expiry-strike').map((r) => [r.expiry, r.strike, r.delta_oi_notional])).toEqual([
      ['2026-07-17', 610, 400],
      ['2026-07-17', 600, 200],
      ['2026-06-19', 600, 100],
    ]);
  });

  it('separates calls from puts in every group-by', () => {
    const rows = [pairRow({ delta_oi: 5 }), pairRow({ option_type: 'put', delta_oi: 7 })];
    expect(aggregateFlow([rows], 'strike').map((r) => [r.option_type, r.delta_oi])).toEqual([
      ['call', 5],
      ['put', 7],
    ]);
  });

  it('drops rows with a null in any group key, but only for the keys of the group-by', () => {
    const rows = [
      pairRow({ option_type: null, delta_oi: 1 }),
      pairRow({ expiry: null, delta_oi: 2 }),
      pairRow({ strike: null, delta_oi: 4 }),
      pairRow({ delta_oi: 8 }),
    ];
    // contract needs type, expiry, strike ⇒ only the last (8). strike needs type, strike ⇒ 2 + 8 = 10.
    // expiry needs type, expiry ⇒ 4 + 8 = 12. expiry-strike ⇒ 8.
    expect(aggregateFlow([rows], 'contract').map((r) => r.delta_oi)).toEqual([8]);
    expect(aggregateFlow([rows], 'strike').map((r) => r.delta_oi)).toEqual([10]);
    expect(aggregateFlow([rows], 'expiry').map((r) => r.delta_oi)).toEqual([12]);
    expect(aggregateFlow([rows], 'expiry-strike').map((r) => r.delta_oi)).toEqual([8]);
  });

  it('orders by |ΔOI$| desc, then expiry, strike, option_type, contract_symbol asc', () => {
    const rows = [
      pairRow({ contract_symbol: 'B', osi: null, delta_oi_notional: 50 }),
      pairRow({ contract_symbol: 'A', osi: null, delta_oi_notional: -50 }), // |−50| ties with 50 ⇒ A before B
      pairRow({ contract_symbol: 'Z', osi: null, delta_oi_notional: -900 }), // biggest magnitude first
      pairRow({ contract_symbol: 'E', osi: null, expiry: '2026-01-16', delta_oi_notional: 50 }), // earlier expiry wins the tie
      pairRow({ contract_symbol: 'S', osi: null, strike: 100, delta_oi_notional: 50 }), // lower strike wins the tie
      pairRow({ contract_symbol: 'P', osi: null, option_type: 'put', delta_oi_notional: 50 }), // call < put
    ];
    expect(aggregateFlow([rows], 'contract').map((r) => r.contract_symbol)).toEqual(['Z', 'E', 'S', 'A', 'B', 'P']);
  });

  it('puts null keys last in ties (compareNetRows)', () => {
    const base = aggregateFlow([[pairRow({ delta_oi_notional: 5 })]], 'contract')[0];
    const rows = [
      { ...base, expiry: null },
      { ...base, strike: null },
      { ...base, contract_symbol: null },
      { ...base, option_type: null },
      base,
    ];
    // All keys equal except one null each: the null sorts after the value, at the first key that differs.
    expect(rows.sort(compareNetRows)).toEqual([base, { ...base, contract_symbol: null }, { ...base, option_type: null }, { ...base, strike: null }, { ...base, expiry: null }]);
  });

  it('returns nothing for no pairs or empty pairs', () => {
    expect(aggregateFlow([], 'contract')).toEqual([]);
    expect(aggregateFlow([[], []], 'expiry')).toEqual([]);
  });
});
