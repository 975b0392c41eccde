import type { SnapshotRowInput } from '../market';
import type { OptionType } from '../osi';
import type { IsoDate } from '../time';

// Options flow (DOMAIN.md §4). Field names are the `options_flow` columns and artifact keys, so rows travel unchanged
// into SQL and JSON.

export const FLOW_GROUP_BYS = ['contract', 'strike', 'expiry', 'expiry-strike'] as const;
export type FlowGroupBy = (typeof FLOW_GROUP_BYS)[number];

export function isFlowGroupBy(value: unknown): value is FlowGroupBy {
  return typeof value === 'string' && (FLOW_GROUP_BYS as readonly string[]).includes(value);
}

/** The columns of a stored snapshot row that flow reads; `delta` is the stored effective delta (§3.12). */
export type FlowSnapshotRow = Pick<
  SnapshotRowInput,
  'contract_symbol' | 'osi' | 'option_type' | 'expiry' | 'strike' | 'bid' | 'ask' | 'last_price' | 'volume' | 'open_interest' | 'delta'
>;

export type FlowClassification = 'building' | 'unwinding' | 'churn' | 'unknown';

/** One contract of today's snapshot in one (prev, today) pair (§4.2). */
export interface FlowPairRow {
  /** Trimmed. */
  contract_symbol: string;
  osi: string | null;
  option_type: OptionType | null;
  expiry: IsoDate | null;
  strike: number | null;
  oi_prev: number | null;
  oi_today: number | null;
  delta_oi: number | null;
  mark: number | null;
  volume: number | null;
  delta_oi_notional: number | null;
  volume_notional: number | null;
  vol_oi_ratio: number | null;
  delta_notional: number | null;
  classification: FlowClassification;
}

export interface FlowPairResult {
  rows: FlowPairRow[];
  /** Sum of the non-null delta_oi_notional of calls (0 when none). */
  callsDeltaOiNotional: number;
  putsDeltaOiNotional: number;
}

/** One net row of the window (§4.3); the sums are never null (a sum over only nulls is 0). */
export interface FlowNetRow {
  /** The contract key (osi, else contract symbol) for group-by `contract`; null otherwise. */
  contract_symbol: string | null;
  expiry: IsoDate | null;
  option_type: OptionType | null;
  strike: number | null;
  delta_oi: number;
  delta_oi_notional: number;
  volume_notional: number;
  delta_notional: number;
  n_pairs: number;
}

/** The flow artifact (§4.5): exactly these keys. */
export interface FlowArtifact {
  schema_version: 1;
  generated_at: string;
  /** = to_date. */
  as_of: IsoDate;
  symbol: string;
  from_date: IsoDate;
  to_date: IsoDate;
  window: number;
  group_by: FlowGroupBy;
  /** The N+1 snapshot dates, oldest first. */
  snapshot_dates: IsoDate[];
  net: FlowNetRow[];
}

/**
 * Flow windows of several symbols computed where the snapshots are (the ledger, in SQL, one statement for the batch),
 * §4.2–§4.5: the per-pair join and the window sums never leave DuckDB, only the totals and the net rows asked for do.
 * The domain functions above (computePairFlow, aggregateFlow, flowRowKeys) are the reference the SQL is
 * property-tested against.
 */
export interface FlowWindowsRequest {
  provider: string;
  group_by: FlowGroupBy;
  /** Per symbol, the N+1 snapshot dates of its window, oldest first (flowWindowDates); every window the same N. */
  windows: { symbol: string; snapshot_dates: IsoDate[] }[];
  /** Net rows returned per symbol, in §4.3 order (0..1000); `all_rows` returns every one instead (the artifact). */
  top: number;
  all_rows?: boolean;
  /** Replace each symbol's options_flow partition with its net rows (§4.5), one transaction; null only computes. */
  persist: { generated_at: string } | null;
}

export interface FlowWindowResult {
  symbol: string;
  from_date: IsoDate;
  to_date: IsoDate;
  /** The window's dates as requested. */
  snapshot_dates: IsoDate[];
  /** Window dates without a single snapshot row; when any, nothing was computed or written (skipped empty_snapshot). */
  empty_dates: IsoDate[];
  /** Sums of the non-null delta_oi_notional of calls and of puts over every pair row (§4.2 pair summary). */
  calls_delta_oi_notional: number;
  puts_delta_oi_notional: number;
  /** Every net row of the window (rows with a null group key dropped). */
  net_row_count: number;
  /** Rows written to options_flow (0 without persist). */
  rows_written: number;
  /** The first `top` net rows (or all with `all_rows`), §4.3 order. */
  net: FlowNetRow[];
}

/** One result per requested window, in request order. */
export interface FlowWindowsResult {
  windows: FlowWindowResult[];
}
