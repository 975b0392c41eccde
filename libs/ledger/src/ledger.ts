import * as fs from 'node:fs';
import {
  AssetEventInput,
  AssetEventRecord,
  CheckInput,
  DbInfo,
  FinalizeFailureInput,
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
  WatermarkRecord,
  CheckRecord,
  nyseCalendar,
  DEFAULT_STALE_DAYS,
  GapPlan,
  HealthSnapshot,
  planGapBackfill,
  CandleClose,
  CandleCoverage,
  OptionBarsMetaRecord,
  ReplaceFlowInput,
  SaveSnapshotInput,
  SaveSnapshotResult,
  UpsertContractsInput,
  UpsertContractsResult,
  WriteCandlesInput,
  WriteOptionBarsInput,
  WriteOptionBarsResult,
  FlowWindowsRequest,
  FlowWindowsResult,
} from '@options-helper/domain';
import { DuckDbDatabase } from './duckdb/duckdb-database';
import { parseInstant } from './duckdb/sql-values';
import * as health from './health/health.repository';
import { listTables } from './info/db-info';
import { LedgerValidationError } from './ledger.errors';
import { loadMigrationFiles, MigrationFile } from './migrations/migration-files';
import { currentSchemaVersion, migrate, MigrationOutcome } from './migrations/migration-runner';
import { computeFlowWindows, stageFlowWindows } from './flow/flow-window.repository';
import * as market from './market/market.repository';
import { JobStats, ledgerMetricsSnapshot, LedgerMetricsSnapshot, loadJobStats } from './metrics/ledger-metrics.repository';
import * as runs from './run-ledger/run-ledger.repository';
import { bulkUpsert } from './bulk/bulk-upsert';
import { marketTableSpec, stageMarketRows } from './tables/market-tables';
import { WriteQueue } from './write-queue/write-queue';
import { ReadOnlyExecuteOptions, ReadOnlyExecutor, ReadOnlyQueryResult } from './read-only';

export interface LedgerOpenOptions {
  path: string;
  /** read-only: no migrations, no recovery, no writes (embedded db info / db health). */
  readOnly?: boolean;
  migrationsDir?: string;
  clock?: () => Date;
  calendar?: TradingCalendar;
  /** Most write requests grouped into one transaction. */
  maxBatch?: number;
  /**
   * Quiet time after the last commit before the ledger checkpoints (default 1000 ms); commits then checkpoint inline
   * only past a 256 MB WAL. null leaves checkpoints to DuckDB (inline, at a 16 MB WAL).
   */
  idleCheckpointMs?: number | null;
}

/** WAL size at which a commit still checkpoints inline while idle checkpoints are on: bounds the WAL and its replay. */
export const INLINE_CHECKPOINT_THRESHOLD = '256MB';
const DEFAULT_IDLE_CHECKPOINT_MS = 1000;

/** The write side's upkeep, for /metrics: queued requests, the WAL not yet checkpointed, idle checkpoints so far. */
export interface WriteState {
  queue_depth: number;
  wal_bytes: number;
  checkpoints: number;
  checkpoint_seconds: number;
  last_checkpoint_error: string | null;
}

export interface OpenReport {
  migration: MigrationOutcome | null;
  abandonedRuns: number;
}

export const HEALTH_DEFAULTS = { days: 7, limit: 50 } as const;

/**
 * The ledger: the one owner of the DuckDB file. Opening it read-write applies pending migrations and marks
 * runs left `started` by a dead process as failed/Abandoned. All writes go through one queue; reads run on
 * their own connections and never wait for it.
 */
export class Ledger {
  readonly queue: WriteQueue;
  /** SQL from outside (Data Explorer, Postgres gateway): single read-only SELECTs only. */
  readonly readOnly: ReadOnlyExecutor;
  private readonly runClocks = new Map<string, bigint>();
  /** Per-job run statistics kept current by this (the only) writer; null in read-only mode. */
  private jobStats: Map<string, JobStats & { latest_run_id: string | null; latest_started_at: string | null }> | null = null;
  openReport: OpenReport = { migration: null, abandonedRuns: 0 };

  private constructor(
    readonly db: DuckDbDatabase,
    private readonly migrations: MigrationFile[],
    private readonly clock: () => Date,
    readonly calendar: TradingCalendar,
    maxBatch: number,
    idleCheckpointMs: number | null,
  ) {
    this.queue = new WriteQueue(() => db.writer(), { maxBatch, idleCheckpointMs });
    this.readOnly = new ReadOnlyExecutor({
      acquire: () => db.acquireReader(),
      release: (conn, { reusable }) => db.releaseReader(conn, reusable),
    });
  }

  static async open(options: LedgerOpenOptions): Promise<Ledger> {
    const migrations = loadMigrationFiles(options.migrationsDir);
    const idleCheckpointMs = options.idleCheckpointMs === undefined ? DEFAULT_IDLE_CHECKPOINT_MS : options.idleCheckpointMs;
    const db = await DuckDbDatabase.open(options.path, {
      readOnly: options.readOnly,
      checkpointThreshold: idleCheckpointMs === null ? undefined : INLINE_CHECKPOINT_THRESHOLD,
    });
    const ledger = new Ledger(
      db,
      migrations,
      options.clock ?? (() => new Date()),
      options.calendar ?? nyseCalendar,
      options.maxBatch ?? 64,
      idleCheckpointMs,
    );
    if (!options.readOnly) {
      try {
        const migration = await ledger.migrate();
        const abandonedRuns = await ledger.queue.enqueue((conn) => runs.recoverAbandonedRuns(conn, ledger.clock()));
        ledger.openReport = { migration, abandonedRuns };
        await ledger.loadJobStats();
      } catch (err) {
        db.close();
        throw err;
      }
    }
    return ledger;
  }

  get databasePath(): string {
    return this.db.path;
  }

  get latestSchemaVersion(): number {
    return this.migrations.reduce((max, m) => Math.max(max, m.version), 0);
  }

  now(): Date {
    return this.clock();
  }

  migrate(target?: number): Promise<MigrationOutcome> {
    return this.queue.enqueue((conn) => migrate(conn, this.migrations, { target, now: this.clock }), { exclusive: true });
  }

  schemaVersion(): Promise<number> {
    return this.db.read((conn) => currentSchemaVersion(conn));
  }

  // ---- writes (LedgerPort) ----

  async startRun(input: StartRunInput): Promise<RunRecord> {
    const run = await this.queue.enqueue((conn) => runs.startRun(conn, input, this.clock()));
    if (run.status === 'started' && !this.runClocks.has(run.run_id)) this.runClocks.set(run.run_id, process.hrtime.bigint());
    if (run.status === 'started') this.noteRun(run, false);
    return run;
  }

  /** Loads per-job statistics once, with the latest run of each job; writes keep them current after that. */
  private async loadJobStats(): Promise<void> {
    const stats = await this.db.read((conn) => loadJobStats(conn));
    const latest = await this.db.read(async (conn) =>
      (await conn.runAndReadAll(`SELECT job_name, arg_max(run_id, started_at), strftime(max(started_at), '%Y-%m-%dT%H:%M:%S.%gZ') FROM meta.ingestion_runs GROUP BY job_name`)).getRows(),
    );
    const latestBy = new Map(latest.map((r) => [String(r[0]), { id: String(r[1]), at: String(r[2]) }]));
    this.jobStats = new Map(stats.map((s) => [s.job, { ...s, latest_run_id: latestBy.get(s.job)?.id ?? null, latest_started_at: latestBy.get(s.job)?.at ?? null }]));
  }

  /** Applies a committed start or finalisation to the per-job statistics. */
  private noteRun(run: RunRecord, finalized: boolean): void {
    if (!this.jobStats) return;
    let s = this.jobStats.get(run.job_name);
    if (!s) {
      s = { job: run.job_name, last_success_ts: null, last_status: run.status, last_duration_s: null, success_total: 0, failed_total: 0, latest_run_id: null, latest_started_at: null };
      this.jobStats.set(run.job_name, s);
    }
    if (!s.latest_started_at || run.started_at >= s.latest_started_at) {
      s.latest_run_id = run.run_id;
      s.latest_started_at = run.started_at;
    }
    if (s.latest_run_id === run.run_id) s.last_status = run.status;
    if (!finalized) return;
    if (run.status === 'success') {
      s.success_total += 1;
      const ended = run.ended_at ? Date.parse(run.ended_at) / 1000 : null;
      if (ended !== null && (s.last_success_ts === null || ended > s.last_success_ts)) s.last_success_ts = ended;
    } else if (run.status === 'failed') s.failed_total += 1;
    if (run.duration_ms !== null) s.last_duration_s = run.duration_ms / 1000;
  }

  logAssetEvent(input: AssetEventInput): Promise<number> {
    return this.logAssetEvents([input]);
  }

  // Bulk writes are validated before they queue (a bad request costs no transaction), then queued
  // requests of one kind are merged into one bulk statement by the write queue.

  async logAssetEvents(inputs: AssetEventInput[]): Promise<number> {
    const rows = runs.assetEventRows(inputs);
    const done = await this.queue.enqueueMergeable('asset_events', rows, async (conn, items) => {
      await runs.writeAssetEventRows(conn, items);
      return items.map(() => 1);
    });
    return done.length;
  }

  upsertWatermark(input: WatermarkInput): Promise<number> {
    return this.upsertWatermarks([input]);
  }

  async upsertWatermarks(inputs: WatermarkInput[]): Promise<number> {
    const rows = runs.watermarkRows(inputs, this.clock());
    const written = await this.queue.enqueueMergeable('watermarks', rows, (conn, items) => runs.writeWatermarkRows(conn, items));
    return written.filter(Boolean).length;
  }

  async persistCheck(input: CheckInput): Promise<string> {
    const [id] = await this.persistChecks([input]);
    return id as string;
  }

  async persistChecks(inputs: CheckInput[]): Promise<string[]> {
    const rows = runs.checkRows(inputs, this.clock());
    return this.queue.enqueueMergeable('checks', rows, (conn, items) => runs.writeCheckRows(conn, items));
  }

  finalizeSuccess(input: FinalizeSuccessInput): Promise<RunRecord> {
    return this.finalize({ runId: input.runId, status: 'success', endedAt: input.endedAt });
  }

  finalizeFailure(input: FinalizeFailureInput): Promise<RunRecord> {
    return this.finalize({ runId: input.runId, status: 'failed', endedAt: input.endedAt, error: input.error, stackText: input.stackText });
  }

  private async finalize(f: Omit<runs.FinalizeRow, 'endedAt'> & { endedAt?: Date | string | null }): Promise<RunRecord> {
    let endedAt = this.clock();
    if (f.endedAt !== null && f.endedAt !== undefined) {
      const parsed = parseInstant(f.endedAt);
      if (!parsed) throw new LedgerValidationError('endedAt', 'must be an ISO-8601 timestamp');
      endedAt = parsed;
    }
    // Duration comes from a monotonic clock when this process saw the run start and no end time was given.
    const started = this.runClocks.get(f.runId);
    const durationMs = started !== undefined && (f.endedAt === null || f.endedAt === undefined)
      ? Number(process.hrtime.bigint() - started) / 1e6
      : null;
    const { run, changed } = await this.queue.enqueue((conn) => runs.finalizeRun(conn, { ...f, endedAt, durationMs }));
    this.runClocks.delete(f.runId);
    if (changed) this.noteRun(run, true);
    return run;
  }

  async writeRows(table: string, rows: unknown[]): Promise<RowWriteResult> {
    const spec = marketTableSpec(table);
    const staged = stageMarketRows(spec, rows, this.clock());
    const written = await this.queue.enqueue((conn) => bulkUpsert(conn, spec, staged));
    return { table, rows_written: written };
  }

  // ---- market writes (DOMAIN.md §1.7) ----

  async writeCandles(input: WriteCandlesInput): Promise<{ symbol: string; rows_written: number }> {
    const staged = market.stageCandles(input, this.clock());
    const rows = await this.queue.enqueue((conn) => market.writeCandles(conn, staged));
    return { symbol: staged.symbol, rows_written: rows };
  }

  async saveSnapshot(input: SaveSnapshotInput): Promise<SaveSnapshotResult> {
    const staged = market.stageSnapshot(input, this.clock());
    return this.queue.enqueue((conn) => market.saveSnapshot(conn, staged));
  }

  async upsertContracts(input: UpsertContractsInput): Promise<UpsertContractsResult> {
    const staged = market.stageContracts(input, this.clock());
    return this.queue.enqueue((conn) => market.upsertContracts(conn, staged));
  }

  async replaceFlow(input: ReplaceFlowInput): Promise<{ symbol: string; rows_written: number }> {
    const staged = market.stageFlow(input, this.clock());
    return { symbol: staged.key[0], rows_written: await this.queue.enqueue((conn) => market.replaceFlow(conn, staged)) };
  }

  async writeOptionBars(input: WriteOptionBarsInput): Promise<WriteOptionBarsResult> {
    const staged = market.stageOptionBars(input, this.clock());
    return this.queue.enqueue((conn) => market.writeOptionBars(conn, staged));
  }

  candleCoverage(symbol: string): Promise<CandleCoverage> {
    return this.db.read((conn) => market.candleCoverage(conn, symbol));
  }

  candleCloses(symbol: string, start?: string | null, end?: string | null): Promise<CandleClose[]> {
    return this.db.read((conn) => market.candleCloses(conn, symbol, start, end));
  }

  optionBarsMeta(provider: string, contracts: string[]): Promise<OptionBarsMetaRecord[]> {
    return this.db.read((conn) => market.optionBarsMeta(conn, provider, contracts));
  }

  /** Flow windows computed in DuckDB; with persist, in the write queue (each partition replaced whole, one transaction). */
  async computeFlowWindows(input: FlowWindowsRequest): Promise<FlowWindowsResult> {
    const staged = stageFlowWindows(input);
    if (staged.generatedAt === null) return this.db.read((conn) => computeFlowWindows(conn, staged, this.clock()));
    return this.queue.enqueue((conn) => computeFlowWindows(conn, staged, this.clock()));
  }

  // ---- reads ----

  getRun(runId: string): Promise<RunRecord | null> {
    return this.db.read((conn) => runs.getRun(conn, runId));
  }

  listRuns(query: RunListQuery): Promise<Page<RunRecord>> {
    return this.db.read((conn) => runs.listRuns(conn, query));
  }

  listRunEvents(runId: string): Promise<AssetEventRecord[]> {
    return this.db.read((conn) => runs.listRunEvents(conn, runId));
  }

  listWatermarks(staleDays: number | null = null, limit = 500): Promise<WatermarkRecord[]> {
    return this.db.read((conn) => health.watermarks(conn, this.clock(), this.calendar, staleDays, limit));
  }

  listFailedChecks(days = 30, limit = 200): Promise<CheckRecord[]> {
    return this.db.read((conn) => health.recentCheckFailures(conn, this.clock(), days, limit));
  }

  async health(query: HealthQuery = {}): Promise<HealthReport> {
    const filters = healthFilters(query);
    return this.db.read((conn) => health.healthReport(conn, this.databasePath, filters, this.clock(), this.calendar));
  }

  /** The gap backfill plan (DOMAIN.md §9.3) from the current health signals; display only. */
  async backfillPlan(query: { staleDays?: number; days?: number; portfolioPath?: string } = {}): Promise<GapPlan> {
    const staleDays = query.staleDays ?? DEFAULT_STALE_DAYS;
    const days = query.days ?? 7;
    if (!Number.isInteger(staleDays) || staleDays < 0) throw new LedgerValidationError('stale_days', 'must be an integer >= 0');
    if (!Number.isInteger(days) || days < 0) throw new LedgerValidationError('days', 'must be an integer >= 0');
    const now = this.clock();
    return this.db.read(async (conn) => {
      if (!(await health.hasObservabilityTables(conn))) return planGapBackfill({ watermarks: [], latestRuns: [], failedChecks: [], staleDays, portfolioPath: query.portfolioPath });
      return planGapBackfill({
        watermarks: await health.watermarks(conn, now, this.calendar, null, 100_000),
        latestRuns: await health.latestRuns(conn, now, null, 10_000),
        failedChecks: await health.recentCheckFailures(conn, now, days, 100_000),
        staleDays,
        portfolioPath: query.portfolioPath,
      });
    });
  }

  /** The portal's health snapshot (DOMAIN.md §9.2) with recurring failures grouped by stack hash. */
  async healthSnapshot(query: { days?: number; staleDays?: number; limit?: number } = {}): Promise<HealthSnapshot> {
    const days = query.days ?? 30;
    const staleDays = query.staleDays ?? DEFAULT_STALE_DAYS;
    const limit = query.limit ?? 200;
    healthFilters({ days, limit, staleDays });
    return this.db.read((conn) => health.healthSnapshot(conn, this.databasePath, this.clock(), this.calendar, days, staleDays, limit));
  }

  async info(): Promise<DbInfo> {
    return this.db.read(async (conn) => ({
      database_path: this.databasePath,
      database_exists: true,
      schema_version: await currentSchemaVersion(conn),
      latest_schema_version: this.latestSchemaVersion,
      tables: await listTables(conn),
    }));
  }

  /** Runs outside SQL through the read-only executor (refused statements throw ReadOnlyQueryError). */
  query(sql: string, options: ReadOnlyExecuteOptions = {}): Promise<ReadOnlyQueryResult> {
    return this.readOnly.execute(sql, options);
  }

  /** The Prometheus view of meta.* (computed on each call; the service caches it per scrape). */
  metricsSnapshot(): Promise<LedgerMetricsSnapshot> {
    const jobs = this.jobStats
      ? [...this.jobStats.values()].sort((a, b) => (a.job < b.job ? -1 : 1)).map(({ latest_run_id: _id, latest_started_at: _at, ...s }) => s)
      : undefined;
    return this.db.read((conn) => ledgerMetricsSnapshot(conn, this.clock(), this.calendar, jobs));
  }

  writeState(): WriteState {
    const stats = this.queue.stats;
    let walBytes = 0;
    try {
      walBytes = fs.statSync(`${this.db.path}.wal`).size;
    } catch {
      // no WAL: everything is checkpointed (or the database is in memory)
    }
    return {
      queue_depth: this.queue.depth,
      wal_bytes: walBytes,
      checkpoints: stats.checkpoints,
      checkpoint_seconds: stats.checkpointMs / 1000,
      last_checkpoint_error: stats.lastCheckpointError,
    };
  }

  /** Readiness: DuckDB answers a query on a reader connection. */
  async ping(): Promise<void> {
    await this.db.read((conn) => conn.run('SELECT 1'));
  }

  async close(): Promise<void> {
    this.queue.stopMaintenance();
    await this.queue.whenIdle();
    this.db.close();
  }
}

/** Validated `db health` filters with their documented defaults (DOMAIN.md §9.1). */
export function healthFilters(query: HealthQuery): { days: number; limit: number; stale_days: number | null } {
  const days = query.days ?? HEALTH_DEFAULTS.days;
  const limit = query.limit ?? HEALTH_DEFAULTS.limit;
  const stale = query.staleDays ?? null;
  if (!Number.isInteger(days) || days < 0) throw new LedgerValidationError('days', 'must be an integer >= 0');
  if (!Number.isInteger(limit) || limit < 1) throw new LedgerValidationError('limit', 'must be an integer >= 1');
  if (stale !== null && (!Number.isInteger(stale) || stale < 0)) throw new LedgerValidationError('stale_days', 'must be an integer >= 0');
  return { days, limit, stale_days: stale };
}
