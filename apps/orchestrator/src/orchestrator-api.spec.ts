import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { nyseCalendar, RangePlan, RunRecord } from '@options-helper/domain';
import { HttpLedgerAdapter } from '@options-helper/ledger-client';
import { freePort, LedgerProcess, REPO_ROOT, spawnLedgerProcess, waitForExit } from '@options-helper/ledger-client/testing';
import { createProvider } from '@options-helper/providers';
import { createOrchestratorApp } from './orchestrator.app';
import type { OrchestratorConfig } from './orchestrator.config';
import { eventually, finishedRun, writeSmallDataDir } from './testing/orchestrator-fixtures';

jest.setTimeout(240_000);

// The real ingest app, loaded by path: apps never import each other, but this test runs the two together.
const { createIngestApp } = require(path.join(REPO_ROOT, 'apps/ingest/src/ingest.app.ts')) as { createIngestApp: (config: unknown, logLevel: string) => Promise<INestApplication> };

// Real parts: the ledger service as a child process, the real ingest app over HTTP, the orchestrator over HTTP.
// The compute service is pointed at a port where nothing listens, so compute assets fail (and are retried).
const P1 = '2026-11-20';
const P2 = '2026-11-23';
const P3 = '2026-11-24';
const INGEST_ASSETS = ['candles_daily', 'option_bars', 'options_snapshots'];

describe('orchestrator service', () => {
  let dir: string;
  let ledgerProcess: LedgerProcess;
  let ledger: HttpLedgerAdapter;
  let ingest: INestApplication;
  let app: INestApplication;
  let url: string;
  let faults: unknown = undefined;
  let now = new Date('2026-11-24T23:00:00Z');

  const listen = async (a: INestApplication) => {
    await a.listen(0, '127.0.0.1');
    return `http://127.0.0.1:${(a.getHttpServer().address() as net.AddressInfo).port}`;
  };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oh-orch-'));
    const files = writeSmallDataDir(dir, P3);
    ledgerProcess = await spawnLedgerProcess(path.join(dir, 'warehouse.duckdb'), { OPTIONS_HELPER_GATEWAY_PORT: String(await freePort()) });
    ledger = new HttpLedgerAdapter({ baseUrl: ledgerProcess.url });
    ingest = await createIngestApp(
      { service: 'ingest', ledger, provider: () => createProvider('synthetic', { seed: 42, synthetic: { faults } }), paths: { dataDir: dir, ...files } },
      'silent',
    );
    const ingestUrl = await listen(ingest);
    const config: OrchestratorConfig = {
      ledger,
      ledgerUrl: ledgerProcess.url,
      services: { ingest: ingestUrl, compute: `http://127.0.0.1:${await freePort()}` },
      calendar: nyseCalendar,
      schedule: { enabled: false, cron: '*/5 * * * *', timeZone: 'America/New_York', delayMinutes: 15 },
      retry: { maxAttempts: 2, baseDelayMs: 20, maxDelayMs: 50, jitter: 0.5 },
      partitionStart: '2024-01-02',
      pollMs: 50,
      lostAfterMs: 1000,
      jobTimeoutMs: 120_000,
      serviceWaitMs: 200,
      now: () => now,
      graphJobArgs: { option_bars: { contracts_status: 'active', max_expiries: 2 } },
    };
    app = await createOrchestratorApp(config, 'silent');
    url = await listen(app);
  });
  afterAll(async () => {
    await app?.close();
    await ingest?.close();
    ledgerProcess.child.kill('SIGTERM');
    await waitForExit(ledgerProcess.child);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const post = (p: string, body: unknown) => fetch(`${url}${p}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const children = async (parent: string): Promise<RunRecord[]> => (await ledger.listRuns({ parentRunId: parent, limit: 100 })).items.sort((a, b) => (a.started_at < b.started_at ? -1 : 1));

  it('materialises a partition on request: a daily_graph run whose jobs run in graph order with parent and attempt; a busy or non-session partition is refused', async () => {
    const res = await post(`/api/v1/partitions/${P1}/materializations`, { assets: INGEST_ASSETS });
    expect(res.status).toBe(202);
    const started = (await res.json()) as { daily_run_id: string; assets: string[] };
    expect(started.assets).toEqual(INGEST_ASSETS);
    // The same cells while it runs: refused, never run twice.
    const busy = await post(`/api/v1/partitions/${P1}/materializations`, { assets: ['candles_daily'] });
    expect(busy.status).toBe(409);
    expect(((await busy.json()) as { message: string }).message).toContain(`partition ${P1} is already being materialised for candles_daily`);

    const daily = await finishedRun(ledger, started.daily_run_id);
    expect(daily).toMatchObject({ job_name: 'daily_graph', triggered_by: 'api', status: 'success', args_json: { partition: P1, assets: INGEST_ASSETS } });
    const jobs = await children(started.daily_run_id);
    expect(jobs.map((r) => [r.job_name, r.status, r.triggered_by, (r.args_json as Record<string, unknown>)['attempt']])).toEqual([
      ['ingest_candles', 'success', 'api', 1],
      ['ingest_options_bars', 'success', 'api', 1],
      ['snapshot_options', 'success', 'api', 1],
    ]);
    expect(jobs[1]?.args_json).toMatchObject({ run_day: P1 });
    expect(jobs[2]?.args_json).toMatchObject({ as_of: P1, require_data_date: P1 });

    const holiday = await post('/api/v1/partitions/2026-11-26/materializations', {});
    expect(holiday.status).toBe(400);
    expect(((await holiday.json()) as { message: string }).message).toBe('partition 2026-11-26 is not a trading session');
    const badAsset = await post(`/api/v1/partitions/${P1}/materializations`, { assets: ['candles'] });
    expect(badAsset.status).toBe(400);
  });

  it('retries a failed job with backoff, records each attempt, and skips downstream assets as upstream_failed', async () => {
    faults = { provider_error: ['SPY', 'QQQ'] };
    try {
      const res = await post(`/api/v1/partitions/${P2}/materializations`, { assets: ['candles_daily', 'option_bars'] });
      const { daily_run_id } = (await res.json()) as { daily_run_id: string };
      const daily = await finishedRun(ledger, daily_run_id);
      expect(daily).toMatchObject({ status: 'failed', error_type: 'AssetMaterializationError' });
      const jobs = await children(daily_run_id);
      expect(jobs.map((r) => [r.job_name, r.status, r.error_type, (r.args_json as Record<string, unknown>)['attempt']])).toEqual([
        ['ingest_candles', 'failed', 'AssetMaterializationError', 1],
        ['ingest_candles', 'failed', 'AssetMaterializationError', 2],
      ]);
      expect(jobs[0]?.error_message).toBe('materialisation rule (ingest_candles): every symbol failed (2 of 2)');
      const events = await ledger.listRunEvents(daily_run_id);
      expect(events).toMatchObject([{ asset_key: 'option_bars', partition_key: P2, status: 'skipped', extra_json: { reason: 'upstream_failed', upstream: 'candles_daily' } }]);
    } finally {
      faults = undefined;
    }
  });

  it('applies a range plan by hash as a backfill (oldest first, triggered_by backfill) and refuses a stale hash', async () => {
    const q = new URLSearchParams({ from: P1, to: P3, assets: INGEST_ASSETS.join(','), mode: 'only-missing' });
    const plan = (await (await fetch(`${ledgerProcess.url}/api/v1/backfill/range-plan?${q}`)).json()) as RangePlan;
    // P1 is done (first test); P2 failed; P3 never ran.
    expect(plan.partitions.map((p) => [p.partition_key, p.assets])).toEqual([
      [P2, INGEST_ASSETS],
      [P3, INGEST_ASSETS],
    ]);
    const stale = await post('/api/v1/backfills', { hash: '0'.repeat(64), from: P1, to: P3, assets: INGEST_ASSETS, mode: 'only-missing' });
    expect(stale.status).toBe(409);
    const res = await post('/api/v1/backfills', { hash: plan.hash, from: P1, to: P3, assets: INGEST_ASSETS, mode: 'only-missing' });
    expect(res.status).toBe(202);
    const { backfill_id } = (await res.json()) as { backfill_id: string };
    const done = await eventually(async () => {
      const b = (await (await fetch(`${url}/api/v1/backfills/${backfill_id}`)).json()) as { status: string; partitions: { partition_key: string; status: string; daily_run_id: string; started_at: string }[] };
      return b.status === 'success' || b.status === 'failed' ? b : null;
    }, 180_000, 'the backfill');
    expect(done.status).toBe('success');
    expect(done.partitions.map((p) => [p.partition_key, p.status])).toEqual([
      [P2, 'success'],
      [P3, 'success'],
    ]);
    expect((done.partitions[0]?.started_at ?? '') < (done.partitions[1]?.started_at ?? '')).toBe(true);
    const daily = await ledger.getRun(done.partitions[1]?.daily_run_id ?? '');
    expect(daily).toMatchObject({ triggered_by: 'backfill', status: 'success', args_json: { partition: P3, backfill_id } });
    expect((await children(daily?.run_id ?? '')).every((r) => r.triggered_by === 'backfill' && r.status === 'success')).toBe(true);
    // Now nothing is missing in range: the plan is empty.
    const after = (await (await fetch(`${ledgerProcess.url}/api/v1/backfill/range-plan?${q}`)).json()) as RangePlan;
    expect(after.partitions).toEqual([]);
  });

  it('the schedule materialises the due session once, filling only what is missing and not waived', async () => {
    // 2026-11-24 23:00Z is after Tuesday's close + 15 min: the due session is P3, whose ingest assets the backfill did.
    for (const partition of [P3, '2026-11-25']) {
      for (const asset of ['options_flow', 'derived_daily', 'briefing_markdown', 'dashboard_view']) {
        await fetch(`${ledgerProcess.url}/api/v1/backfill/waivers`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ asset_key: asset, partition_key: partition, reason: 'no compute service in this test' }) });
      }
    }
    const nothing = (await (await post('/api/v1/schedule/tick', {})).json()) as { due_session: string; last: unknown };
    expect(nothing).toMatchObject({ due_session: P3, last: null });
    // Wednesday after its close: candles, bars and snapshots run with triggered_by schedule.
    now = new Date('2026-11-25T21:20:00Z');
    const status = (await (await post('/api/v1/schedule/tick', {})).json()) as { due_session: string; last: { session: string; status: string; daily_run_id: string }; next: { session: string; at: string } };
    expect(status).toMatchObject({ due_session: '2026-11-25', last: { session: '2026-11-25', status: 'success' }, next: { session: '2026-11-27', at: '2026-11-27T18:15:00.000Z' } });
    const daily = await ledger.getRun(status.last.daily_run_id);
    expect(daily).toMatchObject({ triggered_by: 'schedule', args_json: { partition: '2026-11-25', assets: INGEST_ASSETS } });
    const again = (await (await post('/api/v1/schedule/tick', {})).json()) as { last: { daily_run_id: string } };
    expect(again.last.daily_run_id).toBe(status.last.daily_run_id);
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toMatch(/options_helper_orchestrator_job_attempts_total\{[^}]*job="ingest_candles"[^}]*status="failed"[^}]*\} 2/);
  });
});
