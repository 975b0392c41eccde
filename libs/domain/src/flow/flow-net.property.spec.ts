import type { FlowSnapshotRow } from './flow.types';
import { FLOW_GROUP_BYS } from './flow.types';
import { aggregateFlow } from './flow-net.aggregator';
import { computePairFlow } from './pair-flow.metrics';
import { mulberry32, snap } from './testing/flow-rows.fixtures';

// Laws of netting (DOMAIN.md §4.3) over generated snapshots. Integer OI keeps ΔOI sums exact, so equality is exact.
const SYMBOLS = ['A', 'B', 'C', 'D', 'E', 'F'];
const OSIS = ['SPY260619C00600000', 'SPY260619P00600000', 'SPY260717C00610000', null];
const EXPIRIES = ['2026-06-19', '2026-07-17', null];
const STRIKES = [600, 610, 412.5, null];

function generate(random: () => number): FlowSnapshotRow[] {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const maybe = <T>(value: T): T | null => (random() < 0.15 ? null : value);
  return Array.from({ length: Math.floor(random() * 8) }, () =>
    snap({
      contract_symbol: pick(SYMBOLS),
      osi: pick(OSIS),
      option_type: maybe(pick(['call', 'put'] as const)),
      expiry: pick(EXPIRIES),
      strike: pick(STRIKES),
      bid: maybe(Math.floor(random() * 300) / 100),
      ask: maybe(Math.floor(random() * 300) / 100),
      volume: maybe(Math.floor(random() * 200)),
      open_interest: maybe(Math.floor(random() * 2000)),
      delta: maybe(random() * 2 - 1),
    }),
  );
}

const CASES = Array.from({ length: 300 }, (_, seed) => seed);

describe('aggregateFlow laws', () => {
  it.each(CASES)('seed %i: net ΔOI and n_pairs equal the per-pair totals of the kept rows, for every group-by', (seed) => {
    const random = mulberry32(seed);
    const days = Array.from({ length: 1 + Math.floor(random() * 4) }, () => generate(random));
    const pairs = days.slice(1).map((today, i) => computePairFlow(days[i], today, 600).rows);
    for (const groupBy of FLOW_GROUP_BYS) {
      const kept = pairs
        .flat()
        .filter(
          (r) =>
            r.option_type !== null &&
            (groupBy === 'strike' || r.expiry !== null) &&
            (groupBy === 'expiry' || r.strike !== null),
        );
      const net = aggregateFlow(pairs, groupBy);
      const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
      expect(sum(net.map((r) => r.delta_oi))).toBe(sum(kept.map((r) => r.delta_oi ?? 0)));
      expect(sum(net.map((r) => r.n_pairs))).toBe(kept.length);
      // Ordering law: |ΔOI$| never increases down the list.
      net.slice(1).forEach((r, i) => expect(Math.abs(r.delta_oi_notional)).toBeLessThanOrEqual(Math.abs(net[i].delta_oi_notional)));
      // No sum is ever null or NaN.
      net.forEach((r) => [r.delta_oi, r.delta_oi_notional, r.volume_notional, r.delta_notional].forEach((v) => expect(Number.isFinite(v)).toBe(true)));
    }
  });

  it.each(CASES.slice(0, 50))('seed %i: with no null group keys, ΔOI over any group-by equals the sum of non-null per-pair ΔOI', (seed) => {
    const random = mulberry32(seed);
    const days = Array.from({ length: 3 }, () => generate(random).map((r) => ({ ...r, option_type: r.option_type ?? 'call', expiry: r.expiry ?? '2026-06-19', strike: r.strike ?? 600 })));
    const pairs = days.slice(1).map((today, i) => computePairFlow(days[i], today, 600).rows);
    const total = pairs.flat().reduce((acc, r) => acc + (r.delta_oi ?? 0), 0);
    for (const groupBy of FLOW_GROUP_BYS) {
      expect(aggregateFlow(pairs, groupBy).reduce((acc, r) => acc + r.delta_oi, 0)).toBe(total);
    }
  });
});
