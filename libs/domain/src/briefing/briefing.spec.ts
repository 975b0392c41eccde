import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildChainReport, ChainReportRow } from '../derived/chain-report';
import { JsonSchema, validateJsonSchema } from '../json/json-schema.validator';
import { ContractQuote, portfolioExposure, stressScenarios } from '../portfolio/exposure';
import { parsePortfolio } from '../portfolio/portfolio.parser';
import { confluenceScore } from '../technicals/confluence';
import { buildBriefingJson } from './briefing-json.builder';
import { buildBriefingMarkdown } from './briefing-markdown.builder';
import { briefingPortfolioRows } from './briefing-portfolio.table';
import { BRIEFING_DISCLAIMER, BriefingReport, briefingReportDate, emptySection, flowCallsMinusPuts } from './briefing.types';
import { buildCompareReport, resolveCompareDate } from './compare-report';
import { buildDashboardView, renderDashboard } from './dashboard-view.builder';
import { nextEarnings, parseEarningsCalendar } from './earnings';

const schema = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../../docs/schemas/briefing.schema.json'), 'utf8')) as JsonSchema;

const row = (over: Partial<ChainReportRow & ContractQuote>): ChainReportRow & ContractQuote => ({
  contract_symbol: 'X',
  option_type: 'call',
  expiry: '2026-12-18',
  strike: 100,
  bid: 2,
  ask: 2.2,
  last_price: 2.1,
  volume: 10,
  open_interest: 100,
  implied_volatility: 0.2,
  delta: 0.5,
  gamma: 0.05,
  ...over,
});

describe('earnings lookup (DOMAIN.md §6.1 step 1)', () => {
  const cal = parseEarningsCalendar({ spy: ['2027-01-20', '2026-10-20'] });
  it('finds the next date, else the latest earlier one, with warnings', () => {
    // 2026-11-25 → 2027-01-20: 5 (to 11-30) + 31 + 20 = 56 days; within 60d; an expiry on 2027-01-21 crosses it.
    expect(nextEarnings(cal['SPY'], '2026-11-25', 60, ['2027-01-21'])).toEqual({ date: '2027-01-20', days_until: 56, warnings: ['earnings_within_60d', 'expiry_crosses_earnings'] });
    expect(nextEarnings(cal['SPY'], '2026-11-25', 21)).toEqual({ date: '2027-01-20', days_until: 56, warnings: [] });
    expect(nextEarnings(cal['SPY'], '2027-02-01', 21)).toEqual({ date: '2027-01-20', days_until: -12, warnings: ['earnings_unknown'] });
    expect(nextEarnings(undefined, '2027-02-01', 21)).toEqual({ date: null, days_until: null, warnings: ['earnings_unknown'] });
    expect(() => parseEarningsCalendar({ SPY: ['2026-13-01'] })).toThrow('$.SPY[0]: must be a valid YYYY-MM-DD date');
  });
});

describe('briefing portfolio table (DOMAIN.md §6.2)', () => {
  it('marks singles and nets multi-leg positions', () => {
    const portfolio = parsePortfolio({
      positions: [
        { id: 's1', symbol: 'SPY', option_type: 'call', expiry: '2026-12-18', strike: 100, contracts: 2, cost_basis: 1.5 },
        { id: 'm1', symbol: 'SPY', net_debit: 1, legs: [
          { side: 'long', option_type: 'call', expiry: '2026-12-18', strike: 100, contracts: 2 },
          { side: 'short', option_type: 'call', expiry: '2027-01-15', strike: 110, contracts: 4 },
        ] },
        { id: 'q1', symbol: 'QQQ', option_type: 'put', expiry: '2026-12-18', strike: 100, contracts: 1, cost_basis: 1 },
      ],
    });
    const rows = briefingPortfolioRows(portfolio, { SPY: { as_of: '2026-11-25', spot: 101, rows: [row({}), row({ expiry: '2027-01-15', strike: 110, bid: 0.4, ask: 0.6 })] } });
    // s1: mark (2 + 2.2) / 2 = 2.1; pnl (2.1 − 1.5) × 100 × 2 = 120; pct 2.1 / 1.5 − 1 = 0.4; spread 0.2 / 2.1 = 0.0952…
    // m1: spreads = min(2, 4) = 2; net mark 2.1 × 2/2 − 0.5 × 4/2 = 1.1; pnl (1.1 − 1) × 100 × 2 = 20; pct 0.1.
    expect(rows.map((r) => [r.id, r.option_type, r.expiry, r.contracts, r.pnl_pct === null ? null : Number(r.pnl_pct.toFixed(10))])).toEqual([
      ['s1', 'call', '2026-12-18', 2, 0.4],
      ['m1', 'multi', '2026-12-18..2027-01-15', 2, 0.1],
      ['q1', 'put', '2026-12-18', 1, null],
    ]);
    expect(rows[0]?.pnl).toBeCloseTo(120, 9);
    expect(rows[0]?.spr_pct).toBeCloseTo(0.2 / 2.1, 12);
    expect(rows[1]?.mark).toBeCloseTo(1.1, 12);
    expect(rows[1]?.pnl).toBeCloseTo(20, 9);
    expect(rows[2]).toMatchObject({ mark: null, pnl: null, as_of: null });
  });
});

describe('compare report (DOMAIN.md §6.1 step 5)', () => {
  it('differences spot, ratios, near-expiry IV/EM and the walls OI', () => {
    const then = [row({ contract_symbol: 'C', open_interest: 300 }), row({ contract_symbol: 'P', option_type: 'put', open_interest: 150, bid: 1.8, ask: 2, implied_volatility: 0.22, delta: -0.5 })];
    const now = [row({ contract_symbol: 'C', open_interest: 400, implied_volatility: 0.25, bid: 2.4, ask: 2.6 }), row({ contract_symbol: 'P', option_type: 'put', open_interest: 100, bid: 1.9, ask: 2.1, implied_volatility: 0.27, delta: -0.5 })];
    const a = buildChainReport({ snapshotDate: '2026-11-24', spot: 100, rows: then });
    const b = buildChainReport({ snapshotDate: '2026-11-25', spot: 99, rows: now });
    const c = buildCompareReport(b, a, then);
    // spot −1 (−1%); P/C OI 100/400 − 150/300 = 0.25 − 0.5 = −0.25; ATM IV (0.26 − 0.21) × 100 = 5pp;
    // straddle 2.5 + 2 = 4.5 vs 2.1 + 1.9 = 4 ⇒ +0.5 $; EM% 4.5/99 − 4/100 = 0.0054545… ⇒ 0.54545pp.
    expect(c.spot_change).toBe(-1);
    expect(c.spot_change_pct).toBeCloseTo(-0.01, 12);
    expect(c.pc_oi_change).toBeCloseTo(-0.25, 12);
    expect(c.atm_iv_change_pp).toBeCloseTo(5, 9);
    expect(c.em_dollar_change).toBeCloseTo(0.5, 9);
    expect(c.em_pct_change_pp).toBeCloseTo((4.5 / 99 - 0.04) * 100, 9);
    // The put wall at 100 ≤ spot 99? No: 100 > 99, so no put wall today; the call wall 100 had 300 ⇒ ΔOI 100.
    expect(c.call_wall).toEqual({ strike: 100, open_interest: 400, open_interest_then: 300, delta_oi: 100 });
    expect(c.put_wall).toBeNull();
  });

  it('resolves --compare', () => {
    const dates = ['2026-11-20', '2026-11-23', '2026-11-24', '2026-11-25'];
    expect(resolveCompareDate('-1', '2026-11-25', dates)).toBe('2026-11-24');
    expect(resolveCompareDate('-3', '2026-11-25', dates)).toBe('2026-11-20');
    expect(resolveCompareDate('2026-11-23', '2026-11-25', dates)).toBe('2026-11-23');
    expect(resolveCompareDate('off', '2026-11-25', dates)).toBeNull();
    expect(() => resolveCompareDate('-4', '2026-11-25', dates)).toThrow('no snapshot 4 date(s) before 2026-11-25');
    expect(() => resolveCompareDate('yesterday', '2026-11-25', dates)).toThrow('--compare must be -N, YYYY-MM-DD or none');
  });
});

describe('briefing Markdown, JSON and dashboard (DOMAIN.md §6.2, §6.4)', () => {
  const portfolio = parsePortfolio({ positions: [{ id: 's1', symbol: 'SPY', option_type: 'call', expiry: '2026-12-18', strike: 100, contracts: 2, cost_basis: 1.5 }] });
  const market = { SPY: { as_of: '2026-11-25', spot: 100, rows: [row({})] } };
  const spy = emptySection('SPY');
  spy.as_of = '2026-11-25';
  spy.chain = buildChainReport({ snapshotDate: '2026-11-25', spot: 100, rows: [row({}), row({ contract_symbol: 'P', option_type: 'put', delta: -0.4 })] });
  spy.flow_net = [
    { contract_symbol: null, expiry: null, option_type: 'call', strike: 105, delta_oi: 10, delta_oi_notional: 2000, volume_notional: 0, delta_notional: 0, n_pairs: 1 },
    { contract_symbol: null, expiry: null, option_type: 'put', strike: 95, delta_oi: -5, delta_oi_notional: -500, volume_notional: 0, delta_notional: 0, n_pairs: 1 },
  ];
  spy.confluence = confluenceScore({ weekly_trend: null, extension_percentile: null, flow_net_calls_minus_puts: flowCallsMinusPuts(spy.flow_net), iv_rv_20d: Number.NaN, rsi: null });
  spy.derived_updated = true;
  const qqq = { ...emptySection('QQQ'), errors: ['no snapshot for QQQ (run snapshot-options first)'] };
  const exposure = portfolioExposure(portfolio, market);
  const report: BriefingReport = {
    generated_at: '2026-11-25T23:00:00.000Z',
    report_date: briefingReportDate([spy, qqq]) as string,
    portfolio_path: 'data/portfolio.json',
    symbols: ['QQQ', 'SPY'],
    top: 3,
    technicals_config_path: 'config/technicals.json',
    exposure,
    stress: stressScenarios(exposure),
    portfolio_rows: briefingPortfolioRows(portfolio, market),
    symbol_sources: [{ symbol: 'QQQ', sources: ['watchlist:monitor'] }, { symbol: 'SPY', sources: ['portfolio'] }],
    watchlists: [{ name: 'monitor', symbols: ['QQQ'] }],
    sections: [qqq, spy],
  };

  it('writes the documented headings, the disclaimer and an errors-only section', () => {
    const md = buildBriefingMarkdown(report);
    const lines = md.split('\n');
    expect(lines.slice(0, 4)).toEqual(['# Daily briefing (2026-11-25)', `> ${BRIEFING_DISCLAIMER}`, '- Portfolio: `data/portfolio.json`', '- Symbols: `QQQ, SPY`']);
    for (const h of ['## Portfolio', '## QQQ (no snapshot)', '## SPY (2026-11-25)', '### Technicals', '### Strike map (spot + ATR distance)', '### Chain', '### Compare', '### Flow (net, aggregated by strike)']) expect(lines).toContain(h);
    expect(md).toContain('## QQQ (no snapshot)\n- Errors:\n  - no snapshot for QQQ (run snapshot-options first)\n\n## SPY');
    expect(lines).toContain('| ID | Sym | Type | Exp | Strike | Ct | Cost | Mark | Spr% | PnL $ | PnL % | As-of |');
    // (2.1 − 1.5) × 100 × 2 = 120 ⇒ $120; 2.1 / 1.5 − 1 = 40.0%.
    expect(lines).toContain('| s1 | SPY | call | 2026-12-18 | 100 | 2 | 1.50 | 2.10 | 9.5% | $120 | 40.0% | 2026-11-25 |');
    expect(md).toContain('- Building:\n  - call `105`: ΔOI$ `$2,000`, ΔOI `+10`\n- Unwinding:\n  - put `95`: ΔOI$ `-$500`, ΔOI `-5`');
    // flow 2000 − (−500) > 0 ⇒ +20 of weight 20, coverage 20/70 = 28.6% ⇒ 29%.
    expect(md).toContain('- Confluence score: `20` (coverage `29%`)');
    expect(md).toContain('- Derived: updated');
  });

  it('writes JSON with sorted keys that validates against docs/schemas/briefing.schema.json', () => {
    const json = buildBriefingJson(report) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual([...Object.keys(json)].sort());
    expect(json['disclaimer']).toBe(BRIEFING_DISCLAIMER);
    expect(validateJsonSchema(schema, json)).toEqual([]);
    expect(JSON.stringify(json)).not.toMatch(/NaN|Infinity/);
    const broken = { ...json, sections: [{ symbol: 'SPY' }] };
    expect(validateJsonSchema(schema, broken).map((i) => i.path)).toContain('$.sections[0].as_of');
  });

  it('builds the dashboard view, repairing missing fields', () => {
    const view = buildDashboardView(buildBriefingJson(report), '2026-11-25');
    expect(view.repaired_fields).toEqual([]);
    expect(view.symbol_summary.map((r) => [r.symbol, r.flags, r.sources])).toEqual([['QQQ', 'errors: 1', ['watchlist:monitor']], ['SPY', '', ['portfolio']]]);
    expect(view.watchlists).toMatchObject([{ name: 'monitor', rows: [{ symbol: 'QQQ' }] }]);
    const text = renderDashboard(view);
    expect(text).toContain(BRIEFING_DISCLAIMER);
    expect(text).toContain('Watchlist monitor');
    const repaired = buildDashboardView({ sections: [] }, '2026-11-24');
    expect(repaired).toMatchObject({ report_date: '2026-11-24', symbols: [], portfolio_rows: [] });
    expect(repaired.repaired_fields).toEqual(expect.arrayContaining(['report_date', 'generated_at', 'symbols', 'disclaimer']));
  });
});
