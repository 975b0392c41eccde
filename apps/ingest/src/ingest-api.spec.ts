import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import type { INestApplication } from '@nestjs/common';
import { EmbeddedLedgerAdapter, HttpLedgerAdapter } from '@options-helper/ledger-client';
import { LedgerProcess, REPO_ROOT, spawnLedgerProcess, waitForExit } from '@options-helper/ledger-client/testing';
import { createProvider } from '@options-helper/providers';
import { createIngestApp } from './ingest.app';

jest.setTimeout(180_000);

function runCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin/options-helper.js'), ...args], { cwd: REPO_ROOT, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('ingest service', () => {
  let dir: string;
  let ledgerProcess: LedgerProcess;
  let ledger: HttpLedgerAdapter;
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oh-ingest-'));
    fs.writeFileSync(path.join(dir, 'watchlists.json'), JSON.stringify({ watchlists: { monitor: ['SPY'] } }));
    ledgerProcess = await spawnLedgerProcess(path.join(dir, 'service.duckdb'));
    ledger = new HttpLedgerAdapter({ baseUrl: ledgerProcess.url });
    app = await createIngestApp(
      { service: 'ingest', ledger, provider: () => createProvider('synthetic', { seed: 42 }), paths: { dataDir: dir, watchlists: path.join(dir, 'watchlists.json'), portfolio: path.join(dir, 'portfolio.json') } },
      'silent',
    );
    await app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(app.getHttpServer().address() as net.AddressInfo).port}`;
  });
  afterAll(async () => {
    await app.close();
    ledgerProcess.child.kill('SIGTERM');
    await waitForExit(ledgerProcess.child);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function waitForRun(runId: string) {
    for (let i = 0; i < 600; i++) {
      const run = await ledger.getRun(runId);
      if (run && run.status !== 'started') return run;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`run ${runId} did not finish`);
  }

  const post = (job: string, body: unknown) => fetch(`${url}/api/v1/jobs/${job}/runs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('answers 202 with the run id, runs the job, and writes the same rows as the CLI', async () => {
    const res = await post('ingest_candles', { symbols: ['SPY'] });
    expect(res.status).toBe(202);
    const launched = (await res.json()) as { run_id: string; status: string; triggered_by: string };
    expect(launched).toMatchObject({ status: 'started', triggered_by: 'api' });
    const run = await waitForRun(launched.run_id);
    expect(run).toMatchObject({ status: 'success', job_name: 'ingest_candles', triggered_by: 'api' });

    const cliFile = path.join(dir, 'cli.duckdb');
    const cli = await runCli(['--duckdb-path', cliFile, 'ingest', 'candles', '--symbol', 'SPY'], { OPTIONS_HELPER_WATCHLISTS_PATH: path.join(dir, 'watchlists.json') });
    expect(cli.stderr).not.toMatch(/Error:/);
    expect(cli.code).toBe(0);
    expect(cli.stdout).toMatch(/ingest_candles run .*: 1 ok, 0 skipped, 0 failed/);

    const sql = `SELECT strftime(ts, '%Y-%m-%d') AS d, open, high, low, close, volume, vwap, trade_count FROM candles_daily WHERE symbol = 'SPY' ORDER BY ts`;
    const fromService = await ledger.query(sql, { maxRows: 10_000 });
    const embedded = new EmbeddedLedgerAdapter({ path: cliFile });
    const fromCli = await embedded.query(sql, { maxRows: 10_000 });
    await embedded.close();
    expect(fromService.row_count).toBeGreaterThan(252);
    expect(fromCli.rows).toEqual(fromService.rows);
  });

  it('passes the orchestrator trigger through and validates bodies', async () => {
    const parent = await ledger.startRun({ jobName: 'daily_graph', triggeredBy: 'schedule' });
    const res = await post('snapshot_options', { watchlists: ['monitor'], triggered_by: 'schedule', parent_run_id: parent.run_id, attempt: 2, max_expiries: 2 });
    expect(res.status).toBe(202);
    const run = await waitForRun(((await res.json()) as { run_id: string }).run_id);
    expect(run).toMatchObject({ status: 'success', triggered_by: 'schedule', parent_run_id: parent.run_id });
    expect(run.args_json).toMatchObject({ attempt: 2, max_expiries: 2 });

    const bad = await post('ingest_candles', { symbols: 'SPY', extra: true });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toMatch(/symbols must be an array|property extra should not exist/);
    const badDate = await post('snapshot_options', { as_of: 'yesterday' });
    expect(badDate.status).toBe(400);
    expect(JSON.stringify(await badDate.json())).toContain('as_of must be latest or YYYY-MM-DD');
    const jobs = (await (await fetch(`${url}/api/v1/jobs`)).json()) as { job: string }[];
    expect(jobs.map((j) => j.job)).toEqual(['ingest_candles', 'ingest_options_bars', 'snapshot_options']);
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toMatch(/options_helper_job_runs_total\{[^}]*job="ingest_candles"[^}]*status="success"[^}]*\} 1/);
    expect((await fetch(`${url}/health/ready`)).status).toBe(200);
  });
});
