import * as fs from 'node:fs';
import * as path from 'node:path';
import { nyseCalendar, planRangeBackfill } from '@options-helper/domain';
import { Ledger } from '../ledger';
import { tempDir } from '../testing/ledger-fixtures';
import { BackfillRepository } from './backfill.repository';

describe('backfill repository (migration 005)', () => {
  let dir: string;
  let ledger: Ledger;
  let repo: BackfillRepository;
  beforeEach(async () => {
    dir = tempDir('oh-backfill-');
    ledger = await Ledger.open({ path: path.join(dir, 'b.duckdb') });
    repo = new BackfillRepository(ledger);
  });
  afterEach(async () => {
    await ledger.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const plan = () => planRangeBackfill({ calendar: nyseCalendar, from: '2026-11-24', to: '2026-11-27', assets: ['candles_daily', 'option_bars'], materializations: [], waivers: [] });

  it('records a plan with pending partitions, returns the open backfill for the same plan, and tracks progress', async () => {
    const created = await repo.create(plan());
    expect(created).toMatchObject({ status: 'pending', plan_hash: plan().hash, partitions_total: 3, partitions_done: 0 });
    expect(created.partitions.map((p) => [p.seq, p.partition_key, p.status, p.assets])).toEqual([
      [1, '2026-11-24', 'pending', ['candles_daily', 'option_bars']],
      [2, '2026-11-25', 'pending', ['candles_daily', 'option_bars']],
      [3, '2026-11-27', 'pending', ['candles_daily', 'option_bars']],
    ]);
    expect((await repo.create(plan())).backfill_id).toBe(created.backfill_id);

    await repo.setStatus(created.backfill_id, 'running');
    await repo.setPartition(created.backfill_id, '2026-11-24', { status: 'running', daily_run_id: 'run-1' });
    const done = await repo.setPartition(created.backfill_id, '2026-11-24', { status: 'success' });
    expect(done).toMatchObject({ status: 'success', daily_run_id: 'run-1' });
    expect(done.ended_at).toMatch(/Z$/);
    expect(await repo.list({ status: ['running'] })).toMatchObject([{ backfill_id: created.backfill_id, partitions_done: 1 }]);
    const finished = await repo.setStatus(created.backfill_id, 'success');
    expect(finished.ended_at).not.toBeNull();
    // A finished plan can be applied again: that is a new backfill.
    expect((await repo.create(plan())).backfill_id).not.toBe(created.backfill_id);
    await expect(repo.setPartition(created.backfill_id, '2026-11-26', { status: 'success' })).rejects.toThrow('has no partition 2026-11-26');
    await expect(repo.setStatus(created.backfill_id, 'done')).rejects.toThrow('status: must be one of');
  });

  it('stores waivers (upsert) and derives materialisation states from daily_graph child runs and skips', async () => {
    await repo.waive({ asset_key: 'option_bars', partition_key: '2026-11-25', reason: 'vendor outage' });
    await repo.waive({ asset_key: 'option_bars', partition_key: '2026-11-25', reason: 'vendor outage (confirmed)' });
    expect(await repo.waivers('2026-11-01', '2026-11-30')).toMatchObject([{ asset_key: 'option_bars', partition_key: '2026-11-25', reason: 'vendor outage (confirmed)' }]);
    await expect(repo.waive({ asset_key: 'option_bars', partition_key: '2026-11-25', reason: ' ' })).rejects.toThrow('reason: is required');

    const parent = await ledger.startRun({ jobName: 'daily_graph', triggeredBy: 'backfill', args: { partition: '2026-11-24', assets: ['candles_daily', 'option_bars'] } });
    const failed = await ledger.startRun({ jobName: 'ingest_candles', triggeredBy: 'backfill', parentRunId: parent.run_id, args: { attempt: 1 } });
    await ledger.finalizeFailure({ runId: failed.run_id, error: { type: 'ProviderError', message: 'boom' } });
    const ok = await ledger.startRun({ jobName: 'ingest_candles', triggeredBy: 'backfill', parentRunId: parent.run_id, args: { attempt: 2 } });
    await ledger.finalizeSuccess({ runId: ok.run_id });
    await ledger.logAssetEvent({ runId: parent.run_id, assetKey: 'option_bars', assetKind: 'table', partitionKey: '2026-11-24', status: 'skipped', extra: { reason: 'upstream_failed' } });
    // A CLI run (no parent) is not a materialisation of the graph.
    await ledger.startRun({ jobName: 'ingest_candles', triggeredBy: 'cli' });

    expect(await repo.materializations('2026-11-01', '2026-11-30')).toEqual([
      { asset_key: 'candles_daily', partition_key: '2026-11-24', status: 'success', succeeded: true },
      { asset_key: 'option_bars', partition_key: '2026-11-24', status: 'skipped', succeeded: false },
    ]);
    expect((await repo.materializationRuns('2026-11-24', '2026-11-24')).map((r) => [r.job_name, r.status, r.attempt])).toEqual([
      ['ingest_candles', 'failed', 1],
      ['ingest_candles', 'success', 2],
    ]);
  });
});
