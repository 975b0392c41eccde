import * as fs from 'node:fs';
import * as path from 'node:path';
import { HttpLedgerAdapter } from '@options-helper/ledger-client';
import { inspectDatabase, tempDir } from '@options-helper/ledger/testing';
import { spawnLedgerProcess, waitForExit } from './testing/ledger-server';

jest.setTimeout(120_000);

describe('ledger service process', () => {
  let dir: string;
  beforeEach(() => (dir = tempDir('oh-ledger-proc-')));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('after a SIGKILL mid-run, a restart marks the run failed/Abandoned and keeps every committed row', async () => {
    const file = path.join(dir, 'warehouse', 'options.duckdb');
    const first = await spawnLedgerProcess(file);
    const port = new HttpLedgerAdapter({ baseUrl: first.url });
    const done = await port.startRun({ jobName: 'ingest_candles', runId: 'finished-run' });
    await port.finalizeSuccess({ runId: done.run_id });
    const run = await port.startRun({ jobName: 'snapshot_options', runId: 'killed-run' });
    await port.logAssetEvents(Array.from({ length: 1000 }, (_, i) => ({ runId: run.run_id, assetKey: 'options_snapshots', assetKind: 'table' as const, partitionKey: `S${i}` })));
    await port.writeRows('candles_daily', [{ symbol: 'SPY', interval: '1d', auto_adjust: true, back_adjust: false, ts: '2026-11-25', close: 600 }]);
    await port.upsertWatermark({ assetKey: 'candles_daily', scopeKey: 'SPY', watermarkTs: '2026-11-25', lastRunId: run.run_id });

    first.child.kill('SIGKILL');
    await waitForExit(first.child);

    const second = await spawnLedgerProcess(file);
    try {
      const again = new HttpLedgerAdapter({ baseUrl: second.url });
      expect(await again.getRun('killed-run')).toMatchObject({ status: 'failed', error_type: 'Abandoned', error_message: 'run was still started when the ledger reopened the database' });
      expect(await again.getRun('finished-run')).toMatchObject({ status: 'success' });
      expect(await again.listRunEvents('killed-run')).toHaveLength(1000);
      expect((await again.info()).tables.find((t) => t.name === 'candles_daily')?.rows).toBe(1);
      expect((await again.health()).watermarks).toMatchObject([{ asset_key: 'candles_daily', scope_key: 'SPY', last_run_id: 'killed-run' }]);
    } finally {
      second.child.kill('SIGTERM');
      expect(await waitForExit(second.child)).toBe(0);
    }
    expect(await inspectDatabase(file, `SELECT status FROM meta.ingestion_runs WHERE run_id = 'killed-run'`)).toEqual([{ status: 'failed' }]);
  });

  it('stops with a clear message when the environment is invalid or the file is locked', async () => {
    const file = path.join(dir, 'x.duckdb');
    await expect(spawnLedgerProcess(file, { OPTIONS_HELPER_LEDGER_PORT: 'seventy' }, 20_000)).rejects.toThrow(/OPTIONS_HELPER_LEDGER_PORT/);
    const holder = await spawnLedgerProcess(file);
    try {
      await expect(spawnLedgerProcess(file, {}, 20_000)).rejects.toThrow(/DuckDB database is locked\. Avoid concurrent ingestion and retry\./);
    } finally {
      holder.child.kill('SIGTERM');
      await waitForExit(holder.child);
    }
  });
});
