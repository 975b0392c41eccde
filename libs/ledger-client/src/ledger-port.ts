import { errorMessage, errorType } from '@options-helper/domain';
import type {
  ReplaceFlowInput,
  HealthSnapshot,
  GapPlan,
  CandleClose,
  CandleCoverage,
  OptionBarsMetaRecord,
  SaveSnapshotInput,
  SaveSnapshotResult,
  UpsertContractsInput,
  UpsertContractsResult,
  WriteCandlesInput,
  WriteOptionBarsInput,
  WriteOptionBarsResult,
  AssetEventInput,
  AssetEventRecord,
  CheckInput,
  DbInfo,
  ErrorInfo,
  FinalizeSuccessInput,
  HealthQuery,
  HealthReport,
  Page,
  RowWriteResult,
  RunListQuery,
  RunRecord,
  StartRunInput,
  TimestampInput,
  WatermarkInput,
  FlowWindowsRequest,
  FlowWindowsResult,
} from '@options-helper/domain';

export interface FailRunInput {
  runId: string;
  /** Anything thrown; adapters reduce it to {type, message, stack} (DOMAIN.md §2.3). */
  error: unknown;
  endedAt?: TimestampInput | null;
  stackText?: string | null;
}

export interface SqlQueryOptions {
  params?: (string | number | boolean | null)[];
  maxRows?: number;
  timeoutMs?: number;
}

export interface SqlQueryResult {
  columns: { name: string; type: string }[];
  rows: Record<string, unknown>[];
  row_count: number;
  truncated: boolean;
  elapsed_ms: number;
}

export interface MigrateResult {
  database_path: string;
  schema_version: number;
  applied: number[];
}

/**
 * What every job, service and the CLI use to talk to the run ledger, whether the ledger service is running
 * (HTTP adapter) or the command opens the DuckDB file itself (embedded adapter). Both behave identically;
 * one contract suite (testing/) runs against both.
 */
export interface LedgerPort {
  readonly mode: 'http' | 'embedded';
  readonly databasePath: string | null;

  startRun(input: StartRunInput): Promise<RunRecord>;
  logAssetEvent(input: AssetEventInput): Promise<void>;
  /** Many events in one write request (one transaction). */
  logAssetEvents(inputs: AssetEventInput[]): Promise<void>;
  upsertWatermark(input: WatermarkInput): Promise<void>;
  upsertWatermarks(inputs: WatermarkInput[]): Promise<void>;
  persistCheck(input: CheckInput): Promise<string>;
  persistChecks(inputs: CheckInput[]): Promise<string[]>;
  finalizeSuccess(input: FinalizeSuccessInput): Promise<RunRecord>;
  finalizeFailure(input: FailRunInput): Promise<RunRecord>;
  /** Bulk upsert into an allowlisted market table (candles_daily, option_bars, …). */
  writeRows(table: string, rows: Record<string, unknown>[]): Promise<RowWriteResult>;
  /** Candle rows plus candles_meta, one transaction. */
  writeCandles(input: WriteCandlesInput): Promise<{ symbol: string; rows_written: number }>;
  /** Replaces the (symbol, date, provider) snapshot: header and rows, one transaction. */
  saveSnapshot(input: SaveSnapshotInput): Promise<SaveSnapshotResult>;
  upsertContracts(input: UpsertContractsInput): Promise<UpsertContractsResult>;
  /** Replaces one options_flow partition, one transaction. */
  replaceFlow(input: ReplaceFlowInput): Promise<{ symbol: string; rows_written: number }>;
  /** Bars plus success and error meta, one transaction. */
  writeOptionBars(input: WriteOptionBarsInput): Promise<WriteOptionBarsResult>;
  candleCoverage(symbol: string): Promise<CandleCoverage>;
  candleCloses(symbol: string, start?: string | null, end?: string | null): Promise<CandleClose[]>;
  optionBarsMeta(provider: string, contracts: string[]): Promise<OptionBarsMetaRecord[]>;
  /**
   * Flow windows of several symbols (DOMAIN.md §4.2–§4.5) computed where the snapshots are; with `persist` each
   * symbol's options_flow partition is replaced whole, all in one transaction. Returns totals and the net rows asked for.
   */
  computeFlowWindows(input: FlowWindowsRequest): Promise<FlowWindowsResult>;

  /** One read-only SELECT through the ledger's read-only executor (Data Explorer, tests). */
  query(sql: string, options?: SqlQueryOptions): Promise<SqlQueryResult>;
  getRun(runId: string): Promise<RunRecord | null>;
  listRuns(query?: RunListQuery): Promise<Page<RunRecord>>;
  listRunEvents(runId: string): Promise<AssetEventRecord[]>;
  health(query?: HealthQuery): Promise<HealthReport>;
  /** The portal's health snapshot (DOMAIN.md §9.2): recurring failures by stack hash, freshness. */
  healthSnapshot(query?: { days?: number; staleDays?: number; limit?: number }): Promise<HealthSnapshot>;
  /** The gap backfill plan (display only; planning changes nothing). */
  backfillPlan(query?: { staleDays?: number; days?: number; portfolioPath?: string }): Promise<GapPlan>;
  info(): Promise<DbInfo>;
  migrate(): Promise<MigrateResult>;
  close(): Promise<void>;
}

/** Reduces anything thrown to the error fields the ledger stores. */
export function toErrorInfo(err: unknown): ErrorInfo {
  if (err && typeof err === 'object' && !(err instanceof Error) && 'type' in err && 'message' in err) {
    const e = err as { type: unknown; message: unknown; stack?: unknown };
    return { type: String(e.type), message: String(e.message), stack: typeof e.stack === 'string' ? e.stack : null };
  }
  const stack = err instanceof Error && typeof err.stack === 'string' ? err.stack : null;
  return { type: errorType(err), message: errorMessage(err), stack };
}

/** A readiness check (shape of libs/server's ReadinessCheck) for services that need the ledger: ready when it answers. */
export function ledgerReadiness(ledger: LedgerPort): { name: string; check: () => Promise<Record<string, unknown>> } {
  return { name: 'ledger', check: async () => ({ database_path: (await ledger.info()).database_path }) };
}
