import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  aggregateFlow,
  buildFlowArtifact,
  computePairFlow,
  errorMessage,
  errorType,
  FlowGroupBy,
  FlowNetRow,
  flowRowKeys,
  flowWindowDates,
  IsoDate,
  isFlowGroupBy,
  isIsoDate,
  pickNetRow,
  positionSymbols,
  sortKeysDeep,
  toJsonSafe,
} from '@options-helper/domain';
import { queryAll } from '../checks/checks-runner';
import { executeJob, JobBody } from '../runner/job-runner';
import { JobContext, JobResult, JobUsageError, SymbolOutcome } from '../runner/job.types';
import { noSymbolsEvent, outcomeEvents, symbolWatermarks } from '../runner/outcome-ledger';
import { loadPortfolio, resolveJobSymbols } from '../symbols/symbol-sources';
import { mapLimit } from '../util/concurrency';

const FLOW_CONCURRENCY = 2;

export interface ComputeFlowArgs {
  portfolioPath?: string;
  symbols?: string[];
  watchlists?: string[];
  watchlistsPath?: string;
  window?: number;
  groupBy?: string;
  top?: number;
  asOf?: 'latest' | IsoDate;
  persist?: boolean;
  outDir?: string | null;
  strict?: boolean;
}

/** What the console shows per symbol (DOMAIN.md §4.4). */
export interface FlowSymbolSummary {
  symbol: string;
  from_date: IsoDate;
  to_date: IsoDate;
  window: number;
  group_by: FlowGroupBy;
  calls_delta_oi_notional: number;
  puts_delta_oi_notional: number;
  top: FlowNetRow[];
  artifact_path: string | null;
}

/**
 * compute_flow (DOMAIN.md §3.4, §4): per symbol, the newest N+1 snapshot dates up to the as-of, per-pair
 * open-interest deltas, the window netted by the group-by, and the partition replaced whole.
 */
export function computeFlow(ctx: JobContext, args: ComputeFlowArgs): Promise<JobResult> {
  const window = args.window ?? 1;
  if (!Number.isInteger(window) || window < 1 || window > 30) throw new JobUsageError('--window must be an integer from 1 to 30');
  const groupBy = args.groupBy ?? 'contract';
  if (!isFlowGroupBy(groupBy)) throw new JobUsageError(`--group-by must be one of contract, strike, expiry, expiry-strike; got ${JSON.stringify(groupBy)}`);
  const top = args.top ?? 10;
  if (!Number.isInteger(top) || top < 1 || top > 100) throw new JobUsageError('--top must be an integer from 1 to 100');
  const asOf = args.asOf ?? 'latest';
  if (asOf !== 'latest' && !isIsoDate(asOf)) throw new JobUsageError(`--as-of must be latest or YYYY-MM-DD, got ${JSON.stringify(asOf)}`);
  const persist = args.persist ?? true;
  const portfolioPath = args.portfolioPath ?? ctx.paths.portfolio;
  const watchlistsPath = args.watchlistsPath ?? ctx.paths.watchlists;

  const warnings: string[] = [];
  let symbols: string[];
  if (args.symbols?.length || args.watchlists?.length) {
    const resolved = resolveJobSymbols(args, watchlistsPath, []);
    symbols = resolved.symbols;
    warnings.push(...resolved.warnings);
  } else {
    symbols = positionSymbols(loadPortfolio(portfolioPath));
  }
  const effective = { symbols, window, group_by: groupBy, top, as_of: asOf, persist, out: args.outDir ?? null, strict: !!args.strict, portfolio_path: portfolioPath };

  return executeJob(ctx, 'compute_flow', effective, async (run): Promise<JobBody> => {
    if (symbols.length === 0) {
      return { outcomes: [], events: [noSymbolsEvent(run.run_id, 'options_flow', 'table')], watermarks: [], checkScopes: [], checkSkipReason: 'no_symbols', warnings: [...warnings, 'No symbols resolved.'] };
    }
    const summaries: FlowSymbolSummary[] = [];
    const outcomes: SymbolOutcome[] = [];
    ctx.progress?.start(symbols.length, 'flow');
    const perSymbol: (FlowSymbolSummary | null)[] = [];
    // Two symbols in flight: one symbol's snapshot reads overlap the other's partition write (reads never wait on the
    // ledger's write queue). Outcomes and summaries keep the sorted symbol order.
    outcomes.push(
      ...(await mapLimit(symbols, FLOW_CONCURRENCY, async (symbol, i) => {
        const own: FlowSymbolSummary[] = [];
        let outcome: SymbolOutcome;
        try {
          outcome = await flowForSymbol(ctx, symbol, { window, groupBy, top, asOf, persist, outDir: args.outDir ?? null }, own);
        } catch (err) {
          outcome = { symbol, status: 'failed', error: { type: errorType(err), message: errorMessage(err) } };
        }
        perSymbol[i] = own[0] ?? null;
        ctx.progress?.tick(symbol);
        return outcome;
      })),
    );
    summaries.push(...perSymbol.filter((x): x is FlowSymbolSummary => x !== null && x !== undefined));
    ctx.progress?.finish();
    const strictFail = !!args.strict && outcomes.some((o) => o.status !== 'ok');
    return {
      outcomes,
      events: outcomeEvents(run.run_id, 'options_flow', 'table', outcomes),
      watermarks: persist ? symbolWatermarks('options_flow', run.run_id, outcomes) : [],
      // The flow check covers all persisted rows of the symbols; with no rows it passes (DOMAIN.md §8).
      checkScopes: persist ? symbols : [],
      checkSkipReason: persist ? undefined : 'persist_disabled',
      exitCode: strictFail ? 1 : 0,
      failureSummary: strictFail ? `--strict: ${outcomes.filter((o) => o.status !== 'ok').map((o) => `${o.symbol} ${o.status}`).join(', ')}` : undefined,
      warnings,
      details: { flow: summaries },
    };
  });
}

interface FlowPlan {
  window: number;
  groupBy: FlowGroupBy;
  top: number;
  asOf: 'latest' | IsoDate;
  persist: boolean;
  outDir: string | null;
}


async function flowForSymbol(ctx: JobContext, symbol: string, plan: FlowPlan, summaries: FlowSymbolSummary[]): Promise<SymbolOutcome> {
  const headers = await queryAll(
    ctx.ledger,
    `SELECT strftime(snapshot_date, '%Y-%m-%d') AS d, spot FROM options_snapshot_headers WHERE symbol = $1 AND provider = $2 ORDER BY snapshot_date`,
    [symbol, ctx.provider.name],
  );
  const spotByDate = new Map(headers.map((h) => [String(h['d']), Number(h['spot'])]));
  const dates = flowWindowDates([...spotByDate.keys()], plan.asOf, plan.window);
  if (!dates) return { symbol, status: 'skipped', reason: 'insufficient_snapshots', extra: { message: `No flow data for ${symbol}: need at least ${plan.window + 1} snapshots.` } };
  const pairs = [];
  let calls = 0;
  let puts = 0;
  // One read for the whole window: every inner date is "today" of one pair and "prev" of the next.
  const byDate = await ctx.ledger.flowSnapshotRows(ctx.provider.name, symbol, dates);
  let prev = byDate[dates[0] as string] ?? [];
  for (let i = 1; i < dates.length; i++) {
    const today = byDate[dates[i] as string] ?? [];
    if (prev.length === 0 || today.length === 0) return { symbol, status: 'skipped', reason: 'empty_snapshot', extra: { message: `No flow data for ${symbol}: empty snapshot(s) in window.` } };
    const pair = computePairFlow(prev, today, spotByDate.get(dates[i] as string) ?? 0);
    prev = today;
    calls += pair.callsDeltaOiNotional;
    puts += pair.putsDeltaOiNotional;
    pairs.push(pair.rows);
  }
  const net = aggregateFlow(pairs, plan.groupBy);
  const from = dates[0] as IsoDate;
  const to = dates.at(-1) as IsoDate;
  const generatedAt = ctx.now().toISOString();
  let artifactPath: string | null = null;
  if (plan.outDir) {
    const artifact = buildFlowArtifact({ symbol, snapshotDates: dates, window: plan.window, groupBy: plan.groupBy, net, generatedAt });
    artifactPath = path.join(plan.outDir, 'flow', symbol, `${from}_to_${to}_w${plan.window}_${plan.groupBy}.json`);
    fs.mkdirSync(path.dirname(artifactPath), { recursive: true });
    fs.writeFileSync(artifactPath, `${JSON.stringify(sortKeysDeep(toJsonSafe(artifact)), null, 2)}\n`);
  }
  summaries.push({ symbol, from_date: from, to_date: to, window: plan.window, group_by: plan.groupBy, calls_delta_oi_notional: calls, puts_delta_oi_notional: puts, top: net.slice(0, plan.top), artifact_path: artifactPath });
  if (!plan.persist) return { symbol, status: 'skipped', reason: 'persist_disabled', extra: { from_date: from, to_date: to } };
  const keys = flowRowKeys(net, plan.groupBy);
  const written = await ctx.ledger.replaceFlow({
    symbol,
    as_of: to,
    from_date: from,
    to_date: to,
    window_size: plan.window,
    group_by: plan.groupBy,
    snapshot_dates: dates,
    generated_at: generatedAt,
    rows: net.map((r, i) => ({ row_key: keys[i] as string, ...pickNetRow(r) })),
  });
  return { symbol, status: 'ok', dataDate: to, rows: written.rows_written, extra: { from_date: from, to_date: to, window: plan.window, group_by: plan.groupBy } };
}
