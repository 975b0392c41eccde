import { DynamicModule, MiddlewareConsumer, Module, NestModule, Type } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { ledgerReadiness } from '@options-helper/ledger-client';
import { createLoggerModule, HttpMetricsMiddleware, LogLevel, METRICS_REGISTRY, MetricsController, ProbesController, READINESS_CHECKS } from '@options-helper/server';
import type { Registry } from 'prom-client';
import { JobErrorsFilter } from './job-errors.filter';
import { JOB_SERVICE_CONFIG, JobLaunchService, JobServiceConfig } from './job-launch.service';

export interface JobServiceOptions {
  config: JobServiceConfig;
  registry: Registry;
  logLevel: LogLevel;
}

/**
 * The NestJS host every job service shares (ingest, compute): the service's jobs controller plus the job launcher,
 * job-error mapping, probes (ready when the ledger answers), /metrics and HTTP metrics. A service is its controller.
 */
@Module({})
export class JobServiceModule implements NestModule {
  static forRoot(name: string, jobsController: Type<unknown>, options: JobServiceOptions): DynamicModule {
    return {
      module: JobServiceModule,
      imports: [createLoggerModule(name, options.logLevel), TerminusModule.forRoot({ logger: false })],
      controllers: [jobsController, ProbesController, MetricsController],
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
