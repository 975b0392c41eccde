import { Command, Option } from 'commander';
import type { GlobalOptions } from '../options';
import { intAtLeast, numberIn, oneOf, repeatable } from '../options';
import { runJobCommand } from './run-job';

interface CandlesFlags {
  watchlistsPath?: string;
  watchlist: string[];
  symbol: string[];
  candlesConcurrency: number;
  candlesMaxRps: number;
}

/** `options-helper ingest candles|options-bars` (DOMAIN.md §3.1, §3.2). */
export function ingestCommand(globals: () => GlobalOptions): Command {
  const ingest = new Command('ingest').description('Ingest market data from the provider');

  ingest
    .command('candles')
    .description('Daily candles: full history once, then the tail (job ingest_candles)')
    .option('--watchlists-path <path>', 'watchlists JSON (default data/watchlists.json)')
    .option('--watchlist <name>', 'watchlist to ingest (repeatable; default positions and monitor)', repeatable, [])
    .option('-s, --symbol <symbols>', 'symbol(s), repeatable or comma-separated; wins over watchlists', repeatable, [])
    .addOption(new Option('--candles-concurrency <n>', 'symbols fetched at once').default(1).argParser(intAtLeast('--candles-concurrency', 1)))
    .addOption(new Option('--candles-max-rps <n>', 'soft provider requests per second').default(8).argParser(numberIn('--candles-max-rps', 0.01, 1000)))
    .action((flags: CandlesFlags) =>
      runJobCommand(globals(), async (ctx, jobs) =>
        jobs.ingestCandles(ctx, {
          symbols: flags.symbol,
          watchlists: flags.watchlist,
          watchlistsPath: flags.watchlistsPath,
          concurrency: flags.candlesConcurrency,
          maxRps: flags.candlesMaxRps,
        }),
      ),
    );

  ingest
    .command('options-bars')
    .description('Option contracts and their daily bars, resumable (job ingest_options_bars)')
    .option('--watchlists-path <path>', 'watchlists JSON')
    .option('--watchlist <name>', 'watchlist of underlyings (repeatable; default positions and monitor)', repeatable, [])
    .option('-s, --symbol <symbols>', 'underlying(s), repeatable or comma-separated', repeatable, [])
    .option('--contracts-root-symbol <root>', 'also discover by root symbol (repeatable)', repeatable, [])
    .option('--contracts-symbol-prefix <prefix>', 'keep only contracts starting with this')
    .option('--contracts-exp-start <date>', 'earliest expiry (YYYY-MM-DD, MM/DD/YYYY, MM/DD/YY)', '2000-01-01')
    .option('--contracts-exp-end <date>', 'latest expiry (default run day + 5 years)')
    .addOption(new Option('--contracts-status <status>', 'contract status').default('all').argParser(oneOf('--contracts-status', ['all', 'active', 'inactive'] as const)))
    .addOption(new Option('--lookback-years <n>', 'years of bars before expiry').default(10).argParser(intAtLeast('--lookback-years', 0)))
    .addOption(new Option('--page-limit <n>', 'contracts per discovery page').default(200).argParser(intAtLeast('--page-limit', 1)))
    .addOption(new Option('--contracts-page-size <n>', 'contracts per ledger write').default(10000).argParser(intAtLeast('--contracts-page-size', 1)))
    .addOption(new Option('--max-underlyings <n>', 'cap underlyings').argParser(intAtLeast('--max-underlyings', 1)))
    .addOption(new Option('--max-contracts <n>', 'cap contracts').argParser(intAtLeast('--max-contracts', 1)))
    .addOption(new Option('--max-expiries <n>', 'newest expiries only').argParser(intAtLeast('--max-expiries', 1)))
    .addOption(new Option('--contracts-max-rps <n>', 'discovery requests per second').default(2.5).argParser(numberIn('--contracts-max-rps', 0.01, 1000)))
    .addOption(new Option('--bars-concurrency <n>', 'bar requests in flight (1 with --fail-fast)').default(8).argParser(intAtLeast('--bars-concurrency', 1)))
    .addOption(new Option('--bars-max-rps <n>', 'bar requests per second').default(30).argParser(numberIn('--bars-max-rps', 0.01, 10000)))
    .addOption(new Option('--bars-batch-mode <mode>', 'adaptive or per-contract').default('adaptive').argParser(oneOf('--bars-batch-mode', ['adaptive', 'per-contract'] as const)))
    .addOption(new Option('--bars-batch-size <n>', 'contracts per bars request').default(8).argParser(intAtLeast('--bars-batch-size', 1)))
    .addOption(new Option('--bars-write-batch-size <n>', 'contracts per ledger write').default(200).argParser(intAtLeast('--bars-write-batch-size', 1)))
    .option('--resume', 'skip contracts already covered (default)', true)
    .option('--no-resume', 'refetch regardless of option_bars_meta')
    .option('--contracts-only', 'discover contracts, skip bars')
    .option('--dry-run', 'plan only: count requests, write nothing')
    .option('--fetch-only', 'fetch but write nothing (not with --dry-run)')
    .option('--fail-fast', 'stop at the first error (run fails)')
    .option('--best-effort', 'keep going on errors (default)')
    .action((flags: Record<string, unknown>) =>
      runJobCommand(globals(), async (ctx, jobs) =>
        jobs.ingestOptionsBars(ctx, {
          symbols: flags['symbol'] as string[],
          watchlists: flags['watchlist'] as string[],
          watchlistsPath: flags['watchlistsPath'] as string | undefined,
          contractsRootSymbols: flags['contractsRootSymbol'] as string[],
          contractsSymbolPrefix: (flags['contractsSymbolPrefix'] as string | undefined) ?? null,
          contractsExpStart: flags['contractsExpStart'] as string,
          contractsExpEnd: (flags['contractsExpEnd'] as string | undefined) ?? null,
          contractsStatus: flags['contractsStatus'] as 'all' | 'active' | 'inactive',
          lookbackYears: flags['lookbackYears'] as number,
          pageLimit: flags['pageLimit'] as number,
          contractsPageSize: flags['contractsPageSize'] as number,
          maxUnderlyings: (flags['maxUnderlyings'] as number | undefined) ?? null,
          maxContracts: (flags['maxContracts'] as number | undefined) ?? null,
          maxExpiries: (flags['maxExpiries'] as number | undefined) ?? null,
          contractsMaxRps: flags['contractsMaxRps'] as number,
          barsConcurrency: flags['barsConcurrency'] as number,
          barsMaxRps: flags['barsMaxRps'] as number,
          barsBatchMode: flags['barsBatchMode'] as 'adaptive' | 'per-contract',
          barsBatchSize: flags['barsBatchSize'] as number,
          barsWriteBatchSize: flags['barsWriteBatchSize'] as number,
          resume: flags['resume'] as boolean,
          contractsOnly: !!flags['contractsOnly'],
          dryRun: !!flags['dryRun'],
          fetchOnly: !!flags['fetchOnly'],
          failFast: !!flags['failFast'] && !flags['bestEffort'],
        }),
      ),
    );
  return ingest;
}
