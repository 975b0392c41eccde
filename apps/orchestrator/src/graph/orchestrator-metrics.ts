import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** The orchestrator's metrics; labels are bounded (job, asset, status, trigger). */
export class OrchestratorMetrics {
  readonly attempts: Counter<'job' | 'status'>;
  readonly assets: Counter<'asset' | 'status'>;
  readonly partitions: Histogram<'trigger' | 'status'>;
  readonly backfillsRunning: Gauge;

  constructor(registry: Registry) {
    this.attempts = new Counter({ name: 'options_helper_orchestrator_job_attempts_total', help: 'Job attempts started by the orchestrator, by outcome (success, failed, lost, launch_failed).', labelNames: ['job', 'status'], registers: [registry] });
    this.assets = new Counter({ name: 'options_helper_orchestrator_materializations_total', help: 'Asset materialisations of the daily graph, by outcome.', labelNames: ['asset', 'status'], registers: [registry] });
    this.partitions = new Histogram({ name: 'options_helper_orchestrator_partition_duration_seconds', help: 'Wall time of one partition of the daily graph.', labelNames: ['trigger', 'status'], buckets: [1, 5, 15, 30, 60, 120, 300, 900, 3600], registers: [registry] });
    this.backfillsRunning = new Gauge({ name: 'options_helper_orchestrator_backfill_running', help: '1 while a backfill is being worked.', registers: [registry] });
  }
}
