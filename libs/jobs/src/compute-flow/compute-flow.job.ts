import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  buildFlowArtifact,
  errorMessage,
  errorType,
  FlowGroupBy,
  FlowNetRow,
  FlowWindowResult,
  flowWindowDates,
  IsoDate,
  isFlowGroupBy,
  isIsoDate,
  positionSymbols,
  sortKeysDeep,
  toJsonSafe,
} from '@options-helper/domain';
import { queryAll } from '../checks/checks-runner';
import { executeJob, JobBody } from '../runner/job-runner';
import { JobContext, JobResult, JobUsageError, SymbolOutcome } from '../runner/job.types';
import { noSymbolsEvent, outcomeEvents, symbolWatermarks } from '../runner/outcome-ledger';
import { loadPortfolio, resolveJobSymbols } from '../symbols/symbol-sources';

/** Symbols per ledger call: one statement for the batch, and a progress tick after each. */
const FLOW_BATCH = 25;

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
    const plan: FlowPlan = { window, groupBy, top, asOf, persist, outDir: args.outDir ?? null };
    ctx.progress?.start(symbols.length, 'flow');
    const bySymbol = new Map<string, { outcome: SymbolOutcome; summary: FlowSymbolSummary | null }>();
    for (let i = 0; i < symbols.length; i += FLOW_BATCH) {
      const batch = symbols.slice(i, i + FLOW_BATCH);
      for (const [symbol, done] of await flowForSymbols(ctx, batch, plan)) bySymbol.set(symbol, done);
      for (const symbol of batch) ctx.progress?.tick(symbol);
    }
    ctx.progress?.finish();
    const outcomes = symbols.map((symbol) => (bySymbol.get(symbol) as { outcome: SymbolOutcome }).outcome);
    const summaries = symbols.map((symbol) => bySymbol.get(symbol)?.summary ?? null).filter((x): x is FlowSymbolSummary => x !== null);
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


type SymbolFlow = { outcome: SymbolOutcome; summary: FlowSymbolSummary | null };

/**
 * One batch of symbols: their window dates (§4.1), then one ledger call that computes every window where the snapshots
 * are (DuckDB; the domain functions are its reference) and, with persist, replaces the partitions in one transaction.
 * When the batch call fails, each symbol is retried alone so an error stays with the symbol that caused it.
 */
async function flowForSymbols(ctx: JobContext, symbols: string[], plan: FlowPlan): Promise<Map<string, SymbolFlow>> {
  const out = new Map<string, SymbolFlow>();
  const headers = await queryAll(
    ctx.ledger,
    `SELECT symbol, strftime(snapshot_date, '%Y-%m-%d') AS d FROM options_snapshot_headers
     WHERE provider = $1 AND symbol IN (SELECT unnest(string_split($2, ','))) ORDER BY symbol, snapshot_date`,
    [ctx.provider.name, symbols.join(',')],
  );
  const datesBySymbol = new Map<string, string[]>();
  for (const h of headers) {
    const list = datesBySymbol.get(String(h['symbol'])) ?? [];
    list.push(String(h['d']));
    datesBySymbol.set(String(h['symbol']), list);
  }
  const windows: { symbol: string; snapshot_dates: IsoDate[] }[] = [];
  for (const symbol of symbols) {
    const dates = flowWindowDates(datesBySymbol.get(symbol) ?? [], plan.asOf, plan.window);
    if (dates) windows.push({ symbol, snapshot_dates: dates });
    else out.set(symbol, { outcome: { symbol, status: 'skipped', reason: 'insufficient_snapshots', extra: { message: `No flow data for ${symbol}: need at least ${plan.window + 1} snapshots.` } }, summary: null });
  }
  if (windows.length === 0) return out;
  const generatedAt = ctx.now().toISOString();
  const request = (list: typeof windows) =>
    ctx.ledger.computeFlowWindows({
      provider: ctx.provider.name,
      group_by: plan.groupBy,
      windows: list,
      top: plan.top,
      all_rows: plan.outDir !== null,
      persist: plan.persist ? { generated_at: generatedAt } : null,
    });
  let results: FlowWindowResult[];
  try {
    results = (await request(windows)).windows;
  } catch (batchError) {
    if (windows.length === 1) throw batchError;
    results = [];
    for (const w of windows) {
      try {
        results.push(...(await request([w])).windows);
      } catch (err) {
        out.set(w.symbol, { outcome: { symbol: w.symbol, status: 'failed', error: { type: errorType(err), message: errorMessage(err) } }, summary: null });
      }
    }
  }
  for (const result of results) out.set(result.symbol, symbolFlow(result, plan, generatedAt));
  return out;
}

function symbolFlow(result: FlowWindowResult, plan: FlowPlan, generatedAt: string): SymbolFlow {
  const { symbol, from_date: from, to_date: to, net } = result;
  if (result.empty_dates.length > 0) return { outcome: { symbol, status: 'skipped', reason: 'empty_snapshot', extra: { message: `No flow data for ${symbol}: empty snapshot(s) in window.` } }, summary: null };
  let artifactPath: string | null = null;
  if (plan.outDir) {
    const artifact = buildFlowArtifact({ symbol, snapshotDates: result.snapshot_dates, window: plan.window, groupBy: plan.groupBy, net, generatedAt });
    artifactPath = path.join(plan.outDir, 'flow', symbol, `${from}_to_${to}_w${plan.window}_${plan.groupBy}.json`);
    fs.mkdirSync(path.dirname(artifactPath), { recursive: true });
    fs.writeFileSync(artifactPath, `${JSON.stringify(sortKeysDeep(toJsonSafe(artifact)), null, 2)}\n`);
  }
  const summary: FlowSymbolSummary = {
    symbol,
    from_date: from,
    to_date: to,
    window: plan.window,
    group_by: plan.groupBy,
    calls_delta_oi_notional: result.calls_delta_oi_notional,
    puts_delta_oi_notional: result.puts_delta_oi_notional,
    top: net.slice(0, plan.top),
    artifact_path: artifactPath,
  };
  if (!plan.persist) return { outcome: { symbol, status: 'skipped', reason: 'persist_disabled', extra: { from_date: from, to_date: to } }, summary };
  return { outcome: { symbol, status: 'ok', dataDate: to, rows: result.rows_written, extra: { from_date: from, to_date: to, window: plan.window, group_by: plan.groupBy } }, summary };
}
