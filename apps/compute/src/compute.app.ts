import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { buildOpenApiDocument, createRegistry, createValidationPipe, LogLevel, setupSwagger } from '@options-helper/server';
import { Logger } from 'nestjs-pino';
import { ComputeAppModule } from './app.module';
import type { JobServiceConfig } from './jobs/job-launch.service';

/** The compute service (jobs compute_flow, compute_derived, build_briefing, build_dashboard); does not listen yet. */
export async function createComputeApp(config: JobServiceConfig, logLevel: LogLevel = 'info'): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(
    ComputeAppModule.forRoot({ config, registry: createRegistry('compute', config.appVersion ?? '0.1.0'), logLevel }),
    { bufferLogs: true },
  );
  app.useLogger(app.get(Logger));
  app.useGlobalPipes(createValidationPipe());
  setupSwagger(app, computeOpenApi(app));
  return app;
}

export function computeOpenApi(app: INestApplication) {
  return buildOpenApiDocument(
    app,
    'options-helper compute',
    'Compute jobs: compute_flow, compute_derived, build_briefing, build_dashboard. Runs are asynchronous (202 + run_id); read the run from the ledger.',
    '1',
  );
}
