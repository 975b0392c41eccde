import { Harness, jobHarness } from '../testing/job-harness';
import { executeJob } from './job-runner';
import type { CheckHook } from './job.types';
import { outcomeEvents, symbolWatermarks } from './outcome-ledger';

describe('job runner (DOMAIN.md §2.3, §3.0)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await jobHarness();
  });
  afterEach(() => h.cleanup());

  const outcomes = [
    { symbol: 'AAPL', status: 'ok' as const, dataDate: '2026-11-24', rows: 10 },
    { symbol: 'SPY', status: 'ok' as const, dataDate: '2026-11-25', rows: 12 },
    { symbol: 'QQQ', status: 'skipped' as const, reason: 'empty' },
    { symbol: 'TSLA', status: 'failed' as const, error: { type: 'ProviderError', message: 'boom' } },
  ];

  it('writes events and watermarks from outcomes, calls the checks hook over the written scopes and persists its results', async () => {
    const seen: string[][] = [];
    const hook: CheckHook = async (req) => {
      seen.push(req.scopes);
      return [{ asset_key: 'candles_daily', check_name: 'candles_no_negative_prices', severity: 'error', status: 'fail', scope_key: 'SPY', metrics: { negative_rows: 1 }, message: '1 negative row' }];
    };
    const result = await executeJob({ ...h.ctx, checks: hook }, 'ingest_candles', { symbols: ['AAPL'] }, async (run) => ({
      outcomes,
      events: outcomeEvents(run.run_id, 'candles_daily', 'table', outcomes),
      watermarks: symbolWatermarks('candles_daily', run.run_id, outcomes),
      checkScopes: ['AAPL', 'SPY'],
    }));
    expect(result.summary).toBe('2 ok, 1 skipped, 1 failed');
    expect(seen).toEqual([['AAPL', 'SPY']]);
    // A failing check never fails the run.
    expect((await h.ledger.getRun(result.runId))?.status).toBe('success');
    const events = await h.ledger.listRunEvents(result.runId);
    expect(events.map((e) => [e.partition_key, e.status, e.rows_inserted])).toEqual([
      ['AAPL', 'success', 10],
      ['QQQ', 'skipped', null],
      ['SPY', 'success', 12],
      ['TSLA', 'failed', null],
    ]);
    expect(events.find((e) => e.partition_key === 'QQQ')?.extra_json).toEqual({ reason: 'empty' });
    expect(events.find((e) => e.partition_key === 'TSLA')?.extra_json).toEqual({ error: 'boom', error_type: 'ProviderError' });
    const health = await h.ledger.health();
    expect(health.watermarks.map((w) => [w.scope_key, w.watermark_ts.slice(0, 10)]).sort()).toEqual([
      ['AAPL', '2026-11-24'],
      ['ALL', '2026-11-25'],
      ['SPY', '2026-11-25'],
    ]);
    expect(health.recent_failed_checks).toMatchObject([{ check_name: 'candles_no_negative_prices', partition_key: 'SPY', run_id: result.runId }]);
  });

  it('finalizes a non-zero exit code as JobExitError with the failure summary', async () => {
    const result = await executeJob(h.ctx, 'snapshot_options', {}, async () => ({ outcomes: [], events: [], watermarks: [], checkScopes: [], exitCode: 1, failureSummary: 'incomplete: SPY' }));
    expect(result.exitCode).toBe(1);
    expect(await h.ledger.getRun(result.runId)).toMatchObject({ status: 'failed', error_type: 'JobExitError', error_message: 'incomplete: SPY' });
  });

  it('fails the run with a thrown error (and rethrows), including an exception inside a check', async () => {
    class ProviderDown extends Error {}
    await expect(executeJob(h.ctx, 'ingest_candles', {}, async () => { throw new ProviderDown('provider down'); })).rejects.toThrow('provider down');
    const failed = (await h.ledger.listRuns({})).items[0];
    expect(failed).toMatchObject({ status: 'failed', error_type: 'ProviderDown', error_message: 'provider down' });
    expect(failed?.error_stack_hash).toMatch(/^[0-9a-f]{64}$/);

    const throwingHook: CheckHook = async () => {
      throw new TypeError('check exploded');
    };
    await expect(
      executeJob({ ...h.ctx, checks: throwingHook }, 'ingest_candles', {}, async () => ({ outcomes: [], events: [], watermarks: [], checkScopes: ['SPY'] })),
    ).rejects.toThrow('check exploded');
    const checkFailed = (await h.ledger.listRuns({ status: 'failed' })).items.find((r) => r.error_type === 'TypeError');
    expect(checkFailed).toMatchObject({ error_message: 'check exploded' });
  });

  it('records trigger, parent run and attempt as given', async () => {
    const parent = await h.ledger.startRun({ jobName: 'daily_graph', triggeredBy: 'schedule' });
    const result = await executeJob({ ...h.ctx, triggeredBy: 'backfill', parentRunId: parent.run_id, attempt: 2 }, 'compute_flow', { window: 1 }, async () => ({ outcomes: [], events: [], watermarks: [], checkScopes: [] }));
    expect(await h.ledger.getRun(result.runId)).toMatchObject({ triggered_by: 'backfill', parent_run_id: parent.run_id, args_json: { window: 1, attempt: 2 } });
  });
  it('fails a daily-graph materialisation whose rule broke (every symbol failed) as AssetMaterializationError; a CLI run stays success', async () => {
    const allFailed = [
      { symbol: 'SPY', status: 'failed' as const, error: { type: 'ProviderError', message: 'down' } },
      { symbol: 'QQQ', status: 'failed' as const, error: { type: 'ProviderError', message: 'down' } },
    ];
    const body = async (run: { run_id: string }) => ({ outcomes: allFailed, events: outcomeEvents(run.run_id, 'candles_daily', 'table', allFailed), watermarks: [], checkScopes: [] });
    const parent = await h.ledger.startRun({ jobName: 'daily_graph', triggeredBy: 'schedule' });
    const graph = await executeJob({ ...h.ctx, triggeredBy: 'schedule', parentRunId: parent.run_id, attempt: 1 }, 'ingest_candles', {}, body);
    expect(graph.exitCode).toBe(1);
    expect(await h.ledger.getRun(graph.runId)).toMatchObject({ status: 'failed', error_type: 'AssetMaterializationError', error_message: 'materialisation rule (ingest_candles): every symbol failed (2 of 2)' });
    const cli = await executeJob(h.ctx, 'ingest_candles', {}, body);
    expect(cli.exitCode).toBe(0);
    expect((await h.ledger.getRun(cli.runId))?.status).toBe('success');
    // One symbol ok ⇒ the asset materialised.
    const partial = await executeJob({ ...h.ctx, parentRunId: parent.run_id }, 'snapshot_options', {}, async () => ({ outcomes: [allFailed[0] as (typeof allFailed)[number], { symbol: 'IWM', status: 'ok' as const }], events: [], watermarks: [], checkScopes: [] }));
    expect((await h.ledger.getRun(partial.runId))?.status).toBe('success');
  });
});
