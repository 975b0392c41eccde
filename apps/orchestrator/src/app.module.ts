import { DynamicModule, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { TerminusModule } from '@nestjs/terminus';
import { ledgerReadiness } from '@options-helper/ledger-client';
import { createLoggerModule, HttpMetricsMiddleware, LogLevel, METRICS_REGISTRY, MetricsController, ProbesController, READINESS_CHECKS } from '@options-helper/server';
import type { Registry } from 'prom-client';
import { BackfillApplyService } from './backfill/backfill-apply.service';
import { BackfillWorker } from './backfill/backfill-worker.service';
import { BackfillsController } from './backfill/backfills.controller';
import { GRAPH_PROVIDERS } from './graph/graph.providers';
import { ORCHESTRATOR_CONFIG, OrchestratorConfig } from './orchestrator.config';
import { OrchestratorErrorsFilter } from './orchestrator-errors.filter';
import { PartitionRunService } from './partitions/partition-run.service';
import { PartitionsController } from './partitions/partitions.controller';
import { DailyGraphCron } from './schedule/daily-graph.cron';
import { ScheduleController } from './schedule/schedule.controller';

export interface OrchestratorAppOptions {
  config: OrchestratorConfig;
  registry: Registry;
  logLevel: LogLevel;
}

@Module({})
export class OrchestratorAppModule implements NestModule {
  static forRoot(options: OrchestratorAppOptions): DynamicModule {
    return {
      module: OrchestratorAppModule,
      imports: [createLoggerModule('orchestrator', options.logLevel), TerminusModule.forRoot({ logger: false }), ScheduleModule.forRoot()],
      controllers: [BackfillsController, PartitionsController, ScheduleController, ProbesController, MetricsController],
      providers: [
        { provide: ORCHESTRATOR_CONFIG, useValue: options.config },
        { provide: METRICS_REGISTRY, useValue: options.registry },
        { provide: APP_FILTER, useClass: OrchestratorErrorsFilter },
        ...GRAPH_PROVIDERS,
        BackfillWorker,
        BackfillApplyService,
        PartitionRunService,
        DailyGraphCron,
        { provide: READINESS_CHECKS, useValue: [ledgerReadiness(options.config.ledger)] },
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('*path');
  }
}
