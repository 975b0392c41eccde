import * as fs from 'node:fs';
import * as path from 'node:path';
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
  FinalizeSuccessInput,
  HealthQuery,
  HealthReport,
  Page,
  RowWriteResult,
  RunListQuery,
  RunRecord,
  StartRunInput,
  TradingCalendar,
  WatermarkInput,
  FlowWindowsRequest,
  FlowWindowsResult,
} from '@options-helper/domain';
import { emptyHealthReport, GUIDANCE_MISSING_FILE, healthFilters, Ledger, loadMigrationFiles } from '@options-helper/ledger';
import { FailRunInput, LedgerPort, MigrateResult, SqlQueryOptions, SqlQueryResult, toErrorInfo } from '../ledger-port';

export interface EmbeddedLedgerOptions {
  path: string;
  migrationsDir?: string;
  clock?: () => Date;
  calendar?: TradingCalendar;
}

/**
 * LedgerPort on the DuckDB file itself, for a CLI command when no ledger service runs. The first write,
 * `db init` or `db migrate` opens the file read-write (creating it, migrating it and recovering abandoned
 * runs); reads before that open it read-only and never create or migrate anything (DOMAIN.md §1.1).
 */
export class EmbeddedLedgerAdapter implements LedgerPort {
  readonly mode = 'embedded' as const;
  readonly databasePath: string;
  private writable: Ledger | null = null;
  private readable: Ledger | null = null;

  constructor(private readonly options: EmbeddedLedgerOptions) {
    this.databasePath = options.path === ':memory:' ? options.path : path.resolve(options.path);
  }

  /** The read-write ledger, opened on first use. */
  async ledger(): Promise<Ledger> {
    if (this.writable) return this.writable;
    if (this.readable) {
      await this.readable.close();
      this.readable = null;
    }
    this.writable = await Ledger.open({ ...this.options, path: this.databasePath });
    return this.writable;
  }

  private fileExists(): boolean {
    return this.databasePath === ':memory:' || fs.existsSync(this.databasePath);
  }

  /** A ledger for reading: the writable one when open, else the file opened read-only (null when absent). */
  private async reader(): Promise<Ledger | null> {
    if (this.writable) return this.writable;
    if (this.readable) return this.readable;
    if (!this.fileExists()) return null;
    if (this.databasePath === ':memory:') return this.ledger();
    this.readable = await Ledger.open({ ...this.options, path: this.databasePath, readOnly: true });
    return this.readable;
  }

  async startRun(input: StartRunInput): Promise<RunRecord> {
    return (await this.ledger()).startRun(input);
  }

  async logAssetEvent(input: AssetEventInput): Promise<void> {
    await (await this.ledger()).logAssetEvent(input);
  }

  async logAssetEvents(inputs: AssetEventInput[]): Promise<void> {
    if (inputs.length) await (await this.ledger()).logAssetEvents(inputs);
  }

  async upsertWatermark(input: WatermarkInput): Promise<void> {
    await (await this.ledger()).upsertWatermark(input);
  }

  async upsertWatermarks(inputs: WatermarkInput[]): Promise<void> {
    if (inputs.length) await (await this.ledger()).upsertWatermarks(inputs);
  }

  async persistCheck(input: CheckInput): Promise<string> {
    return (await this.ledger()).persistCheck(input);
  }

  async persistChecks(inputs: CheckInput[]): Promise<string[]> {
    return inputs.length ? (await this.ledger()).persistChecks(inputs) : [];
  }

  async finalizeSuccess(input: FinalizeSuccessInput): Promise<RunRecord> {
    return (await this.ledger()).finalizeSuccess(input);
  }

  async finalizeFailure(input: FailRunInput): Promise<RunRecord> {
    return (await this.ledger()).finalizeFailure({
      runId: input.runId,
      error: toErrorInfo(input.error),
      endedAt: input.endedAt,
      stackText: input.stackText,
    });
  }

  async writeRows(table: string, rows: Record<string, unknown>[]): Promise<RowWriteResult> {
    return (await this.ledger()).writeRows(table, rows);
  }

  async writeCandles(input: WriteCandlesInput): Promise<{ symbol: string; rows_written: number }> {
    return (await this.ledger()).writeCandles(input);
  }

  async saveSnapshot(input: SaveSnapshotInput): Promise<SaveSnapshotResult> {
    return (await this.ledger()).saveSnapshot(input);
  }

  async upsertContracts(input: UpsertContractsInput): Promise<UpsertContractsResult> {
    return (await this.ledger()).upsertContracts(input);
  }

  async replaceFlow(input: ReplaceFlowInput): Promise<{ symbol: string; rows_written: number }> {
    return (await this.ledger()).replaceFlow(input);
  }

  async computeFlowWindows(input: FlowWindowsRequest): Promise<FlowWindowsResult> {
    return (await this.ledger()).computeFlowWindows(input);
  }

  async writeOptionBars(input: WriteOptionBarsInput): Promise<WriteOptionBarsResult> {
    return (await this.ledger()).writeOptionBars(input);
  }

  async candleCoverage(symbol: string): Promise<CandleCoverage> {
    const ledger = await this.reader();
    return ledger ? ledger.candleCoverage(symbol) : { symbol: symbol.trim().toUpperCase(), rows: 0, first_ts: null, last_ts: null, max_backfill_complete: false };
  }

  async candleCloses(symbol: string, start?: string | null, end?: string | null): Promise<CandleClose[]> {
    const ledger = await this.reader();
    return ledger ? ledger.candleCloses(symbol, start, end) : [];
  }

  async optionBarsMeta(provider: string, contracts: string[]): Promise<OptionBarsMetaRecord[]> {
    const ledger = await this.reader();
    return ledger ? ledger.optionBarsMeta(provider, contracts) : [];
  }

  async query(sql: string, options: SqlQueryOptions = {}): Promise<SqlQueryResult> {
    const ledger = await this.reader();
    if (!ledger) throw new Error(`DuckDB database not found: ${this.databasePath}`);
    const r = await ledger.query(sql, { params: options.params, maxRows: options.maxRows ?? 500, timeoutMs: options.timeoutMs });
    return { columns: r.columns, rows: r.rows, row_count: r.rowCount, truncated: r.truncated, elapsed_ms: r.elapsedMs };
  }

  async getRun(runId: string): Promise<RunRecord | null> {
    const ledger = await this.reader();
    return ledger ? ledger.getRun(runId) : null;
  }

  async listRuns(query: RunListQuery = {}): Promise<Page<RunRecord>> {
    const ledger = await this.reader();
    return ledger ? ledger.listRuns(query) : { items: [], total: 0, limit: query.limit ?? 50, offset: query.offset ?? 0 };
  }

  async listRunEvents(runId: string): Promise<AssetEventRecord[]> {
    const ledger = await this.reader();
    return ledger ? ledger.listRunEvents(runId) : [];
  }

  async health(query: HealthQuery = {}): Promise<HealthReport> {
    const filters = healthFilters(query);
    const ledger = await this.reader();
    if (!ledger) return emptyHealthReport(this.databasePath, false, filters);
    return ledger.health(query);
  }

  async healthSnapshot(query: { days?: number; staleDays?: number; limit?: number } = {}): Promise<HealthSnapshot> {
    const ledger = await this.reader();
    if (ledger) return ledger.healthSnapshot(query);
    return { database_path: this.databasePath, database_exists: false, observability_ready: false, guidance: GUIDANCE_MISSING_FILE(this.databasePath), latest_runs: [], recurring_failures: [], watermarks: [], failed_checks: [] };
  }

  async backfillPlan(query: { staleDays?: number; days?: number; portfolioPath?: string } = {}): Promise<GapPlan> {
    const ledger = await this.reader();
    if (ledger) return ledger.backfillPlan(query);
    const { planGapBackfill } = await import('@options-helper/domain');
    return planGapBackfill({ watermarks: [], latestRuns: [], failedChecks: [], staleDays: query.staleDays, portfolioPath: query.portfolioPath });
  }

  async info(): Promise<DbInfo> {
    const ledger = await this.reader();
    if (!ledger) {
      const latest = loadMigrationFiles(this.options.migrationsDir).length;
      return { database_path: this.databasePath, database_exists: false, schema_version: 0, latest_schema_version: latest, tables: [] };
    }
    return ledger.info();
  }

  async migrate(): Promise<MigrateResult> {
    const ledger = await this.ledger();
    const outcome = ledger.openReport.migration;
    return {
      database_path: this.databasePath,
      schema_version: await ledger.schemaVersion(),
      applied: outcome?.applied ?? [],
    };
  }

  async close(): Promise<void> {
    await this.writable?.close();
    await this.readable?.close();
    this.writable = null;
    this.readable = null;
  }
}
