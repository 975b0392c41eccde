import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { nyseCalendar } from '@options-helper/domain';
import { snapshotOptions } from '@options-helper/jobs';
import { HttpLedgerAdapter } from '@options-helper/ledger-client';
import { freePort, LedgerProcess, spawnLedgerProcess, waitForExit } from '@options-helper/ledger-client/testing';
import { createProvider } from '@options-helper/providers';
import { createComputeApp } from './compute.app';

jest.setTimeout(240_000);

describe('compute service', () => {
  let dir: string;
  let ledgerProcess: LedgerProcess;
  let ledger: HttpLedgerAdapter;
  let app: INestApplication;
  let url: string;
  const paths = () => ({ dataDir: dir, watchlists: path.join(dir, 'watchlists.json'), portfolio: path.join(dir, 'portfolio.json') });

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oh-compute-'));
    fs.writeFileSync(path.join(dir, 'watchlists.json'), JSON.stringify({ watchlists: { monitor: ['SPY'] } }));
    // Its own gateway port too, so suites running side by side do not collide on the default 5433.
    ledgerProcess = await spawnLedgerProcess(path.join(dir, 'service.duckdb'), { OPTIONS_HELPER_GATEWAY_PORT: String(await freePort()) });
    ledger = new HttpLedgerAdapter({ baseUrl: ledgerProcess.url });
    const now = new Date('2026-11-25T23:00:00Z');
    const provider = createProvider('synthetic', { seed: 42 });
    const ctx = { ledger, provider, now: () => now, calendar: nyseCalendar, triggeredBy: 'cli' as const, timeZone: 'America/Chicago', paths: paths() };
    for (const asOf of ['2026-11-23', '2026-11-24', '2026-11-25']) await snapshotOptions(ctx, { watchlists: ['monitor'], asOf, maxExpiries: 2 });
    app = await createComputeApp({ service: 'compute', ledger, provider: () => createProvider('synthetic', { seed: 42 }), paths: paths() }, 'silent');
    await app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(app.getHttpServer().address() as net.AddressInfo).port}`;
  });
  afterAll(async () => {
    await app?.close();
    if (ledgerProcess) {
      ledgerProcess.child.kill('SIGTERM');
      await waitForExit(ledgerProcess.child);
    }
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

  async function launch(job: string, body: unknown) {
    const res = await post(job, body);
    const launched = (await res.json()) as { run_id: string; job_name: string; status: string; triggered_by: string };
    expect([res.status, launched.status, launched.job_name]).toEqual([202, 'started', job]);
    return waitForRun(launched.run_id);
  }

  it('runs the four jobs: 202 with the run id, then success in the ledger', async () => {
    const flow = await launch('compute_flow', { symbols: ['SPY'], window: 2, group_by: 'strike' });
    expect(flow).toMatchObject({ status: 'success', job_name: 'compute_flow', triggered_by: 'api' });
    expect(Number((await ledger.query(`SELECT count(*) AS n FROM options_flow WHERE symbol = 'SPY' AND window_size = 2 AND group_by = 'strike'`)).rows[0]?.['n'])).toBeGreaterThan(10);

    const derived = await launch('compute_derived', {});
    expect(derived).toMatchObject({ status: 'success', args_json: { symbols: ['SPY'], as_of: 'latest' } });

    const parent = await ledger.startRun({ jobName: 'daily_graph', triggeredBy: 'schedule' });
    const briefing = await launch('build_briefing', { watchlists: ['monitor'], triggered_by: 'schedule', parent_run_id: parent.run_id, attempt: 1 });
    expect(briefing).toMatchObject({ status: 'success', triggered_by: 'schedule', parent_run_id: parent.run_id });
    expect(fs.statSync(path.join(dir, 'reports/daily/2026-11-25.md')).size).toBeGreaterThan(100);
    expect(fs.existsSync(path.join(dir, 'reports/daily/2026-11-25.json'))).toBe(true);

    const dashboard = await launch('build_dashboard', { date: 'latest' });
    expect(dashboard.status).toBe('success');
    expect(fs.existsSync(path.join(dir, 'reports/dashboard/2026-11-25.json'))).toBe(true);

    const failed = await launch('build_briefing', { symbols: ['QQQ'] });
    expect(failed).toMatchObject({ status: 'failed', error_message: expect.stringContaining('no snapshot for any symbol (QQQ)') });
  });

  it('validates bodies (400 naming the field) and lists its jobs', async () => {
    const cases: [string, unknown, string][] = [
      ['compute_flow', { window: 31 }, 'window must not be greater than 30'],
      ['compute_flow', { group_by: 'sector' }, 'group_by must be one of the following values'],
      ['compute_derived', { as_of: 'yesterday' }, 'as_of must be latest or YYYY-MM-DD'],
      ['build_briefing', { compare: 'last week' }, 'compare must be -N, YYYY-MM-DD or none|off|false|0'],
      ['build_briefing', { top: 0 }, 'top must not be less than 1'],
      ['build_dashboard', { date: 'today', extra: 1 }, 'property extra should not exist'],
    ];
    const bad = path.join(dir, 'bad-portfolio.json');
    fs.writeFileSync(bad, JSON.stringify({ positions: [{ id: 'x', symbol: 'SPY', option_type: 'call', expiry: '2026-12-18', strike: 600, contracts: 0, cost_basis: 1 }] }));
    cases.push(['build_briefing', { portfolio_path: bad }, '$.positions[0].contracts'], ['build_briefing', { portfolio_path: path.join(dir, 'none.json') }, 'portfolio file not found']);
    for (const [job, body, message] of cases) {
      const res = await post(job, body);
      expect([job, res.status]).toEqual([job, 400]);
      expect(JSON.stringify(await res.json())).toContain(message);
    }
    const jobs = (await (await fetch(`${url}/api/v1/jobs`)).json()) as { job: string; path: string }[];
    expect(jobs.map((j) => j.job)).toEqual(['compute_flow', 'compute_derived', 'build_briefing', 'build_dashboard']);
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toMatch(/options_helper_job_runs_total\{[^}]*job="compute_flow"[^}]*status="success"[^}]*\} 1/);
    expect((await fetch(`${url}/health/ready`)).status).toBe(200);
  });
});
