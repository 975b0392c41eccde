import { DynamicModule, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { createLoggerModule, HttpMetricsMiddleware, LogLevel, METRICS_REGISTRY, MetricsController, ProbesController, READINESS_CHECKS } from '@options-helper/server';
import type { Registry } from 'prom-client';
import { JobErrorsFilter } from './jobs/job-errors.filter';
import { JOB_SERVICE_CONFIG, JobLaunchService, JobServiceConfig } from './jobs/job-launch.service';
import { JobsController } from './jobs/jobs.controller';
import { ledgerReadiness } from '@options-helper/ledger-client';


export interface ComputeAppOptions {
  config: JobServiceConfig;
  registry: Registry;
  logLevel: LogLevel;
}

@Module({})
export class ComputeAppModule implements NestModule {
  static forRoot(options: ComputeAppOptions): DynamicModule {
    return {
      module: ComputeAppModule,
      imports: [createLoggerModule('compute', options.logLevel), TerminusModule.forRoot({ logger: false })],
      controllers: [JobsController, ProbesController, MetricsController],
      providers: [
        { provide: JOB_SERVICE_CONFIG, useValue: options.config },
        { provide: METRICS_REGISTRY, useValue: options.registry },
        { provide: APP_FILTER, useClass: JobErrorsFilter },
        JobLaunchService,
        { provide: READINESS_CHECKS, useValue: [ledgerReadiness(options.config.ledger)] },
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('*path');
  }
}
