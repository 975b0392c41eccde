import { sortKeysDeep, toJsonSafe } from '../json';
import { diffDays, IsoDate, isIsoDate } from '../time';
import { BRIEFING_DISCLAIMER } from './briefing.types';
import { fmtMoney, fmtNumber, fmtPct, fmtStrike, MISSING, textTable } from './briefing-format';
import { earningsDistanceShort } from './earnings';

// The dashboard (DOMAIN.md §6.4): a view of one briefing JSON, repaired where top-level fields are missing, and its
// console rendering.

export interface DashboardSymbolRow {
  symbol: string;
  as_of: IsoDate | null;
  sources: string[];
  next_earnings_date: IsoDate | null;
  /** `date (in Nd|today|Nd ago)` or `unknown`. */
  earnings: string;
  confluence_total: number | null;
  confluence_coverage_pct: number | null;
  errors: string[];
  warnings: string[];
  /** `errors: …|warnings: …`, empty when neither. */
  flags: string;
}

export interface DashboardView {
  schema_version: 1;
  disclaimer: string;
  report_date: IsoDate;
  generated_at: string | null;
  portfolio_path: string | null;
  symbols: string[];
  portfolio_rows: Record<string, unknown>[];
  symbol_summary: DashboardSymbolRow[];
  watchlists: { name: string; symbols: string[]; rows: DashboardSymbolRow[] }[];
  /** Top-level fields that were missing or malformed and got defaults. */
  repaired_fields: string[];
}

function rec(v: unknown): Record<string, unknown> | null {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}
function strs(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}
function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** Builds the view; `date` is the report date the file was found under (used when the JSON lacks one). */
export function buildDashboardView(briefing: unknown, date: IsoDate): DashboardView {
  const b = rec(briefing) ?? {};
  const repaired: string[] = [];
  const field = <T>(key: string, ok: (v: unknown) => boolean, fallback: T): T => {
    if (ok(b[key])) return b[key] as T;
    repaired.push(key);
    return fallback;
  };
  const reportDate = field<IsoDate>('report_date', isIsoDate, date);
  const generatedAt = field<string | null>('generated_at', (v) => typeof v === 'string', null);
  const portfolioPath = field<string | null>('portfolio_path', (v) => typeof v === 'string' || v === null, null);
  const symbols = field<string[]>('symbols', Array.isArray, []).filter((s) => typeof s === 'string');
  const rows = field<unknown[]>('portfolio_rows', Array.isArray, []).map((r) => rec(r) ?? {});
  const sections = field<unknown[]>('sections', Array.isArray, []).map((s) => rec(s) ?? {});
  const sourcesList = field<unknown[]>('symbol_sources', Array.isArray, []);
  const watchlists = field<unknown[]>('watchlists', Array.isArray, []);
  field('disclaimer', (v) => v === BRIEFING_DISCLAIMER, BRIEFING_DISCLAIMER);
  field('schema_version', (v) => v === 1, 1);

  const sources = new Map<string, string[]>();
  for (const s of sourcesList) {
    const r = rec(s);
    if (r && typeof r['symbol'] === 'string') sources.set(r['symbol'], strs(r['sources']));
  }
  const summary = sections.map((s): DashboardSymbolRow => {
    const symbol = typeof s['symbol'] === 'string' ? s['symbol'] : '?';
    const asOf = isIsoDate(s['as_of']) ? s['as_of'] : null;
    const earningsDate = isIsoDate(s['next_earnings_date']) ? s['next_earnings_date'] : null;
    const confluence = rec(s['confluence']);
    const errors = strs(s['errors']);
    const warnings = strs(s['warnings']);
    const flags = [errors.length ? `errors: ${errors.length}` : '', warnings.length ? `warnings: ${warnings.length}` : ''].filter(Boolean).join('|');
    return {
      symbol,
      as_of: asOf,
      sources: sources.get(symbol) ?? [],
      next_earnings_date: earningsDate,
      earnings: earningsDate ? `${earningsDate} (${earningsDistanceShort(diffDays(earningsDate, asOf ?? reportDate))})` : 'unknown',
      confluence_total: num(confluence?.['total']),
      confluence_coverage_pct: num(confluence?.['coverage_pct']),
      errors,
      warnings,
      flags,
    };
  });
  const bySymbol = new Map(summary.map((r) => [r.symbol, r]));
  return {
    schema_version: 1,
    disclaimer: BRIEFING_DISCLAIMER,
    report_date: reportDate,
    generated_at: generatedAt,
    portfolio_path: portfolioPath,
    symbols,
    portfolio_rows: rows,
    symbol_summary: summary,
    watchlists: watchlists.flatMap((w) => {
      const r = rec(w);
      if (!r || typeof r['name'] !== 'string') return [];
      const list = strs(r['symbols']);
      return [{ name: r['name'], symbols: list, rows: list.map((s) => bySymbol.get(s)).filter((x): x is DashboardSymbolRow => x !== undefined) }];
    }),
    repaired_fields: repaired,
  };
}

export function dashboardViewJsonText(view: DashboardView): string {
  return `${JSON.stringify(sortKeysDeep(toJsonSafe(view)), null, 2)}\n`;
}

function summaryTable(rows: readonly DashboardSymbolRow[]): string[] {
  return textTable(
    ['Symbol', 'As-of', 'Sources', 'Earnings', 'Confluence', 'Flags'],
    rows.map((r) => [
      r.symbol,
      r.as_of ?? MISSING,
      r.sources.join(', ') || MISSING,
      r.earnings,
      r.confluence_total === null ? MISSING : `${r.confluence_total} (${Math.round(r.confluence_coverage_pct ?? 0)}%)`,
      r.flags,
    ]),
  );
}

/** The console rendering: header, disclaimer, positions, symbol summary, one table per watchlist. */
export function renderDashboard(view: DashboardView): string {
  const lines = [
    `Daily dashboard — report date ${view.report_date}`,
    `Portfolio: ${view.portfolio_path ?? 'none'}`,
    `Symbols: ${view.symbols.join(', ') || MISSING}`,
    `Generated: ${view.generated_at ?? MISSING}`,
    BRIEFING_DISCLAIMER,
    '',
    'Positions',
  ];
  if (view.portfolio_rows.length === 0) lines.push('No positions.');
  else {
    lines.push(
      ...textTable(
        ['ID', 'Sym', 'Type', 'Exp', 'Strike', 'Ct', 'Cost', 'Mark', 'PnL $', 'PnL %', 'As-of'],
        view.portfolio_rows.map((r) => [
          String(r['id'] ?? ''),
          String(r['symbol'] ?? ''),
          String(r['option_type'] ?? ''),
          String(r['expiry'] ?? ''),
          r['strike'] === null || r['strike'] === undefined ? '' : fmtStrike(num(r['strike'])),
          String(r['contracts'] ?? ''),
          fmtNumber(num(r['cost_basis'])),
          fmtNumber(num(r['mark'])),
          fmtMoney(num(r['pnl'])),
          fmtPct(num(r['pnl_pct'])),
          String(r['as_of'] ?? MISSING),
        ]),
      ),
    );
  }
  lines.push('', 'Symbols', ...summaryTable(view.symbol_summary));
  for (const w of view.watchlists) lines.push('', `Watchlist ${w.name}`, ...(w.rows.length ? summaryTable(w.rows) : ['No symbols in this briefing.']));
  return `${lines.join('\n')}\n`;
}
