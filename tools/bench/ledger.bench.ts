import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AssetEventInput } from '@options-helper/domain';
import { Ledger } from '@options-helper/ledger';
import { seedLedgerHistory, tempDir } from '@options-helper/ledger/testing';
import { HttpLedgerAdapter } from '@options-helper/ledger-client';
import { spawnLedgerProcess, waitForExit } from '@options-helper/ledger-client/testing';
import { latency, log, round, timeIt } from './bench-stats';

// Issue 2 benchmark: run-ledger write throughput (HTTP batched and embedded) and `db health` latency on a
// large ledger (100k runs, 1M asset events, 10k watermarks, 1M checks).

function events(runId: string, from: number, count: number): AssetEventInput[] {
  return Array.from({ length: count }, (_, i) => ({
    runId,
    assetKey: 'candles_daily',
    assetKind: 'table' as const,
    partitionKey: `SYM${from + i}`,
    rowsInserted: 252,
    minEventTs: '2026-11-24',
    maxEventTs: '2026-11-25',
    extra: { provider: 'synthetic' },
  }));
}

async function embeddedWrites(dir: string, total: number, batch: number) {
  const ledger = await Ledger.open({ path: path.join(dir, 'embedded.duckdb') });
  try {
    const run = await ledger.startRun({ jobName: 'bench_embedded' });
    const batched = await timeIt(async () => {
      for (let i = 0; i < total; i += batch) await ledger.logAssetEvents(events(run.run_id, i, batch));
    });
    // Single-event requests issued concurrently: the write queue groups them into few transactions.
    const singles = 5000;
    const before = ledger.queue.stats.transactions;
    const grouped = await timeIt(() => Promise.all(events(run.run_id, total, singles).map((e) => ledger.logAssetEvent(e))));
    return {
      batched: { events: total, batch_size: batch, seconds: round(batched.ms / 1000, 3), events_per_second: Math.round(total / (batched.ms / 1000)) },
      concurrent_single_events: {
        events: singles,
        transactions: ledger.queue.stats.transactions - before,
        seconds: round(grouped.ms / 1000, 3),
        events_per_second: Math.round(singles / (grouped.ms / 1000)),
      },
    };
  } finally {
    await ledger.close();
  }
}

async function httpWrites(dir: string, total: number, batch: number, concurrency: number) {
  const service = await spawnLedgerProcess(path.join(dir, 'http.duckdb'));
  try {
    const port = new HttpLedgerAdapter({ baseUrl: service.url });
    const run = await port.startRun({ jobName: 'bench_http' });
    await port.logAssetEvents(events(run.run_id, -batch, batch)); // warm-up
    let next = 0;
    const worker = async () => {
      for (;;) {
        const from = next;
        next += batch;
        if (from >= total) return;
        await port.logAssetEvents(events(run.run_id, from, Math.min(batch, total - from)));
      }
    };
    const measured = await timeIt(() => Promise.all(Array.from({ length: concurrency }, worker)));
    return { events: total, batch_size: batch, concurrency, seconds: round(measured.ms / 1000, 3), events_per_second: Math.round(total / (measured.ms / 1000)) };
  } finally {
    service.child.kill('SIGTERM');
    await waitForExit(service.child);
  }
}

async function healthLatency(dir: string, counts: { runs: number; events: number; watermarks: number; checks: number }, samples: number) {
  const file = path.join(dir, 'large.duckdb');
  const seeded = await timeIt(() => seedLedgerHistory(file, counts));
  log(`seeded ${JSON.stringify(counts)} in ${round(seeded.ms / 1000, 1)} s (${round(fs.statSync(file).size / 2 ** 20, 1)} MiB)`);

  const service = await spawnLedgerProcess(file);
  let http;
  try {
    http = await latency(samples, 5, async () => {
      const res = await fetch(`${service.url}/api/v1/health?days=7&limit=50`);
      if (!res.ok) throw new Error(`health answered ${res.status}`);
      await res.json();
    });
  } finally {
    service.child.kill('SIGTERM');
    await waitForExit(service.child);
  }
  const ledger = await Ledger.open({ path: file, readOnly: true });
  let embedded;
  try {
    embedded = await latency(samples, 5, () => ledger.health({ days: 7, limit: 50 }));
  } finally {
    await ledger.close();
  }
  return { ledger_size: counts, seed_seconds: round(seeded.ms / 1000, 2), http: http, embedded };
}

export async function ledgerBenchmark(options: { quick: boolean }) {
  const dir = tempDir('oh-bench-');
  try {
    const total = options.quick ? 20_000 : 200_000;
    const batch = 2000;
    log(`embedded writes: ${total} events`);
    const embedded = await embeddedWrites(dir, total, batch);
    log(`HTTP writes: ${total} events`);
    const http = await httpWrites(dir, total, batch, 2);
    const counts = options.quick
      ? { runs: 10_000, events: 100_000, watermarks: 1_000, checks: 100_000 }
      : { runs: 100_000, events: 1_000_000, watermarks: 10_000, checks: 1_000_000 };
    log(`db health latency on ${JSON.stringify(counts)}`);
    const health = await healthLatency(dir, counts, options.quick ? 20 : 100);
    return {
      asset_event_writes: { http_batched: http, embedded },
      db_health: health,
      targets: {
        http_batched_events_per_second: { target: '>= 20000', measured: http.events_per_second, met: http.events_per_second >= 20_000 },
        db_health_p95_ms_http: { target: '< 100', measured: health.http.p95_ms, met: health.http.p95_ms < 100 },
        db_health_p95_ms_embedded: { target: '< 100', measured: health.embedded.p95_ms, met: health.embedded.p95_ms < 100 },
      },
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
