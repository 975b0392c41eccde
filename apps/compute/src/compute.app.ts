import type { INestApplication } from '@nestjs/common';
import { createJobServiceApp, JobServiceConfig } from '@options-helper/job-service';
import { buildOpenApiDocument, LogLevel } from '@options-helper/server';
import { JobsController } from './jobs/jobs.controller';

/** The compute service (jobs compute_flow, compute_derived, build_briefing, build_dashboard); does not listen yet. */
export function createComputeApp(config: JobServiceConfig, logLevel: LogLevel = 'info'): Promise<INestApplication> {
  return createJobServiceApp('compute', JobsController, config, logLevel, computeOpenApi);
}

export function computeOpenApi(app: INestApplication) {
  return buildOpenApiDocument(
    app,
    'options-helper compute',
    'Compute jobs: compute_flow, compute_derived, build_briefing, build_dashboard. Runs are asynchronous (202 + run_id); read the run from the ledger.',
    '1',
  );
}
