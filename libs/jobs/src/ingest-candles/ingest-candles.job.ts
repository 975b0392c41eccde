import { addDays, CandleInput, errorMessage, errorType, isoDateInZone, IsoDate } from '@options-helper/domain';
import { CandleRow, RateLimitError } from '@options-helper/providers';
import { executeJob, JobBody } from '../runner/job-runner';
import type { JobContext, JobResult, SymbolOutcome } from '../runner/job.types';
import { noSymbolsEvent, outcomeEvents, symbolWatermarks } from '../runner/outcome-ledger';
import { resolveJobSymbols } from '../symbols/symbol-sources';
import { mapLimit, realSleep, SoftRateLimiter } from '../util/concurrency';

export interface IngestCandlesArgs {
  symbols?: string[];
  watchlists?: string[];
  watchlistsPath?: string;
  concurrency?: number;
  maxRps?: number;
}

export const DEFAULT_CANDLE_WATCHLISTS = ['positions', 'monitor'];
const HISTORY_START: IsoDate = '1970-01-01';
const TAIL_OVERLAP_DAYS = 5;
const MAX_ATTEMPTS = 3;
const CHUNK = 5000;

/**
 * ingest_candles (DOMAIN.md §3.1): per symbol, the whole history once (then the full-history flag), the
 * missing head when the flag is not set, and always the tail from (last stored − 5 days); a corporate action
 * or a changed close in the overlap means the adjusted history changed, so everything is refetched.
 */
export function ingestCandles(ctx: JobContext, args: IngestCandlesArgs): Promise<JobResult> {
  const watchlistsPath = args.watchlistsPath ?? ctx.paths.watchlists;
  const concurrency = args.concurrency ?? 1;
  const maxRps = args.maxRps ?? 8;
  const { symbols, warnings } = resolveJobSymbols(args, watchlistsPath, DEFAULT_CANDLE_WATCHLISTS);
  const effective = { symbols, watchlists: args.watchlists ?? (args.symbols?.length ? [] : DEFAULT_CANDLE_WATCHLISTS), watchlists_path: watchlistsPath, candles_concurrency: concurrency, candles_max_rps: maxRps };
  return executeJob(ctx, 'ingest_candles', effective, async (run): Promise<JobBody> => {
    if (symbols.length === 0) {
      return { outcomes: [], events: [noSymbolsEvent(run.run_id, 'candles_daily', 'table')], watermarks: [], checkScopes: [], checkSkipReason: 'no_symbols', warnings: [...warnings, 'No symbols resolved; nothing to ingest.'] };
    }
    const limiter = new SoftRateLimiter(maxRps, ctx.sleep ?? realSleep);
    const fetch = (symbol: string, start?: IsoDate, end?: IsoDate) => withRetries(ctx, () => limiter.acquire().then(() => ctx.provider.getHistory(symbol, { start, end, interval: '1d', autoAdjust: true, backAdjust: false })));
    ctx.progress?.start(symbols.length, 'candles');
    const outcomes = await mapLimit(symbols, concurrency, async (symbol): Promise<SymbolOutcome> => {
      try {
        return await ingestSymbol(ctx, symbol, fetch);
      } catch (err) {
        ctx.logger?.warn(`candles for ${symbol} failed: ${errorMessage(err)}`, { run_id: run.run_id, job: 'ingest_candles', symbol });
        return { symbol, status: 'failed', error: { type: errorType(err), message: errorMessage(err) } };
      } finally {
        ctx.progress?.tick(symbol);
      }
    });
    ctx.progress?.finish();
    const stats = ctx.provider.stats();
    return {
      outcomes,
      events: outcomeEvents(run.run_id, 'candles_daily', 'table', outcomes),
      watermarks: symbolWatermarks('candles_daily', run.run_id, outcomes),
      checkScopes: symbols,
      warnings,
      summaryExtra: `provider requests=${stats.requests}, 429s=${stats.rateLimited}, timeouts=${stats.timeouts}, p50=${stats.latencyP50Ms ?? '-'}ms, p95=${stats.latencyP95Ms ?? '-'}ms`,
      details: { provider_stats: stats },
    };
  });
}

type Fetch = (symbol: string, start?: IsoDate, end?: IsoDate) => Promise<CandleRow[]>;

async function ingestSymbol(ctx: JobContext, symbol: string, fetch: Fetch): Promise<SymbolOutcome> {
  const coverage = await ctx.ledger.candleCoverage(symbol);
  const today = isoDateInZone(ctx.now(), ctx.timeZone);
  let rows: CandleRow[];
  let complete = coverage.max_backfill_complete;
  let refetchedAll = false;
  if (coverage.rows === 0 || !coverage.first_ts || !coverage.last_ts) {
    rows = await fetch(symbol);
    complete = true;
    refetchedAll = true;
  } else {
    const head = complete ? [] : await fetch(symbol, HISTORY_START, coverage.first_ts);
    complete = true;
    const tailStart = addDays(coverage.last_ts, -TAIL_OVERLAP_DAYS);
    const tail = await fetch(symbol, tailStart, today);
    if (await historyChanged(ctx, symbol, tail, tailStart)) {
      rows = await fetch(symbol);
      refetchedAll = true;
    } else {
      rows = mergeByDate(head, tail);
    }
  }
  if (rows.length === 0 && coverage.rows === 0) return { symbol, status: 'skipped', reason: 'empty' };
  let written = 0;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const last = i + CHUNK >= rows.length;
    written += (await ctx.ledger.writeCandles({ symbol, rows: chunk.map(toCandleInput), max_backfill_complete: last && complete })).rows_written;
  }
  if (rows.length === 0 && complete && !coverage.max_backfill_complete) {
    await ctx.ledger.writeCandles({ symbol, rows: [], max_backfill_complete: true });
  }
  const lastDate = [rows.at(-1)?.ts, coverage.last_ts].filter((d): d is string => !!d).sort().at(-1);
  return { symbol, status: 'ok', dataDate: lastDate, rows: written, extra: refetchedAll ? { full_refetch: true } : undefined };
}

/** A corporate action or a changed close in the overlap: the adjusted history moved. */
async function historyChanged(ctx: JobContext, symbol: string, tail: CandleRow[], tailStart: IsoDate): Promise<boolean> {
  if (tail.some((r) => (r.dividends ?? 0) !== 0 || (r.splits ?? 0) !== 0 || (r.capitalGains ?? 0) !== 0)) return true;
  const stored = new Map((await ctx.ledger.candleCloses(symbol, tailStart, null)).map((c) => [c.ts, c.close]));
  return tail.some((r) => {
    const old = stored.get(r.ts);
    if (old === undefined || old === null) return false;
    const denom = Math.max(Math.abs(old), 1e-12);
    return Math.abs(r.close - old) / denom > 1e-9;
  });
}

function mergeByDate(...lists: CandleRow[][]): CandleRow[] {
  const byDate = new Map<string, CandleRow>();
  for (const list of lists) for (const row of list) byDate.set(row.ts, row);
  return [...byDate.values()].sort((a, b) => (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : 0));
}

function toCandleInput(r: CandleRow): CandleInput {
  return {
    ts: r.ts,
    open: r.open,
    high: r.high,
    low: r.low,
    close: r.close,
    volume: r.volume,
    vwap: r.vwap ?? null,
    trade_count: r.tradeCount ?? null,
    dividends: r.dividends ?? null,
    splits: r.splits ?? null,
    capital_gains: r.capitalGains ?? null,
  };
}

/** Rate-limit errors are retried up to 3 attempts, waiting 2 s × 2^(attempt−1). */
async function withRetries<T>(ctx: JobContext, work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      if (!(err instanceof RateLimitError) || attempt >= MAX_ATTEMPTS) throw err;
      await (ctx.sleep ?? realSleep)(2000 * 2 ** (attempt - 1));
    }
  }
}
