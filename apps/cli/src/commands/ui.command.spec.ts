import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { freePort, spawnLedgerProcess, waitForExit } from '@options-helper/ledger-client/testing';
import { tempDir } from '@options-helper/ledger/testing';
import { CLI, REPO_ROOT, runCli } from '../testing/run-cli';

jest.setTimeout(180_000);

// `options-helper ui` against real ledger processes on free loopback ports.

describe('options-helper ui', () => {
  let dir: string;
  beforeEach(() => (dir = tempDir('oh-cli-ui-')));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints the portal URL of a running ledger and opens it with xdg-open when asked', async () => {
    const ledger = await spawnLedgerProcess(path.join(dir, 'running.duckdb'));
    try {
      const port = new URL(ledger.url).port;
      const plain = await runCli(['ui', '--port', port]);
      expect(plain.code).toBe(0);
      expect(plain.stdout).toContain(`A ledger is already running at http://127.0.0.1:${port} (database ${path.join(dir, 'running.duckdb')}).`);
      expect(plain.stdout).toContain(`Portal: http://127.0.0.1:${port}/`);

      // A stand-in xdg-open on PATH records what it was asked to open.
      const bin = path.join(dir, 'bin');
      fs.mkdirSync(bin);
      const record = path.join(dir, 'opened.txt');
      fs.writeFileSync(path.join(bin, 'xdg-open'), `#!/bin/sh\necho "$1" > '${record}'\n`, { mode: 0o755 });
      const opened = await runCli(['ui', '--port', port, '--open'], { env: { PATH: `${bin}:${process.env['PATH']}` } });
      expect(opened.code).toBe(0);
      expect(opened.stdout).toContain('Opened the portal in your browser.');
      for (let i = 0; i < 50 && !fs.existsSync(record); i += 1) await new Promise((r) => setTimeout(r, 100));
      expect(fs.readFileSync(record, 'utf8').trim()).toBe(`http://127.0.0.1:${port}/`);

      // Without any opener the URL is just printed.
      const none = await runCli(['ui', '--port', port, '--open'], { env: { PATH: path.join(dir, 'empty') } });
      expect(none.code).toBe(0);
      expect(none.stdout).toContain(`open http://127.0.0.1:${port}/ yourself`);
    } finally {
      ledger.child.kill('SIGTERM');
      await waitForExit(ledger.child);
    }
  });

  it('starts a ledger on the database when none runs, serves the portal API, and stops it on Ctrl-C', async () => {
    const port = await freePort();
    const file = path.join(dir, 'started.duckdb');
    const child = spawn(process.execPath, [CLI, '--duckdb-path', file, 'ui', '--port', String(port)], {
      cwd: REPO_ROOT,
      env: { ...process.env, OPTIONS_HELPER_LEDGER_URL: '', OPTIONS_HELPER_PORTAL_DIR: path.join(dir, 'no-portal'), OPTIONS_HELPER_GATEWAY_PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    try {
      const deadline = Date.now() + 120_000;
      while (!stdout.includes('Portal: ') && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 200));
      expect(stdout).toContain(`Ledger started at http://127.0.0.1:${port} (database ${file}); press Ctrl-C to stop it.`);
      expect(stdout).toContain(`Portal: http://127.0.0.1:${port}/`);
      const meta = (await (await fetch(`http://127.0.0.1:${port}/api/v1/portal/meta`)).json()) as { database_path: string };
      expect(meta.database_path).toBe(file);
      const page = await (await fetch(`http://127.0.0.1:${port}/`)).text();
      expect(page).toContain('npm run build:portal');
      child.kill('SIGINT');
      expect(await waitForExit(child)).toBe(0);
      expect(stdout).toContain('Ledger stopped.');
      await expect(fetch(`http://127.0.0.1:${port}/health/ready`, { signal: AbortSignal.timeout(2000) })).rejects.toThrow();
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  it('refuses a bad port (exit 2) and an unreachable configured ledger URL (exit 1)', async () => {
    const bad = await runCli(['ui', '--port', '70000']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--port must be an integer from 1 to 65535');
    const port = await freePort();
    const gone = await runCli(['ui'], { env: { OPTIONS_HELPER_LEDGER_URL: `http://127.0.0.1:${port}` } });
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain(`no ledger answers at http://127.0.0.1:${port}`);
  });
});
