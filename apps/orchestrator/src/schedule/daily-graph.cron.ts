import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { DAILY_GRAPH_ASSET_KEYS, dueSession, IsoDate, nextMaterialization } from '@options-helper/domain';
import { CronJob } from 'cron';
import { BackfillWorker } from '../backfill/backfill-worker.service';
import { BackfillLedgerClient } from '../clients/backfill-ledger.client';
import { DailyGraphRunner, PartitionResult } from '../graph/daily-graph.runner';
import { OrchestratorMetrics } from '../graph/orchestrator-metrics';
import { ORCHESTRATOR_CONFIG, OrchestratorConfig } from '../orchestrator.config';

export interface ScheduleStatus {
  enabled: boolean;
  cron: string;
  time_zone: string;
  delay_minutes: number;
  due_session: IsoDate | null;
  next: { session: IsoDate; at: string };
  last: { session: IsoDate; status: string; daily_run_id: string | null; at: string } | null;
}

/**
 * The schedule (@nestjs/schedule): the cron only sets how often to look; each tick materialises the latest session
 * whose close (early closes included) plus the delay has passed, once, filling only the assets not yet materialised
 * (a backfill may have done them already). triggered_by = schedule.
 */
@Injectable()
export class DailyGraphCron implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('schedule');
  private running: Promise<PartitionResult | null> | null = null;
  private last: ScheduleStatus['last'] = null;
  private completed: IsoDate | null = null;

  constructor(
    @Inject(ORCHESTRATOR_CONFIG) private readonly config: OrchestratorConfig,
    private readonly registry: SchedulerRegistry,
    private readonly runner: DailyGraphRunner,
    private readonly backfills: BackfillLedgerClient,
    private readonly metrics: OrchestratorMetrics,
    private readonly worker: BackfillWorker,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.schedule.enabled) return;
    const job = CronJob.from({ cronTime: this.config.schedule.cron, timeZone: this.config.schedule.timeZone, onTick: () => void this.tick(), start: false });
    this.registry.addCronJob('daily_graph', job);
    job.start();
    this.logger.log({ cron: this.config.schedule.cron, time_zone: this.config.schedule.timeZone, next: this.status().next }, 'schedule started');
  }

  onApplicationShutdown(): void {
    if (this.registry.doesExist('cron', 'daily_graph')) this.registry.deleteCronJob('daily_graph');
  }

  private now(): Date {
    return this.config.now ? this.config.now() : new Date();
  }

  status(): ScheduleStatus {
    const now = this.now();
    const next = nextMaterialization(this.config.calendar, now, this.config.schedule.delayMinutes);
    return {
      enabled: this.config.schedule.enabled,
      cron: this.config.schedule.cron,
      time_zone: this.config.schedule.timeZone,
      delay_minutes: this.config.schedule.delayMinutes,
      due_session: dueSession(this.config.calendar, now, this.config.schedule.delayMinutes, this.config.partitionStart),
      next: { session: next.session, at: next.at.toISOString() },
      last: this.last,
    };
  }

  /** One look at the clock: materialises the due session if something of it is missing. Never overlaps itself. */
  tick(): Promise<PartitionResult | null> {
    if (!this.running) this.running = this.materializeDue().finally(() => (this.running = null));
    return this.running;
  }

  private async materializeDue(): Promise<PartitionResult | null> {
    const session = dueSession(this.config.calendar, this.now(), this.config.schedule.delayMinutes, this.config.partitionStart);
    if (!session || session === this.completed) return null;
    // A running backfill works partitions oldest first; materialising the newest session in between would compute
    // its flow before the previous session's snapshot exists. The next tick after the backfill catches up.
    if (this.worker.busy) return null;
    try {
      const states = await this.backfills.materializations(session, session);
      const done = new Set(states.filter((s) => s.succeeded).map((s) => s.asset_key));
      const waived = new Set((await this.backfills.waivers(session, session)).map((w) => w.asset_key));
      const missing = DAILY_GRAPH_ASSET_KEYS.filter((a) => !done.has(a) && !waived.has(a));
      if (missing.length === 0) {
        this.completed = session;
        return null;
      }
      const result = await this.runner.materialize({ partition: session, assets: missing, triggeredBy: 'schedule', reuse: 'any' });
      this.metrics.partitions.observe({ trigger: 'schedule', status: result.status }, result.wallMs / 1000);
      this.last = { session, status: result.status, daily_run_id: result.dailyRunId, at: this.now().toISOString() };
      if (result.status === 'success') this.completed = session;
      return result;
    } catch (err) {
      this.logger.error({ session, error: err instanceof Error ? err.message : String(err) }, 'scheduled materialisation failed');
      this.last = { session, status: 'error', daily_run_id: null, at: this.now().toISOString() };
      return null;
    }
  }
}
