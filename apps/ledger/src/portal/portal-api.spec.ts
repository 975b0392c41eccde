import * as fs from 'node:fs';
import * as path from 'node:path';
import { RequestMethod } from '@nestjs/common';
import type {
  PortalColumns,
  PortalCoverage,
  PortalDerivedHistory,
  PortalDerivedSnippet,
  PortalFlowPartitions,
  PortalFlowRows,
  PortalCandles,
  PortalMeta,
  PortalPortfolio,
  PortalPreview,
  PortalRunDetail,
  PortalRunsPage,
  PortalSchemas,
  PortalSnapshotResponse,
  PortalSymbols,
  PortalTables,
  RunRecord,
} from '@options-helper/domain';
import { HttpLedgerAdapter } from '@options-helper/ledger-client';
import { computeDerived, computeFlow, inProcessChecks, ingestCandles, snapshotOptions } from '@options-helper/jobs';
import { Harness, jobHarness } from '@options-helper/jobs/testing';
import { ledgerOpenApi } from '../ledger.app';
import { InProcessLedger, startInProcessLedger } from '../testing/ledger-server';
import { PORTAL_CONTROLLERS } from './portal.providers';

jest.setTimeout(300_000);

// One real ledger service filled by real jobs over HTTP (synthetic provider, fixed clock), then read through the
// portal API. Expected numbers come from independent SQL over the same file or from hand arithmetic.

const DATES = ['2026-11-20', '2026-11-23', '2026-11-24'];

/** Sums of dollar amounts in the billions, added in another order by DuckDB: equal to a relative 1e-12, not to six decimals. */
function expectSum(actual: number | undefined, expected: number): void {
  expect(actual).toBeDefined();
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(expected)));
}

describe('portal read API (docs/portal-api.md)', () => {
  let server: InProcessLedger;
  let h: Harness;
  let parent: RunRecord;
  let dataDir: string;

  const get = async <T>(p: string): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${server.url}${p}`);
    return { status: res.status, body: (await res.json()) as T };
  };
  const ok = async <T>(p: string): Promise<T> => {
    const res = await get<T>(p);
    if (res.status !== 200) throw new Error(`${p} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const sql = async (text: string) => (await server.ledger.query(text, { maxRows: 100_000 })).rows;

  beforeAll(async () => {
    h = await jobHarness({ watchlists: { monitor: ['SPY'] } });
    dataDir = h.dir;
    server = await startInProcessLedger({ portal: { dataDir, portfolioPath: path.join(dataDir, 'portfolio.json'), reportsDir: path.join(dataDir, 'reports'), portalDir: path.join(dataDir, 'no-portal') } });
    const http = new HttpLedgerAdapter({ baseUrl: server.url });
    h.ctx.ledger = http;
    h.ctx.checks = inProcessChecks;
    expect((await ingestCandles(h.ctx, { symbols: ['SPY'] })).summary).toMatch(/^1 ok/);
    for (const asOf of DATES) expect((await snapshotOptions(h.ctx, { watchlists: ['monitor'], asOf, maxExpiries: 3 })).summary).toMatch(/^1 ok/);
    expect((await computeFlow(h.ctx, { symbols: ['SPY'], window: 1, groupBy: 'expiry-strike', asOf: '2026-11-23' })).summary).toMatch(/^1 ok/);
    expect((await computeFlow(h.ctx, { symbols: ['SPY'], window: 1, groupBy: 'expiry-strike' })).summary).toMatch(/^1 ok/);
    expect((await computeFlow(h.ctx, { symbols: ['SPY'], window: 2, groupBy: 'contract' })).summary).toMatch(/^1 ok/);
    // Two derived runs are children of one parent run (as the orchestrator records them).
    parent = await http.startRun({ jobName: 'daily_graph', triggeredBy: 'api', args: { partition: '2026-11-24' } });
    for (const asOf of DATES) {
      h.ctx.parentRunId = asOf === '2026-11-20' ? null : parent.run_id;
      expect((await computeDerived(h.ctx, { symbols: ['SPY'], asOf })).summary).toMatch(/^1 ok/);
    }
    h.ctx.parentRunId = null;
    // A failed event for dashboard_view on 2026-11-19 (Coverage: failed).
    const failed = await http.startRun({ jobName: 'build_dashboard', triggeredBy: 'schedule', args: { date: '2026-11-19' } });
    await http.logAssetEvents([{ runId: failed.run_id, assetKey: 'dashboard_view', assetKind: 'view', partitionKey: '2026-11-19', status: 'failed', extra: { error: 'disk full' } }]);
    await http.finalizeFailure({ runId: failed.run_id, error: { type: 'Error', message: 'disk full' } });
    await http.finalizeSuccess({ runId: parent.run_id });
  });
  afterAll(async () => {
    await server?.stop();
    await h?.cleanup();
  });

  describe('every portal route', () => {
    it('is a GET (router metadata and the OpenAPI document agree)', () => {
      for (const controller of PORTAL_CONTROLLERS) {
        const proto = controller.prototype as Record<string, unknown>;
        const handlers = Object.getOwnPropertyNames(proto).filter((n) => n !== 'constructor' && Reflect.getMetadata('path', proto[n] as object) !== undefined);
        expect(handlers.length).toBeGreaterThan(0);
        for (const name of handlers) expect([controller.name, name, Reflect.getMetadata('method', proto[name] as object)]).toEqual([controller.name, name, RequestMethod.GET]);
      }
      const doc = ledgerOpenApi(server.app) as unknown as { paths: Record<string, Record<string, unknown>> };
      const portalPaths = Object.entries(doc.paths).filter(([p]) => p.startsWith('/api/v1/portal'));
      expect(portalPaths.length).toBeGreaterThanOrEqual(16);
      for (const [p, ops] of portalPaths) expect([p, Object.keys(ops)]).toEqual([p, ['get']]);
    });

    it('writes nothing: row counts, the newest timestamps and the data folder are unchanged after calling every endpoint', async () => {
      const snapshotState = async () => {
        const info = await server.ledger.info();
        const stamps = await sql(`SELECT (SELECT max(ended_at) FROM meta.ingestion_runs)::VARCHAR AS r, (SELECT max(updated_at) FROM meta.asset_watermarks)::VARCHAR AS w,
          (SELECT max(checked_at) FROM meta.asset_checks)::VARCHAR AS c, (SELECT max(updated_at) FROM options_flow)::VARCHAR AS f`);
        const files = fs.readdirSync(dataDir, { recursive: true }).map(String).sort().map((f) => `${f}:${fs.statSync(path.join(dataDir, f)).mtimeMs}`);
        return { tables: info.tables, stamps, files: files.filter((f) => !f.includes('.duckdb')) };
      };
      const before = await snapshotState();
      const runId = (await ok<PortalRunsPage>('/api/v1/portal/runs?limit=1')).items[0]?.run_id;
      const calls = [
        '/api/v1/portal/meta', '/api/v1/portal/runs', '/api/v1/portal/runs/facets', `/api/v1/portal/runs/${runId}`, '/api/v1/portal/portfolio',
        '/api/v1/portal/symbols', '/api/v1/portal/symbols/SPY/candles', '/api/v1/portal/symbols/SPY/snapshot', '/api/v1/portal/symbols/SPY/derived',
        '/api/v1/portal/symbols/SPY/derived/history', '/api/v1/portal/flow/symbols', '/api/v1/portal/flow/SPY/partitions',
        '/api/v1/portal/data/schemas', '/api/v1/portal/data/schemas/main/tables', '/api/v1/portal/data/schemas/meta/tables/ingestion_runs/columns',
        '/api/v1/portal/data/schemas/meta/tables/ingestion_runs/preview', '/api/v1/portal/coverage?to=2026-11-24', '/api/v1/health/snapshot', '/api/v1/backfill/plan',
      ];
      for (const c of calls) expect([c, (await fetch(`${server.url}${c}`)).status]).toEqual([c, c.endsWith('/portfolio') ? 404 : 200]);
      expect(await snapshotState()).toEqual(before);
    });
  });

  describe('meta', () => {
    it('names the database, the disclaimer, the defaults and the bootstrap commands', async () => {
      const meta = await ok<PortalMeta>('/api/v1/portal/meta');
      expect(meta).toMatchObject({
        disclaimer: 'Not financial advice. For informational/educational use only.',
        database_path: server.ledger.databasePath,
        observability_ready: true,
        guidance: null,
        portfolio_path: path.join(dataDir, 'portfolio.json'),
        reports_dir: path.join(dataDir, 'reports'),
        default_symbol: 'SPY',
      });
      expect(meta.schema_version).toBe(meta.latest_schema_version);
      expect(meta.bootstrap_commands).toEqual([
        'options-helper db init',
        'options-helper ingest candles --watchlist positions --watchlist monitor',
        `options-helper snapshot-options ${path.join(dataDir, 'portfolio.json')} --all-expiries --full-chain`,
        `options-helper flow ${path.join(dataDir, 'portfolio.json')} --window 1 --group-by expiry-strike`,
        'options-helper derived update --symbol <SYMBOL> --as-of latest',
      ]);
    });
  });

  describe('runs', () => {
    it('lists runs newest first with the true total, and cursor pages walk every run exactly once', async () => {
      const [{ n }] = (await sql('SELECT count(*)::INTEGER AS n FROM meta.ingestion_runs')) as [{ n: number }];
      expect(n).toBeGreaterThanOrEqual(12);
      const first = await ok<PortalRunsPage>('/api/v1/portal/runs?limit=5');
      expect(first).toMatchObject({ total: n, limit: 5, offset: 0 });
      expect(first.items).toHaveLength(5);
      const seen: string[] = [];
      let page = first;
      for (let i = 0; i < 20; i += 1) {
        seen.push(...page.items.map((r) => r.run_id));
        if (!page.next_cursor) break;
        page = await ok<PortalRunsPage>(`/api/v1/portal/runs?limit=5&cursor=${page.next_cursor}`);
      }
      const expected = (await sql('SELECT run_id FROM meta.ingestion_runs ORDER BY started_at DESC, run_id')).map((r) => r['run_id']);
      expect(seen).toEqual(expected);
      const second = await ok<PortalRunsPage>('/api/v1/portal/runs?limit=5&offset=5');
      expect(second.items.map((r) => r.run_id)).toEqual(expected.slice(5, 10));
    });

    it('filters by job, status, trigger, parent, time and text', async () => {
      const derived = await ok<PortalRunsPage>('/api/v1/portal/runs?job=compute_derived');
      expect(derived.total).toBe(3);
      expect(derived.items.every((r) => r.job_name === 'compute_derived')).toBe(true);
      const failed = await ok<PortalRunsPage>('/api/v1/portal/runs?status=failed');
      expect(failed.items.map((r) => [r.job_name, r.error_message])).toEqual([['build_dashboard', 'disk full']]);
      expect((await ok<PortalRunsPage>('/api/v1/portal/runs?triggered_by=schedule')).total).toBe(1);
      const children = await ok<PortalRunsPage>(`/api/v1/portal/runs?parent_run_id=${parent.run_id}`);
      expect(children.total).toBe(2);
      expect((await ok<PortalRunsPage>('/api/v1/portal/runs?text=DISK%20FULL')).items.map((r) => r.job_name)).toEqual(['build_dashboard']);
      // LIKE wildcards are plain characters: `%` and `_` match only themselves.
      expect((await ok<PortalRunsPage>('/api/v1/portal/runs?text=%25')).total).toBe(0);
      expect((await ok<PortalRunsPage>('/api/v1/portal/runs?text=compute_derived')).total).toBe(3);
      expect((await ok<PortalRunsPage>('/api/v1/portal/runs?text=compute%5Fx')).total).toBe(0);
      // Run ids match by prefix.
      expect((await ok<PortalRunsPage>(`/api/v1/portal/runs?text=${parent.run_id.slice(0, 8)}`)).items.map((r) => r.run_id)).toContain(parent.run_id);
      // args text: the derived run of 2026-11-20 is the only run whose args mention that as_of.
      expect((await ok<PortalRunsPage>('/api/v1/portal/runs?job=compute_derived&text=2026-11-20')).total).toBe(1);
      expect((await ok<PortalRunsPage>('/api/v1/portal/runs?since=2999-01-01')).total).toBe(0);
      expect((await ok<PortalRunsPage>('/api/v1/portal/runs?until=2000-01-01')).items).toEqual([]);
      const list = await ok<PortalRunsPage>(`/api/v1/portal/runs?job=daily_graph`);
      expect(list.items[0]?.child_count).toBe(2);
    });

    it('answers a run with its args, events, checks, parent and children; 404 for an unknown run', async () => {
      const detail = await ok<PortalRunDetail>(`/api/v1/portal/runs/${parent.run_id}`);
      expect(detail.run).toMatchObject({ run_id: parent.run_id, job_name: 'daily_graph', status: 'success', args_json: { partition: '2026-11-24' } });
      expect(detail.children_total).toBe(2);
      expect(detail.children.map((c) => c.job_name)).toEqual(['compute_derived', 'compute_derived']);
      const child = await ok<PortalRunDetail>(`/api/v1/portal/runs/${detail.children[0]?.run_id}`);
      expect(child.parent?.run_id).toBe(parent.run_id);
      expect(child.events).toEqual([expect.objectContaining({ asset_key: 'derived_daily', partition_key: 'SPY', status: 'success' })]);
      expect(child.checks).toEqual([expect.objectContaining({ check_name: 'derived_no_duplicate_keys', status: 'pass', partition_key: 'SPY' })]);
      const missing = await get<{ message: string; reason: string }>('/api/v1/portal/runs/nope');
      expect(missing).toEqual({ status: 404, body: expect.objectContaining({ message: 'run nope does not exist', reason: 'run_missing' }) });
    });

    it('refuses bad filters with 400 naming the field', async () => {
      const cases: [string, RegExp][] = [
        ['/api/v1/portal/runs?status=done', /status must be one of the following values/],
        ['/api/v1/portal/runs?triggered_by=cron', /triggered_by must be one of the following values/],
        ['/api/v1/portal/runs?limit=0', /limit must not be less than 1/],
        ['/api/v1/portal/runs?limit=501', /limit must not be greater than 500/],
        ['/api/v1/portal/runs?offset=-1', /offset must not be less than 0/],
        ['/api/v1/portal/runs?since=yesterday', /since must be a valid ISO 8601 date string/],
        ['/api/v1/portal/runs?cursor=abc', /cursor: is not a cursor returned by this endpoint/],
        ['/api/v1/portal/runs?sort=job', /property sort should not exist/],
      ];
      for (const [p, pattern] of cases) {
        const res = await get<{ message: string | string[] }>(p);
        expect([p, res.status]).toEqual([p, 400]);
        expect([p, [res.body.message].flat().join('; ')]).toEqual([p, expect.stringMatching(pattern)]);
      }
    });
  });

  describe('symbol explorer and derived history', () => {
    it('lists symbols and serves the last candles, one per session, oldest first', async () => {
      expect(await ok<PortalSymbols>('/api/v1/portal/symbols')).toEqual({ symbols: ['SPY'], default_symbol: 'SPY' });
      const candles = await ok<PortalCandles>('/api/v1/portal/symbols/spy/candles?limit=30');
      expect(candles.symbol).toBe('SPY');
      expect(candles.rows).toHaveLength(30);
      const expected = await sql(`SELECT strftime(ts, '%Y-%m-%d') AS d, close FROM candles_daily WHERE symbol = 'SPY' AND interval = '1d' ORDER BY ts DESC LIMIT 30`);
      expect(candles.rows.map((r) => r.date)).toEqual(expected.map((r) => r['d']).reverse());
      expect(candles.latest).toEqual(candles.rows[29]);
      expect(candles.latest?.close).toBe(expected[0]?.['close']);
      expect((await ok<PortalCandles>('/api/v1/portal/symbols/SPY/candles')).rows.length).toBe(365);
      expect(await ok<PortalCandles>('/api/v1/portal/symbols/QQQ/candles')).toEqual({ symbol: 'QQQ', rows: [], latest: null });
    });

    it('summarises the latest snapshot like an independent SQL recomputation', async () => {
      const { snapshot } = await ok<PortalSnapshotResponse>('/api/v1/portal/symbols/SPY/snapshot');
      expect(snapshot?.snapshot_date).toBe('2026-11-24');
      const [t] = await sql(`SELECT count(*)::INTEGER AS n, sum(open_interest)::DOUBLE AS oi, sum(CASE WHEN option_type = 'put' THEN open_interest ELSE 0 END)::DOUBLE AS put_oi,
        sum(CASE WHEN option_type = 'call' THEN open_interest ELSE 0 END)::DOUBLE AS call_oi, sum(volume)::DOUBLE AS vol,
        sum(CASE WHEN implied_volatility > 0 THEN implied_volatility END) / count(CASE WHEN implied_volatility > 0 THEN 1 END) AS iv
        FROM options_snapshot_rows WHERE symbol = 'SPY' AND snapshot_date = DATE '2026-11-24'`);
      expect(snapshot).toMatchObject({ contracts: t?.['n'], total_oi: t?.['oi'], call_oi: t?.['call_oi'], put_oi: t?.['put_oi'], total_volume: t?.['vol'] });
      expect(snapshot?.put_call_oi_ratio).toBeCloseTo(Number(t?.['put_oi']) / Number(t?.['call_oi']), 12);
      expect(snapshot?.avg_iv).toBeCloseTo(Number(t?.['iv']), 12);
      const [spot] = await sql(`SELECT spot FROM options_snapshot_headers WHERE symbol = 'SPY' AND snapshot_date = DATE '2026-11-24'`);
      expect(snapshot?.spot).toBe(spot?.['spot']);
      const strikes = await sql(`SELECT DISTINCT strike FROM options_snapshot_rows WHERE symbol = 'SPY' AND snapshot_date = DATE '2026-11-24'`);
      const nearest = strikes.map((r) => Number(r['strike'])).sort((a, b) => Math.abs(a - Number(spot?.['spot'])) - Math.abs(b - Number(spot?.['spot'])) || a - b)[0];
      expect(snapshot?.atm_strike).toBe(nearest);
      expect(snapshot?.top_strikes).toHaveLength(15);
      const top = snapshot?.top_strikes ?? [];
      for (let i = 1; i < top.length; i += 1) expect((top[i - 1]?.total_oi ?? 0) >= (top[i]?.total_oi ?? 0)).toBe(true);
      for (const s of top) expect(s.total_oi).toBe(s.call_oi + s.put_oi);
      expect(await ok<PortalSnapshotResponse>('/api/v1/portal/symbols/QQQ/snapshot')).toEqual({ symbol: 'QQQ', snapshot: null });
    });

    it('derives the snippet and history summary from the stored derived rows', async () => {
      const rows = await sql(`SELECT strftime(date, '%Y-%m-%d') AS d, spot, atm_iv_near FROM derived_daily WHERE symbol = 'SPY' ORDER BY date DESC`);
      expect(rows.map((r) => r['d'])).toEqual(['2026-11-24', '2026-11-23', '2026-11-20']);
      const [latest, prev] = rows as [Record<string, number>, Record<string, number>];
      const snippet = await ok<PortalDerivedSnippet>('/api/v1/portal/symbols/SPY/derived');
      expect(snippet.summary).toMatchObject({ as_of: '2026-11-24', spot: latest['spot'], sample_rows: 3 });
      expect(snippet.summary?.spot_change_1d).toBeCloseTo((latest['spot'] - prev['spot']) / prev['spot'], 12);
      expect(snippet.summary?.atm_iv_change_1d).toBeCloseTo(latest['atm_iv_near'] - prev['atm_iv_near'], 12);
      expect(snippet.recent_rows.map((r) => r.date)).toEqual(['2026-11-24', '2026-11-23', '2026-11-20']);
      const history = await ok<PortalDerivedHistory>('/api/v1/portal/symbols/SPY/derived/history?window_days=30');
      expect(history).toMatchObject({ window_days: 30, start_date: '2026-10-26', end_date: '2026-11-24', truncated: false });
      expect(history.rows.map((r) => r.date)).toEqual(['2026-11-20', '2026-11-23', '2026-11-24']);
      expect(history.summary).toEqual(snippet.summary);
      const none = await ok<PortalDerivedSnippet>('/api/v1/portal/symbols/QQQ/derived');
      expect(none).toEqual({ symbol: 'QQQ', summary: null, recent_rows: [] });
    });

    it('refuses a bad symbol or window with 400', async () => {
      for (const [p, pattern] of [
        ['/api/v1/portal/symbols/SP%20Y/candles', /symbol must contain only/],
        ['/api/v1/portal/symbols/SPY%3B/snapshot', /symbol must contain only/],
        ['/api/v1/portal/symbols/SPY/derived/history?window_days=29', /window_days must not be less than 30/],
        ['/api/v1/portal/symbols/SPY/derived/history?window_days=731', /window_days must not be greater than 730/],
        ['/api/v1/portal/symbols/SPY/candles?limit=abc', /limit must be an integer/],
      ] as [string, RegExp][]) {
        const res = await get<{ message: string | string[] }>(p);
        expect([p, res.status, [res.body.message].flat().join('; ')]).toEqual([p, 400, expect.stringMatching(pattern)]);
      }
    });
  });

  describe('flow', () => {
    it('summarises partitions with the §10 sums and ordering, falling back to a present group', async () => {
      const parts = await ok<PortalFlowPartitions>('/api/v1/portal/flow/SPY/partitions');
      expect(parts).toMatchObject({ groups: ['contract', 'expiry-strike'], requested_group_by: 'expiry-strike', group_by: 'expiry-strike', as_of_min: '2026-11-23', as_of_max: '2026-11-24', from: '2026-11-23', to: '2026-11-24' });
      expect(parts.partitions.map((p) => [p.as_of, p.from_date, p.to_date, p.window])).toEqual([['2026-11-24', '2026-11-23', '2026-11-24', 1], ['2026-11-23', '2026-11-20', '2026-11-23', 1]]);
      const [sums] = await sql(`SELECT count(*)::INTEGER AS n, sum(coalesce(delta_oi_notional, 0)) AS d, sum(coalesce(volume_notional, 0)) AS v FROM options_flow
        WHERE symbol = 'SPY' AND group_by = 'expiry-strike' AND as_of = DATE '2026-11-24'`);
      expect(parts.partitions[0]?.rows).toBe(sums?.['n']);
      expectSum(parts.partitions[0]?.net_delta_oi_notional, Number(sums?.['d']));
      expectSum(parts.partitions[0]?.total_volume_notional, Number(sums?.['v']));
      const strike = await ok<PortalFlowPartitions>('/api/v1/portal/flow/SPY/partitions?group_by=strike');
      expect(strike).toMatchObject({ requested_group_by: 'strike', group_by: 'contract' });
      expect(strike.partitions.map((p) => p.window)).toEqual([2]);
      const ranged = await ok<PortalFlowPartitions>('/api/v1/portal/flow/SPY/partitions?from=2026-11-24&to=2026-11-24');
      expect(ranged.partitions).toHaveLength(1);
      expect(await ok<PortalFlowPartitions>('/api/v1/portal/flow/QQQ/partitions')).toMatchObject({ groups: [], group_by: null, partitions: [] });
    });

    it('returns a partition’s top rows by |ΔOI$|, |volume notional|, row_key with KPIs and a call/put/other split', async () => {
      const q = 'as_of=2026-11-24&from_date=2026-11-23&to_date=2026-11-24&window=1&group_by=expiry-strike';
      const rows = await ok<PortalFlowRows>(`/api/v1/portal/flow/SPY/rows?${q}&top=10`);
      const all = await sql(`SELECT row_key, option_type, delta_oi_notional AS d, volume_notional AS v, delta_notional AS dn FROM options_flow
        WHERE symbol = 'SPY' AND group_by = 'expiry-strike' AND as_of = DATE '2026-11-24' AND window_size = 1`);
      const ordered = [...all].sort((a, b) => Math.abs(Number(b['d'])) - Math.abs(Number(a['d'])) || Math.abs(Number(b['v'])) - Math.abs(Number(a['v'])) || String(a['row_key']).localeCompare(String(b['row_key'])));
      expect(rows.rows.map((r) => r.row_key)).toEqual(ordered.slice(0, 10).map((r) => r['row_key']));
      expect(rows.total_rows).toBe(all.length);
      const sum = (rs: Record<string, unknown>[], k: string) => rs.reduce((s, r) => s + Number(r[k] ?? 0), 0);
      expectSum(rows.net_delta_oi_notional, sum(all, 'd'));
      expectSum(rows.net_delta_notional, sum(all, 'dn'));
      const calls = all.filter((r) => r['option_type'] === 'call');
      expect(rows.by_type.map((t) => t.option_type)).toEqual(['call', 'put', 'other']);
      expect(rows.by_type[0]?.rows).toBe(calls.length);
      expectSum(rows.by_type[0]?.delta_oi_notional, sum(calls, 'd'));
      expect(rows.by_type[2]?.rows).toBe(0);
      expect(rows.rows[0]?.label).toMatch(/^(CALL|PUT) \d+(\.\d+)? 2026-\d{2}-\d{2}$/);
      const contract = await ok<PortalFlowRows>('/api/v1/portal/flow/SPY/rows?as_of=2026-11-24&from_date=2026-11-20&to_date=2026-11-24&window=2&group_by=contract');
      expect(contract.rows[0]?.label).toBe(contract.rows[0]?.contract_symbol);
      const missing = await get<{ reason: string }>(`/api/v1/portal/flow/SPY/rows?${q.replace('window=1', 'window=3')}`);
      expect(missing).toEqual({ status: 404, body: expect.objectContaining({ reason: 'flow_partition_missing' }) });
      for (const [p, pattern] of [
        [`/api/v1/portal/flow/SPY/rows?${q}&top=201`, /top must not be greater than 200/],
        [`/api/v1/portal/flow/SPY/rows?${q.replace('as_of=2026-11-24', 'as_of=2026-02-30')}`, /as_of must be a date YYYY-MM-DD/],
        [`/api/v1/portal/flow/SPY/rows?${q.replace('&window=1', '')}`, /window must be an integer/],
        ['/api/v1/portal/flow/SPY/partitions?group_by=day', /group_by must be one of the following values/],
        ['/api/v1/portal/flow/SPY/partitions?from=2026-11-25&to=2026-11-24', /from: must be on or before to/],
      ] as [string, RegExp][]) {
        const res = await get<{ message: string | string[] }>(p);
        expect([p, res.status, [res.body.message].flat().join('; ')]).toEqual([p, 400, expect.stringMatching(pattern)]);
      }
    });
  });

  describe('data explorer', () => {
    it('lists schemas, tables with exact counts, columns and a preview with its quoted snippet', async () => {
      const schemas = await ok<PortalSchemas>('/api/v1/portal/data/schemas');
      expect(schemas.schemas).toEqual(expect.arrayContaining(['main', 'meta']));
      expect(schemas.schemas).not.toContain('information_schema');
      expect(schemas.schemas).not.toContain('pg_catalog');
      const tables = await ok<PortalTables>('/api/v1/portal/data/schemas/meta/tables');
      const runs = tables.tables.find((t) => t.name === 'ingestion_runs');
      const [{ n }] = (await sql('SELECT count(*)::INTEGER AS n FROM meta.ingestion_runs')) as [{ n: number }];
      expect(runs).toEqual({ name: 'ingestion_runs', kind: 'table', rows: n });
      const columns = await ok<PortalColumns>('/api/v1/portal/data/schemas/meta/tables/ingestion_runs/columns');
      expect(columns.columns[0]).toEqual({ column_name: 'run_id', data_type: 'VARCHAR', is_nullable: 'NO', column_default: null, ordinal_position: 1 });
      expect(columns.columns.find((c) => c.column_name === 'parent_run_id')?.is_nullable).toBe('YES');
      const preview = await ok<PortalPreview>('/api/v1/portal/data/schemas/main/tables/candles_daily/preview?limit=10');
      expect(preview).toMatchObject({ schema: 'main', table: 'candles_daily', limit: 10, row_count: 10, snippet: 'SELECT * FROM "main"."candles_daily" LIMIT 10;' });
      expect(preview.rows).toHaveLength(10);
      expect(preview.columns.map((c) => c.name)).toContain('close');
      expect((await ok<PortalPreview>('/api/v1/portal/data/schemas/main/tables/candles_daily/preview')).row_count).toBe(50);
    });

    it('only quotes names found in the catalog: unknown or hostile names are 404, limits outside 10–500 are 400', async () => {
      const hostile = encodeURIComponent('candles_daily" ; DROP TABLE candles_daily; --');
      for (const [p, reason] of [
        ['/api/v1/portal/data/schemas/nope/tables', 'unknown_schema'],
        ['/api/v1/portal/data/schemas/information_schema/tables', 'unknown_schema'],
        ['/api/v1/portal/data/schemas/main/tables/nope/columns', 'unknown_table'],
        [`/api/v1/portal/data/schemas/main/tables/${hostile}/preview`, 'unknown_table'],
      ]) {
        expect([p, await get(p as string)]).toEqual([p, { status: 404, body: expect.objectContaining({ reason }) }]);
      }
      expect((await sql('SELECT count(*)::INTEGER AS n FROM candles_daily'))[0]?.['n']).toBeGreaterThan(0);
      for (const limit of ['9', '501', 'x']) {
        expect((await get(`/api/v1/portal/data/schemas/main/tables/candles_daily/preview?limit=${limit}`)).status).toBe(400);
      }
    });

    it('the SQL box endpoint refuses a write statement with its reason', async () => {
      const res = await fetch(`${server.url}/api/v1/sql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sql: 'DELETE FROM candles_daily' }) });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { reason: string }).reason).toBeTruthy();
    });
  });

  describe('portfolio', () => {
    const portfolioFile = () => path.join(dataDir, 'portfolio.json');
    const portfolio = {
      cash: 1000,
      risk_profile: { max_portfolio_risk_pct: 0.2 },
      positions: [
        { id: 'b', symbol: 'spy', option_type: 'call', expiry: '2026-12-18', strike: 600, contracts: 2, cost_basis: 3.5 },
        { id: 'a', symbol: 'SPY', legs: [
          { side: 'long', option_type: 'put', expiry: '2026-12-18', strike: 580, contracts: 1 },
          { side: 'short', option_type: 'put', expiry: '2027-01-15', strike: 560, contracts: 1 },
        ], net_debit: 1.25 },
      ],
    };

    it('answers 404 naming the missing file, then 422 naming the JSON path of an invalid field', async () => {
      const missing = await get<{ reason: string; path: string; message: string }>('/api/v1/portal/portfolio');
      expect(missing).toEqual({ status: 404, body: expect.objectContaining({ reason: 'portfolio_missing', path: portfolioFile(), message: `portfolio file not found: ${portfolioFile()}` }) });
      const bad = path.join(dataDir, 'bad.json');
      fs.writeFileSync(bad, JSON.stringify({ positions: [{ id: 'x', symbol: 'SPY', option_type: 'call', expiry: '2026-12-18', strike: -1, contracts: 1, cost_basis: 1 }] }));
      const invalid = await get<{ reason: string; issues: { path: string; reason: string }[] }>(`/api/v1/portal/portfolio?portfolio_path=${encodeURIComponent(bad)}`);
      expect(invalid.status).toBe(422);
      expect(invalid.body).toMatchObject({ reason: 'portfolio_invalid', issues: [{ path: '$.positions[0].strike', reason: expect.stringMatching(/> 0/) }] });
      fs.writeFileSync(bad, '{"positions": [');
      expect(await get(`/api/v1/portal/portfolio?portfolio_path=${encodeURIComponent(bad)}`)).toEqual({ status: 422, body: expect.objectContaining({ issues: [expect.objectContaining({ path: '$' })] }) });
      expect((await get('/api/v1/portal/portfolio?portfolio_path=/etc/passwd')).status).toBe(400);
      fs.rmSync(bad);
    });

    it('computes positions and the risk summary, and merges the newest briefing’s exposure and stress', async () => {
      fs.writeFileSync(portfolioFile(), JSON.stringify(portfolio));
      try {
        const computed = await ok<PortalPortfolio>('/api/v1/portal/portfolio');
        expect(computed.positions.map((p) => [p.id, p.structure, p.contracts, p.premium_at_risk])).toEqual([
          ['a', 'multi-leg', 0, 125], // max(0, 1.25) × 100 × 1 spread
          ['b', 'single', 2, 700], // 3.5 × 100 × 2
        ]);
        // capital = cash 1000 + premium 825 = 1825; max portfolio risk 20% = 365.
        expect(computed.risk_summary).toMatchObject({ source: 'computed', position_count: 2, symbol_count: 1, premium_at_risk: 825, capital_cost_basis: 1825, max_portfolio_risk_dollars: 365, next_expiry: '2026-12-18' });
        expect(computed.risk_summary.note).toMatch(/Briefing summary unavailable/);
        const daily = path.join(dataDir, 'reports', 'daily');
        fs.mkdirSync(daily, { recursive: true });
        fs.writeFileSync(path.join(daily, '2026-11-23.json'), '{}');
        fs.writeFileSync(path.join(daily, '2026-11-24.json'), JSON.stringify({
          report_date: '2026-11-24', generated_at: '2026-11-24T22:00:00Z', portfolio_path: 'data/portfolio.json',
          portfolio: { exposure: { as_of: '2026-11-24', positions: [{ id: 'a' }, { id: 'b' }], total_delta_shares: 42.5, total_theta_dollars_per_day: -12, total_vega_dollars_per_iv: null, missing_greeks: 0, warnings: ['w1'] },
            stress: [{ label: 'Spot +5%', pnl: 150, pnl_pct: 0.2, warnings: [] }] },
        }));
        const merged = await ok<PortalPortfolio>('/api/v1/portal/portfolio');
        expect(merged.briefing_path).toBe(path.join(daily, '2026-11-24.json'));
        expect(merged.risk_summary).toMatchObject({ source: 'briefing', report_date: '2026-11-24', total_delta_shares: 42.5, total_theta_dollars_per_day: -12, total_vega_dollars_per_iv: null, premium_at_risk: 825 });
        expect(merged.stress).toEqual([{ label: 'Spot +5%', pnl: 150, pnl_pct: 0.2, warnings: [] }]);
        expect(merged.warnings).toEqual(['w1']);
        const otherReports = await ok<PortalPortfolio>(`/api/v1/portal/portfolio?reports_dir=${encodeURIComponent(path.join(dataDir, 'elsewhere'))}`);
        expect(otherReports.risk_summary.source).toBe('computed');
      } finally {
        fs.rmSync(portfolioFile(), { force: true });
        fs.rmSync(path.join(dataDir, 'reports'), { recursive: true, force: true });
      }
    });
  });

  describe('coverage', () => {
    it('grids assets × sessions with event, watermark, failed and missing cells and the run to open', async () => {
      const cov = await ok<PortalCoverage>('/api/v1/portal/coverage?to=2026-11-24&sessions=5');
      expect(cov.sessions).toEqual(['2026-11-18', '2026-11-19', '2026-11-20', '2026-11-23', '2026-11-24']);
      expect(cov.assets.map((a) => a.asset_key)).toEqual(['candles_daily', 'option_bars', 'options_snapshots', 'options_flow', 'derived_daily', 'briefing_markdown', 'dashboard_view']);
      const row = (asset: string) => cov.assets.find((a) => a.asset_key === asset)?.cells.map((c) => `${c.state}/${c.basis}`);
      expect(row('options_snapshots')).toEqual(['materialized/watermark', 'materialized/watermark', 'materialized/event', 'materialized/event', 'materialized/event']);
      expect(row('derived_daily')).toEqual(['materialized/watermark', 'materialized/watermark', 'materialized/event', 'materialized/event', 'materialized/event']);
      expect(row('option_bars')).toEqual(Array(5).fill('missing/null'));
      expect(row('dashboard_view')).toEqual(['missing/null', 'failed/event', 'missing/null', 'missing/null', 'missing/null']);
      const failedCell = cov.assets.find((a) => a.asset_key === 'dashboard_view')?.cells[1];
      expect(failedCell).toMatchObject({ detail: 'disk full', events: 1 });
      const snapRun = cov.assets.find((a) => a.asset_key === 'options_snapshots')?.cells[4]?.run_id;
      const [expectedRun] = await sql(`SELECT run_id FROM meta.ingestion_run_assets WHERE asset_key = 'options_snapshots' AND max_event_ts = TIMESTAMP '2026-11-24'`);
      expect(snapRun).toBe(expectedRun?.['run_id']);
      expect(cov.counts.failed).toBe(1);
      expect(cov.counts.materialized + cov.counts.missing + cov.counts.failed + cov.counts.skipped + cov.counts.waived).toBe(35);
    });

    it('marks a waived partition when meta.partition_waivers has a row (nothing waived without the table)', async () => {
      const before = await ok<PortalCoverage>('/api/v1/portal/coverage?to=2026-11-24&sessions=5&assets=option_bars');
      const table = await sql(`SELECT table_name FROM duckdb_tables() WHERE schema_name = 'meta' AND table_name = 'partition_waivers'`);
      expect(before.waivers_available).toBe(table.length === 1);
      expect(before.counts.waived).toBe(0);
      if (!before.waivers_available) return;
      await server.ledger.queue.enqueue((conn) => conn.run(`INSERT INTO meta.partition_waivers (asset_key, partition_key, reason, waived_at) VALUES ('option_bars', '2026-11-20', 'provider outage', TIMESTAMP '2026-11-21 00:00:00')`));
      try {
        const cov = await ok<PortalCoverage>('/api/v1/portal/coverage?to=2026-11-24&sessions=5&assets=option_bars');
        expect(cov.assets[0]?.cells.map((c) => c.state)).toEqual(['missing', 'missing', 'waived', 'missing', 'missing']);
        expect(cov.assets[0]?.cells[2]?.detail).toBe('provider outage');
      } finally {
        await server.ledger.queue.enqueue((conn) => conn.run(`DELETE FROM meta.partition_waivers WHERE asset_key = 'option_bars'`));
      }
    });

    it('defaults to 30 sessions, accepts a from..to range and refuses bad ranges with 400', async () => {
      expect((await ok<PortalCoverage>('/api/v1/portal/coverage')).sessions).toHaveLength(30);
      const ranged = await ok<PortalCoverage>('/api/v1/portal/coverage?from=2026-11-21&to=2026-11-24');
      expect(ranged.sessions).toEqual(['2026-11-23', '2026-11-24']);
      for (const [p, pattern] of [
        ['/api/v1/portal/coverage?sessions=401', /sessions must not be greater than 400/],
        ['/api/v1/portal/coverage?from=2024-01-02&to=2026-11-24', /from: spans \d+ sessions; at most 400/],
        ['/api/v1/portal/coverage?from=2026-11-25&to=2026-11-24', /from: must be on or before to/],
        ['/api/v1/portal/coverage?to=tomorrow', /to must be a date YYYY-MM-DD/],
        ['/api/v1/portal/coverage?to=1990-01-02', /^to: /],
        ['/api/v1/portal/coverage?assets=candles_daily,secrets', /assets must be comma-separated asset keys/],
      ] as [string, RegExp][]) {
        const res = await get<{ message: string | string[] }>(p);
        expect([p, res.status, [res.body.message].flat().join('; ')]).toEqual([p, 400, expect.stringMatching(pattern)]);
      }
    });
  });
});
