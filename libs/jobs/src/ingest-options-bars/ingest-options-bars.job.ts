import {
  addDays,
  ALL_SCOPE,
  AssetEventInput,
  errorMessage,
  errorType,
  isoDateInZone,
  IsoDate,
  isIsoDate,
  OptionBarInput,
  OptionBarsMetaError,
  OptionBarsMetaRecord,
  WatermarkInput,
} from '@options-helper/domain';
import { ContractRow, ForbiddenError, NotFoundError, OptionBarRow } from '@options-helper/providers';
import { executeJob, JobBody } from '../runner/job-runner';
import { JobContext, JobResult, JobUsageError, SymbolOutcome } from '../runner/job.types';
import { noSymbolsEvent } from '../runner/outcome-ledger';
import { resolveJobSymbols } from '../symbols/symbol-sources';
import { mapLimit, realSleep, SoftRateLimiter } from '../util/concurrency';
import { BarsPlanEntry, batchPlan, planBars, prepareContracts } from './bars-plan';
import { discoverContracts, DiscoveryResult } from './contract-discovery';

export interface IngestOptionsBarsArgs {
  symbols?: string[];
  watchlists?: string[];
  watchlistsPath?: string;
  contractsRootSymbols?: string[];
  contractsSymbolPrefix?: string | null;
  contractsExpStart?: string;
  contractsExpEnd?: string | null;
  contractsStatus?: 'all' | 'active' | 'inactive';
  lookbackYears?: number;
  pageLimit?: number;
  contractsPageSize?: number;
  maxUnderlyings?: number | null;
  maxContracts?: number | null;
  maxExpiries?: number | null;
  contractsMaxRps?: number;
  barsConcurrency?: number;
  barsMaxRps?: number;
  barsBatchMode?: 'adaptive' | 'per-contract';
  barsBatchSize?: number;
  barsWriteBatchSize?: number;
  resume?: boolean;
  contractsOnly?: boolean;
  dryRun?: boolean;
  fetchOnly?: boolean;
  failFast?: boolean;
  /** Today in the reporting zone, or the orchestrator's partition. */
  runDay?: IsoDate;
}

export const OPTIONS_BARS_CAPABILITY_MESSAGE = 'Options bars ingestion requires a provider with option contracts and option bars (synthetic or alpaca).';

/** Accepts YYYY-MM-DD, MM/DD/YYYY and MM/DD/YY (DOMAIN.md §3.2). */
export function parseFlexibleDate(value: string, flag: string): IsoDate {
  const v = value.trim();
  if (isIsoDate(v)) return v;
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/.exec(v);
  if (m) {
    const year = m[3]!.length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
    const iso = `${year}-${m[1]!.padStart(2, '0')}-${m[2]!.padStart(2, '0')}`;
    if (isIsoDate(iso)) return iso;
  }
  throw new JobUsageError(`${flag} must be YYYY-MM-DD, MM/DD/YYYY or MM/DD/YY, got ${JSON.stringify(value)}`);
}

/**
 * ingest_options_bars (DOMAIN.md §3.2): discover contracts per underlying, then fetch daily bars for the
 * contracts that need them (resumable through option_bars_meta), in batches that bisect on errors.
 */
export function ingestOptionsBars(ctx: JobContext, args: IngestOptionsBarsArgs): Promise<JobResult> {
  const provider = ctx.provider;
  if (!provider.capabilities.contracts || !provider.capabilities.optionBars) throw new JobUsageError(OPTIONS_BARS_CAPABILITY_MESSAGE);
  if (args.dryRun && args.fetchOnly) throw new JobUsageError('--fetch-only cannot be combined with --dry-run');
  const runDay = args.runDay ?? isoDateInZone(ctx.now(), ctx.timeZone);
  const o = {
    contractsRootSymbols: args.contractsRootSymbols ?? [],
    contractsSymbolPrefix: args.contractsSymbolPrefix ?? null,
    contractsExpStart: parseFlexibleDate(args.contractsExpStart ?? '2000-01-01', '--contracts-exp-start'),
    contractsExpEnd: parseFlexibleDate(args.contractsExpEnd ?? addDays(runDay, 5 * 365 + 1), '--contracts-exp-end'),
    contractsStatus: args.contractsStatus ?? 'all',
    lookbackYears: args.lookbackYears ?? 10,
    pageLimit: args.pageLimit ?? 200,
    contractsPageSize: args.contractsPageSize ?? 10_000,
    maxUnderlyings: args.maxUnderlyings ?? null,
    maxContracts: args.maxContracts ?? null,
    maxExpiries: args.maxExpiries ?? null,
    contractsMaxRps: args.contractsMaxRps ?? 2.5,
    barsConcurrency: args.failFast ? 1 : (args.barsConcurrency ?? 8),
    barsMaxRps: args.barsMaxRps ?? 30,
    barsBatchMode: args.barsBatchMode ?? 'adaptive',
    barsBatchSize: args.barsBatchSize ?? 8,
    barsWriteBatchSize: args.barsWriteBatchSize ?? 200,
    resume: args.fetchOnly ? false : (args.resume ?? true),
    contractsOnly: !!args.contractsOnly,
    dryRun: !!args.dryRun,
    fetchOnly: !!args.fetchOnly,
    failFast: !!args.failFast,
  };
  const watchlistsPath = args.watchlistsPath ?? ctx.paths.watchlists;
  const resolved = resolveJobSymbols(args, watchlistsPath, ['positions', 'monitor']);
  const underlyings = o.maxUnderlyings !== null ? resolved.symbols.slice(0, o.maxUnderlyings) : resolved.symbols;
  const warnings = [...resolved.warnings];
  const effective = { ...o, run_day: runDay, watchlists_path: watchlistsPath, underlyings };

  return executeJob(ctx, 'ingest_options_bars', effective, async (run): Promise<JobBody> => {
    if (underlyings.length === 0) {
      return { outcomes: [], events: [noSymbolsEvent(run.run_id, 'option_contracts', 'table')], watermarks: [], checkScopes: [], checkSkipReason: 'no_symbols', warnings: [...warnings, 'No underlyings resolved.'] };
    }
    const sleep = ctx.sleep ?? realSleep;
    // The rate flags protect a vendor's API; the synthetic market is in-process, so pacing it only slows backfills.
    const pace = (rps: number) => (provider.name === 'synthetic' ? Infinity : rps);
    const contractsLimiter = new SoftRateLimiter(pace(o.contractsMaxRps), sleep);
    const events: AssetEventInput[] = [];
    const watermarks: WatermarkInput[] = [];
    const outcomes: SymbolOutcome[] = [];

    // 1. Discover.
    ctx.progress?.start(underlyings.length, 'contracts');
    const discovered: DiscoveryResult[] = [];
    for (const underlying of underlyings) {
      const result = await discoverContracts(provider, underlying, {
        rootSymbols: o.contractsRootSymbols,
        symbolPrefix: o.contractsSymbolPrefix,
        expStart: o.contractsExpStart,
        expEnd: o.contractsExpEnd,
        status: o.contractsStatus,
        pageLimit: o.pageLimit,
        maxContracts: o.maxContracts,
        runDay,
        acquire: () => contractsLimiter.acquire(),
      });
      discovered.push(result);
      const extra = { contracts: result.contracts.length, years_scanned: result.yearsScanned, empty_years: result.emptyYears };
      if (result.error) {
        outcomes.push({ symbol: underlying, status: 'failed', error: result.error, extra });
        events.push({ runId: run.run_id, assetKey: 'option_contracts', assetKind: 'table', partitionKey: underlying, status: 'failed', extra: { ...extra, error: result.error.message, error_type: result.error.type } });
      } else if (result.contracts.length === 0 || o.fetchOnly) {
        const reason = result.contracts.length === 0 ? 'no_contracts_discovered' : 'fetch_only';
        outcomes.push({ symbol: underlying, status: 'skipped', reason, extra });
        events.push({ runId: run.run_id, assetKey: 'option_contracts', assetKind: 'table', partitionKey: underlying, status: 'skipped', extra: { ...extra, reason } });
      } else {
        outcomes.push({ symbol: underlying, status: 'ok', rows: result.contracts.length, extra });
        events.push({ runId: run.run_id, assetKey: 'option_contracts', assetKind: 'table', partitionKey: underlying, status: 'success', rowsInserted: result.contracts.length, extra });
      }
      if (!o.dryRun && !o.fetchOnly && result.contracts.length) {
        for (let i = 0; i < result.contracts.length; i += o.contractsPageSize) {
          await ctx.ledger.upsertContracts({ provider: provider.name, as_of_date: runDay, contracts: result.contracts.slice(i, i + o.contractsPageSize).map(toContractInput) });
        }
      }
      ctx.progress?.tick(underlying);
    }
    ctx.progress?.finish();
    const allContracts = discovered.flatMap((d) => d.contracts);
    const maxExpiry = allContracts.map((c) => c.expiry).sort().at(-1);
    if (maxExpiry && !o.dryRun && !o.fetchOnly) watermarks.push({ assetKey: 'option_contracts', scopeKey: ALL_SCOPE, watermarkTs: maxExpiry, lastRunId: run.run_id });

    const barsSkipped = (reason: string, extra: Record<string, unknown> = {}): JobBody => {
      events.push({ runId: run.run_id, assetKey: 'option_bars', assetKind: 'table', partitionKey: ALL_SCOPE, status: 'skipped', extra: { ...extra, reason } });
      return { outcomes, events, watermarks, checkScopes: [], checkSkipReason: reason, warnings };
    };

    // 2–3. Prepare.
    if (allContracts.length === 0) return barsSkipped('no_contracts');
    if (o.contractsOnly) return barsSkipped('contracts_only');
    const prepared = prepareContracts(allContracts, o.maxExpiries, o.maxContracts);
    if (prepared.length === 0) return barsSkipped('no_eligible_contracts');

    // 4. Plan.
    const meta = new Map<string, OptionBarsMetaRecord>();
    if (o.resume) {
      for (let i = 0; i < prepared.length; i += 5000) {
        const rows = await ctx.ledger.optionBarsMeta(provider.name, prepared.slice(i, i + 5000).map((c) => c.contractSymbol));
        rows.forEach((m) => meta.set(m.contract_symbol, m));
      }
    }
    const plan = planBars(prepared, meta, runDay, o.lookbackYears, o.resume);
    const batches = o.barsBatchMode === 'per-contract' ? plan.entries.map((e) => [e]) : batchPlan(plan.entries, o.barsBatchSize);
    if (o.dryRun) {
      return barsSkipped('dry_run', { planned: plan.entries.length, skipped: plan.skipped, skipped_reasons: plan.skippedReasons, requests: batches.length, total_expiries: plan.expiries });
    }

    // 5. Execute.
    const barsLimiter = new SoftRateLimiter(pace(o.barsMaxRps), sleep);
    const state = { requests: 0, barRows: 0, ok: 0, errors: 0, pendingBars: [] as OptionBarInput[], pendingSuccess: [] as string[], pendingErrors: [] as OptionBarsMetaError[], pendingContracts: 0, stopped: null as Error | null };
    const flush = async () => {
      if (o.fetchOnly || state.pendingContracts === 0) {
        state.pendingBars = [];
        state.pendingSuccess = [];
        state.pendingErrors = [];
        state.pendingContracts = 0;
        return;
      }
      const input = { provider: provider.name, bars: state.pendingBars, success: state.pendingSuccess, errors: state.pendingErrors };
      state.pendingBars = [];
      state.pendingSuccess = [];
      state.pendingErrors = [];
      state.pendingContracts = 0;
      await ctx.ledger.writeOptionBars(input);
    };
    let flushing: Promise<void> = Promise.resolve();
    const record = async (entry: BarsPlanEntry, rows: OptionBarRow[] | null, error: unknown) => {
      if (error) {
        state.errors += 1;
        state.pendingErrors.push({ contract_symbol: entry.contractSymbol, status: error instanceof ForbiddenError ? 'forbidden' : error instanceof NotFoundError ? 'not_found' : 'error', error: errorMessage(error) });
        if (o.failFast && !state.stopped) state.stopped = error instanceof Error ? error : new Error(String(error));
      } else if (rows && rows.length > 0) {
        state.ok += 1;
        state.barRows += rows.length;
        state.pendingSuccess.push(entry.contractSymbol);
        for (const r of rows) state.pendingBars.push({ contract_symbol: entry.contractSymbol, ts: r.ts, open: r.open, high: r.high, low: r.low, close: r.close, volume: r.volume, vwap: r.vwap ?? null, trade_count: r.tradeCount ?? null });
      } else if (entry.covered) {
        state.ok += 1;
        state.pendingSuccess.push(entry.contractSymbol);
      } else {
        state.errors += 1;
        state.pendingErrors.push({ contract_symbol: entry.contractSymbol, status: 'not_found', error: 'no bars returned' });
      }
      state.pendingContracts += 1;
      if (state.pendingContracts >= o.barsWriteBatchSize) {
        flushing = flushing.then(flush);
        await flushing;
      }
    };
    const fetchBatch = async (batch: BarsPlanEntry[]): Promise<void> => {
      if (state.stopped) return;
      const first = batch[0] as BarsPlanEntry;
      await barsLimiter.acquire();
      state.requests += 1;
      let rows: OptionBarRow[];
      try {
        rows = await provider.getOptionBars({ contractSymbols: batch.map((e) => e.contractSymbol), start: first.fetchStart, end: first.fetchEnd, interval: '1d' });
      } catch (err) {
        if (batch.length > 1 && o.barsBatchMode === 'adaptive') return bisect(batch);
        for (const entry of batch) await record(entry, null, err);
        return;
      }
      const bySymbol = new Map<string, OptionBarRow[]>();
      for (const r of rows) {
        const list = bySymbol.get(r.contractSymbol) ?? [];
        list.push(r);
        bySymbol.set(r.contractSymbol, list);
      }
      const missing = batch.filter((e) => !bySymbol.get(e.contractSymbol)?.length);
      for (const entry of batch) if (bySymbol.get(entry.contractSymbol)?.length) await record(entry, bySymbol.get(entry.contractSymbol) as OptionBarRow[], null);
      if (missing.length === 0) return;
      // A batch answer without some symbols: ask for them again, halving down to single contracts.
      if (missing.length > 1 && o.barsBatchMode === 'adaptive') return bisect(missing);
      if (missing.length === 1 && batch.length > 1 && o.barsBatchMode === 'adaptive') return fetchBatch(missing);
      for (const entry of missing) await record(entry, [], null);
    };
    const bisect = async (batch: BarsPlanEntry[]): Promise<void> => {
      const mid = Math.ceil(batch.length / 2);
      await fetchBatch(batch.slice(0, mid));
      await fetchBatch(batch.slice(mid));
    };
    ctx.progress?.start(plan.entries.length, 'option bars');
    await mapLimit(batches, o.barsConcurrency, async (batch) => {
      await fetchBatch(batch);
      for (let i = 0; i < batch.length; i++) ctx.progress?.tick();
    });
    await flushing;
    await flush();
    ctx.progress?.finish();

    // 6. Ledger.
    const counts = { ok_contracts: state.ok, error_contracts: state.errors, skipped_contracts: plan.skipped, requests_attempted: state.requests, total_expiries: plan.expiries };
    if (o.fetchOnly) {
      events.push({ runId: run.run_id, assetKey: 'option_bars', assetKind: 'table', partitionKey: ALL_SCOPE, status: 'skipped', extra: { ...counts, reason: 'fetch_only', bars_rows_fetched: state.barRows } });
      return { outcomes, events, watermarks, checkScopes: [], checkSkipReason: 'dry_run', warnings, summaryExtra: `bars fetched=${state.barRows} (not written)` };
    }
    events.push({
      runId: run.run_id,
      assetKey: 'option_bars',
      assetKind: 'table',
      partitionKey: ALL_SCOPE,
      status: state.errors > 0 ? 'failed' : 'success',
      rowsInserted: state.barRows,
      extra: counts,
    });
    if (state.ok > 0) watermarks.push({ assetKey: 'option_bars', scopeKey: ALL_SCOPE, watermarkTs: runDay, lastRunId: run.run_id });
    const summaryExtra = `contracts ok=${state.ok}, errors=${state.errors}, skipped=${plan.skipped}; bar rows=${state.barRows}; requests=${state.requests}`;
    if (state.stopped) {
      return { outcomes, events, watermarks, checkScopes: prepared.map((c) => c.contractSymbol), warnings, exitCode: 1, failureSummary: `--fail-fast stopped on: ${errorMessage(state.stopped)} (${errorType(state.stopped)})`, summaryExtra, details: counts };
    }
    return { outcomes, events, watermarks, checkScopes: prepared.map((c) => c.contractSymbol), warnings, summaryExtra, details: counts };
  });
}

function toContractInput(c: ContractRow) {
  return {
    contract_symbol: c.contractSymbol,
    underlying: c.underlying,
    expiry: c.expiry,
    option_type: c.optionType,
    strike: c.strike,
    multiplier: c.multiplier,
    open_interest: c.openInterest ?? null,
    open_interest_date: c.openInterestDate ?? null,
    close_price: c.closePrice ?? null,
    close_price_date: c.closePriceDate ?? null,
  };
}
