import { Command, InvalidArgumentError, Option } from 'commander';
import type { GlobalOptions } from '../options';
import { repeatable } from '../options';
import { runJobCommand } from './run-job';

function topParser(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < 1 || n > 10) throw new InvalidArgumentError(`--top must be an integer from 1 to 10, got ${JSON.stringify(value)}`);
  return n;
}

/** `options-helper briefing [PORTFOLIO_JSON]` (DOMAIN.md §6.1, job build_briefing). */
export function briefingCommand(globals: () => GlobalOptions): Command {
  return new Command('briefing')
    .description('Daily briefing: Markdown and JSON per symbol — technicals, chain, compare, flow, confluence (job build_briefing)')
    .argument('[PORTFOLIO_JSON]', 'portfolio (default $OPTIONS_HELPER_PORTFOLIO_PATH or data/portfolio.json when it exists)')
    .option('--watchlists-path <path>', 'watchlists JSON')
    .option('--watchlist <name>', 'add the symbols of a watchlist (repeatable)', repeatable, [])
    .option('-s, --symbol <symbols>', 'only these symbols (repeatable or comma-separated; overrides portfolio and watchlists)', repeatable, [])
    .option('--as-of <date>', 'latest or YYYY-MM-DD (per symbol)', 'latest')
    .option('--compare <spec>', '-N (N-th earlier snapshot), YYYY-MM-DD, or none|off|false|0', '-1')
    .option('--out <path>', 'a .md file or a folder (default data/reports/daily/{date}.md)')
    .option('--print', 'print the Markdown')
    .option('--no-print', 'do not print the Markdown (default)')
    .option('--write-json', 'write {stem}.json next to the Markdown (default)', true)
    .option('--no-write-json', 'Markdown only')
    .option('--update-derived', 'upsert the derived_daily row of each symbol (default)', true)
    .option('--no-update-derived', 'leave derived_daily alone')
    .option('--strict', 'exit 1 when a section has errors')
    .addOption(new Option('--top <n>', 'flow rows per list (1..10)').default(3).argParser(topParser))
    .action((portfolio: string | undefined, flags: Record<string, unknown>) =>
      runJobCommand(
        globals(),
        (ctx, jobs) =>
          jobs.buildBriefing(ctx, {
            portfolioPath: portfolio ?? null,
            watchlistsPath: flags['watchlistsPath'] as string | undefined,
            watchlists: flags['watchlist'] as string[],
            symbols: flags['symbol'] as string[],
            asOf: flags['asOf'] as string,
            compare: flags['compare'] as string,
            top: flags['top'] as number,
            out: (flags['out'] as string | undefined) ?? null,
            writeJson: flags['writeJson'] as boolean,
            updateDerived: flags['updateDerived'] as boolean,
            strict: !!flags['strict'],
          }),
        (result) => {
          const d = result.details as { markdown?: string; markdown_path?: string; json_path?: string | null };
          const lines = flags['print'] && d.markdown ? [d.markdown.trimEnd()] : [];
          if (d.markdown_path) lines.push(`Briefing written: ${d.markdown_path}`);
          if (d.json_path) lines.push(`Briefing JSON written: ${d.json_path}`);
          return lines.join('\n');
        },
      ),
    );
}
