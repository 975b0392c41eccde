import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { isDailyGraphAssetKey } from '@options-helper/domain';
import type { BackfillDetail } from '@options-helper/ledger';
import { BackfillLedgerClient } from '../clients/backfill-ledger.client';
import { DailyGraphRunner } from '../graph/daily-graph.runner';
import { OrchestratorMetrics } from '../graph/orchestrator-metrics';
import { ORCHESTRATOR_CONFIG, OrchestratorConfig } from '../orchestrator.config';

/**
 * Works backfills one at a time, partitions oldest first (triggered_by backfill), persisting progress in the ledger
 * (meta.backfill_partitions) so a restarted orchestrator resumes where it stopped: finished partitions are not
 * repeated, and inside a resumed partition the jobs that already succeeded are not run again.
 */
@Injectable()
export class BackfillWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('backfill');
  private readonly queue: string[] = [];
  private working: Promise<void> | null = null;
  private stopping = false;
  current: string | null = null;

  constructor(
    @Inject(ORCHESTRATOR_CONFIG) private readonly config: OrchestratorConfig,
    private readonly backfills: BackfillLedgerClient,
    private readonly runner: DailyGraphRunner,
    private readonly metrics: OrchestratorMetrics,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.resumeOnStart === false) return;
    // Resume in the background: the service answers probes while the ledger is still coming up.
    void this.resumeUnfinished();
  }

  onApplicationShutdown(): void {
    this.stopping = true;
  }

  private async resumeUnfinished(): Promise<void> {
    for (let i = 0; i < 60 && !this.stopping; i++) {
      try {
        const open = await this.backfills.list(['pending', 'running'], 1000);
        for (const b of [...open].sort((x, y) => (x.created_at < y.created_at ? -1 : 1))) {
          this.logger.log({ backfill_id: b.backfill_id, status: b.status, done: b.partitions_done, total: b.partitions_total }, 'resuming backfill');
          this.enqueue(b.backfill_id);
        }
        return;
      } catch (err) {
        this.logger.warn({ error: err instanceof Error ? err.message : String(err) }, 'cannot list unfinished backfills yet; retrying');
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  }

  enqueue(backfillId: string): void {
    if (this.current === backfillId || this.queue.includes(backfillId)) return;
    this.queue.push(backfillId);
    if (!this.working) this.working = this.drain().finally(() => (this.working = null));
  }

  /** True while a backfill is queued or being worked (the schedule waits for it). */
  get busy(): boolean {
    return this.current !== null || this.queue.length > 0;
  }

  get queued(): string[] {
    return [...this.queue];
  }

  /** Resolves when nothing is queued or running (tests, benchmarks). */
  async idle(): Promise<void> {
    while (this.working) await this.working;
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0 && !this.stopping) {
      const id = this.queue.shift() as string;
      this.current = id;
      this.metrics.backfillsRunning.set(1);
      try {
        await this.work(await this.backfills.get(id));
      } catch (err) {
        this.logger.error({ backfill_id: id, error: err instanceof Error ? err.message : String(err) }, 'backfill stopped');
      } finally {
        this.current = null;
        this.metrics.backfillsRunning.set(0);
      }
    }
  }

  private async work(backfill: BackfillDetail): Promise<void> {
    const id = backfill.backfill_id;
    if (backfill.status === 'success' || backfill.status === 'failed') return;
    await this.backfills.setStatus(id, 'running');
    for (const p of [...backfill.partitions].sort((a, b) => (a.partition_key < b.partition_key ? -1 : 1))) {
      if (this.stopping) return;
      if (p.status === 'success' || p.status === 'failed') continue;
      try {
        const result = await this.runner.materialize({
          partition: p.partition_key,
          assets: p.assets.filter(isDailyGraphAssetKey),
          triggeredBy: 'backfill',
          backfillId: id,
          resumeRunId: p.daily_run_id,
          // "Only missing" means any success counts, whoever made it (e.g. the schedule); otherwise only this backfill's.
          reuse: backfill.plan.mode === 'only-missing' ? 'any' : 'backfill',
          onRunStarted: async (dailyRunId) => {
            await this.backfills.setPartition(id, p.partition_key, { status: 'running', daily_run_id: dailyRunId });
          },
        });
        this.metrics.partitions.observe({ trigger: 'backfill', status: result.status }, result.wallMs / 1000);
        const failed = result.assets.filter((a) => a.status !== 'success').map((a) => `${a.asset} ${a.status}`);
        await this.backfills.setPartition(id, p.partition_key, { status: result.status, ...(failed.length ? { message: failed.join('; ') } : {}) });
      } catch (err) {
        if (this.stopping) return;
        await this.backfills.setPartition(id, p.partition_key, { status: 'failed', message: err instanceof Error ? err.message : String(err) });
      }
    }
    const final = await this.backfills.get(id);
    const status = final.partitions_failed > 0 ? 'failed' : 'success';
    await this.backfills.setStatus(id, status, `${final.partitions_done} of ${final.partitions_total} partitions succeeded`);
    this.logger.log({ backfill_id: id, status, done: final.partitions_done, total: final.partitions_total }, 'backfill finished');
  }
}
