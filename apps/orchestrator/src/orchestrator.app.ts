import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { buildOpenApiDocument, createRegistry, createValidationPipe, LogLevel, setupSwagger } from '@options-helper/server';
import { Logger } from 'nestjs-pino';
import { OrchestratorAppModule } from './app.module';
import type { OrchestratorConfig } from './orchestrator.config';

export async function createOrchestratorApp(config: OrchestratorConfig, logLevel: LogLevel = 'info'): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(
    OrchestratorAppModule.forRoot({ config, registry: createRegistry('orchestrator', config.appVersion ?? '0.1.0'), logLevel }),
    { bufferLogs: true },
  );
  app.useLogger(app.get(Logger));
  app.useGlobalPipes(createValidationPipe());
  setupSwagger(app, orchestratorOpenApi(app));
  return app;
}

export function orchestratorOpenApi(app: INestApplication) {
  return buildOpenApiDocument(
    app,
    'options-helper orchestrator',
    'The daily asset graph over NYSE sessions: schedule, manual partition runs, backfills (apply and status) with retries.',
    '1',
  );
}
