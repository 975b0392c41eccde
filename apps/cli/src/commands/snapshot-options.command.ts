import { Command, Option } from 'commander';
import type { GlobalOptions } from '../options';
import { intAtLeast, numberIn, repeatable } from '../options';
import { runJobCommand } from './run-job';

/** `options-helper snapshot-options [PORTFOLIO_JSON]` (DOMAIN.md §3.3). */
export function snapshotOptionsCommand(globals: () => GlobalOptions): Command {
  return new Command('snapshot-options')
    .description('Full option-chain snapshots with IV, greeks and quote quality (job snapshot_options)')
    .argument('[PORTFOLIO_JSON]', 'portfolio file (default $OPTIONS_HELPER_PORTFOLIO_PATH or data/portfolio.json)')
    .option('--as-of <date>', 'latest or YYYY-MM-DD', 'latest')
    .addOption(new Option('--window-pct <x>', 'strike window around spot for --windowed (0..2)').default(1.0).argParser(numberIn('--window-pct', 0, 2)))
    .option('--spot-period <period>', 'candle period for spot (e.g. 10d)', '10d')
    .option('--require-data-date <date>', 'skip symbols whose data date differs (ISO date, today or now)')
    .option('--require-data-tz <tz>', 'zone for today/now (default the reporting zone)')
    .option('--watchlists-path <path>', 'watchlists JSON')
    .option('--watchlist <name>', 'watchlist mode: snapshot these lists (repeatable)', repeatable, [])
    .option('--all-watchlists', 'watchlist mode: every list')
    .option('--all-expiries', 'every listed expiry (default)', true)
    .option('--position-expiries', 'only the expiries held in the portfolio')
    .option('--full-chain', 'every strike (default)', true)
    .option('--windowed', 'only strikes within --window-pct of spot')
    .addOption(new Option('--max-expiries <n>', 'cap expiries').argParser(intAtLeast('--max-expiries', 1)))
    .addOption(new Option('--risk-free-rate <r>', 'rate for greeks').default(0).argParser(numberIn('--risk-free-rate', -1, 1)))
    .addOption(new Option('--symbol-retries <n>', 'retries per symbol').default(1).argParser(intAtLeast('--symbol-retries', 0)))
    .option('--strict-completeness', 'exit 1 when a symbol misses expiries')
    .option('--no-strict-completeness', 'tolerate missing expiries (default)')
    .option('--keep-raw', 'store the provider payload in raw_json')
    .option('--no-keep-raw', 'do not store the payload (default)')
    .option('-s, --symbol <symbols>', 'only these symbols of the selection', repeatable, [])
    .action((portfolio: string | undefined, flags: Record<string, unknown>) =>
      runJobCommand(globals(), async (ctx, jobs) =>
        jobs.snapshotOptions(ctx, {
          portfolioPath: portfolio,
          asOf: flags['asOf'] as string,
          windowPct: flags['windowPct'] as number,
          spotPeriod: flags['spotPeriod'] as string,
          requireDataDate: (flags['requireDataDate'] as string | undefined) ?? null,
          requireDataTz: (flags['requireDataTz'] as string | undefined) ?? null,
          watchlistsPath: flags['watchlistsPath'] as string | undefined,
          watchlists: flags['watchlist'] as string[],
          allWatchlists: !!flags['allWatchlists'],
          allExpiries: !flags['positionExpiries'],
          fullChain: !flags['windowed'],
          maxExpiries: (flags['maxExpiries'] as number | undefined) ?? null,
          riskFreeRate: flags['riskFreeRate'] as number,
          symbolRetries: flags['symbolRetries'] as number,
          strictCompleteness: !!flags['strictCompleteness'],
          keepRaw: !!flags['keepRaw'],
          symbols: flags['symbol'] as string[],
        }),
      ),
    );
}
