import * as fs from 'node:fs';
import * as path from 'node:path';
import { Ledger } from '../ledger';
import { fillEventSessions, tempDir } from '../testing';

// Migration 006: an event's session and seen-at time are written with it (eventSessionDate in the domain) and, for the
// events written before the migration, derived in SQL. The two rules must agree, or Coverage would place old and new
// events differently: re-running the migration's UPDATE over events written by the ledger must change nothing.

describe('asset event sessions (migration 006)', () => {
  let dir: string;
  let ledger: Ledger;
  beforeEach(async () => {
    dir = tempDir();
    ledger = await Ledger.open({ path: path.join(dir, 'e.duckdb'), clock: () => new Date('2026-11-25T23:10:00Z') });
  });
  afterEach(async () => {
    await ledger.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('stores the session from the partition, the data time, the run arguments or the run start, as the SQL rule does', async () => {
    await ledger.startRun({ jobName: 'snapshot_options', runId: 'r-args', args: { as_of: '2026-11-20' }, startedAt: '2026-11-25T23:00:00Z' });
    await ledger.startRun({ jobName: 'daily_graph', runId: 'r-part', args: { partition: '2026-11-19' }, startedAt: '2026-11-25T23:00:00Z' });
    await ledger.startRun({ jobName: 'compute_flow', runId: 'r-bare', args: { as_of: 'latest' }, startedAt: '2026-11-24T01:30:00Z' });
    const event = (runId: string, partitionKey: string, extra: Record<string, unknown> = {}) => ({ runId, assetKey: 'options_snapshots', assetKind: 'table' as const, partitionKey, ...extra });
    await ledger.logAssetEvents([
      event('r-args', '2026-11-18'),
      event('r-args', 'SPY|2026-11-17'),
      event('r-args', 'SPY', { maxEventTs: '2026-11-16T21:00:00Z', minEventTs: '2026-11-10T21:00:00Z', endedAt: '2026-11-25T23:05:00Z' }),
      event('r-args', 'QQQ', { minEventTs: '2026-11-13T21:00:00Z', startedAt: '2026-11-25T23:01:00Z' }),
      event('r-args', 'IWM'),
      event('r-part', 'ALL'),
      event('r-bare', 'DIA'),
      event('r-bare', '2026-02-30'),
    ]);
    const read = () =>
      ledger.db.read(async (c) =>
        (
          await c.runAndReadAll(
            `SELECT run_id || ' ' || partition_key AS k, strftime(session_date, '%Y-%m-%d') AS s, strftime(seen_at, '%Y-%m-%d %H:%M') AS seen
             FROM meta.ingestion_run_assets ORDER BY k`,
          )
        ).getRowObjectsJson(),
      );
    const written = await read();
    expect(written).toEqual([
      { k: 'r-args 2026-11-18', s: '2026-11-18', seen: '2026-11-25 23:00' },
      { k: 'r-args IWM', s: '2026-11-20', seen: '2026-11-25 23:00' },
      { k: 'r-args QQQ', s: '2026-11-13', seen: '2026-11-25 23:01' },
      { k: 'r-args SPY', s: '2026-11-16', seen: '2026-11-25 23:05' },
      { k: 'r-args SPY|2026-11-17', s: '2026-11-17', seen: '2026-11-25 23:00' },
      { k: 'r-bare 2026-02-30', s: '2026-11-24', seen: '2026-11-24 01:30' },
      { k: 'r-bare DIA', s: '2026-11-24', seen: '2026-11-24 01:30' },
      { k: 'r-part ALL', s: '2026-11-19', seen: '2026-11-25 23:00' },
    ]);
    await ledger.queue.enqueue(async (c) => {
      await c.run(`UPDATE meta.ingestion_run_assets SET session_date = NULL, seen_at = NULL`);
      await fillEventSessions(c);
    });
    expect(await read()).toEqual(written);
  });
});
