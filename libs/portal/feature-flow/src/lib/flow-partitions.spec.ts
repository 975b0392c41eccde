import type { PortalFlowPartition } from '@options-helper/domain';
import { netFlowByAsOf, partitionKey, partitionLabel } from './flow-partitions';

const partition = (as_of: string, net: number, window = 1): PortalFlowPartition => ({
  as_of,
  from_date: '2026-11-20',
  to_date: as_of,
  window,
  group_by: 'expiry-strike',
  rows: 10,
  net_delta_oi_notional: net,
  total_volume_notional: 5,
  net_delta_notional: 1,
  updated_at: null,
});

describe('Flow page helpers', () => {
  it('sums net ΔOI$ per as-of date, oldest first', () => {
    // 2026-11-24: -100 + 40 = -60 (two windows on one date); 2026-11-23: 25.
    expect(netFlowByAsOf([partition('2026-11-24', -100), partition('2026-11-23', 25), partition('2026-11-24', 40, 2)])).toEqual([
      { date: '2026-11-23', value: 25 },
      { date: '2026-11-24', value: -60 },
    ]);
  });

  it('labels partitions as the page picker shows them and keys them for the URL', () => {
    const p = partition('2026-11-24', 1);
    expect(partitionLabel(p)).toBe('as_of=2026-11-24 | from=2026-11-20 | to=2026-11-24 | window=1 | rows=10');
    expect(partitionKey(p)).toBe('2026-11-24|2026-11-20|2026-11-24|1');
  });
});
