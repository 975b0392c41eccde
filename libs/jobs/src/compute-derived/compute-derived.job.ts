import * as fs from 'node:fs';
import {
  buildChainReport,
  buildDerivedRow,
  ChainReport,
  ChainReportRow,
  DERIVED_METRIC_COLUMNS,
  DerivedDailyRow,
  errorMessage,
  errorType,
  IsoDate,
  isIsoDate,
  normalizeSymbols,
  positionSymbols,
} from '@options-helper/domain';
import { queryAll } from '../checks/checks-runner';
import { executeJob, JobBody } from '../runner/job-runner';
import { JobContext, JobResult, JobUsageError, SymbolOutcome } from '../runner/job.types';
import { noSymbolsEvent, outcomeEvents, symbolWatermarks } from '../runner/outcome-ledger';
import { loadPortfolio, resolveJobSymbols } from '../symbols/symbol-sources';

export interface ComputeDerivedArgs {
  symbols: string[];
  asOf?: 'latest' | IsoDate;
  /** Warnings of the symbol selection, reported with the result. */
  selectionWarnings?: string[];
}

/**
 * compute_derived (DOMAIN.md §3.5, §5.2): per symbol, the snapshot of the as-of date (latest = newest),
 * its chain report, realised volatility from candles_daily closes and the IV percentile over earlier
 * derived rows; the (symbol, date) row is replaced, so a re-run changes nothing.
 */
export function computeDerived(ctx: JobContext, args: ComputeDerivedArgs): Promise<JobResult> {
  const asOf = args.asOf ?? 'latest';
  if (asOf !== 'latest' && !isIsoDate(asOf)) throw new JobUsageError(`--as-of must be latest or YYYY-MM-DD, got ${JSON.stringify(asOf)}`);
  const symbols = normalizeSymbols(args.symbols ?? []);
  return executeJob(ctx, 'compute_derived', { symbols, as_of: asOf }, async (run): Promise<JobBody> => {
    if (symbols.length === 0) {
      return { outcomes: [], events: [noSymbolsEvent(run.run_id, 'derived_daily', 'table')], watermarks: [], checkScopes: [], checkSkipReason: 'no_symbols', warnings: [...(args.selectionWarnings ?? []), 'No symbols given (--symbol).'] };
    }
    const outcomes: SymbolOutcome[] = [];
    const warnings: string[] = [...(args.selectionWarnings ?? [])];
    for (const symbol of symbols) {
      try {
        outcomes.push(await derivedForSymbol(ctx, symbol, asOf, warnings));
      } catch (err) {
        outcomes.push({ symbol, status: 'failed', error: { type: errorType(err), message: errorMessage(err) } });
      }
    }
    return {
      outcomes,
      events: outcomeEvents(run.run_id, 'derived_daily', 'table', outcomes),
      watermarks: symbolWatermarks('derived_daily', run.run_id, outcomes),
      checkScopes: symbols,
      warnings,
      details: { updated: outcomes.filter((o) => o.status === 'ok').map((o) => `Derived updated: ${o.symbol} ${o.dataDate}`) },
    };
  });
}

async function derivedForSymbol(ctx: JobContext, symbol: string, asOf: 'latest' | IsoDate, warnings: string[]): Promise<SymbolOutcome> {
  const provider = ctx.provider.name;
  const dates = (await queryAll(ctx.ledger, `SELECT strftime(snapshot_date, '%Y-%m-%d') AS d FROM options_snapshot_headers WHERE symbol = $1 AND provider = $2 ORDER BY snapshot_date`, [symbol, provider])).map((r) => String(r['d']));
  const date = asOf === 'latest' ? dates.at(-1) : dates.includes(asOf) ? asOf : undefined;
  if (!date) return { symbol, status: 'skipped', reason: 'no_snapshot_for_date', extra: { as_of: asOf } };
  const [header] = (await ctx.ledger.query(`SELECT spot FROM options_snapshot_headers WHERE symbol = $1 AND provider = $2 AND snapshot_date = CAST($3 AS DATE)`, { params: [symbol, provider, date] })).rows;
  const spot = Number(header?.['spot']);
  if (!(spot > 0)) throw new Error('missing spot price in snapshot header (run snapshot-options first)');
  const rows = (await queryAll(
    ctx.ledger,
    `SELECT contract_symbol, option_type, strftime(expiry, '%Y-%m-%d') AS expiry, strike, bid, ask, last_price, volume, open_interest, implied_volatility, delta, gamma
     FROM options_snapshot_rows WHERE symbol = $1 AND provider = $2 AND snapshot_date = CAST($3 AS DATE) ORDER BY contract_symbol`,
    [symbol, provider, date],
  )) as unknown as ChainReportRow[];
  const report = buildChainReport({ snapshotDate: date, spot, rows });
  const { warnings: rowWarnings } = await writeDerivedRow(ctx, { symbol, date, spot, report });
  for (const w of rowWarnings) warnings.push(`${symbol} ${date}: ${w}`);
  return { symbol, status: 'ok', dataDate: date, rows: 1 };
}

/**
 * Builds the (symbol, date) derived row from a chain report, the candle closes and the earlier rows, and
 * replaces it (§5.2). Shared by compute_derived and build_briefing's derived update.
 */
export async function writeDerivedRow(
  ctx: Pick<JobContext, 'ledger'>,
  input: { symbol: string; date: IsoDate; spot: number; report: ChainReport },
): Promise<{ row: DerivedDailyRow; warnings: string[] }> {
  const { symbol, date, spot, report } = input;
  const closes = await ctx.ledger.candleCloses(symbol, null, date);
  const prior = (await queryAll(ctx.ledger, `SELECT atm_iv_near FROM derived_daily WHERE symbol = $1 AND date < CAST($2 AS DATE) ORDER BY date`, [symbol, date])).map((r) => (r['atm_iv_near'] === null ? null : Number(r['atm_iv_near'])));
  const built = buildDerivedRow({ symbol, date, spot, report, closes, priorAtmIvs: prior });
  await ctx.ledger.writeRows('derived_daily', [built.row as unknown as Record<string, unknown>]);
  return built;
}

/** The newest `last` derived rows of a symbol, newest first (`derived show`). */
export async function derivedHistory(ctx: Pick<JobContext, 'ledger'>, symbol: string, last?: number): Promise<DerivedDailyRow[]> {
  const rows = await queryAll(
    ctx.ledger,
    `SELECT symbol, strftime(date, '%Y-%m-%d') AS date, ${DERIVED_METRIC_COLUMNS.join(', ')} FROM derived_daily WHERE symbol = $1 ORDER BY date DESC`,
    [symbol.trim().toUpperCase()],
  );
  return (last ? rows.slice(0, last) : rows) as unknown as DerivedDailyRow[];
}

export interface DerivedSelectionArgs {
  symbols?: string[];
  watchlists?: string[];
  watchlistsPath?: string;
  portfolioPath?: string;
  asOf?: 'latest' | IsoDate;
}

/**
 * compute_derived as the services run it (HELPERS.md contract): `symbols` win; else the named watchlists; else the
 * watchlists `positions` and `monitor` together with the portfolio's symbols (the portfolio only when its file exists,
 * unless it was named explicitly).
 */
export function computeDerivedSelection(ctx: JobContext, args: DerivedSelectionArgs): Promise<JobResult> {
  const watchlistsPath = args.watchlistsPath ?? ctx.paths.watchlists;
  if (args.symbols?.length || args.watchlists?.length) {
    const resolved = resolveJobSymbols(args, watchlistsPath, []);
    return computeDerived(ctx, { symbols: resolved.symbols, asOf: args.asOf, selectionWarnings: resolved.warnings });
  }
  const portfolioPath = args.portfolioPath ?? ctx.paths.portfolio;
  const fromPortfolio = args.portfolioPath || fs.existsSync(portfolioPath) ? positionSymbols(loadPortfolio(portfolioPath)) : [];
  const fromLists = resolveJobSymbols({}, watchlistsPath, ['positions', 'monitor']);
  return computeDerived(ctx, { symbols: [...fromLists.symbols, ...fromPortfolio], asOf: args.asOf, selectionWarnings: fromLists.warnings });
}
