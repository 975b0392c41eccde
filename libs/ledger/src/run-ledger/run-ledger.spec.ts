import * as fs from 'node:fs';
import * as path from 'node:path';
import { ABANDONED_STACK_HASH, sha256Hex } from '@options-helper/domain';
import { Ledger } from '../ledger';
import { LedgerNotFoundError, LedgerValidationError } from '../ledger.errors';
import { inspectDatabase, tempDir } from '../testing';

describe('run ledger (DOMAIN.md §2)', () => {
  let dir: string;
  let file: string;
  let ledger: Ledger;
  let now: Date;

  beforeEach(async () => {
    dir = tempDir();
    file = path.join(dir, 'ledger.duckdb');
    now = new Date('2026-11-25T22:00:00.000Z');
    ledger = await Ledger.open({ path: file, clock: () => now });
  });
  afterEach(async () => {
    await ledger.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('starts a run with canonical args, default trigger cli, UTC-naive started_at, and is idempotent on run_id', async () => {
    const run = await ledger.startRun({ jobName: '  ingest_candles ', args: { symbols: ['SPY'], b: 1, a: null }, runId: 'run-1', provider: 'synthetic' });
    expect(run).toMatchObject({
      run_id: 'run-1',
      job_name: 'ingest_candles',
      triggered_by: 'cli',
      status: 'started',
      started_at: '2026-11-25T22:00:00.000Z',
      storage_backend: 'duckdb',
      provider: 'synthetic',
      args_json: { a: null, b: 1, symbols: ['SPY'] },
    });
    const stored = await ledger.db.read(async (c) => (await c.runAndReadAll(`SELECT args_json FROM meta.ingestion_runs`)).getRows());
    expect(stored).toEqual([['{"a":null,"b":1,"symbols":["SPY"]}']]);
    now = new Date('2026-11-25T23:00:00.000Z');
    const again = await ledger.startRun({ jobName: 'other', runId: 'run-1' });
    expect(again).toEqual(run);
  });

  it('refuses a blank job name and an unknown trigger, naming the field', async () => {
    await expect(ledger.startRun({ jobName: '  ' })).rejects.toThrow(new LedgerValidationError('jobName', 'is required'));
    await expect(ledger.startRun({ jobName: 'x', triggeredBy: 'cron' })).rejects.toThrow(/triggeredBy: must be one of cli, api, schedule, backfill/);
    expect((await ledger.startRun({ jobName: 'x', triggeredBy: '  ' })).triggered_by).toBe('cli');
  });

  it('requires the run before events and checks', async () => {
    await expect(ledger.logAssetEvent({ runId: 'nope', assetKey: 'candles_daily', assetKind: 'table' })).rejects.toThrow(
      /start_run must be called before writing run assets\/checks/,
    );
    await expect(
      ledger.persistCheck({ assetKey: 'a', checkName: 'c', severity: 'error', status: 'pass', runId: 'nope' }),
    ).rejects.toThrow(/start_run must be called/);
  });

  it('upserts asset events on (run, asset, partition): a later failure replaces an earlier success', async () => {
    await ledger.startRun({ jobName: 'ingest_candles', runId: 'r' });
    await ledger.logAssetEvent({
      runId: 'r', assetKey: 'candles_daily', assetKind: 'table', partitionKey: 'SPY', rowsInserted: 10,
      startedAt: '2026-11-25T21:00:00Z', endedAt: '2026-11-25T21:00:01.500Z', minEventTs: '2026-11-24',
    });
    await ledger.logAssetEvent({ runId: 'r', assetKey: 'candles_daily', assetKind: 'table', partitionKey: 'SPY', status: 'failed', extra: { error: 'boom' } });
    await ledger.logAssetEvent({ runId: 'r', assetKey: 'candles_daily', assetKind: 'table', partitionKey: ' ' });
    const events = await ledger.listRunEvents('r');
    expect(events).toHaveLength(2);
    expect(events.find((e) => e.partition_key === 'SPY')).toMatchObject({ status: 'failed', rows_inserted: null, extra_json: { error: 'boom' }, duration_ms: null });
    expect(events.find((e) => e.partition_key === 'ALL')).toMatchObject({ status: 'success' });
  });

  it('computes an event duration from its start and end when none is given', async () => {
    await ledger.startRun({ jobName: 'j', runId: 'r' });
    await ledger.logAssetEvent({ runId: 'r', assetKey: 'a', assetKind: 'file', startedAt: '2026-11-25T21:00:00Z', endedAt: '2026-11-25T21:00:01.500Z' });
    expect((await ledger.listRunEvents('r'))[0]).toMatchObject({ duration_ms: 1500, started_at: '2026-11-25T21:00:00.000Z' });
  });

  it('writes a batch of events atomically: one bad event refuses the whole batch', async () => {
    await ledger.startRun({ jobName: 'j', runId: 'r' });
    const good = { runId: 'r', assetKey: 'a', assetKind: 'table' as const, partitionKey: 'X' };
    await expect(ledger.logAssetEvents([good, { ...good, partitionKey: 'Y', assetKind: 'tabel' as never }])).rejects.toThrow(/events\[1\]\.assetKind/);
    expect(await ledger.listRunEvents('r')).toEqual([]);
  });

  it('moves watermarks only forward; updated_at and last_run_id follow only a newer-or-equal watermark', async () => {
    await ledger.upsertWatermark({ assetKey: 'candles_daily', scopeKey: 'SPY', watermarkTs: '2026-11-20', lastRunId: 'r1' });
    now = new Date('2026-11-25T23:00:00.000Z');
    await ledger.upsertWatermark({ assetKey: 'candles_daily', scopeKey: 'SPY', watermarkTs: '2026-11-18', lastRunId: 'r2' });
    let [w] = await ledger.listWatermarks();
    expect(w).toMatchObject({ watermark_ts: '2026-11-20T00:00:00.000Z', last_run_id: 'r1', updated_at: '2026-11-25T22:00:00.000Z' });
    await ledger.upsertWatermark({ assetKey: 'candles_daily', scopeKey: 'SPY', watermarkTs: '2026-11-24', lastRunId: 'r3' });
    [w] = await ledger.listWatermarks();
    expect(w).toMatchObject({ watermark_ts: '2026-11-24T00:00:00.000Z', last_run_id: 'r3', updated_at: '2026-11-25T23:00:00.000Z' });
  });

  it('keeps the greatest watermark for any order of updates (property)', async () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let trial = 0; trial < 5; trial++) {
      const days = Array.from({ length: 12 }, () => 1 + Math.floor(rand() * 28));
      const scope = `S${trial}`;
      // Half one by one, half in a single batch (duplicates inside a batch keep the greatest).
      for (const d of days.slice(0, 6)) await ledger.upsertWatermark({ assetKey: 'a', scopeKey: scope, watermarkTs: `2026-02-${String(d).padStart(2, '0')}` });
      await ledger.upsertWatermarks(days.slice(6).map((d) => ({ assetKey: 'a', scopeKey: scope, watermarkTs: `2026-02-${String(d).padStart(2, '0')}` })));
      const w = (await ledger.listWatermarks()).find((x) => x.scope_key === scope);
      expect(w?.watermark_ts).toBe(`2026-02-${String(Math.max(...days)).padStart(2, '0')}T00:00:00.000Z`);
    }
  });

  it('ignores null and unparseable watermarks and treats a blank scope as ALL', async () => {
    expect(await ledger.upsertWatermarks([{ assetKey: 'a', watermarkTs: null }, { assetKey: 'a', watermarkTs: 'not a date' }, { assetKey: 'a', watermarkTs: '2026-02-30' }])).toBe(0);
    await ledger.upsertWatermark({ assetKey: 'a', scopeKey: '', watermarkTs: '2026-11-24T15:30:00Z' });
    expect(await ledger.listWatermarks()).toMatchObject([{ asset_key: 'a', scope_key: 'ALL', watermark_ts: '2026-11-24T15:30:00.000Z' }]);
  });

  it('persists checks with defaults (new id, now, ALL) and upserts on check_id', async () => {
    await ledger.startRun({ jobName: 'j', runId: 'r' });
    const id = await ledger.persistCheck({ assetKey: 'candles_daily', checkName: 'candles_no_negative_prices', severity: 'error', status: 'fail', metrics: { negative_rows: 2 }, runId: 'r' });
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await ledger.persistCheck({ checkId: id, assetKey: 'candles_daily', checkName: 'candles_no_negative_prices', severity: 'error', status: 'fail', metrics: { negative_rows: 3 }, runId: 'r' });
    const failed = await ledger.listFailedChecks(30, 10);
    expect(failed).toEqual([
      expect.objectContaining({ check_id: id, partition_key: 'ALL', checked_at: '2026-11-25T22:00:00.000Z', metrics_json: { negative_rows: 3 }, run_id: 'r' }),
    ]);
    await expect(ledger.persistCheck({ assetKey: 'a', checkName: 'c', severity: 'fatal' as never, status: 'fail' })).rejects.toThrow(/checks\[0\]\.severity/);
  });

  it('finalizes exactly once, with error type, message and the SHA-256 of the stack', async () => {
    await ledger.startRun({ jobName: 'j', runId: 'ok' });
    now = new Date('2026-11-25T22:00:02.000Z');
    const done = await ledger.finalizeSuccess({ runId: 'ok', endedAt: '2026-11-25T22:00:02.250Z' });
    expect(done).toMatchObject({ status: 'success', ended_at: '2026-11-25T22:00:02.250Z', duration_ms: 2250, error_type: null });
    const again = await ledger.finalizeFailure({ runId: 'ok', error: { type: 'Error', message: 'late' } });
    expect(again).toEqual(done);

    await ledger.startRun({ jobName: 'j', runId: 'bad' });
    const stack = 'ProviderError: rate limited\n    at fetch (provider.ts:10:5)';
    const failed = await ledger.finalizeFailure({ runId: 'bad', error: { type: 'ProviderError', message: 'rate limited', stack: `  ${stack}\n` } });
    expect(failed).toMatchObject({ status: 'failed', error_type: 'ProviderError', error_message: 'rate limited', error_stack_hash: sha256Hex(stack) });

    await ledger.startRun({ jobName: 'j', runId: 'bad2' });
    const noStack = await ledger.finalizeFailure({ runId: 'bad2', error: { type: 'TypeError', message: 'x is undefined' }, stackText: undefined });
    expect(noStack.error_stack_hash).toBe(sha256Hex('TypeError: x is undefined'));
    await expect(ledger.finalizeSuccess({ runId: 'missing' })).rejects.toBeInstanceOf(LedgerNotFoundError);
  });

  it('marks runs left started by a dead process as failed/Abandoned when the file is reopened', async () => {
    await ledger.startRun({ jobName: 'ingest_candles', runId: 'zombie', startedAt: '2026-11-25T21:59:00Z' });
    await ledger.startRun({ jobName: 'ingest_candles', runId: 'finished' });
    await ledger.finalizeSuccess({ runId: 'finished' });
    await ledger.close();
    ledger = await Ledger.open({ path: file, clock: () => now });
    expect(ledger.openReport.abandonedRuns).toBe(1);
    expect(await ledger.getRun('zombie')).toMatchObject({
      status: 'failed',
      error_type: 'Abandoned',
      error_message: 'run was still started when the ledger reopened the database',
      error_stack_hash: ABANDONED_STACK_HASH,
      ended_at: '2026-11-25T22:00:00.000Z',
      duration_ms: 60_000,
    });
    expect((await ledger.getRun('finished'))?.status).toBe('success');
  });

  it('lists runs with filters and pagination, newest first', async () => {
    for (let i = 0; i < 5; i++) {
      await ledger.startRun({ jobName: i % 2 ? 'compute_flow' : 'ingest_candles', runId: `r${i}`, startedAt: `2026-11-2${i}T10:00:00Z`, triggeredBy: 'api' });
    }
    const page = await ledger.listRuns({ jobName: 'ingest_candles', limit: 2 });
    expect(page.total).toBe(3);
    expect(page.items.map((r) => r.run_id)).toEqual(['r4', 'r2']);
    expect((await ledger.listRuns({ jobName: 'ingest_candles', limit: 2, offset: 2 })).items.map((r) => r.run_id)).toEqual(['r0']);
    expect((await ledger.listRuns({ since: '2026-11-23', until: '2026-11-24T23:00:00Z' })).items.map((r) => r.run_id)).toEqual(['r4', 'r3']);
  });

  it('never stores a timestamp in the machine zone', async () => {
    await ledger.startRun({ jobName: 'j', runId: 'tz', startedAt: '2026-07-01T12:00:00-05:00' });
    const rows = await ledger.db.read(async (c) => (await c.runAndReadAll(`SELECT CAST(started_at AS VARCHAR) FROM meta.ingestion_runs`)).getRows());
    expect(rows).toEqual([['2026-07-01 17:00:00']]);
  });
});

describe('run ledger storage', () => {
  it('keeps every committed row after the ledger is closed and reopened', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'x.duckdb');
    const ledger = await Ledger.open({ path: file });
    await ledger.startRun({ jobName: 'j', runId: 'r' });
    await ledger.logAssetEvents(Array.from({ length: 500 }, (_, i) => ({ runId: 'r', assetKey: 'a', assetKind: 'table' as const, partitionKey: `P${i}` })));
    await ledger.close();
    expect(await inspectDatabase(file, 'SELECT count(*) AS n FROM meta.ingestion_run_assets')).toEqual([{ n: 500n }]);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
