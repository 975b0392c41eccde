import * as fs from 'node:fs';
import * as path from 'node:path';
import { Ledger } from '../ledger';
import { tempDir } from '../testing';
import { loadJobStats } from './ledger-metrics.repository';

describe('ledger metrics', () => {
  it('keeps per-job statistics equal to a fresh aggregation of meta.ingestion_runs (property)', async () => {
    const dir = tempDir();
    let t = Date.parse('2026-11-20T10:00:00Z');
    const ledger = await Ledger.open({ path: path.join(dir, 'm.duckdb'), clock: () => new Date((t += 1000)) });
    try {
      let seed = 11;
      const rand = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
      const jobs = ['ingest_candles', 'compute_flow', 'snapshot_options'];
      const open: string[] = [];
      for (let i = 0; i < 120; i++) {
        const r = rand();
        if (r < 0.45 || open.length === 0) {
          open.push((await ledger.startRun({ jobName: jobs[Math.floor(rand() * jobs.length)] as string })).run_id);
        } else {
          const id = open.splice(Math.floor(rand() * open.length), 1)[0] as string;
          if (r < 0.8) await ledger.finalizeSuccess({ runId: id });
          else await ledger.finalizeFailure({ runId: id, error: { type: 'E', message: 'x' } });
          // Finalising twice changes nothing.
          if (r > 0.95) await ledger.finalizeSuccess({ runId: id });
        }
      }
      const cached = (await ledger.metricsSnapshot()).jobs;
      const fresh = await ledger.db.read((conn) => loadJobStats(conn));
      expect(cached).toEqual(fresh);
      expect(cached.reduce((n, j) => n + j.success_total + j.failed_total, 0)).toBeGreaterThan(30);
    } finally {
      await ledger.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
