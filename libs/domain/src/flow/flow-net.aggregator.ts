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
      // The id is built before any object: a window of full chains is hundreds of thousands of rows, and allocating a
      // net row (or a JSON key) per input row was most of compute_flow's time (see the compute-flow benchmark).
      const id = groupId(row, groupBy);
      if (id === null) continue;
      let acc = groups.get(id);
      if (acc === undefined) {
        acc = emptyNetRow(row, groupBy);
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

/** The group's identity (its non-null keys joined by NUL, which no key contains), or null when a key it needs is null. */
function groupId(row: FlowPairRow, groupBy: FlowGroupBy): string | null {
  const { option_type, expiry, strike } = row;
  if (option_type === null) return null;
  switch (groupBy) {
    case 'contract':
      return expiry === null || strike === null ? null : `${row.osi ?? row.contract_symbol}\u0000${expiry}\u0000${option_type}\u0000${strike}`;
    case 'strike':
      return strike === null ? null : `${option_type}\u0000${strike}`;
    case 'expiry':
      return expiry === null ? null : `${expiry}\u0000${option_type}`;
    case 'expiry-strike':
      return expiry === null || strike === null ? null : `${expiry}\u0000${option_type}\u0000${strike}`;
  }
}

/** An empty net row carrying the row's group keys (groupId has checked they are present). */
function emptyNetRow(row: FlowPairRow, groupBy: FlowGroupBy): FlowNetRow {
  const option_type = row.option_type as NonNullable<FlowPairRow['option_type']>;
  const zero = { delta_oi: 0, delta_oi_notional: 0, volume_notional: 0, delta_notional: 0, n_pairs: 0 };
  switch (groupBy) {
    case 'contract':
      return { contract_symbol: row.osi ?? row.contract_symbol, expiry: row.expiry, option_type, strike: row.strike, ...zero };
    case 'strike':
      return { contract_symbol: null, expiry: null, option_type, strike: row.strike, ...zero };
    case 'expiry':
      return { contract_symbol: null, expiry: row.expiry, option_type, strike: null, ...zero };
    case 'expiry-strike':
      return { contract_symbol: null, expiry: row.expiry, option_type, strike: row.strike, ...zero };
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
