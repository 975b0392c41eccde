import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { buildOpenApiDocument, createRegistry, createValidationPipe, LogLevel, setupSwagger } from '@options-helper/server';
import { Logger } from 'nestjs-pino';
import { IngestAppModule } from './app.module';
import type { JobServiceConfig } from './jobs/job-launch.service';

export async function createIngestApp(config: JobServiceConfig, logLevel: LogLevel = 'info'): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(
    IngestAppModule.forRoot({ config, registry: createRegistry('ingest', config.appVersion ?? '0.1.0'), logLevel }),
    { bufferLogs: true },
  );
  app.useLogger(app.get(Logger));
  app.useGlobalPipes(createValidationPipe());
  setupSwagger(app, ingestOpenApi(app));
  return app;
}

export function ingestOpenApi(app: INestApplication) {
  return buildOpenApiDocument(app, 'options-helper ingest', 'Ingest jobs: ingest_candles, ingest_options_bars, snapshot_options. Runs are asynchronous (202 + run_id).', '1');
}
