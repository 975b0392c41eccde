import * as fs from 'node:fs';
import * as path from 'node:path';
import { seedLedgerHistory, tempDir } from '@options-helper/ledger/testing';
import { spawnLedgerProcess, waitForExit } from '@options-helper/ledger-client/testing';
import { latency, log, round, timeIt } from './bench-stats';

// Issue 5 benchmark: /metrics scrape time and db health latency on a ledger of 1M runs, 10M asset events
// and 1M checks (quick mode: a tenth of that).

export async function metricsBenchmark(options: { quick: boolean }) {
  const dir = tempDir('oh-bench-metrics-');
  const counts = options.quick
    ? { runs: 100_000, events: 1_000_000, watermarks: 10_000, checks: 100_000 }
    : { runs: 1_000_000, events: 10_000_000, watermarks: 10_000, checks: 1_000_000 };
  try {
    const file = path.join(dir, 'large.duckdb');
    log(`seeding ${JSON.stringify(counts)}`);
    const seeded = await timeIt(() => seedLedgerHistory(file, counts));
    log(`seeded in ${round(seeded.ms / 1000, 1)} s (${round(fs.statSync(file).size / 2 ** 20, 1)} MiB)`);
    const service = await spawnLedgerProcess(file, {}, 300_000);
    try {
      const get = (p: string) => async () => {
        const res = await fetch(`${service.url}${p}`);
        if (!res.ok) throw new Error(`${p} answered ${res.status}`);
        await res.text();
      };
      const scrape = await latency(options.quick ? 20 : 50, 3, get('/metrics'));
      const health = await latency(options.quick ? 20 : 50, 3, get('/api/v1/health?days=7&limit=50'));
      return {
        ledger_size: counts,
        seed_seconds: round(seeded.ms / 1000, 1),
        metrics_scrape: scrape,
        db_health_http: health,
        targets: {
          metrics_scrape_p95_ms: { target: '< 100', measured: scrape.p95_ms, met: scrape.p95_ms < 100 },
          db_health_p95_ms: { target: '< 100', measured: health.p95_ms, met: health.p95_ms < 100 },
        },
      };
    } finally {
      service.child.kill('SIGTERM');
      await waitForExit(service.child);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
