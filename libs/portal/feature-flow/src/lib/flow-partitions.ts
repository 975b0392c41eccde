import type { PortalFlowPartition } from '@options-helper/domain';

// Pure helpers of the Flow page: partition keys for the URL, picker labels and the net-flow series.

export function partitionKey(p: Pick<PortalFlowPartition, 'as_of' | 'from_date' | 'to_date' | 'window'>): string {
  return `${p.as_of}|${p.from_date}|${p.to_date}|${p.window}`;
}

export function partitionLabel(p: PortalFlowPartition): string {
  return `as_of=${p.as_of} | from=${p.from_date} | to=${p.to_date} | window=${p.window} | rows=${p.rows}`;
}

/** Net ΔOI$ per as-of date (summed over that date's partitions), oldest first. */
export function netFlowByAsOf(partitions: readonly PortalFlowPartition[]): { date: string; value: number }[] {
  const byDate = new Map<string, number>();
  for (const p of partitions) byDate.set(p.as_of, (byDate.get(p.as_of) ?? 0) + p.net_delta_oi_notional);
  return [...byDate.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([date, value]) => ({ date, value }));
}
