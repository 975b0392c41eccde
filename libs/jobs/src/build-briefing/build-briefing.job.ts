import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  aggregateFlow,
  ALL_SCOPE,
  AssetEventInput,
  briefingChecks,
  briefingJsonText,
  briefingPortfolioRows,
  BriefingReport,
  briefingReportDate,
  BriefingSection,
  buildBriefingMarkdown,
  buildChainReport,
  buildCompareReport,
  computePairFlow,
  computeTechnicals,
  confluenceScore,
  emptySection,
  errorMessage,
  flowCallsMinusPuts,
  IsoDate,
  isCompareDisabled,
  isCompareSpec,
  isIsoDate,
  MarketBySymbol,
  nextEarnings,
  normalizeSymbols,
  Portfolio,
  portfolioExposure,
  positionExpiries,
  positionSymbols,
  resolveCompareDate,
  stressScenarios,
  SymbolMarketData,
  WatermarkInput,
} from '@options-helper/domain';
import { writeDerivedRow } from '../compute-derived/compute-derived.job';
import { executeJob, JobBody } from '../runner/job-runner';
import { JobContext, JobResult, JobUsageError, SymbolOutcome } from '../runner/job.types';
import { loadPortfolio, loadWatchlists } from '../symbols/symbol-sources';
import { writeFileAtomic } from '../util/atomic-write';
import { BriefingConfig, loadBriefingConfig, snapshotHeaders, snapshotRowsFor, storedDerivedRow, technicalsCandles } from './briefing-inputs';

export interface BuildBriefingArgs {
  /** The portfolio file; when omitted the default path is used if it exists (no positions otherwise). */
  portfolioPath?: string | null;
  watchlistsPath?: string;
  /** Named watchlists whose symbols are added to the portfolio's. */
  watchlists?: string[];
  /** Overrides the portfolio and watchlist symbols. */
  symbols?: string[];
  asOf?: 'latest' | IsoDate;
  /** `-N`, an ISO date, or none|off|false|0 (default `-1`). */
  compare?: string;
  /** 1..10 (default 3). */
  top?: number;
  /** A `.md` file or a folder; default `{dataDir}/reports/daily/{date}.md`. */
  out?: string | null;
  writeJson?: boolean;
  updateDerived?: boolean;
  strict?: boolean;
  /** Folder of technicals.json and confluence.json (default `config`). */
  configDir?: string;
  /** Default `{dataDir}/earnings.json`. */
  earningsPath?: string;
}

/** What the CLI prints and the service logs. */
export interface BriefingDetails {
  report_date: IsoDate;
  markdown_path: string;
  json_path: string | null;
  markdown: string;
}

interface Selection {
  symbols: string[];
  sources: Map<string, string[]>;
  watchlists: { name: string; symbols: string[] }[];
  warnings: string[];
}

function selectSymbols(args: BuildBriefingArgs, portfolio: Portfolio | null, watchlistsPath: string): Selection {
  const sources = new Map<string, string[]>();
  const add = (symbol: string, source: string) => sources.set(symbol, [...(sources.get(symbol) ?? []), source]);
  const warnings: string[] = [];
  const watchlists: Selection['watchlists'] = [];
  if (args.symbols?.length) {
    for (const s of normalizeSymbols(args.symbols)) add(s, 'manual');
  } else {
    for (const s of portfolio ? positionSymbols(portfolio) : []) add(s, 'portfolio');
    const names = args.watchlists ?? [];
    const available = names.length ? loadWatchlists(watchlistsPath) : {};
    for (const name of names) {
      const list = normalizeSymbols(available[name] ?? []);
      if (list.length === 0) warnings.push(`Watchlist '${name}' is empty or missing in ${watchlistsPath}`);
      watchlists.push({ name, symbols: list });
      for (const s of list) add(s, `watchlist:${name}`);
    }
  }
  const symbols = [...sources.keys()].sort();
  return { symbols, sources, watchlists, warnings };
}

/**
 * build_briefing (DOMAIN.md §3.6, §6): per symbol, the snapshot of the as-of, technicals, chain report, derived
 * update, compare report, one-pair net flow and the confluence score — an error lands in that symbol's section and
 * never aborts the run; then the Markdown (and JSON) report, written atomically. No symbols, or no snapshot for any
 * symbol, fails the run. Arguments and the portfolio are validated before the run starts (nothing is written).
 */
export function buildBriefing(ctx: JobContext, args: BuildBriefingArgs = {}): Promise<JobResult> {
  const top = args.top ?? 3;
  if (!Number.isInteger(top) || top < 1 || top > 10) throw new JobUsageError('--top must be an integer from 1 to 10');
  const asOf = args.asOf ?? 'latest';
  if (asOf !== 'latest' && !isIsoDate(asOf)) throw new JobUsageError(`--as-of must be latest or YYYY-MM-DD, got ${JSON.stringify(asOf)}`);
  const compare = args.compare ?? '-1';
  if (!isCompareSpec(compare)) throw new JobUsageError(`--compare must be -N, YYYY-MM-DD or none|off|false|0, got ${JSON.stringify(compare)}`);
  const writeJson = args.writeJson ?? true;
  const updateDerived = args.updateDerived ?? true;
  const watchlistsPath = args.watchlistsPath ?? ctx.paths.watchlists;
  const explicitPortfolio = args.portfolioPath ?? null;
  const portfolioPath = explicitPortfolio ?? ctx.paths.portfolio;
  if (explicitPortfolio && !fs.existsSync(explicitPortfolio)) throw new JobUsageError(`portfolio file not found: ${explicitPortfolio}`);
  const portfolio = explicitPortfolio || fs.existsSync(portfolioPath) ? loadPortfolio(portfolioPath) : null;
  const config = loadBriefingConfig(args.configDir ?? 'config', args.earningsPath ?? path.join(ctx.paths.dataDir, 'earnings.json'));
  const selection = selectSymbols(args, portfolio, watchlistsPath);
  const effective = {
    portfolio_path: portfolio ? portfolioPath : null,
    symbols: selection.symbols,
    watchlists: args.watchlists ?? [],
    as_of: asOf,
    compare,
    top,
    out: args.out ?? null,
    write_json: writeJson,
    update_derived: updateDerived,
    strict: !!args.strict,
  };

  return executeJob(ctx, 'build_briefing', effective, async (run): Promise<JobBody> => {
    if (selection.symbols.length === 0) throw new Error('no symbols selected for the briefing (give a portfolio with positions, --watchlist or --symbol)');
    const sections: BriefingSection[] = [];
    const market: Record<string, SymbolMarketData> = {};
    ctx.progress?.start(selection.symbols.length, 'briefing');
    for (const symbol of selection.symbols) {
      const section = emptySection(symbol);
      try {
        await fillSection(ctx, section, { asOf, compare, updateDerived, config, portfolio, market });
      } catch (err) {
        section.errors.push(errorMessage(err));
      }
      sections.push(section);
      ctx.progress?.tick(symbol);
    }
    ctx.progress?.finish();
    const reportDate = briefingReportDate(sections);
    if (reportDate === null) {
      throw new Error(`no snapshot for any symbol (${selection.symbols.join(', ')}): run snapshot-options first`);
    }

    const exposure = portfolio && portfolio.positions.length > 0 ? portfolioExposure(portfolio, market as MarketBySymbol) : null;
    const report: BriefingReport = {
      generated_at: ctx.now().toISOString(),
      report_date: reportDate,
      portfolio_path: portfolio ? portfolioPath : null,
      symbols: selection.symbols,
      top,
      technicals_config_path: config.technicalsPath,
      exposure,
      stress: exposure ? stressScenarios(exposure) : [],
      portfolio_rows: portfolio ? briefingPortfolioRows(portfolio, market as MarketBySymbol) : [],
      symbol_sources: selection.symbols.map((symbol) => ({ symbol, sources: selection.sources.get(symbol) ?? [] })),
      watchlists: selection.watchlists,
      sections,
    };
    const markdownPath = markdownFile(args.out ?? null, ctx.paths.dataDir, reportDate);
    const markdown = buildBriefingMarkdown(report);
    const mdBytes = writeFileAtomic(markdownPath, markdown);
    const jsonPath = writeJson ? markdownPath.replace(/\.md$/i, '') + '.json' : null;
    const jsonBytes = jsonPath ? writeFileAtomic(jsonPath, briefingJsonText(report)) : null;

    const base = { runId: run.run_id, partitionKey: reportDate };
    const events: AssetEventInput[] = [
      { ...base, assetKey: 'briefing_markdown', assetKind: 'file', status: 'success', bytesWritten: mdBytes, minEventTs: reportDate, maxEventTs: reportDate, extra: { path: markdownPath } },
      jsonPath
        ? { ...base, assetKey: 'briefing_json', assetKind: 'file', status: 'success', bytesWritten: jsonBytes, minEventTs: reportDate, maxEventTs: reportDate, extra: { path: jsonPath } }
        : { ...base, assetKey: 'briefing_json', assetKind: 'file', status: 'skipped', extra: { reason: 'write_json_disabled' } },
    ];
    const watermarks: WatermarkInput[] = [{ assetKey: 'briefing_markdown', scopeKey: ALL_SCOPE, watermarkTs: reportDate, lastRunId: run.run_id }];
    if (jsonPath) watermarks.push({ assetKey: 'briefing_json', scopeKey: ALL_SCOPE, watermarkTs: reportDate, lastRunId: run.run_id });
    const derived = sections.filter((s) => s.derived_updated && s.as_of);
    for (const s of derived) {
      events.push({ runId: run.run_id, assetKey: 'derived_daily', assetKind: 'table', partitionKey: s.symbol, status: 'success', rowsInserted: 1, minEventTs: s.as_of, maxEventTs: s.as_of });
      watermarks.push({ assetKey: 'derived_daily', scopeKey: s.symbol, watermarkTs: s.as_of as string, lastRunId: run.run_id });
    }
    if (derived.length > 0) {
      watermarks.push({ assetKey: 'derived_daily', scopeKey: ALL_SCOPE, watermarkTs: derived.map((s) => s.as_of as string).sort().at(-1) as string, lastRunId: run.run_id });
    }
    const written = fs.existsSync(markdownPath) ? fs.statSync(markdownPath).size : null;

    const outcomes: SymbolOutcome[] = sections.map((s) =>
      s.errors.length === 0
        ? { symbol: s.symbol, status: 'ok', dataDate: s.as_of ?? undefined }
        : { symbol: s.symbol, status: 'failed', error: { type: 'BriefingSectionError', message: s.errors.join('; ') } },
    );
    const withErrors = sections.filter((s) => s.errors.length > 0);
    const strictFail = !!args.strict && withErrors.length > 0;
    const details: BriefingDetails = { report_date: reportDate, markdown_path: markdownPath, json_path: jsonPath, markdown };
    return {
      outcomes,
      events,
      watermarks,
      checkScopes: [],
      checks: briefingChecks(reportDate, markdownPath, written),
      exitCode: strictFail ? 1 : 0,
      failureSummary: strictFail ? `--strict: errors in ${withErrors.map((s) => s.symbol).join(', ')}` : undefined,
      summaryExtra: `report ${reportDate}`,
      warnings: selection.warnings,
      details: { ...details },
    };
  });
}

/** `--out` as a `.md` file, or a folder holding `{date}.md`; default `{dataDir}/reports/daily/{date}.md`. */
function markdownFile(out: string | null, dataDir: string, date: IsoDate): string {
  if (!out) return path.join(dataDir, 'reports', 'daily', `${date}.md`);
  return /\.md$/i.test(out) ? out : path.join(out, `${date}.md`);
}

interface SectionPlan {
  asOf: 'latest' | IsoDate;
  compare: string;
  updateDerived: boolean;
  config: BriefingConfig;
  portfolio: Portfolio | null;
  market: Record<string, SymbolMarketData>;
}

async function fillSection(ctx: JobContext, section: BriefingSection, plan: SectionPlan): Promise<void> {
  const { symbol } = section;
  const headers = await snapshotHeaders(ctx, symbol);
  const dates = headers.map((h) => h.date);
  const date = plan.asOf === 'latest' ? dates.at(-1) : dates.includes(plan.asOf) ? plan.asOf : undefined;
  if (!date) throw new Error(plan.asOf === 'latest' ? `no snapshot for ${symbol} (run snapshot-options first)` : `no snapshot for ${symbol} on ${plan.asOf}`);
  const header = headers.find((h) => h.date === date);
  const spot = header?.spot ?? null;
  if (spot === null || !(spot > 0)) throw new Error('missing spot price in snapshot header (run snapshot-options first)');
  section.as_of = date;
  section.quote_quality = header?.quality ?? null;

  // 1. Earnings.
  const expiries = (plan.portfolio?.positions ?? []).filter((p) => p.symbol === symbol).flatMap(positionExpiries);
  const earnings = nextEarnings(plan.config.earnings[symbol], date, plan.portfolio?.risk_profile.earnings_warn_days ?? 21, expiries);
  section.next_earnings_date = earnings.date;
  section.warnings.push(...earnings.warnings);

  // 2. Snapshot rows.
  const rows = await snapshotRowsFor(ctx, symbol, date);
  plan.market[symbol] = { as_of: date, spot, rows };

  // 3. Technicals.
  try {
    const candles = await technicalsCandles(ctx, symbol, date, plan.config.technicals.extension_percentile_window + plan.config.technicals.sma_window + plan.config.technicals.atr_window);
    section.technicals = computeTechnicals(candles, plan.config.technicals, date);
    if (!section.technicals) section.warnings.push('technicals unavailable: no candles_daily rows (run ingest candles)');
  } catch (err) {
    section.warnings.push(`technicals unavailable: ${errorMessage(err)}`);
  }

  // 4. Chain report and derived row.
  const chain = buildChainReport({ snapshotDate: date, spot, rows });
  section.chain = chain;
  if (plan.updateDerived) {
    try {
      section.derived = (await writeDerivedRow(ctx, { symbol, date, spot, report: chain })).row;
      section.derived_updated = true;
    } catch (err) {
      section.warnings.push(`derived update failed: ${errorMessage(err)}`);
    }
  }
  if (!section.derived) section.derived = await storedDerivedRow(ctx, symbol, date);

  // 5–6. Compare report and one-pair net flow.
  if (!isCompareDisabled(plan.compare)) {
    try {
      const then = resolveCompareDate(plan.compare, date, dates) as IsoDate;
      const thenSpot = headers.find((h) => h.date === then)?.spot ?? null;
      if (thenSpot === null || !(thenSpot > 0)) throw new Error(`missing spot price in the ${then} snapshot header`);
      const thenRows = await snapshotRowsFor(ctx, symbol, then);
      section.compare = buildCompareReport(chain, buildChainReport({ snapshotDate: then, spot: thenSpot, rows: thenRows }), thenRows);
      section.flow_net = aggregateFlow([computePairFlow(thenRows, rows, spot).rows], 'strike');
    } catch (err) {
      section.warnings.push(`compare unavailable: ${errorMessage(err)}`);
    }
  }

  // 7. Confluence.
  section.confluence = confluenceScore(
    {
      weekly_trend: section.technicals?.weekly_trend ?? null,
      extension_percentile: section.technicals?.extension_percentile ?? null,
      flow_net_calls_minus_puts: flowCallsMinusPuts(section.flow_net),
      iv_rv_20d: section.derived?.iv_rv_20d ?? null,
      rsi: section.technicals?.rsi ?? null,
    },
    plan.config.confluence,
  );
}
