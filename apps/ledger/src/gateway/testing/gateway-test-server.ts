import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Ledger } from '@options-helper/ledger';
import { tempDir } from '@options-helper/ledger/testing';
import { upsertUser } from '@options-helper/pg-gateway';
import { createLedgerApp } from '../../ledger.app';
import { GATEWAY_DEFAULTS, type GatewayConfig } from '../gateway.config';
import { LedgerGatewayService } from '../ledger-gateway.service';

export const TEST_USER = 'analyst';
export const TEST_PASSWORD = 'correct horse battery staple';

export interface GatewayTestServer {
  app: INestApplication;
  ledger: Ledger;
  /** The ledger's HTTP URL (for /metrics). */
  url: string;
  port: number;
  dir: string;
  credentialsFile: string;
  /** node-postgres / libpq connection settings for the test user. */
  pg: { host: string; port: number; user: string; password: string; database: string };
  /** Environment for psql/pgbench: host, port, user, password (PGPASSWORD) and no ~/.psqlrc. */
  env: NodeJS.ProcessEnv;
  stop(): Promise<void>;
}

/** A real ledger (in this process) with its Postgres gateway on a free loopback port and one SCRAM user. */
export async function startGatewayServer(overrides: Partial<GatewayConfig> = {}): Promise<GatewayTestServer> {
  const dir = tempDir('oh-gateway-');
  const credentialsFile = path.join(dir, 'gateway', 'credentials.json');
  upsertUser(credentialsFile, TEST_USER, TEST_PASSWORD);
  const ledger = await Ledger.open({ path: path.join(dir, 'ledger.duckdb') });
  const config: GatewayConfig = {
    host: '127.0.0.1',
    port: 0,
    tls: { mode: 'off' },
    credentialsFile,
    trustLoopback: false,
    ...GATEWAY_DEFAULTS,
    drainMs: 2_000,
    ...overrides,
  };
  const app = await createLedgerApp({ ledger, logLevel: 'silent', gateway: config });
  await app.listen(0, '127.0.0.1');
  const httpPort = (app.getHttpServer().address() as net.AddressInfo).port;
  const port = app.get(LedgerGatewayService).port;
  return {
    app,
    ledger,
    url: `http://127.0.0.1:${httpPort}`,
    port,
    dir,
    credentialsFile,
    pg: { host: '127.0.0.1', port, user: TEST_USER, password: TEST_PASSWORD, database: 'ledger' },
    env: {
      ...process.env,
      PGHOST: '127.0.0.1',
      PGPORT: String(port),
      PGUSER: TEST_USER,
      PGPASSWORD: TEST_PASSWORD,
      PGDATABASE: 'ledger',
      PGSSLMODE: 'disable',
      PGCONNECT_TIMEOUT: '10',
      PSQLRC: '/dev/null',
      PAGER: '',
    },
    stop: async () => {
      await app.close();
      await ledger.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a client program (psql, pgbench, java) to completion, killed after `timeoutMs`. */
export function runClient(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; input?: string; timeoutMs?: number; cwd?: string; onStdout?: (chunk: string, child: ReturnType<typeof spawn>) => void } = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: options.env ?? process.env, cwd: options.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      options.onStdout?.(d.toString(), child);
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}

/** psql with -X (no psqlrc), unaligned output and stop-on-error off, one -c per command. */
export function psql(server: GatewayTestServer, commands: string[], extraArgs: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<RunResult> {
  const args = ['-X', '-v', 'VERBOSITY=verbose', ...extraArgs];
  for (const c of commands) args.push('-c', c);
  return runClient('psql', args, { env: { ...server.env, ...env } });
}
