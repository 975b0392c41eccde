import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { RangePlan } from '@options-helper/domain';
import type { BackfillDetail, MaterializationRunRecord } from '@options-helper/ledger';
import { HttpLedgerAdapter } from '@options-helper/ledger-client';
import { freePort, LedgerProcess, spawnLedgerProcess, waitForExit } from '@options-helper/ledger-client/testing';
import { eventually, writeSmallDataDir } from './testing/orchestrator-fixtures';
import { killHard, ServiceProcess, spawnService } from './testing/service-process';

jest.setTimeout(300_000);

// Every part is a real process: ledger, ingest, compute and orchestrator. A backfill of three sessions × all seven
// assets (two symbols) runs while the compute service is killed with SIGKILL and later the orchestrator too.
const FROM = '2026-11-18';
const TO = '2026-11-20';

describe('orchestrator resilience (real processes)', () => {
  let dir: string;
  let ledgerProcess: LedgerProcess;
  let ledger: HttpLedgerAdapter;
  const procs: ServiceProcess[] = [];
  let env: Record<string, string>;
  let ports: { ingest: number; compute: number; orchestrator: number };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oh-orch-proc-'));
    const files = writeSmallDataDir(dir, TO);
    ledgerProcess = await spawnLedgerProcess(path.join(dir, 'warehouse.duckdb'), { OPTIONS_HELPER_GATEWAY_PORT: String(await freePort()) });
    ledger = new HttpLedgerAdapter({ baseUrl: ledgerProcess.url });
    ports = { ingest: await freePort(), compute: await freePort(), orchestrator: await freePort() };
    env = {
      OPTIONS_HELPER_LEDGER_URL: ledgerProcess.url,
      OPTIONS_HELPER_DATA_DIR: dir,
      OPTIONS_HELPER_PORTFOLIO_PATH: files.portfolio,
      OPTIONS_HELPER_WATCHLISTS_PATH: files.watchlists,
      OPTIONS_HELPER_PROVIDER: 'synthetic',
      OPTIONS_HELPER_INGEST_URL: `http://127.0.0.1:${ports.ingest}`,
      OPTIONS_HELPER_COMPUTE_URL: `http://127.0.0.1:${ports.compute}`,
      OPTIONS_HELPER_SCHEDULE_ENABLED: 'false',
      OPTIONS_HELPER_RETRY_MAX_ATTEMPTS: '6',
      OPTIONS_HELPER_RETRY_BASE_MS: '300',
      OPTIONS_HELPER_RETRY_MAX_MS: '3000',
      OPTIONS_HELPER_JOB_LOST_AFTER_MS: '1500',
      OPTIONS_HELPER_GRAPH_JOB_ARGS: JSON.stringify({ option_bars: { contracts_status: 'active', max_expiries: 2 } }),
    };
    procs.push(await spawnService('ingest', ports.ingest, env));
    procs.push(await spawnService('compute', ports.compute, env));
    procs.push(await spawnService('orchestrator', ports.orchestrator, env));
  });
  afterAll(async () => {
    for (const p of procs) await killHard(p);
    ledgerProcess.child.kill('SIGTERM');
    await waitForExit(ledgerProcess.child);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const running = (name: string) => procs.find((p) => p.name === name && p.child.exitCode === null && p.child.signalCode === null) as ServiceProcess;
  const backfill = (id: string) => fetch(`${ledgerProcess.url}/api/v1/backfills/${id}`).then((r) => r.json() as Promise<BackfillDetail>);

  it('a SIGKILLed compute attempt is failed and retried, a restarted orchestrator resumes, and no (job, partition) succeeds twice', async () => {
    const plan = (await (await fetch(`${ledgerProcess.url}/api/v1/backfill/range-plan?from=${FROM}&to=${TO}`)).json()) as RangePlan;
    expect(plan.partitions.map((p) => p.partition_key)).toEqual(['2026-11-18', '2026-11-19', '2026-11-20']);
    const applied = await fetch(`http://127.0.0.1:${ports.orchestrator}/api/v1/backfills`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ hash: plan.hash, from: FROM, to: TO }),
    });
    expect(applied.status).toBe(202);
    const { backfill_id } = (await applied.json()) as BackfillDetail;

    // 1. Kill compute while one of its jobs runs; start it again.
    const victim = await eventually(async () => (await ledger.listRuns({ status: 'started', limit: 20 })).items.find((r) => r.job_name.startsWith('compute_') || r.job_name.startsWith('build_')), 120_000, 'a running compute job', 50);
    await killHard(running('compute'));
    procs.push(await spawnService('compute', ports.compute, env));

    // 2. Once the first partition is done and the next one is under way, kill the orchestrator and start it again.
    await eventually(async () => {
      const b = await backfill(backfill_id);
      return b.partitions_done >= 1 && b.partitions.some((p) => p.status === 'running') ? b : null;
    }, 150_000, 'the second partition to start', 100);
    await killHard(running('orchestrator'));
    procs.push(await spawnService('orchestrator', ports.orchestrator, env));

    const done = await eventually(async () => {
      const b = await backfill(backfill_id);
      return b.status === 'success' || b.status === 'failed' ? b : null;
    }, 200_000, 'the backfill to finish', 500);
    expect(done.partitions.map((p) => [p.partition_key, p.status])).toEqual([
      ['2026-11-18', 'success'],
      ['2026-11-19', 'success'],
      ['2026-11-20', 'success'],
    ]);
    expect(done.status).toBe('success');

    // The killed attempt was recorded failed (the orchestrator failed it), and a later attempt of that job succeeded.
    const lost = await ledger.getRun(victim.run_id);
    expect(lost).toMatchObject({ status: 'failed', error_type: 'JobLostError' });
    const runs = (await (await fetch(`${ledgerProcess.url}/api/v1/backfill/materialization-runs?from=${FROM}&to=${TO}`)).json()) as MaterializationRunRecord[];
    const victimRow = runs.find((r) => r.run_id === victim.run_id) as MaterializationRunRecord;
    const retried = runs.filter((r) => r.partition_key === victimRow.partition_key && r.job_name === victim.job_name && r.status === 'success');
    expect(retried).toHaveLength(1);
    expect(retried[0]?.attempt ?? 0).toBeGreaterThan(victimRow.attempt ?? 1);

    // No (job, partition) ran to success twice, and every one of the 3 × 7 ran to success once.
    const successes = new Map<string, number>();
    for (const r of runs.filter((x) => x.status === 'success')) successes.set(`${r.job_name}|${r.partition_key}`, (successes.get(`${r.job_name}|${r.partition_key}`) ?? 0) + 1);
    expect([...successes.values()].every((n) => n === 1)).toBe(true);
    expect(successes.size).toBe(21);
  });
});
