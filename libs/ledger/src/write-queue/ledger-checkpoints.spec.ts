import * as fs from 'node:fs';
import * as path from 'node:path';
import { Ledger } from '../ledger';
import { tempDir } from '../testing';

// The ledger's checkpoint policy (docs/ledger-interface.md, "Checkpoints"): by default commits checkpoint inline only
// past a 256 MB WAL and the write queue checkpoints once it has been quiet; null hands checkpoints back to DuckDB.
describe('Ledger checkpoints', () => {
  let dir: string;
  beforeEach(() => (dir = tempDir()));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const threshold = (ledger: Ledger) =>
    ledger.db.read(async (c) => String((await c.runAndReadAll(`SELECT current_setting('checkpoint_threshold')`)).getRows()[0]?.[0]));
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('checkpoints after a quiet spell and raises the inline threshold', async () => {
    const ledger = await Ledger.open({ path: path.join(dir, 'a.duckdb'), idleCheckpointMs: 100 });
    try {
      expect(await threshold(ledger)).toBe('244.1 MiB');
      await ledger.startRun({ jobName: 'ingest_candles', runId: 'run-1' });
      const before = ledger.queue.stats.checkpoints;
      for (let i = 0; i < 100 && ledger.queue.stats.checkpoints === before; i++) await sleep(50);
      expect(ledger.queue.stats.checkpoints).toBeGreaterThan(before);
      expect(ledger.queue.stats.lastCheckpointError).toBeNull();
    } finally {
      await ledger.close();
    }
  });

  it('leaves checkpoints to DuckDB when switched off', async () => {
    const ledger = await Ledger.open({ path: path.join(dir, 'b.duckdb'), idleCheckpointMs: null });
    try {
      expect(await threshold(ledger)).toBe('16.0 MiB');
      await ledger.startRun({ jobName: 'ingest_candles', runId: 'run-1' });
      await sleep(1200);
      expect(ledger.queue.stats.checkpoints).toBe(0);
    } finally {
      await ledger.close();
    }
  });
});
