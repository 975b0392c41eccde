import type { FlowNetRow } from './flow.types';
import { flowRowKeys, formatFlowStrike } from './flow-row-key.formatter';

function net(overrides: Partial<FlowNetRow>): FlowNetRow {
  return {
    contract_symbol: null,
    expiry: null,
    option_type: null,
    strike: null,
    delta_oi: 0,
    delta_oi_notional: 0,
    volume_notional: 0,
    delta_notional: 0,
    n_pairs: 1,
    ...overrides,
  };
}

describe('formatFlowStrike', () => {
  it('writes 8 decimals then strips trailing zeros and the dot', () => {
    expect(formatFlowStrike(412.5)).toBe('412.5'); // 412.50000000 ⇒ 412.5
    expect(formatFlowStrike(600)).toBe('600'); // 600.00000000 ⇒ 600. ⇒ 600
    expect(formatFlowStrike(0.125)).toBe('0.125');
    expect(formatFlowStrike(0)).toBe('0');
    expect(formatFlowStrike(1 / 3)).toBe('0.33333333'); // rounded at 8 decimals
    expect(formatFlowStrike(2.000000001)).toBe('2'); // 2.00000000 after rounding
    expect(formatFlowStrike(null)).toBe('');
  });
});

describe('flowRowKeys', () => {
  it('joins the parts of each group-by', () => {
    const row = net({ contract_symbol: 'SPY260619C00412500', expiry: '2026-06-19', option_type: 'call', strike: 412.5 });
    expect(flowRowKeys([row], 'contract')).toEqual(['SPY260619C00412500|2026-06-19|call|412.5']);
    expect(flowRowKeys([{ ...row, contract_symbol: null }], 'expiry-strike')).toEqual(['call|2026-06-19|412.5']);
    expect(flowRowKeys([{ ...row, contract_symbol: null, expiry: null }], 'strike')).toEqual(['call|412.5']);
    expect(flowRowKeys([{ ...row, contract_symbol: null, strike: null }], 'expiry')).toEqual(['call|2026-06-19']);
  });

  it('leaves empty parts out and falls back to row-{index:06} when nothing is left', () => {
    expect(flowRowKeys([net({ option_type: 'put', strike: 600 })], 'contract')).toEqual(['put|600']);
    expect(flowRowKeys([net({ contract_symbol: '' }), net({ strike: 5 }), net({})], 'expiry')).toEqual(['row-000000', 'row-000001', 'row-000002']);
  });

  it('suffixes a used key with |{index}, incrementing until unique', () => {
    const a = net({ option_type: 'call', strike: 600 });
    // Row 0: call|600. Row 1 repeats ⇒ call|600|1. Row 2 repeats ⇒ call|600|2.
    expect(flowRowKeys([a, a, a], 'strike')).toEqual(['call|600', 'call|600|1', 'call|600|2']);
    // A repeat after a gap is suffixed with its own position (3), not the next free counter (2).
    expect(flowRowKeys([a, a, net({ contract_symbol: 'x' }), a], 'strike')).toEqual(['call|600', 'call|600|1', 'row-000002', 'call|600|3']);
  });

  it('skips an index already used literally by an earlier key', () => {
    // Contract keys: row 0 = "K|3" (a symbol that looks like a suffixed key), rows 1–3 = "K".
    // Row 3 is a repeat ⇒ tries K|3 (taken by row 0) ⇒ K|4.
    const k = net({ contract_symbol: 'K' });
    const rows = [net({ contract_symbol: 'K|3' }), k, net({ contract_symbol: 'L' }), k];
    expect(flowRowKeys(rows, 'contract')).toEqual(['K|3', 'K', 'L', 'K|4']);
  });

  it('returns an empty list for no rows', () => {
    expect(flowRowKeys([], 'contract')).toEqual([]);
  });
});
