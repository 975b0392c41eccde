import { DynamicModule, INestApplication, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { TerminusModule } from '@nestjs/terminus';
import {
  buildOpenApiDocument,
  createLoggerModule,
  createRegistry,
  createValidationPipe,
  HttpMetricsMiddleware,
  LogLevel,
  METRICS_REGISTRY,
  MetricsController,
  ProbesController,
  READINESS_CHECKS,
  setupSwagger,
} from '@options-helper/server';
import { ledgerReadiness } from '@options-helper/ledger-client';
import { Logger } from 'nestjs-pino';
import { CHECKS_CONFIG, ChecksConfig, ChecksRunsController } from './runs/checks-runs.controller';

@Module({})
export class ChecksAppModule implements NestModule {
  static forRoot(config: ChecksConfig, logLevel: LogLevel): DynamicModule {
    return {
      module: ChecksAppModule,
      imports: [createLoggerModule('checks', logLevel), TerminusModule.forRoot({ logger: false })],
      controllers: [ChecksRunsController, ProbesController, MetricsController],
      providers: [
        { provide: CHECKS_CONFIG, useValue: config },
        { provide: READINESS_CHECKS, useValue: [ledgerReadiness(config.ledger)] },
        { provide: METRICS_REGISTRY, useValue: createRegistry('checks', process.env['npm_package_version'] ?? '0.1.0') },
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('*path');
  }
}

export async function createChecksApp(config: ChecksConfig, logLevel: LogLevel = 'info'): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ChecksAppModule.forRoot(config, logLevel), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  // A check request lists every scope a job wrote: ingest_options_bars sends thousands of contract symbols.
  app.useBodyParser('json', { limit: '16mb' });
  app.useGlobalPipes(createValidationPipe());
  setupSwagger(app, checksOpenApi(app));
  return app;
}

export function checksOpenApi(app: INestApplication) {
  return buildOpenApiDocument(app, 'options-helper checks', 'Data-quality checks (DOMAIN.md §8), run on request and persisted to the ledger.', '1');
}
