import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildLargeLedger, tempDir } from '@options-helper/ledger/testing';
import { spawnLedgerProcess, waitForExit } from '@options-helper/ledger-client/testing';
import { latency, log, round, timeIt } from './bench-stats';

// Issue 7 benchmark: p95 of every portal read API call on a ledger with 1M runs (quick mode: 100k), built with
// buildLargeLedger (libs/ledger/src/testing), served by the real ledger process. Target: p95 < 200 ms each.

const TARGET_P95_MS = 200;

export { buildLargeLedger };

export async function portalApiBenchmark(options: { quick: boolean; runs?: number }) {
  const runs = options.runs ?? (options.quick ? 100_000 : 1_000_000);
  const samples = options.quick ? 10 : 30;
  const dir = tempDir('oh-bench-portal-');
  try {
    const file = path.join(dir, 'large.duckdb');
    const built = await timeIt(() => buildLargeLedger(file, { runs }));
    log(`portal: built ${JSON.stringify(built.value)} in ${round(built.ms / 1000, 1)} s (${round(fs.statSync(file).size / 2 ** 20, 1)} MiB)`);
    const portfolio = path.join(dir, 'portfolio.json');
    fs.writeFileSync(portfolio, JSON.stringify({ cash: 5000, positions: [
      { id: 'p1', symbol: 'SPY', option_type: 'call', expiry: '2027-01-15', strike: 600, contracts: 2, cost_basis: 4.2 },
      { id: 'p2', symbol: 'SPY', legs: [{ side: 'long', option_type: 'put', expiry: '2027-01-15', strike: 560, contracts: 1 }, { side: 'short', option_type: 'put', expiry: '2027-01-15', strike: 540, contracts: 1 }], net_debit: 3.1 },
    ] }));
    const service = await spawnLedgerProcess(file, { OPTIONS_HELPER_PORTFOLIO_PATH: portfolio, OPTIONS_HELPER_DATA_DIR: dir }, 300_000);
    try {
      const getJson = async <T>(p: string): Promise<T> => {
        const res = await fetch(`${service.url}${p}`);
        if (!res.ok) throw new Error(`${p} answered ${res.status}: ${await res.text()}`);
        return (await res.json()) as T;
      };
      const first = await getJson<{ items: { run_id: string }[]; next_cursor: string }>('/api/v1/portal/runs?limit=50');
      const parent = (await getJson<{ items: { run_id: string }[] }>('/api/v1/portal/runs?job=daily_graph&limit=1')).items[0]?.run_id;
      const flow = await getJson<{ partitions: { as_of: string; from_date: string; to_date: string; window: number; group_by: string }[] }>('/api/v1/portal/flow/SPY/partitions');
      const p0 = flow.partitions[0];
      const calls: Record<string, string> = {
        meta: '/api/v1/portal/meta',
        runs_first_page: '/api/v1/portal/runs?limit=50',
        runs_next_page_cursor: `/api/v1/portal/runs?limit=50&cursor=${first.next_cursor}`,
        runs_offset_5000: '/api/v1/portal/runs?limit=50&offset=5000',
        runs_status_failed: '/api/v1/portal/runs?status=failed&limit=50',
        runs_job_and_since: `/api/v1/portal/runs?job=compute_flow&since=${new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10)}&limit=50`,
        runs_text_search: '/api/v1/portal/runs?text=provider%20failed%20for%20SYM3&limit=50',
        runs_children: `/api/v1/portal/runs?parent_run_id=${parent}`,
        runs_facets: '/api/v1/portal/runs/facets',
        run_detail_parent: `/api/v1/portal/runs/${parent}`,
        portfolio: '/api/v1/portal/portfolio',
        symbols: '/api/v1/portal/symbols',
        candles_365: '/api/v1/portal/symbols/SPY/candles',
        snapshot_summary: '/api/v1/portal/symbols/SPY/snapshot',
        derived_snippet: '/api/v1/portal/symbols/SPY/derived',
        derived_history_730: '/api/v1/portal/symbols/SPY/derived/history?window_days=730',
        flow_symbols: '/api/v1/portal/flow/symbols',
        flow_partitions: '/api/v1/portal/flow/SPY/partitions',
        flow_rows_top60: `/api/v1/portal/flow/SPY/rows?as_of=${p0?.as_of}&from_date=${p0?.from_date}&to_date=${p0?.to_date}&window=${p0?.window}&group_by=${p0?.group_by}`,
        data_schemas: '/api/v1/portal/data/schemas',
        data_tables_meta_counts: '/api/v1/portal/data/schemas/meta/tables',
        data_tables_main_counts: '/api/v1/portal/data/schemas/main/tables',
        data_columns: '/api/v1/portal/data/schemas/meta/tables/ingestion_runs/columns',
        data_preview_200: '/api/v1/portal/data/schemas/meta/tables/ingestion_runs/preview?limit=200',
        coverage_30_sessions: '/api/v1/portal/coverage',
        coverage_400_sessions: '/api/v1/portal/coverage?sessions=400',
        health_snapshot: '/api/v1/health/snapshot?days=30&stale_days=3&limit=200',
        backfill_plan: '/api/v1/backfill/plan?stale_days=3&days=30',
      };
      const results: Record<string, { n: number; p50_ms: number; p95_ms: number; max_ms: number }> = {};
      for (const [name, p] of Object.entries(calls)) {
        results[name] = await latency(samples, 2, () => getJson(p));
        log(`portal: ${name} p95 ${results[name].p95_ms} ms`);
      }
      const over = Object.entries(results).filter(([, r]) => r.p95_ms >= TARGET_P95_MS).map(([name]) => name);
      return {
        ledger_size: built.value,
        build_seconds: round(built.ms / 1000, 1),
        samples_per_call: samples,
        calls: results,
        targets: { every_call_p95_ms: { target: `< ${TARGET_P95_MS}`, worst: Math.max(...Object.values(results).map((r) => r.p95_ms)), over_target: over, met: over.length === 0 } },
      };
    } finally {
      service.child.kill('SIGTERM');
      await waitForExit(service.child);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// `node bin/run-ts.js tools/bench/portal-api.bench.ts [--quick] [--runs=N]` runs this benchmark alone.
if (path.resolve(process.argv[1] ?? '') === __filename) {
  const runsArg = process.argv.find((a) => a.startsWith('--runs='))?.slice('--runs='.length);
  portalApiBenchmark({ quick: process.argv.includes('--quick'), runs: runsArg ? Number(runsArg) : undefined })
    .then((r) => process.stdout.write(`${JSON.stringify(r, null, 2)}\n`))
    .catch((err: unknown) => {
      process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
      process.exit(1);
    });
}
