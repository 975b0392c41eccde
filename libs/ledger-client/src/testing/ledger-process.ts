import { spawn, ChildProcess } from 'node:child_process';
import * as net from 'node:net';
import * as path from 'node:path';

// Starts the real ledger service as a child process for tests and benchmarks (by path, not by import:
// libraries never depend on apps).

export const REPO_ROOT = path.resolve(__dirname, '../../../..');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export interface LedgerProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
}

/** The ledger service as a real child process (`node bin/run-ts.js apps/ledger/src/main.ts`), ready when it answers. */
export async function spawnLedgerProcess(file: string, env: Record<string, string> = {}, timeoutMs = 60_000): Promise<LedgerProcess> {
  const port = await freePort();
  let output = '';
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin/run-ts.js'), path.join(REPO_ROOT, 'apps/ledger/src/main.ts')], {
    cwd: REPO_ROOT,
    env: { ...process.env, OPTIONS_HELPER_DUCKDB_PATH: file, OPTIONS_HELPER_LEDGER_PORT: String(port), OPTIONS_HELPER_LOG_LEVEL: 'warn', OPTIONS_HELPER_GATEWAY_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`ledger exited with ${child.exitCode}: ${output}`);
    try {
      const res = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return { child, url, output: () => output };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  child.kill('SIGKILL');
  throw new Error(`ledger did not become ready within ${timeoutMs} ms: ${output}`);
}

export function waitForExit(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}
