import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import { REPO_ROOT } from '@options-helper/ledger-client/testing';

export interface ServiceProcess {
  name: string;
  child: ChildProcess;
  url: string;
  output: () => string;
}

/** One service as a real child process (`node bin/service.js <name>`), ready when /health/ready answers 200. */
export async function spawnService(name: string, port: number, env: Record<string, string>, timeoutMs = 90_000): Promise<ServiceProcess> {
  const upper = name.toUpperCase();
  let output = '';
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin/service.js'), name], {
    cwd: REPO_ROOT,
    env: { ...process.env, OPTIONS_HELPER_LOG_LEVEL: 'warn', ...env, [`OPTIONS_HELPER_${upper}_PORT`]: String(port), [`OPTIONS_HELPER_${upper}_HOST`]: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}: ${output}`);
    try {
      const res = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return { name, child, url, output: () => output };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`${name} did not become ready within ${timeoutMs} ms: ${output}`);
}

export function killHard(p: ServiceProcess): Promise<void> {
  return new Promise((resolve) => {
    if (p.child.exitCode !== null || p.child.signalCode !== null) return resolve();
    p.child.once('exit', () => resolve());
    p.child.kill('SIGKILL');
  });
}
