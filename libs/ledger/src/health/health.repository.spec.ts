import * as fs from 'node:fs';
import * as path from 'node:path';
import { Ledger } from '../ledger';
import { createDatabaseAtVersion, tempDir } from '../testing';

describe('health queries (DOMAIN.md §2.4, §9.1)', () => {
  let dir: string;
  let ledger: Ledger;
  // Thanksgiving 2026, 07:00 UTC: the last completed session is Wednesday 2026-11-25.
  const now = new Date('2026-11-26T07:00:00.000Z');

  beforeEach(async () => {
    dir = tempDir();
    ledger = await Ledger.open({ path: path.join(dir, 'h.duckdb'), clock: () => now });
  });
  afterEach(async () => {
    await ledger.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function run(id: string, job: string, startedAt: string, outcome: 'success' | 'failed' | null) {
    await ledger.startRun({ jobName: job, runId: id, startedAt });
    if (outcome === 'success') await ledger.finalizeSuccess({ runId: id, endedAt: startedAt });
    if (outcome === 'failed') await ledger.finalizeFailure({ runId: id, endedAt: startedAt, error: { type: 'ProviderError', message: `failed ${id}` } });
  }

  it('reports the latest run per job within the window, failures and failed checks', async () => {
    await run('a1', 'ingest_candles', '2026-11-24T10:00:00Z', 'failed');
    await run('a2', 'ingest_candles', '2026-11-25T10:00:00Z', 'success');
    await run('b1', 'compute_flow', '2026-11-25T11:00:00Z', 'failed');
    await run('old', 'build_briefing', '2026-10-01T10:00:00Z', 'failed');
    await ledger.persistCheck({ assetKey: 'candles_daily', checkName: 'candles_gap_days_last_30', severity: 'warn', status: 'fail', partitionKey: 'SPY', checkedAt: '2026-11-25T12:00:00Z' });
    await ledger.persistCheck({ assetKey: 'candles_daily', checkName: 'candles_unique_symbol_date', severity: 'error', status: 'pass', checkedAt: '2026-11-25T12:00:00Z' });
    await ledger.persistCheck({ assetKey: 'candles_daily', checkName: 'old_fail', severity: 'error', status: 'fail', checkedAt: '2026-10-01T12:00:00Z' });

    const report = await ledger.health({ days: 7 });
    expect(report.filters).toEqual({ days: 7, limit: 50, stale_days: null });
    expect(report.latest_runs.map((r) => [r.job_name, r.run_id, r.status])).toEqual([
      ['compute_flow', 'b1', 'failed'],
      ['ingest_candles', 'a2', 'success'],
    ]);
    expect(report.recent_failures.map((r) => r.run_id)).toEqual(['b1', 'a1']);
    expect(report.recent_failures[0]).toMatchObject({ error_type: 'ProviderError', error_message: 'failed b1', parent_run_id: null });
    expect(report.recent_failed_checks.map((c) => c.check_name)).toEqual(['candles_gap_days_last_30']);

    const wide = await ledger.health({ days: 60, limit: 1 });
    expect(wide.latest_runs).toHaveLength(1);
    expect(wide.recent_failures.map((r) => r.run_id)).toEqual(['b1']);
  });

  it('measures staleness in calendar days and in sessions, and filters by --stale-days', async () => {
    await ledger.upsertWatermarks([
      { assetKey: 'candles_daily', scopeKey: 'SPY', watermarkTs: '2026-11-25' }, // 1 day, 0 sessions
      { assetKey: 'candles_daily', scopeKey: 'AAPL', watermarkTs: '2026-11-20' }, // Fri: 6 days; 23, 24, 25 ⇒ 3 sessions
      { assetKey: 'options_snapshots', scopeKey: 'ALL', watermarkTs: '2026-11-13' }, // 13 days; 16..20, 23..25 ⇒ 8 sessions
    ]);
    const all = await ledger.listWatermarks();
    expect(all.map((w) => [w.asset_key, w.scope_key, w.staleness_days, w.staleness_sessions])).toEqual([
      ['options_snapshots', 'ALL', 13, 8],
      ['candles_daily', 'AAPL', 6, 3],
      ['candles_daily', 'SPY', 1, 0],
    ]);
    const stale = await ledger.health({ staleDays: 5 });
    expect(stale.filters.stale_days).toBe(5);
    expect(stale.watermarks.map((w) => w.scope_key)).toEqual(['ALL', 'AAPL']);
  });

  it('says when the meta tables are missing, and validates its filters', async () => {
    const file = path.join(dir, 'old.duckdb');
    await createDatabaseAtVersion(file, 2);
    const old = await Ledger.open({ path: file, readOnly: true, clock: () => now });
    const report = await old.health({});
    await old.close();
    expect(report).toMatchObject({ database_exists: true, meta_tables_present: false, latest_runs: [], watermarks: [] });
    await expect(ledger.health({ days: -1 })).rejects.toThrow('days: must be an integer >= 0');
    await expect(ledger.health({ limit: 0 })).rejects.toThrow('limit: must be an integer >= 1');
  });

  it('groups failed runs by stack hash for the snapshot, and marks freshness', async () => {
    await run('f1', 'ingest_candles', '2026-11-20T10:00:00Z', 'failed');
    await run('f2', 'compute_flow', '2026-11-24T10:00:00Z', 'failed');
    await ledger.startRun({ jobName: 'compute_flow', runId: 'f3', startedAt: '2026-11-25T10:00:00Z' });
    await ledger.finalizeFailure({ runId: 'f3', error: { type: 'TypeError', message: 'other' } });
    await ledger.upsertWatermarks([{ assetKey: 'candles_daily', watermarkTs: '2026-11-13' }, { assetKey: 'options_flow', watermarkTs: '2026-11-25' }]);
    const snap = await ledger.healthSnapshot({ days: 30 });
    expect(snap.observability_ready).toBe(true);
    // f1 and f2 share nothing but their type: their messages differ, so each hash is its own group.
    expect(snap.recurring_failures.map((r) => [r.failure_count, r.jobs])).toEqual([
      [1, 'compute_flow'],
      [1, 'compute_flow'],
      [1, 'ingest_candles'],
    ]);
    await ledger.startRun({ jobName: 'build_briefing', runId: 'f4', startedAt: '2026-11-25T11:00:00Z' });
    await ledger.finalizeFailure({ runId: 'f4', error: { type: 'TypeError', message: 'other' } });
    const grouped = (await ledger.healthSnapshot({ days: 30 })).recurring_failures[0];
    expect(grouped).toMatchObject({ failure_count: 2, job_count: 2, jobs: 'build_briefing, compute_flow', error_type: 'TypeError', first_started_at: '2026-11-25T10:00:00.000Z', latest_started_at: '2026-11-25T11:00:00.000Z' });
    expect(snap.watermarks.map((w) => [w.asset_key, w.freshness])).toEqual([['candles_daily', 'stale'], ['options_flow', 'fresh']]);
  });
});
