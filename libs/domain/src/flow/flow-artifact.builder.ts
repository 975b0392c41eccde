import { assertIsoDate } from '../time';
import type { IsoDate } from '../time';
import type { FlowArtifact, FlowGroupBy, FlowNetRow } from './flow.types';

export interface BuildFlowArtifactInput {
  symbol: string;
  /** The N+1 snapshot dates of the window, oldest first. */
  snapshotDates: readonly IsoDate[];
  window: number;
  groupBy: FlowGroupBy;
  net: readonly FlowNetRow[];
  /** ISO-8601 UTC text with `Z`, or a Date converted to it. */
  generatedAt: string | Date;
}

/** The flow artifact (DOMAIN.md §4.5) with exactly its keys; as_of = to_date = the last snapshot date. */
export function buildFlowArtifact(input: BuildFlowArtifactInput): FlowArtifact {
  assertFlowWindow(input.window);
  const dates = [...input.snapshotDates];
  if (dates.length !== input.window + 1) {
    throw new RangeError(`a flow window of ${input.window} needs ${input.window + 1} snapshot dates, got ${dates.length}`);
  }
  dates.forEach((d, i) => assertIsoDate(d, `snapshotDates[${i}]`));
  const fromDate = dates[0];
  const toDate = dates[dates.length - 1];
  return {
    schema_version: 1,
    generated_at: typeof input.generatedAt === 'string' ? input.generatedAt : input.generatedAt.toISOString(),
    as_of: toDate,
    symbol: input.symbol,
    from_date: fromDate,
    to_date: toDate,
    window: input.window,
    group_by: input.groupBy,
    snapshot_dates: dates,
    net: input.net.map(pickNetRow),
  };
}

/** Exactly the net-row fields, copied key by key so a caller's extra fields never leak ("no other keys"). */
export function pickNetRow(r: FlowNetRow): FlowNetRow {
  return {
    contract_symbol: r.contract_symbol,
    expiry: r.expiry,
    option_type: r.option_type,
    strike: r.strike,
    delta_oi: r.delta_oi,
    delta_oi_notional: r.delta_oi_notional,
    volume_notional: r.volume_notional,
    delta_notional: r.delta_notional,
    n_pairs: r.n_pairs,
  };
}

export function assertFlowWindow(window: number): void {
  if (!Number.isInteger(window) || window < 1) throw new RangeError(`flow window must be an integer ≥ 1, got ${window}`);
}
