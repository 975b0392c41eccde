import * as fs from 'node:fs';
import * as path from 'node:path';
import { inspectDatabase, tempDir } from './ledger-fixtures';
import { buildLargeLedger } from './large-ledger';

jest.setTimeout(120_000);

describe('buildLargeLedger (benchmark fixture)', () => {
  it('builds a migrated ledger with parent/child runs, events, checks, watermarks and market rows', async () => {
    const dir = tempDir('oh-large-');
    try {
      const file = path.join(dir, 'large.duckdb');
      const summary = await buildLargeLedger(file, { runs: 800, symbols: 3, snapshotDays: 5, contracts: 40, now: new Date('2026-11-25T23:00:00Z') });
      // 100 groups of 8: 100 parents, 700 job runs; events: 5 table jobs × 3 + 2 file/view jobs × 1 per group.
      expect(summary).toMatchObject({ runs: 800, events: 100 * (5 * 3 + 2), checks: 800, watermarks: 7 * 51, snapshot_rows: 3 * 5 * 40, flow_rows: 3 * 5 * 4 * 200 });
      const [parents] = await inspectDatabase(file, `SELECT count(*) FILTER (WHERE parent_run_id IS NULL)::INTEGER AS roots,
        count(*) FILTER (WHERE job_name = 'daily_graph')::INTEGER AS graph, count(DISTINCT parent_run_id)::INTEGER AS parents FROM meta.ingestion_runs`);
      expect(parents).toEqual({ roots: 100, graph: 100, parents: 100 });
      const [orphans] = await inspectDatabase(file, `SELECT count(*)::INTEGER AS n FROM meta.ingestion_runs c LEFT JOIN meta.ingestion_runs p ON p.run_id = c.parent_run_id
        WHERE c.parent_run_id IS NOT NULL AND p.run_id IS NULL`);
      expect(orphans?.['n']).toBe(0);
      const [newest] = await inspectDatabase(file, `SELECT strftime(max(started_at), '%Y-%m-%d') AS d FROM meta.ingestion_runs`);
      expect(newest?.['d']).toBe('2026-11-25');
      expect(fs.statSync(file).size).toBeGreaterThan(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
