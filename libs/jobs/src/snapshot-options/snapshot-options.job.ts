import {
  addDays,
  errorMessage,
  errorType,
  isoDateInZone,
  IsoDate,
  isIsoDate,
  normalizeSymbol,
  positionExpiriesBySymbol,
  SnapshotRowInput,
} from '@options-helper/domain';
import type { ChainRow } from '@options-helper/providers';
import { executeJob, JobBody } from '../runner/job-runner';
import { JobContext, JobResult, JobUsageError, SymbolOutcome } from '../runner/job.types';
import { noSymbolsEvent, outcomeEvents, symbolWatermarks } from '../runner/outcome-ledger';
import { loadPortfolio, loadWatchlists } from '../symbols/symbol-sources';
import { buildSnapshotRow, quoteQuality } from './snapshot-rows';

export interface SnapshotOptionsArgs {
  portfolioPath?: string;
  asOf?: 'latest' | IsoDate;
  windowPct?: number;
  spotPeriod?: string;
  requireDataDate?: string | null;
  requireDataTz?: string | null;
  watchlistsPath?: string;
  watchlists?: string[];
  allWatchlists?: boolean;
  allExpiries?: boolean;
  fullChain?: boolean;
  maxExpiries?: number | null;
  riskFreeRate?: number;
  symbolRetries?: number;
  strictCompleteness?: boolean;
  keepRaw?: boolean;
  /** Restrict to these symbols (the orchestrator and tests); they must be in the selected source. */
  symbols?: string[];
}

interface Target {
  symbol: string;
  positionExpiries: IsoDate[];
}

interface Attempt {
  outcome: SymbolOutcome;
  complete: boolean;
  snapshotDate?: IsoDate;
}

/**
 * snapshot_options (DOMAIN.md §3.3): per symbol, spot and data date from recent candles, the listed (or
 * position) expiries, the chain per expiry with IV and greeks, quote quality, and the day saved whole —
 * filed under the data date, never the wall clock.
 */
export function snapshotOptions(ctx: JobContext, args: SnapshotOptionsArgs): Promise<JobResult> {
  const portfolioPath = args.portfolioPath ?? ctx.paths.portfolio;
  const watchlistsPath = args.watchlistsPath ?? ctx.paths.watchlists;
  const asOf = args.asOf ?? 'latest';
  if (asOf !== 'latest' && !isIsoDate(asOf)) throw new JobUsageError(`--as-of must be latest or YYYY-MM-DD, got ${JSON.stringify(asOf)}`);
  const windowPct = args.windowPct ?? 1.0;
  if (!(windowPct >= 0 && windowPct <= 2)) throw new JobUsageError('--window-pct must be between 0 and 2');
  const watchlistMode = !!args.allWatchlists || (args.watchlists?.length ?? 0) > 0;
  const allExpiries = args.allExpiries ?? true;
  const fullChain = args.fullChain ?? true;
  const maxExpiries = args.maxExpiries ?? (watchlistMode && !allExpiries ? 2 : null);
  const rate = args.riskFreeRate ?? 0;
  const retries = args.symbolRetries ?? 1;
  const spotPeriodDays = parsePeriodDays(args.spotPeriod ?? '10d');

  const warnings: string[] = [];
  const targets = resolveTargets(args, watchlistMode, portfolioPath, watchlistsPath, warnings);
  const effective = {
    portfolio_path: portfolioPath,
    as_of: asOf,
    window_pct: windowPct,
    spot_period: args.spotPeriod ?? '10d',
    require_data_date: args.requireDataDate ?? null,
    require_data_tz: args.requireDataTz ?? ctx.timeZone,
    watchlists_path: watchlistsPath,
    watchlists: args.watchlists ?? [],
    all_watchlists: !!args.allWatchlists,
    all_expiries: allExpiries,
    full_chain: fullChain,
    max_expiries: maxExpiries,
    risk_free_rate: rate,
    symbol_retries: retries,
    strict_completeness: !!args.strictCompleteness,
    keep_raw: !!args.keepRaw,
    symbols: targets.map((t) => t.symbol),
  };

  return executeJob(ctx, 'snapshot_options', effective, async (run): Promise<JobBody> => {
    if (targets.length === 0) {
      return { outcomes: [], events: [noSymbolsEvent(run.run_id, 'options_snapshots', 'table')], watermarks: [], checkScopes: [], checkSkipReason: 'no_symbols', warnings: [...warnings, 'No symbols resolved; nothing to snapshot.'] };
    }
    const requiredDate = resolveRequiredDate(args.requireDataDate ?? null, args.requireDataTz ?? ctx.timeZone, ctx);
    ctx.progress?.start(targets.length, 'snapshots');
    const outcomes: SymbolOutcome[] = [];
    const incomplete: string[] = [];
    const saved: string[] = [];
    for (const target of targets) {
      let attempt: Attempt | null = null;
      for (let i = 0; i <= retries; i++) {
        try {
          attempt = await snapshotSymbol(ctx, target, { asOf, requiredDate, spotPeriodDays, allExpiries, watchlistMode, fullChain, windowPct, maxExpiries, rate, keepRaw: !!args.keepRaw, watchlists: args.watchlists ?? [] }, warnings);
        } catch (err) {
          attempt = { outcome: { symbol: target.symbol, status: 'failed', error: { type: errorType(err), message: errorMessage(err) } }, complete: false };
        }
        if (attempt.outcome.status === 'skipped' || (attempt.outcome.status === 'ok' && attempt.complete)) break;
      }
      const final = attempt as Attempt;
      if (final.outcome.status === 'ok' && !final.complete) incomplete.push(target.symbol);
      if (final.outcome.status === 'ok' && final.snapshotDate) saved.push(`${target.symbol}|${final.snapshotDate}`);
      outcomes.push(final.outcome);
      ctx.progress?.tick(target.symbol);
    }
    ctx.progress?.finish();
    if (incomplete.length) warnings.push(`Incomplete snapshots (some expiries failed): ${incomplete.join(', ')}`);
    const strictFail = !!args.strictCompleteness && incomplete.length > 0;
    return {
      outcomes,
      events: outcomeEvents(run.run_id, 'options_snapshots', 'table', outcomes),
      watermarks: symbolWatermarks('options_snapshots', run.run_id, outcomes),
      checkScopes: saved,
      checkSkipReason: saved.length ? undefined : 'no_snapshots_saved',
      exitCode: strictFail ? 1 : 0,
      failureSummary: strictFail ? `incomplete snapshots with --strict-completeness: ${incomplete.join(', ')}` : undefined,
      warnings,
      details: { incomplete, saved },
    };
  });
}

function resolveTargets(args: SnapshotOptionsArgs, watchlistMode: boolean, portfolioPath: string, watchlistsPath: string, warnings: string[]): Target[] {
  let targets: Target[];
  if (watchlistMode) {
    const lists = loadWatchlists(watchlistsPath);
    const names = args.allWatchlists ? Object.keys(lists) : (args.watchlists ?? []);
    const symbols = new Set<string>();
    for (const name of names) {
      const list = lists[name];
      if (!list || list.length === 0) throw new JobUsageError(`Watchlist '${name}' is empty or missing in ${watchlistsPath}`);
      list.forEach((s) => symbols.add(s));
    }
    targets = [...symbols].sort().map((symbol) => ({ symbol, positionExpiries: [] }));
  } else {
    const expiries = positionExpiriesBySymbol(loadPortfolio(portfolioPath));
    targets = [...expiries.keys()].sort().map((symbol) => ({ symbol, positionExpiries: expiries.get(symbol) ?? [] }));
  }
  if (args.symbols?.length) {
    const wanted = new Set(args.symbols.map((s) => normalizeSymbol(s)));
    targets = targets.filter((t) => wanted.has(t.symbol));
    for (const s of wanted) if (!targets.some((t) => t.symbol === s)) warnings.push(`${s} is not in the selected portfolio/watchlists; skipped`);
  }
  return targets;
}

function parsePeriodDays(period: string): number {
  const m = /^(\d+)(d|mo|y)$/.exec(period.trim());
  if (!m) throw new JobUsageError(`--spot-period must look like 10d, 3mo or 1y, got ${JSON.stringify(period)}`);
  const n = Number(m[1]);
  return m[2] === 'd' ? n : m[2] === 'mo' ? n * 31 : n * 366;
}

function resolveRequiredDate(value: string | null, tz: string, ctx: JobContext): IsoDate | null {
  if (!value) return null;
  if (value === 'today' || value === 'now') return isoDateInZone(ctx.now(), tz);
  if (!isIsoDate(value)) throw new JobUsageError(`--require-data-date must be YYYY-MM-DD, today or now, got ${JSON.stringify(value)}`);
  return value;
}

interface SymbolPlan {
  asOf: 'latest' | IsoDate;
  requiredDate: IsoDate | null;
  spotPeriodDays: number;
  allExpiries: boolean;
  watchlistMode: boolean;
  fullChain: boolean;
  windowPct: number;
  maxExpiries: number | null;
  rate: number;
  keepRaw: boolean;
  watchlists: string[];
}

async function snapshotSymbol(ctx: JobContext, target: Target, plan: SymbolPlan, warnings: string[]): Promise<Attempt> {
  const { symbol } = target;
  const provider = ctx.provider;
  const end = plan.asOf === 'latest' ? isoDateInZone(ctx.now(), ctx.timeZone) : plan.asOf;
  // Calendar days enough to hold the spot period's sessions across weekends and holidays.
  const history = await provider.getHistory(symbol, { start: addDays(end, -Math.ceil(plan.spotPeriodDays * 1.6) - 5), end, interval: '1d', autoAdjust: true, backAdjust: false });
  let spot = history.at(-1)?.close ?? null;
  let dataDate = history.at(-1)?.ts ?? null;
  if ((spot === null || !(spot > 0)) && plan.asOf === 'latest') {
    const quote = await provider.getQuote(symbol);
    spot = quote.last;
    dataDate = dataDate ?? (quote.asOf ? quote.asOf.slice(0, 10) : null);
  }
  if (spot === null || !(spot > 0) || !dataDate) return { outcome: { symbol, status: 'skipped', reason: 'missing_spot' }, complete: true };
  if (plan.requiredDate && dataDate !== plan.requiredDate) {
    warnings.push(`${symbol}: candle date ${dataDate} != required ${plan.requiredDate}; skipping snapshot to avoid mis-dated overwrite`);
    return { outcome: { symbol, status: 'skipped', reason: 'data_date_mismatch', extra: { data_date: dataDate, required: plan.requiredDate } }, complete: true };
  }
  const snapshotDate = dataDate;
  // A live-only provider can only give today's chain: never file it under an earlier session.
  if (provider.capabilities.chains === 'live_only' && snapshotDate < ctx.calendar.lastCompletedSession(ctx.now())) {
    return { outcome: { symbol, status: 'skipped', reason: 'provider_live_only' }, complete: true };
  }

  let expiries = !plan.watchlistMode && !plan.allExpiries ? target.positionExpiries.filter((e) => e >= snapshotDate) : await provider.listExpiries(symbol, snapshotDate);
  expiries = [...new Set(expiries)].sort();
  if (plan.maxExpiries !== null) expiries = expiries.slice(0, plan.maxExpiries);

  const strikeMin = plan.fullChain ? null : spot * (1 - plan.windowPct);
  const strikeMax = plan.fullChain ? null : spot * (1 + plan.windowPct);
  const rows: SnapshotRowInput[] = [];
  const raw: Record<string, unknown> = {};
  const failedExpiries: string[] = [];
  const savedExpiries: string[] = [];
  let firstError: unknown = null;
  for (const expiry of expiries) {
    try {
      const chain = await provider.getChain(symbol, expiry, snapshotDate);
      const kept: ChainRow[] = chain.rows.filter((r) => strikeMin === null || (r.strike >= (strikeMin as number) && r.strike <= (strikeMax as number)));
      for (const r of kept) rows.push(buildSnapshotRow(r, spot, snapshotDate, plan.rate));
      if (plan.keepRaw) raw[expiry] = chain.raw ?? chain.rows;
      savedExpiries.push(expiry);
    } catch (err) {
      failedExpiries.push(expiry);
      firstError = firstError ?? err;
      warnings.push(`${symbol} ${expiry}: chain fetch failed (${errorMessage(err)}); expiry skipped`);
    }
  }
  if (savedExpiries.length === 0) {
    if (firstError) return { outcome: { symbol, status: 'failed', error: { type: errorType(firstError), message: `every expiry failed: ${errorMessage(firstError)}` } }, complete: false };
    return { outcome: { symbol, status: 'failed', error: { type: 'SnapshotError', message: `${symbol}: no expiries listed` } }, complete: false };
  }
  const quality = quoteQuality(rows, snapshotDate, ctx.calendar);
  const saved = await ctx.ledger.saveSnapshot({
    header: {
      symbol,
      snapshot_date: snapshotDate,
      provider: provider.name,
      spot,
      risk_free_rate: plan.rate,
      missing_bid_ask_count: quality.missing_bid_ask_count,
      missing_bid_ask_pct: quality.missing_bid_ask_pct,
      spread_pct_median: quality.spread_pct_median,
      spread_pct_worst: quality.spread_pct_worst,
      stale_quotes: quality.stale_quotes,
      stale_pct: quality.stale_pct,
      meta_json: {
        spot,
        spot_period: `${plan.spotPeriodDays}d`,
        full_chain: plan.fullChain,
        all_expiries: plan.allExpiries,
        risk_free_rate: plan.rate,
        window_pct: plan.fullChain ? null : plan.windowPct,
        strike_min: strikeMin,
        strike_max: strikeMax,
        snapshot_date: snapshotDate,
        symbol,
        symbol_source: plan.watchlistMode ? 'watchlists' : 'portfolio',
        watchlists: plan.watchlists,
        provider: provider.name,
        provider_version: provider.version,
        expiries: savedExpiries,
        failed_expiries: failedExpiries,
        quote_quality: quality,
      },
      raw_json: plan.keepRaw ? raw : null,
    },
    rows,
  });
  try {
    await ctx.ledger.upsertContracts({
      provider: provider.name,
      as_of_date: snapshotDate,
      contracts: rows
        .filter((r) => r.expiry && r.option_type && r.strike !== null)
        .map((r) => ({
          contract_symbol: r.contract_symbol,
          underlying: symbol,
          expiry: r.expiry,
          option_type: r.option_type,
          strike: r.strike,
          multiplier: 100,
          open_interest: r.open_interest,
          open_interest_date: r.open_interest_date ?? null,
          close_price: r.close_price ?? null,
          close_price_date: r.close_price_date ?? null,
        })),
    });
  } catch (err) {
    warnings.push(`${symbol}: contract OI refresh failed (${errorMessage(err)})`);
  }
  return {
    outcome: { symbol, status: 'ok', dataDate: snapshotDate, rows: saved.contracts, extra: { expiries: savedExpiries.length, failed_expiries: failedExpiries.length } },
    complete: failedExpiries.length === 0,
    snapshotDate,
  };
}
