import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DuckDbGatewayBackend, type Ledger } from '@options-helper/ledger';
import { GatewayMetrics, PgGatewayServer } from '@options-helper/pg-gateway';
import { METRICS_REGISTRY } from '@options-helper/server';
import type { Registry } from 'prom-client';
import { LEDGER } from '../ledger.tokens';
import type { GatewayConfig } from './gateway.config';

export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');

/**
 * The Postgres wire gateway inside the ledger process: it listens once the app starts, on the ledger's own
 * DuckDB instance, and drains before the ledger closes the file.
 */
@Injectable()
export class LedgerGatewayService implements OnApplicationBootstrap, OnApplicationShutdown {
  private server: PgGatewayServer | null = null;
  private readonly logger = new Logger('gateway');

  constructor(
    @Inject(LEDGER) private readonly ledger: Ledger,
    @Inject(METRICS_REGISTRY) private readonly registry: Registry,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const c = this.config;
    const server = new PgGatewayServer({
      host: c.host,
      port: c.port,
      backend: new DuckDbGatewayBackend(this.ledger.db, () => this.ledger.queue.writeEpoch),
      credentialsFile: c.credentialsFile,
      tls: c.tls,
      trustLoopback: c.trustLoopback,
      statementTimeoutMs: c.statementTimeoutMs,
      maxConnections: c.maxConnections,
      maxRows: c.maxRows,
      maxBytes: c.maxBytes,
      metrics: new GatewayMetrics(this.registry),
      logger: { info: (f, m) => this.logger.log(f, m), warn: (f, m) => this.logger.warn(f, m) },
    });
    try {
      await server.listen();
    } catch (error) {
      // The ledger's HTTP API and writes matter more than the gateway: a taken port is reported, not fatal.
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EADDRINUSE' && code !== 'EACCES' && code !== 'EADDRNOTAVAIL') throw error;
      this.logger.error({ host: c.host, port: c.port, code }, 'postgres gateway not started: cannot listen (set OPTIONS_HELPER_GATEWAY_PORT, 0 turns it off)');
      return;
    }
    this.server = server;
    this.logger.log({ host: c.host, port: server.port, tls: c.tls.mode, credentials: c.credentialsFile, trust_loopback: c.trustLoopback }, 'postgres gateway listening');
  }

  /** The port the gateway listens on (useful when configured with 0). */
  get port(): number {
    return this.server?.port ?? 0;
  }

  /** Sessions running a statement right now (tests wait for this before cancelling). */
  get runningStatements(): number {
    return this.server?.runningStatements ?? 0;
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = null;
    await server?.close(this.config.drainMs);
  }
}
