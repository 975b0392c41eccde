import * as fs from 'node:fs';
import type { TlsMode } from '@options-helper/pg-gateway';
import { defaultCredentialsPath } from '@options-helper/pg-gateway';
import type { LedgerEnv } from '../ledger.env';

/** How the ledger runs its Postgres wire gateway (README: Postgres gateway). */
export interface GatewayConfig {
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
  tls: { mode: TlsMode; cert?: Buffer; key?: Buffer };
  credentialsFile: string;
  trustLoopback: boolean;
  statementTimeoutMs: number;
  maxConnections: number;
  maxRows: number;
  maxBytes: number;
  /** How long shutdown waits for running statements before interrupting them. */
  drainMs: number;
}

export const GATEWAY_DEFAULTS = {
  statementTimeoutMs: 30_000,
  maxConnections: 32,
  maxRows: 5_000_000,
  maxBytes: 1024 * 1024 * 1024,
  drainMs: 5_000,
} as const;

/** The gateway's configuration from the validated environment; null when OPTIONS_HELPER_GATEWAY_PORT is 0. */
export function gatewayConfigFromEnv(env: LedgerEnv): GatewayConfig | null {
  if (env.OPTIONS_HELPER_GATEWAY_PORT === 0) return null;
  const mode = env.OPTIONS_HELPER_GATEWAY_TLS;
  const read = (name: string, file: string | undefined): Buffer | undefined => {
    if (mode === 'off') return undefined;
    if (!file) throw new Error(`${name} is required when OPTIONS_HELPER_GATEWAY_TLS=${mode}`);
    try {
      return fs.readFileSync(file);
    } catch (error) {
      throw new Error(`${name}: cannot read ${file} (${(error as Error).message})`);
    }
  };
  return {
    host: env.OPTIONS_HELPER_GATEWAY_HOST,
    port: env.OPTIONS_HELPER_GATEWAY_PORT,
    tls: { mode, cert: read('OPTIONS_HELPER_GATEWAY_TLS_CERT', env.OPTIONS_HELPER_GATEWAY_TLS_CERT), key: read('OPTIONS_HELPER_GATEWAY_TLS_KEY', env.OPTIONS_HELPER_GATEWAY_TLS_KEY) },
    credentialsFile: defaultCredentialsPath(process.env),
    trustLoopback: env.OPTIONS_HELPER_GATEWAY_TRUST,
    statementTimeoutMs: env.OPTIONS_HELPER_GATEWAY_STATEMENT_TIMEOUT_MS,
    maxConnections: env.OPTIONS_HELPER_GATEWAY_MAX_CONNECTIONS,
    maxRows: env.OPTIONS_HELPER_GATEWAY_MAX_ROWS,
    maxBytes: env.OPTIONS_HELPER_GATEWAY_MAX_BYTES,
    drainMs: GATEWAY_DEFAULTS.drainMs,
  };
}
