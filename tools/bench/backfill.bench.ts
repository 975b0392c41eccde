import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { demoPortfolio, demoWatchlists, lastSessions, nyseCalendar, RangePlan, RunRecord } from '@options-helper/domain';
import { tempDir } from '@options-helper/ledger/testing';
import { HttpLedgerAdapter } from '@options-helper/ledger-client';
import { freePort, REPO_ROOT, spawnLedgerProcess, waitForExit } from '@options-helper/ledger-client/testing';
import { log, percentile, round } from './bench-stats';

// Issue 6 benchmark: a backfill of N sessions × M symbols through the real stack (ledger, ingest, compute and
// orchestrator processes, synthetic provider): total wall time, and the orchestration overhead per partition — the
// daily_graph run's duration minus the time its job runs spent inside jobs (their ledger durations). Target < 5 %.

const OVERHEAD_TARGET = 0.05;

async function spawnService(name: string, port: number, env: Record<string, string>): Promise<ChildProcess> {
  const upper = name.toUpperCase();
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin/service.js'), name], {
    cwd: REPO_ROOT,
    env: { ...process.env, OPTIONS_HELPER_LOG_LEVEL: 'warn', ...env, [`OPTIONS_HELPER_${upper}_PORT`]: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}`);
    const ok = await fetch(`http://127.0.0.1:${port}/health/ready`, { signal: AbortSignal.timeout(1000) }).then((r) => r.ok, () => false);
    if (ok) return child;
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill('SIGKILL');
  throw new Error(`${name} did not become ready`);
}

export async function backfillBenchmark(options: { quick?: boolean } = {}) {
  const sessions = options.quick ? 5 : 60;
  const dir = tempDir('oh-bench-backfill-');
  const to = nyseCalendar.lastCompletedSession(new Date());
  const partitions = lastSessions(nyseCalendar, to, sessions);
  const demo = demoWatchlists();
  const symbolsWanted = options.quick ? 3 : 10;
  const monitor = demo['monitor'] ?? [];
  const positions = (demo['positions'] ?? []).slice(0, Math.min(4, symbolsWanted));
  const watchlists = { positions, monitor: monitor.slice(0, Math.max(0, symbolsWanted - positions.length)) };
  const portfolio = demoPortfolio(to);
  fs.writeFileSync(path.join(dir, 'portfolio.json'), JSON.stringify({ ...portfolio, positions: portfolio.positions.filter((p) => positions.includes(p.symbol)) }));
  fs.writeFileSync(path.join(dir, 'watchlists.json'), JSON.stringify({ watchlists }));
  const symbols = [...new Set([...watchlists.positions, ...watchlists.monitor])];
  log(`backfill: ${sessions} sessions × ${symbols.length} symbols (${symbols.join(', ')})`);

  const ledgerProcess = await spawnLedgerProcess(path.join(dir, 'warehouse.duckdb'), { OPTIONS_HELPER_GATEWAY_PORT: String(await freePort()) });
  const ports = { ingest: await freePort(), compute: await freePort(), checks: await freePort(), orchestrator: await freePort() };
  const env = {
    OPTIONS_HELPER_LEDGER_URL: ledgerProcess.url,
    OPTIONS_HELPER_DATA_DIR: dir,
    OPTIONS_HELPER_PORTFOLIO_PATH: path.join(dir, 'portfolio.json'),
    OPTIONS_HELPER_WATCHLISTS_PATH: path.join(dir, 'watchlists.json'),
    OPTIONS_HELPER_CHECKS_URL: `http://127.0.0.1:${ports.checks}`,
    OPTIONS_HELPER_INGEST_URL: `http://127.0.0.1:${ports.ingest}`,
    OPTIONS_HELPER_COMPUTE_URL: `http://127.0.0.1:${ports.compute}`,
    OPTIONS_HELPER_SCHEDULE_ENABLED: 'false',
    OPTIONS_HELPER_GRAPH_JOB_ARGS: JSON.stringify({ option_bars: { contracts_status: 'active', max_expiries: 4 } }),
  };
  const children: ChildProcess[] = [];
  try {
    children.push(await spawnService('checks', ports.checks, env));
    children.push(await spawnService('ingest', ports.ingest, env));
    children.push(await spawnService('compute', ports.compute, env));
    children.push(await spawnService('orchestrator', ports.orchestrator, env));
    const ledger = new HttpLedgerAdapter({ baseUrl: ledgerProcess.url });
    const from = partitions[0] as string;
    const plan = (await (await fetch(`${ledgerProcess.url}/api/v1/backfill/range-plan?from=${from}&to=${to}`)).json()) as RangePlan;
    const t0 = performance.now();
    const res = await fetch(`http://127.0.0.1:${ports.orchestrator}/api/v1/backfills`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ hash: plan.hash, from, to }) });
    const { backfill_id } = (await res.json()) as { backfill_id: string };
    let status = 'pending';
    const deadline = Date.now() + 6 * 3600_000;
    while ((status === 'pending' || status === 'running') && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 1000));
      status = ((await (await fetch(`${ledgerProcess.url}/api/v1/backfills/${backfill_id}`)).json()) as { status: string }).status;
    }
    const wallS = (performance.now() - t0) / 1000;
    const daily = (await ledger.listRuns({ jobName: 'daily_graph', limit: 1000 })).items;
    const perPartition: { partition: string; wall_ms: number; job_ms: number; overhead_ms: number }[] = [];
    let failedJobs = 0;
    const gaps = { lead: [] as number[], between: [] as number[], tail: [] as number[] };
    for (const d of daily) {
      const kids: RunRecord[] = (await ledger.listRuns({ parentRunId: d.run_id, limit: 1000 })).items;
      failedJobs += kids.filter((k) => k.status !== 'success').length;
      const jobMs = kids.reduce((n, k) => n + (k.duration_ms ?? 0), 0);
      // Where the overhead goes: from the daily run's start to its first job, between jobs, after the last one.
      const sorted = [...kids].sort((a, b) => (a.started_at < b.started_at ? -1 : 1));
      const at = (t: string | null) => (t ? Date.parse(t) : NaN);
      if (sorted.length) {
        gaps.lead.push(at(sorted[0]?.started_at ?? null) - at(d.started_at));
        gaps.tail.push(at(d.ended_at) - at(sorted.at(-1)?.ended_at ?? null));
        for (let i = 1; i < sorted.length; i++) gaps.between.push(at(sorted[i]?.started_at ?? null) - at(sorted[i - 1]?.ended_at ?? null));
      }
      const wall = d.duration_ms ?? 0;
      perPartition.push({ partition: String((d.args_json as Record<string, unknown>)['partition']), wall_ms: wall, job_ms: jobMs, overhead_ms: Math.max(0, wall - jobMs) });
    }
    const wallTotal = perPartition.reduce((n, p) => n + p.wall_ms, 0);
    const overheadTotal = perPartition.reduce((n, p) => n + p.overhead_ms, 0);
    const share = wallTotal > 0 ? overheadTotal / wallTotal : 0;
    const overheads = perPartition.map((p) => p.overhead_ms);
    const result = {
      sessions,
      symbols: symbols.length,
      backfill_status: status,
      failed_job_runs: failedJobs,
      total_wall_seconds: round(wallS, 1),
      seconds_per_partition: round(wallS / sessions, 2),
      overhead_ms_per_partition: { mean: round(overheadTotal / Math.max(1, perPartition.length), 1), p50: round(percentile(overheads, 50), 1), p95: round(percentile(overheads, 95), 1) },
      overhead_share: round(share, 4),
      gap_ms: {
        before_first_job_p50: round(percentile(gaps.lead, 50), 1),
        between_jobs_p50: round(percentile(gaps.between, 50), 1),
        between_jobs_p95: round(percentile(gaps.between, 95), 1),
        after_last_job_p50: round(percentile(gaps.tail, 50), 1),
      },
      target_overhead_share: OVERHEAD_TARGET,
      met: share < OVERHEAD_TARGET && status === 'success',
    };
    log(`backfill: ${JSON.stringify(result)}`);
    return result;
  } finally {
    for (const c of children.reverse()) {
      c.kill('SIGTERM');
      await waitForExit(c);
    }
    ledgerProcess.child.kill('SIGTERM');
    await waitForExit(ledgerProcess.child);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
