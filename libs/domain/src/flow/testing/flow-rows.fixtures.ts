import { seededRandom } from '../../util/seeded-random';
import type { FlowPairRow, FlowSnapshotRow } from '../flow.types';

// Test data for flow specs only (not exported from the library's index).

/** A stored snapshot row: SPY 2026-06-19 call 600, bid 1.00 / ask 1.20 (mark 1.10), OI 100, volume 0, delta 0.5. */
export function snap(overrides: Partial<FlowSnapshotRow> = {}): FlowSnapshotRow {
  return {
    contract_symbol: 'SPY260619C00600000',
    osi: 'SPY260619C00600000',
    option_type: 'call',
    expiry: '2026-06-19',
    strike: 600,
    bid: 1.0,
    ask: 1.2,
    last_price: null,
    volume: 0,
    open_interest: 100,
    delta: 0.5,
    ...overrides,
  };
}

/** A per-pair row with every number null, to be filled by each test. */
export function pairRow(overrides: Partial<FlowPairRow> = {}): FlowPairRow {
  return {
    contract_symbol: 'SPY260619C00600000',
    osi: 'SPY260619C00600000',
    option_type: 'call',
    expiry: '2026-06-19',
    strike: 600,
    oi_prev: null,
    oi_today: null,
    delta_oi: null,
    mark: null,
    volume: null,
    delta_oi_notional: null,
    volume_notional: null,
    vol_oi_ratio: null,
    delta_notional: null,
    classification: 'unknown',
    ...overrides,
  };
}

/** Deterministic PRNG (mulberry32) for generated inputs. */
/** The shared seeded generator, under the name these fixtures' tests use. */
export const mulberry32 = seededRandom;
