import type { Provider } from '@nestjs/common';
import { METRICS_REGISTRY } from '@options-helper/server';
import type { Registry } from 'prom-client';
import { BackfillLedgerClient } from '../clients/backfill-ledger.client';
import { JobServicesClient } from '../clients/job-services.client';
import { ORCHESTRATOR_CONFIG, OrchestratorConfig } from '../orchestrator.config';
import { DailyGraphRunner } from './daily-graph.runner';
import { JobAttempts } from './job-attempts';
import { MaterializationLocks } from './materialization-locks';
import { OrchestratorMetrics } from './orchestrator-metrics';

/** Wires the graph runner from the configuration: one lock table shared by the schedule, backfills and the API. */
export const GRAPH_PROVIDERS: Provider[] = [
  { provide: OrchestratorMetrics, inject: [METRICS_REGISTRY], useFactory: (registry: Registry) => new OrchestratorMetrics(registry) },
  { provide: BackfillLedgerClient, inject: [ORCHESTRATOR_CONFIG], useFactory: (c: OrchestratorConfig) => new BackfillLedgerClient(c.ledgerUrl, c.ledgerToken ?? null) },
  { provide: JobServicesClient, inject: [ORCHESTRATOR_CONFIG], useFactory: (c: OrchestratorConfig) => new JobServicesClient(c.services) },
  { provide: MaterializationLocks, useValue: new MaterializationLocks() },
  {
    provide: JobAttempts,
    inject: [ORCHESTRATOR_CONFIG, JobServicesClient, OrchestratorMetrics],
    useFactory: (c: OrchestratorConfig, services: JobServicesClient, metrics: OrchestratorMetrics) =>
      new JobAttempts(c.ledger, services, { retry: c.retry, pollMs: c.pollMs, lostAfterMs: c.lostAfterMs, jobTimeoutMs: c.jobTimeoutMs, serviceWaitMs: c.serviceWaitMs ?? 60_000, random: c.random ?? Math.random }, {
        onAttempt: (job, status) => metrics.attempts.inc({ job, status }),
      }),
  },
  {
    provide: DailyGraphRunner,
    inject: [ORCHESTRATOR_CONFIG, BackfillLedgerClient, JobAttempts, MaterializationLocks, OrchestratorMetrics],
    useFactory: (c: OrchestratorConfig, backfills: BackfillLedgerClient, attempts: JobAttempts, locks: MaterializationLocks, metrics: OrchestratorMetrics) =>
      new DailyGraphRunner(c.ledger, backfills, attempts, locks, { calendar: c.calendar, partitionStart: c.partitionStart, graphJobArgs: c.graphJobArgs }, (asset, status) => metrics.assets.inc({ asset, status })),
  },
];
