import { compareText } from '../symbols/text-order';
import type { FlowGroupBy, FlowNetRow, FlowPairRow } from './flow.types';

/**
 * Window aggregation (DOMAIN.md §4.3): concatenates the per-pair rows of every pair and nets them per group. Rows with a
 * null in any group key are dropped; each sum skips nulls and a sum over only nulls is 0, so a contract new today adds
 * 0 to delta_oi but still adds its volume notional.
 */
export function aggregateFlow(pairs: readonly (readonly FlowPairRow[])[], groupBy: FlowGroupBy): FlowNetRow[] {
  const groups = new Map<string, FlowNetRow>();
  for (const pair of pairs) {
    for (const row of pair) {
      const net = groupOf(row, groupBy);
      if (net === null) continue;
      const id = JSON.stringify([net.contract_symbol, net.expiry, net.option_type, net.strike]);
      let acc = groups.get(id);
      if (acc === undefined) {
        acc = net;
        groups.set(id, acc);
      }
      acc.delta_oi += row.delta_oi ?? 0;
      acc.delta_oi_notional += row.delta_oi_notional ?? 0;
      acc.volume_notional += row.volume_notional ?? 0;
      acc.delta_notional += row.delta_notional ?? 0;
      acc.n_pairs += 1;
    }
  }
  return [...groups.values()].sort(compareNetRows);
}

/** An empty net row carrying the row's group keys, or null when one of them is null. */
function groupOf(row: FlowPairRow, groupBy: FlowGroupBy): FlowNetRow | null {
  const { option_type, expiry, strike } = row;
  const zero = { delta_oi: 0, delta_oi_notional: 0, volume_notional: 0, delta_notional: 0, n_pairs: 0 };
  if (option_type === null) return null;
  switch (groupBy) {
    case 'contract': {
      const key = row.osi ?? row.contract_symbol;
      if (expiry === null || strike === null) return null;
      return { contract_symbol: key, expiry, option_type, strike, ...zero };
    }
    case 'strike':
      return strike === null ? null : { contract_symbol: null, expiry: null, option_type, strike, ...zero };
    case 'expiry':
      return expiry === null ? null : { contract_symbol: null, expiry, option_type, strike: null, ...zero };
    case 'expiry-strike':
      return expiry === null || strike === null ? null : { contract_symbol: null, expiry, option_type, strike, ...zero };
  }
}

/** |delta_oi_notional| desc, then expiry, strike, option_type, contract_symbol asc, nulls last. */
export function compareNetRows(a: FlowNetRow, b: FlowNetRow): number {
  return (
    Math.abs(b.delta_oi_notional) - Math.abs(a.delta_oi_notional) ||
    nullsLast(a.expiry, b.expiry, compareText) ||
    nullsLast(a.strike, b.strike, (x, y) => x - y) ||
    nullsLast(a.option_type, b.option_type, compareText) ||
    nullsLast(a.contract_symbol, b.contract_symbol, compareText)
  );
}

function nullsLast<T>(a: T | null, b: T | null, compare: (x: T, y: T) => number): number {
  if (a === null) return b === null ? 0 : 1;
  if (b === null) return -1;
  return compare(a, b);
}
