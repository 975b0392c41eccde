import { sha256Hex } from '@options-helper/domain';
import type { LedgerPort } from '../ledger-port';

export interface ContractSubject {
  port: LedgerPort;
  /** Stops whatever the subject started (service, files). */
  teardown(): Promise<void>;
}

/**
 * The LedgerPort contract: one suite that every adapter must pass, so a job behaves the same whether it
 * talks to the ledger service over HTTP or opens the DuckDB file itself.
 */
export function describeLedgerPortContract(label: string, setup: () => Promise<ContractSubject>): void {
  describe(`LedgerPort contract: ${label}`, () => {
    let subject: ContractSubject;
    let port: LedgerPort;

    beforeEach(async () => {
      subject = await setup();
      port = subject.port;
    });
    afterEach(async () => {
      await port.close();
      await subject.teardown();
    });

    it('runs a job lifecycle: start, events, watermark, check, success', async () => {
      const run = await port.startRun({ jobName: 'ingest_candles', triggeredBy: 'api', provider: 'synthetic', args: { symbol: ['SPY'], when: new Date('2026-11-25T00:00:00Z') } });
      expect(run).toMatchObject({ job_name: 'ingest_candles', triggered_by: 'api', status: 'started', args_json: { symbol: ['SPY'], when: '2026-11-25T00:00:00.000Z' } });
      await port.logAssetEvents([
        { runId: run.run_id, assetKey: 'candles_daily', assetKind: 'table', partitionKey: 'SPY', rowsInserted: 252, minEventTs: '2026-11-25', maxEventTs: '2026-11-25' },
        { runId: run.run_id, assetKey: 'candles_daily', assetKind: 'table', partitionKey: 'AAPL', status: 'skipped', extra: { reason: 'empty' } },
      ]);
      await port.upsertWatermarks([
        { assetKey: 'candles_daily', scopeKey: 'SPY', watermarkTs: '2026-11-25', lastRunId: run.run_id },
        { assetKey: 'candles_daily', scopeKey: 'ALL', watermarkTs: '2026-11-25', lastRunId: run.run_id },
      ]);
      const checkId = await port.persistCheck({ assetKey: 'candles_daily', checkName: 'candles_no_negative_prices', severity: 'error', status: 'fail', partitionKey: 'SPY', metrics: { negative_rows: 1 }, runId: run.run_id });
      const done = await port.finalizeSuccess({ runId: run.run_id });
      expect(done.status).toBe('success');
      expect(done.duration_ms).toBeGreaterThanOrEqual(0);

      const events = await port.listRunEvents(run.run_id);
      expect(events.map((e) => [e.partition_key, e.status, e.rows_inserted])).toEqual([
        ['AAPL', 'skipped', null],
        ['SPY', 'success', 252],
      ]);
      expect(events[0]?.extra_json).toEqual({ reason: 'empty' });

      const health = await port.health({ days: 7 });
      expect(health.meta_tables_present).toBe(true);
      expect(health.latest_runs.map((r) => r.run_id)).toEqual([run.run_id]);
      expect(health.watermarks.map((w) => w.scope_key).sort()).toEqual(['ALL', 'SPY']);
      expect(health.recent_failed_checks.map((c) => c.check_id)).toEqual([checkId]);
    });

    it('records a failure with its error type, message and stack hash', async () => {
      const run = await port.startRun({ jobName: 'compute_flow' });
      class ProviderError extends Error {}
      const err = new ProviderError('upstream said no');
      const failed = await port.finalizeFailure({ runId: run.run_id, error: err });
      expect(failed).toMatchObject({ status: 'failed', error_type: 'ProviderError', error_message: 'upstream said no', error_stack_hash: sha256Hex(String(err.stack).trim()) });
      const plain = await port.startRun({ jobName: 'compute_flow' });
      const thrownString = await port.finalizeFailure({ runId: plain.run_id, error: 'just a string' });
      expect(thrownString).toMatchObject({ error_type: 'Error', error_message: 'just a string', error_stack_hash: sha256Hex('Error: just a string') });
      expect((await port.health({ days: 7 })).recent_failures).toHaveLength(2);
    });

    it('is idempotent where the ledger promises it', async () => {
      const run = await port.startRun({ jobName: 'snapshot_options', runId: 'contract-run-1' });
      expect(await port.startRun({ jobName: 'snapshot_options', runId: 'contract-run-1' })).toEqual(run);
      const done = await port.finalizeSuccess({ runId: run.run_id });
      expect(await port.finalizeFailure({ runId: run.run_id, error: new Error('late') })).toEqual(done);
      await port.upsertWatermark({ assetKey: 'options_snapshots', watermarkTs: '2026-11-25' });
      await port.upsertWatermark({ assetKey: 'options_snapshots', watermarkTs: '2026-11-20' });
      expect((await port.health()).watermarks[0]?.watermark_ts).toBe('2026-11-25T00:00:00.000Z');
    });

    it('refuses bad input with the field and the reason, writing nothing', async () => {
      await expect(port.startRun({ jobName: 'x', triggeredBy: 'cron' })).rejects.toThrow(/triggered_?[bB]y/);
      await expect(port.logAssetEvent({ runId: 'missing-run', assetKey: 'a', assetKind: 'table' })).rejects.toThrow(/start_run must be called/);
      await expect(port.writeRows('candles_daily', [{ symbol: 'SPY', interval: '1d', auto_adjust: true, back_adjust: false, ts: '2026-11-25', close: 'high' }])).rejects.toThrow(
        /rows\[0\]\.close: must be a finite number/,
      );
      expect((await port.listRuns()).total).toBe(0);
      expect((await port.info()).tables.find((t) => t.name === 'candles_daily')?.rows).toBe(0);
    });

    it('writes market rows and reports them in info', async () => {
      const rows = Array.from({ length: 300 }, (_, i) => ({
        symbol: 'SPY', interval: '1d', auto_adjust: true, back_adjust: false,
        ts: new Date(Date.UTC(2025, 0, 2 + i)).toISOString().slice(0, 10), open: 1, high: 2, low: 0.5, close: 1.5, volume: 100,
      }));
      expect(await port.writeRows('candles_daily', rows)).toEqual({ table: 'candles_daily', rows_written: 300 });
      await port.writeRows('candles_daily', rows.slice(0, 10));
      const info = await port.info();
      expect(info.schema_version).toBe(info.latest_schema_version);
      expect(info.tables.find((t) => t.schema === 'main' && t.name === 'candles_daily')?.rows).toBe(300);
    });

    it('plans gap backfills (display only) from the same signals in both modes', async () => {
      const plan = await port.backfillPlan({ staleDays: 3 });
      expect(plan.steps.map((s) => [s.asset_key, s.scope_key, s.reason.split(';')[0]])).toEqual([
        ['candles_daily', 'ALL', 'watermark missing'],
        ['options_snapshots', 'ALL', 'watermark missing'],
        ['options_flow', 'ALL', 'watermark missing'],
        ['derived_daily', 'ALL', 'watermark missing'],
      ]);
      expect(plan.stale_days).toBe(3);
      expect((await port.listRuns()).total).toBe(0);
    });

    it('pages through runs', async () => {
      for (let i = 0; i < 7; i++) await port.startRun({ jobName: 'ingest_candles', runId: `page-${i}`, startedAt: `2026-11-0${i + 1}T12:00:00Z` });
      const first = await port.listRuns({ limit: 3 });
      expect(first).toMatchObject({ total: 7, limit: 3, offset: 0 });
      expect(first.items.map((r) => r.run_id)).toEqual(['page-6', 'page-5', 'page-4']);
      expect((await port.listRuns({ limit: 3, offset: 6 })).items.map((r) => r.run_id)).toEqual(['page-0']);
      expect(await port.getRun('page-3')).toMatchObject({ run_id: 'page-3' });
      expect(await port.getRun('nope')).toBeNull();
    });

    it('writes market data with its semantics: candles + coverage, snapshot days, contracts, bars + meta', async () => {
      const candle = (ts: string, close: number) => ({ ts, open: close, high: close + 1, low: close - 1, close, volume: 100 });
      expect(await port.writeCandles({ symbol: 'aapl', rows: [candle('2026-11-23', 230), candle('2026-11-24', 231)], max_backfill_complete: true })).toEqual({ symbol: 'AAPL', rows_written: 2 });
      expect(await port.candleCoverage('AAPL')).toEqual({ symbol: 'AAPL', rows: 2, first_ts: '2026-11-23', last_ts: '2026-11-24', max_backfill_complete: true });
      expect(await port.candleCloses('AAPL', '2026-11-24', null)).toEqual([{ ts: '2026-11-24', close: 231 }]);
      const header = { symbol: 'AAPL', snapshot_date: '2026-11-24', provider: 'synthetic', spot: 231, risk_free_rate: 0, missing_bid_ask_count: 0, missing_bid_ask_pct: 0, spread_pct_median: null, spread_pct_worst: null, stale_quotes: 0, stale_pct: 0, meta_json: {} };
      const row = { contract_symbol: 'AAPL261218C00230000', osi: 'AAPL261218C00230000', option_type: 'call' as const, expiry: '2026-12-18', strike: 230, bid: 5, ask: 5.2, last_price: 5.1, volume: 10, open_interest: 100, in_the_money: true, implied_volatility: 0.25, iv_source: 'provider' as const, bs_price: 5.1, delta: 0.55, gamma: 0.02, theta_per_day: -0.08, vega: 0.3, greeks_source: 'black_scholes' as const };
      expect(await port.saveSnapshot({ header, rows: [row, row] })).toEqual({ symbol: 'AAPL', snapshot_date: '2026-11-24', provider: 'synthetic', contracts: 1 });
      expect(await port.upsertContracts({ provider: 'synthetic', as_of_date: '2026-11-24', contracts: [{ contract_symbol: row.contract_symbol, underlying: 'AAPL', expiry: '2026-12-18', option_type: 'call', strike: 230, multiplier: 100, open_interest: 100 }] })).toEqual({ contracts: 1, snapshots: 1 });
      expect(await port.writeOptionBars({ provider: 'synthetic', bars: [{ contract_symbol: row.contract_symbol, ts: '2026-11-24', open: 5, high: 5.5, low: 4.9, close: 5.1, volume: 10 }], success: [row.contract_symbol], errors: [] })).toEqual({ bars: 1, success: 1, errors: 0 });
      expect((await port.optionBarsMeta('synthetic', [row.contract_symbol]))[0]).toMatchObject({ status: 'ok', rows: 1 });
      await expect(port.saveSnapshot({ header: { ...header, spot: -1 }, rows: [] })).rejects.toThrow(/header\.spot: must be a number > 0/);
      // The flow window in the ledger: OI 100 → 130 at mark 5.1 (today's mid) is ΔOI$ 30 × 5.1 × 100, persisted whole.
      await port.saveSnapshot({ header: { ...header, snapshot_date: '2026-11-25', spot: 232 }, rows: [{ ...row, open_interest: 130 }] });
      const flow = await port.computeFlowWindows({ provider: 'synthetic', group_by: 'strike', windows: [{ symbol: 'aapl', snapshot_dates: ['2026-11-24', '2026-11-25'] }], top: 5, persist: { generated_at: '2026-11-25T23:00:00Z' } });
      expect(flow.windows).toEqual([
        expect.objectContaining({ symbol: 'AAPL', from_date: '2026-11-24', to_date: '2026-11-25', empty_dates: [], net_row_count: 1, rows_written: 1, calls_delta_oi_notional: 30 * 5.1 * 100 }),
      ]);
      expect(flow.windows[0]?.net).toEqual([{ contract_symbol: null, expiry: null, option_type: 'call', strike: 230, delta_oi: 30, delta_oi_notional: 30 * 5.1 * 100, volume_notional: 10 * 5.1 * 100, delta_notional: 30 * 0.55 * 232 * 100, n_pairs: 1 }]);
      expect((await port.query(`SELECT row_key, window_size FROM options_flow WHERE symbol = 'AAPL'`)).rows).toEqual([{ row_key: 'call|230', window_size: 1 }]);
      await expect(port.computeFlowWindows({ provider: 'synthetic', group_by: 'strike', windows: [{ symbol: 'AAPL', snapshot_dates: ['2026-11-25'] }], top: 5, persist: null })).rejects.toThrow(
        /windows\[0\]\.snapshot_dates: must list 2 to 31 dates/,
      );
      const q = await port.query('SELECT symbol, count(*) AS n FROM candles_daily WHERE symbol = $1 GROUP BY symbol', { params: ['AAPL'] });
      expect(q.rows).toEqual([{ symbol: 'AAPL', n: 2 }]);
      await expect(port.query('DELETE FROM candles_daily')).rejects.toThrow(/refused/);
    });
  });
}
