import { Command, Option } from 'commander';
import type { GlobalOptions } from '../options';
import { intAtLeast, oneOf, repeatable } from '../options';
import { runJobCommand } from './run-job';

/** `options-helper flow [PORTFOLIO_JSON]` (DOMAIN.md §3.4, §4). */
export function flowCommand(globals: () => GlobalOptions): Command {
  return new Command('flow')
    .description('Options flow: open-interest deltas between snapshots, netted and persisted (job compute_flow)')
    .argument('[PORTFOLIO_JSON]', 'portfolio whose symbols are used when no --symbol/--watchlist is given')
    .option('-s, --symbol <symbols>', 'symbol(s), repeatable or comma-separated', repeatable, [])
    .option('--watchlists-path <path>', 'watchlists JSON')
    .option('--watchlist <name>', 'watchlist(s) to use (repeatable)', repeatable, [])
    .option('--all-watchlists', 'every watchlist')
    .addOption(new Option('--window <n>', 'snapshot pairs netted (1..30)').default(1).argParser(intAtLeast('--window', 1)))
    .addOption(new Option('--group-by <g>', 'contract, strike, expiry or expiry-strike').default('contract').argParser(oneOf('--group-by', ['contract', 'strike', 'expiry', 'expiry-strike'] as const)))
    .addOption(new Option('--top <n>', 'rows shown per symbol (1..100)').default(10).argParser(intAtLeast('--top', 1)))
    .option('--as-of <date>', 'latest or YYYY-MM-DD (the window ends at the latest snapshot on or before it)', 'latest')
    .option('--persist', 'replace the partition in options_flow (default)', true)
    .option('--no-persist', 'compute and show only')
    .option('--out <dir>', 'write the artifact JSON to {DIR}/flow/{SYM}/…')
    .option('--strict', 'exit 1 when a symbol is skipped or failed')
    .action((portfolio: string | undefined, flags: Record<string, unknown>) =>
      runJobCommand(
        globals(),
        async (ctx, jobs) => {
          let watchlists = flags['watchlist'] as string[];
          if (flags['allWatchlists']) watchlists = Object.keys(jobs.loadWatchlists((flags['watchlistsPath'] as string | undefined) ?? ctx.paths.watchlists));
          return jobs.computeFlow(ctx, {
            portfolioPath: portfolio,
            symbols: flags['symbol'] as string[],
            watchlists,
            watchlistsPath: flags['watchlistsPath'] as string | undefined,
            window: flags['window'] as number,
            groupBy: flags['groupBy'] as string,
            top: flags['top'] as number,
            asOf: flags['asOf'] as string,
            persist: flags['persist'] as boolean,
            outDir: (flags['out'] as string | undefined) ?? null,
            strict: !!flags['strict'],
          });
        },
        (result) => printFlow(result.details['flow'] as FlowSummary[] | undefined),
      ),
    );
}

interface FlowSummary {
  symbol: string;
  from_date: string;
  to_date: string;
  window: number;
  group_by: string;
  calls_delta_oi_notional: number;
  puts_delta_oi_notional: number;
  top: { contract_symbol: string | null; expiry: string | null; option_type: string | null; strike: number | null; delta_oi: number; delta_oi_notional: number; delta_notional: number; n_pairs: number }[];
}

const money = (x: number) => Math.round(x).toLocaleString('en-US');

/** The console view of DOMAIN.md §4.4, above the job summary. */
function printFlow(summaries: FlowSummary[] | undefined): string {
  const lines: string[] = [];
  for (const s of summaries ?? []) {
    const sums = `calls ΔOI$=${money(s.calls_delta_oi_notional)} | puts ΔOI$=${money(s.puts_delta_oi_notional)}`;
    lines.push(s.window === 1 && s.group_by === 'contract'
      ? `${s.symbol} flow ${s.from_date} → ${s.to_date} | ${sums}`
      : `${s.symbol} flow net window=${s.window} (${s.from_date} → ${s.to_date}) | group-by=${s.group_by} | ${sums}`);
    if (s.top.length === 0) lines.push('No net flow rows.');
    for (const r of s.top) {
      lines.push(`  ${[r.contract_symbol ?? '', r.expiry ?? '', r.option_type ?? '', r.strike ?? '', `ΔOI ${r.delta_oi >= 0 ? '+' : ''}${r.delta_oi}`, `ΔOI$ ${money(r.delta_oi_notional)}`, `Δ$ ${money(r.delta_notional)}`, `n=${r.n_pairs}`].filter((p) => p !== '').join('  ')}`);
    }
  }
  return lines.join('\n');
}
