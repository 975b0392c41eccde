import * as fs from 'node:fs';
import * as path from 'node:path';
import { BRIEFING_DISCLAIMER, JsonSchema, validateJsonSchema } from '@options-helper/domain';
import { inProcessChecks } from '../checks/checks-runner';
import { ingestCandles } from '../ingest-candles/ingest-candles.job';
import { snapshotOptions } from '../snapshot-options/snapshot-options.job';
import { Harness, jobHarness } from '../testing/job-harness';
import { buildDashboard } from '../build-dashboard/build-dashboard.job';
import { buildBriefing } from './build-briefing.job';

jest.setTimeout(240_000);

const repoRoot = path.join(__dirname, '../../../..');
const schema = JSON.parse(fs.readFileSync(path.join(repoRoot, 'docs/schemas/briefing.schema.json'), 'utf8')) as JsonSchema;
const configDir = path.join(repoRoot, 'config');

describe('build_briefing and build_dashboard (DOMAIN.md §3.6, §6)', () => {
  let h: Harness;
  let portfolioPath: string;
  beforeAll(async () => {
    h = await jobHarness({ watchlists: { monitor: ['SPY', 'QQQ'], snap: ['SPY'] } });
    h.ctx.checks = inProcessChecks;
    await ingestCandles(h.ctx, { symbols: ['SPY'] });
    for (const asOf of ['2026-11-24', '2026-11-25']) await snapshotOptions(h.ctx, { watchlists: ['snap'], asOf, maxExpiries: 3 });
    const [c] = await h.sql(`SELECT strftime(expiry, '%Y-%m-%d') AS expiry, strike FROM options_snapshot_rows WHERE symbol = 'SPY' AND snapshot_date = DATE '2026-11-25' AND option_type = 'call' AND bid > 0 ORDER BY abs(delta - 0.5), contract_symbol LIMIT 1`);
    const [p1, p2] = await h.sql(`SELECT strftime(expiry, '%Y-%m-%d') AS expiry, strike FROM options_snapshot_rows WHERE symbol = 'SPY' AND snapshot_date = DATE '2026-11-25' AND option_type = 'put' AND bid > 0 ORDER BY abs(delta + 0.3), contract_symbol LIMIT 2`);
    portfolioPath = path.join(h.dir, 'portfolio.json');
    fs.writeFileSync(
      portfolioPath,
      JSON.stringify({
        cash: 5000,
        positions: [
          { id: 'spy-c', symbol: 'SPY', option_type: 'call', expiry: c?.['expiry'], strike: c?.['strike'], contracts: 2, cost_basis: 3 },
          { id: 'spy-ps', symbol: 'SPY', net_debit: 0.5, legs: [
            { side: 'long', option_type: 'put', expiry: p1?.['expiry'], strike: p1?.['strike'], contracts: 1 },
            { side: 'short', option_type: 'put', expiry: p2?.['expiry'], strike: p2?.['strike'], contracts: 1 },
          ] },
        ],
      }),
    );
  });
  afterAll(() => h.cleanup());

  it('writes Markdown and schema-valid JSON; a symbol without snapshots gets an error line and the run succeeds', async () => {
    const result = await buildBriefing(h.ctx, { portfolioPath, watchlists: ['monitor'], configDir });
    expect(result.exitCode).toBe(0);
    expect(result.outcomes.map((o) => [o.symbol, o.status])).toEqual([['QQQ', 'failed'], ['SPY', 'ok']]);
    const md = fs.readFileSync(path.join(h.dir, 'reports/daily/2026-11-25.md'), 'utf8');
    expect(md.split('\n').slice(0, 2)).toEqual(['# Daily briefing (2026-11-25)', `> ${BRIEFING_DISCLAIMER}`]);
    for (const heading of ['## Portfolio', '## QQQ (no snapshot)', '## SPY (2026-11-25)', '### Technicals', '### Strike map (spot + ATR distance)', '### Chain', '### Compare', '### Flow (net, aggregated by strike)']) {
      expect(md).toContain(`\n${heading}\n`);
    }
    expect(md).toContain('## QQQ (no snapshot)\n- Errors:\n  - no snapshot for QQQ (run snapshot-options first)\n');
    expect(md).toContain('- Derived: updated');
    expect(md).toMatch(/\| spy-ps \| SPY \| multi \|/);

    const json = JSON.parse(fs.readFileSync(path.join(h.dir, 'reports/daily/2026-11-25.json'), 'utf8'));
    expect(validateJsonSchema(schema, json)).toEqual([]);
    expect(json).toMatchObject({ schema_version: 1, report_date: '2026-11-25', as_of: '2026-11-25', disclaimer: BRIEFING_DISCLAIMER, symbols: ['QQQ', 'SPY'], top: 3 });
    const spy = json.sections.find((s: { symbol: string }) => s.symbol === 'SPY');
    expect(spy.technicals.atr).toBeGreaterThan(0);
    expect(spy.compare).toMatchObject({ from_date: '2026-11-24', to_date: '2026-11-25' });
    expect(spy.flow_net.length).toBeGreaterThan(0);
    expect(spy.confluence.coverage_pct).toBeGreaterThan(0);
    expect(json.portfolio.exposure.positions).toHaveLength(3);
    expect(json.portfolio.stress.map((s: { label: string }) => s.label)).toEqual(['Spot +5%', 'Spot -5%', 'IV +5.0pp', 'IV -5.0pp', 'Time +7d']);
    expect(json.symbol_sources).toEqual([{ symbol: 'QQQ', sources: ['watchlist:monitor'] }, { symbol: 'SPY', sources: ['portfolio', 'watchlist:monitor'] }]);

    expect(result.checks).toMatchObject([{ check_name: 'briefing_markdown_nonempty', status: 'pass', scope_key: '2026-11-25' }]);
    const events = await h.ledger.listRunEvents(result.runId);
    expect(events.map((e) => [e.asset_key, e.partition_key, e.status]).sort()).toEqual([
      ['briefing_json', '2026-11-25', 'success'],
      ['briefing_markdown', '2026-11-25', 'success'],
      ['derived_daily', 'SPY', 'success'],
    ]);
    expect((await h.ledger.getRun(result.runId))?.status).toBe('success');
    const marks = (await h.ledger.health()).watermarks.filter((w) => w.asset_key.startsWith('briefing')).map((w) => [w.asset_key, w.scope_key, w.watermark_ts.slice(0, 10)]);
    expect(marks.sort()).toEqual([['briefing_json', 'ALL', '2026-11-25'], ['briefing_markdown', 'ALL', '2026-11-25']]);
    expect(await h.sql(`SELECT count(*) AS n FROM derived_daily WHERE symbol = 'SPY'`)).toEqual([{ n: 1 }]);
  });

  it('--strict fails on section errors; --no-write-json skips the JSON; --out names the file', async () => {
    const out = path.join(h.dir, 'custom', 'brief.md');
    const strict = await buildBriefing(h.ctx, { symbols: ['SPY', 'QQQ'], strict: true, writeJson: false, out, configDir, compare: 'none', updateDerived: false });
    expect(strict.exitCode).toBe(1);
    expect(fs.existsSync(out)).toBe(true);
    expect(fs.existsSync(path.join(h.dir, 'custom', 'brief.json'))).toBe(false);
    const events = await h.ledger.listRunEvents(strict.runId);
    expect(events.find((e) => e.asset_key === 'briefing_json')?.status).toBe('skipped');
    expect((await h.ledger.getRun(strict.runId))?.status).toBe('failed');
  });

  it('fails the run when no symbol has a snapshot or nothing is selected, and refuses a malformed portfolio before starting', async () => {
    await expect(buildBriefing(h.ctx, { symbols: ['QQQ'], configDir })).rejects.toThrow('no snapshot for any symbol (QQQ)');
    const runsBefore = (await h.sql('SELECT count(*) AS n FROM meta.ingestion_runs'))[0]?.['n'];
    const bad = path.join(h.dir, 'bad-portfolio.json');
    fs.writeFileSync(bad, JSON.stringify({ positions: [{ id: 'x', symbol: 'SPY', option_type: 'call', expiry: '2026-12-18', strike: -1, contracts: 1, cost_basis: 1 }] }));
    const out = path.join(h.dir, 'never');
    expect(() => buildBriefing(h.ctx, { portfolioPath: bad, out, configDir })).toThrow('$.positions[0].strike');
    expect(fs.existsSync(out)).toBe(false);
    expect((await h.sql('SELECT count(*) AS n FROM meta.ingestion_runs'))[0]?.['n']).toEqual(runsBefore);
    expect(() => buildBriefing(h.ctx, { symbols: ['SPY'], top: 11 })).toThrow('--top must be an integer from 1 to 10');
    expect(() => buildBriefing(h.ctx, { portfolioPath: path.join(h.dir, 'missing.json') })).toThrow(`portfolio file not found: ${path.join(h.dir, 'missing.json')}`);
    expect(() => buildBriefing(h.ctx, { symbols: ['SPY'], compare: 'yesterday' })).toThrow('--compare must be');
  });

  it('build_dashboard writes the view of the latest briefing', async () => {
    const result = await buildDashboard(h.ctx, {});
    const view = JSON.parse(fs.readFileSync(path.join(h.dir, 'reports/dashboard/2026-11-25.json'), 'utf8'));
    expect(view).toMatchObject({ report_date: '2026-11-25', disclaimer: BRIEFING_DISCLAIMER, repaired_fields: [] });
    expect(String(result.details['text'])).toContain('Watchlist monitor');
    const events = await h.ledger.listRunEvents(result.runId);
    expect(events).toMatchObject([{ asset_key: 'dashboard_view', asset_kind: 'view', partition_key: '2026-11-25', status: 'success' }]);
    await expect(buildDashboard(h.ctx, { date: '2026-01-02' })).rejects.toThrow('briefing JSON not found');
  });
});
