import { Logger } from '@nestjs/common';
import {
  ASSET_KIND_BY_KEY,
  ASSET_MATERIALIZATION_ERROR_TYPE,
  assertPartition,
  DAILY_GRAPH_JOB,
  DAILY_GRAPH_NODES,
  DailyGraphAssetKey,
  IsoDate,
  Trigger,
} from '@options-helper/domain';
import type { LedgerPort } from '@options-helper/ledger-client';
import type { MaterializationRunRecord } from '@options-helper/ledger';
import type { BackfillLedgerClient } from '../clients/backfill-ledger.client';
import { GraphJobArgs, graphJobBody } from './graph-job-bodies';
import type { JobAttempts } from './job-attempts';
import { MaterializationBusyError, MaterializationLocks } from './materialization-locks';

export type AssetStatus = 'success' | 'failed' | 'skipped';

export interface AssetOutcome {
  asset: DailyGraphAssetKey;
  status: AssetStatus;
  attempts: number;
  /** True when an earlier run already materialised it (resume, or the schedule finding a backfill's work). */
  reused: boolean;
  reason: string | null;
  jobMs: number;
}

export interface PartitionResult {
  partition: IsoDate;
  dailyRunId: string;
  status: 'success' | 'failed';
  assets: AssetOutcome[];
  wallMs: number;
}

export interface MaterializeRequest {
  partition: IsoDate;
  /** Graph assets to materialise (default: all), run in graph order. */
  assets?: readonly DailyGraphAssetKey[];
  triggeredBy: Trigger;
  backfillId?: string | null;
  /** A daily_graph run to continue (a resumed backfill partition) when it is still started. */
  resumeRunId?: string | null;
  /**
   * Which earlier successes count as done: `any` (the schedule only fills what is missing), `backfill` (successes of
   * the same backfill, so a resumed backfill never repeats a job), `none` (every asset runs).
   */
  reuse: 'any' | 'backfill' | 'none';
  /** Refuse (MaterializationBusyError) instead of waiting when an asset is being materialised. */
  refuseIfBusy?: boolean;
  onRunStarted?: (dailyRunId: string) => Promise<void> | void;
}

/**
 * Materialises one session partition of the daily asset graph (DOMAIN.md §11) as a `daily_graph` run: each asset's
 * job in dependency order on its service, with retries; an asset whose upstream failed is recorded `skipped` with
 * reason `upstream_failed`.
 */
export class DailyGraphRunner {
  private readonly logger = new Logger('daily-graph');

  constructor(
    private readonly ledger: LedgerPort,
    private readonly backfills: BackfillLedgerClient,
    private readonly attempts: JobAttempts,
    readonly locks: MaterializationLocks,
    private readonly settings: { calendar: Parameters<typeof assertPartition>[0]; partitionStart: IsoDate; graphJobArgs?: GraphJobArgs },
    private readonly onAsset?: (asset: DailyGraphAssetKey, status: AssetStatus) => void,
  ) {}

  /** Validates the request and, when asked to refuse, checks nothing is busy; returns the assets in graph order. */
  prepare(req: MaterializeRequest): DailyGraphAssetKey[] {
    assertPartition(this.settings.calendar, req.partition, this.settings.partitionStart);
    const wanted = new Set<string>(req.assets && req.assets.length ? req.assets : DAILY_GRAPH_NODES.map((n) => n.assetKey));
    const assets = DAILY_GRAPH_NODES.map((n) => n.assetKey).filter((a) => wanted.has(a));
    if (req.refuseIfBusy) {
      const busy = assets.filter((a) => this.locks.isBusy(a, req.partition));
      if (busy.length) throw new MaterializationBusyError(`partition ${req.partition} is already being materialised for ${busy.join(', ')}`);
    }
    return assets;
  }

  async materialize(req: MaterializeRequest): Promise<PartitionResult> {
    const t0 = Date.now();
    const assets = this.prepare(req);
    const dailyRunId = await this.startDailyRun(req, assets);
    await req.onRunStarted?.(dailyRunId);
    const outcomes: AssetOutcome[] = [];
    const blocked = new Set<DailyGraphAssetKey>();
    let previous: MaterializationRunRecord[] | null = null;
    try {
      for (const asset of assets) {
        const node = DAILY_GRAPH_NODES.find((n) => n.assetKey === asset) as (typeof DAILY_GRAPH_NODES)[number];
        if (node.upstream && blocked.has(node.upstream)) {
          blocked.add(asset);
          await this.ledger.logAssetEvent({
            runId: dailyRunId,
            assetKey: asset,
            assetKind: ASSET_KIND_BY_KEY[asset],
            partitionKey: req.partition,
            status: 'skipped',
            extra: { reason: 'upstream_failed', upstream: node.upstream },
            startedAt: new Date().toISOString(),
          });
          outcomes.push({ asset, status: 'skipped', attempts: 0, reused: false, reason: 'upstream_failed', jobMs: 0 });
          this.onAsset?.(asset, 'skipped');
          continue;
        }
        const { release, waited } = await this.locks.acquire(asset, req.partition);
        try {
          // The partition's earlier attempts are read once; again only when another materialisation held the cell.
          if (waited || previous === null) previous = await this.backfills.materializationRuns(req.partition, req.partition);
          const outcome = await this.materializeAsset(req, asset, dailyRunId, previous);
          outcomes.push(outcome);
          this.onAsset?.(asset, outcome.status);
          if (outcome.status === 'failed') blocked.add(asset);
        } finally {
          release();
        }
      }
    } catch (err) {
      await this.ledger.finalizeFailure({ runId: dailyRunId, error: err }).catch(() => undefined);
      throw err;
    }
    const failed = outcomes.filter((o) => o.status === 'failed');
    if (failed.length === 0) await this.ledger.finalizeSuccess({ runId: dailyRunId });
    else {
      await this.ledger.finalizeFailure({
        runId: dailyRunId,
        error: { type: ASSET_MATERIALIZATION_ERROR_TYPE, message: `partition ${req.partition}: ${failed.map((f) => `${f.asset} failed (${f.reason})`).join('; ')}` },
      });
    }
    const result: PartitionResult = { partition: req.partition, dailyRunId, status: failed.length ? 'failed' : 'success', assets: outcomes, wallMs: Date.now() - t0 };
    this.logger.log({ job: DAILY_GRAPH_JOB, run_id: dailyRunId, partition: req.partition, status: result.status, triggered_by: req.triggeredBy, ms: result.wallMs }, 'partition materialised');
    return result;
  }

  private async startDailyRun(req: MaterializeRequest, assets: DailyGraphAssetKey[]): Promise<string> {
    if (req.resumeRunId) {
      const existing = await this.ledger.getRun(req.resumeRunId);
      if (existing?.status === 'started') return existing.run_id;
    }
    const args: Record<string, unknown> = { partition: req.partition, assets };
    if (req.backfillId) args['backfill_id'] = req.backfillId;
    const run = await this.ledger.startRun({ jobName: DAILY_GRAPH_JOB, triggeredBy: req.triggeredBy, args });
    return run.run_id;
  }

  /** Under the (asset, partition) lock: reuse an earlier success, wait for a run still going, else run with retries. */
  private async materializeAsset(req: MaterializeRequest, asset: DailyGraphAssetKey, dailyRunId: string, partitionRuns: MaterializationRunRecord[]): Promise<AssetOutcome> {
    const node = DAILY_GRAPH_NODES.find((n) => n.assetKey === asset) as (typeof DAILY_GRAPH_NODES)[number];
    const previous = partitionRuns.filter((r) => r.job_name === node.jobName);
    const counts = (r: MaterializationRunRecord) =>
      r.parent_run_id === dailyRunId || req.reuse === 'any' || (req.reuse === 'backfill' && !!req.backfillId && r.backfill_id === req.backfillId);
    const done = previous.find((r) => r.status === 'success' && counts(r));
    if (done) return { asset, status: 'success', attempts: 0, reused: true, reason: null, jobMs: 0 };
    // A run another orchestrator process started and may still finish: wait for it rather than start a second one.
    for (const running of previous.filter((r) => r.status === 'started')) {
      const adopted = await this.attempts.adopt(node.jobName, running.run_id, running.started_at);
      if (adopted.run?.status === 'success' && counts(running)) return { asset, status: 'success', attempts: running.attempt ?? 1, reused: true, reason: null, jobMs: adopted.run.duration_ms ?? 0 };
    }
    const tried = previous.filter((r) => r.parent_run_id === dailyRunId).reduce((max, r) => Math.max(max, r.attempt ?? 1), 0);
    const result = await this.attempts.run(node.jobName, graphJobBody(asset, req.partition, this.settings.graphJobArgs), { triggeredBy: req.triggeredBy, parentRunId: dailyRunId }, tried + 1);
    return { asset, status: result.status, attempts: result.attempts, reused: false, reason: result.error, jobMs: result.jobMs };
  }
}
