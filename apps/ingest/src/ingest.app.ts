import type { INestApplication } from '@nestjs/common';
import { createJobServiceApp, JobServiceConfig } from '@options-helper/job-service';
import { buildOpenApiDocument, LogLevel } from '@options-helper/server';
import { JobsController } from './jobs/jobs.controller';

export function createIngestApp(config: JobServiceConfig, logLevel: LogLevel = 'info'): Promise<INestApplication> {
  return createJobServiceApp('ingest', JobsController, config, logLevel, ingestOpenApi);
}

export function ingestOpenApi(app: INestApplication) {
  return buildOpenApiDocument(app, 'options-helper ingest', 'Ingest jobs: ingest_candles, ingest_options_bars, snapshot_options. Runs are asynchronous (202 + run_id).', '1');
}
