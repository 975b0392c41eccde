import { Injectable, Logger } from '@nestjs/common';
import { DailyGraphAssetKey, isDailyGraphAssetKey } from '@options-helper/domain';
import { DailyGraphRunner } from '../graph/daily-graph.runner';
import { OrchestratorMetrics } from '../graph/orchestrator-metrics';

export interface StartedPartition {
  daily_run_id: string;
  partition: string;
  assets: DailyGraphAssetKey[];
  triggered_by: 'api';
}

/** Manual materialisations (triggered_by api): refused with 409 when an asset of the partition is busy. */
@Injectable()
export class PartitionRunService {
  private readonly logger = new Logger('partitions');

  constructor(
    private readonly runner: DailyGraphRunner,
    private readonly metrics: OrchestratorMetrics,
  ) {}

  start(partition: string, assets?: string[]): Promise<StartedPartition> {
    const request = { partition, assets: assets?.filter(isDailyGraphAssetKey), triggeredBy: 'api' as const, reuse: 'none' as const, refuseIfBusy: true };
    const planned = this.runner.prepare(request);
    return new Promise((resolve, reject) => {
      let started = false;
      this.runner
        .materialize({ ...request, onRunStarted: (id) => { started = true; resolve({ daily_run_id: id, partition, assets: planned, triggered_by: 'api' }); } })
        .then((r) => this.metrics.partitions.observe({ trigger: 'api', status: r.status }, r.wallMs / 1000))
        .catch((err: unknown) => {
          if (!started) reject(err);
          else this.logger.error({ partition, error: err instanceof Error ? err.message : String(err) }, 'partition failed');
        });
    });
  }
}
