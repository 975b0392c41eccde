import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Ledger } from '@options-helper/ledger';
import { buildOpenApiDocument, createRegistry, createValidationPipe, LogLevel, setupSwagger } from '@options-helper/server';
import { Logger } from 'nestjs-pino';
import { LedgerAppModule } from './app.module';
import { PortalConfig, portalConfigFromEnv } from './portal/portal.config';
import { servePortal } from './portal/portal-static';
import type { GatewayConfig } from './gateway/gateway.config';

export const SERVICE_VERSION = process.env['npm_package_version'] ?? '0.1.0';

export interface CreateLedgerAppOptions {
  ledger: Ledger;
  token?: string | null;
  logLevel?: LogLevel;
  /** Portal defaults and the built portal folder; default from the environment (OPTIONS_HELPER_PORTAL_DIR …). */
  portal?: Partial<PortalConfig>;
  /** The Postgres wire gateway (started with the app, drained when it closes); null or absent: off. */
  gateway?: GatewayConfig | null;
}

/** Builds (does not listen) the ledger's Nest application around an opened Ledger. */
export async function createLedgerApp(options: CreateLedgerAppOptions): Promise<INestApplication> {
  const portal = { ...portalConfigFromEnv(), ...options.portal };
  const app = await NestFactory.create<NestExpressApplication>(
    LedgerAppModule.forRoot({
      ledger: options.ledger,
      registry: createRegistry('ledger', SERVICE_VERSION),
      token: options.token ?? null,
      logLevel: options.logLevel ?? 'info',
      portal,
      gateway: options.gateway ?? null,
    }),
    { bufferLogs: true },
  );
  app.useLogger(app.get(Logger));
  // Batched writes can be large (tens of thousands of events or rows per request).
  app.useBodyParser('json', { limit: '128mb' });
  app.useGlobalPipes(createValidationPipe());
  setupSwagger(app, ledgerOpenApi(app));
  servePortal(app, portal.portalDir);
  return app;
}

export function ledgerOpenApi(app: INestApplication) {
  return buildOpenApiDocument(
    app,
    'options-helper ledger',
    'The run ledger: the only process that opens the DuckDB file. Runs, asset events, watermarks, checks, health and market-table writes.',
    '1',
  );
}
