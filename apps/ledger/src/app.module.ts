import { DynamicModule, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import type { Ledger } from '@options-helper/ledger';
import {
  createLoggerModule,
  HttpMetricsMiddleware,
  LogLevel,
  METRICS_BEFORE_SCRAPE,
  METRICS_REGISTRY,
  MetricsController,
  ProbesController,
  READINESS_CHECKS,
  WRITE_TOKEN,
  WriteTokenGuard,
} from '@options-helper/server';
import type { Registry } from 'prom-client';
import { BackfillController } from './backfill/backfill.controller';
import { BackfillsController } from './backfill/backfills.controller';
import { ChecksController } from './checks/checks.controller';
import { LedgerErrorsFilter } from './errors/ledger-errors.filter';
import { EventsController } from './events/events.controller';
import { HealthSummaryController } from './health-summary/health-summary.controller';
import { InfoController } from './info/info.controller';
import { LEDGER } from './ledger.tokens';
import { ledgerMetricsCollector } from './metrics/ledger-metrics.collector';
import { RunsController } from './runs/runs.controller';
import { MarketController } from './market/market.controller';
import { SqlController } from './sql/sql.controller';
import { TablesController } from './tables/tables.controller';
import { WatermarksController } from './watermarks/watermarks.controller';
import { PortalConfig } from './portal/portal.config';
import { PORTAL_CONTROLLERS, portalProviders } from './portal/portal.providers';
import type { GatewayConfig } from './gateway/gateway.config';
import { gatewayProviders } from './gateway/gateway.providers';

export interface LedgerAppOptions {
  ledger: Ledger;
  registry: Registry;
  token: string | null;
  logLevel: LogLevel;
  portal: PortalConfig;
  /** The Postgres wire gateway; null or absent: not started. */
  gateway?: GatewayConfig | null;
}

@Module({})
export class LedgerAppModule implements NestModule {
  static forRoot(options: LedgerAppOptions): DynamicModule {
    return {
      module: LedgerAppModule,
      imports: [createLoggerModule('ledger', options.logLevel), TerminusModule.forRoot({ logger: false })],
      controllers: [
        RunsController,
        EventsController,
        WatermarksController,
        ChecksController,
        HealthSummaryController,
        InfoController,
        TablesController,
        SqlController,
        MarketController,
        BackfillController,
        BackfillsController,
        ProbesController,
        MetricsController,
        ...PORTAL_CONTROLLERS,
      ],
      providers: [
        { provide: LEDGER, useValue: options.ledger },
        { provide: METRICS_REGISTRY, useValue: options.registry },
        { provide: METRICS_BEFORE_SCRAPE, useValue: ledgerMetricsCollector(options.ledger, options.registry) },
        { provide: WRITE_TOKEN, useValue: options.token },
        { provide: APP_GUARD, useClass: WriteTokenGuard },
        { provide: APP_FILTER, useClass: LedgerErrorsFilter },
        ...gatewayProviders(options.gateway),
        ...portalProviders(options.portal),
        {
          provide: READINESS_CHECKS,
          useValue: [
            {
              name: 'duckdb',
              check: async () => {
                await options.ledger.ping();
                return { path: options.ledger.databasePath, write_queue_depth: options.ledger.queue.depth };
              },
            },
          ],
        },
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('*path');
  }
}
