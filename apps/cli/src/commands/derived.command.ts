import { Command, Option } from 'commander';
import { printJson, withLedger } from '../cli-context';
import type { GlobalOptions } from '../options';
import { intAtLeast, oneOf, repeatable } from '../options';
import { UsageError } from '../exit-codes';
import { runJobCommand } from './run-job';

/** `options-helper derived update|show|stats` (DOMAIN.md §3.5, §5.3). */
export function derivedCommand(globals: () => GlobalOptions): Command {
  const derived = new Command('derived').description('Derived daily metrics per symbol (derived_daily)');

  derived
    .command('update')
    .description('Compute and replace the derived row of the as-of snapshot (job compute_derived)')
    .requiredOption('-s, --symbol <symbols>', 'symbol(s), repeatable or comma-separated', repeatable, [])
    .option('--as-of <date>', 'latest or YYYY-MM-DD (a snapshot must exist)', 'latest')
    .action((flags: { symbol: string[]; asOf: string }) =>
      runJobCommand(
        globals(),
        (ctx, jobs) => jobs.computeDerived(ctx, { symbols: flags.symbol, asOf: flags.asOf }),
        (result) => ((result.details['updated'] as string[] | undefined) ?? []).join('\n'),
      ),
    );

  derived
    .command('show')
    .description('The newest derived rows of a symbol')
    .requiredOption('-s, --symbol <symbol>', 'symbol')
    .addOption(new Option('--last <n>', 'rows').default(30).argParser(intAtLeast('--last', 1)))
    .action(async (flags: { symbol: string; last: number }) => {
      const opts = globals();
      const { derivedHistory } = await import('@options-helper/jobs');
      const rows = await withLedger(opts, (ledger) => derivedHistory({ ledger }, flags.symbol, flags.last));
      if (opts.json) return printJson(rows);
      const { textTable } = await import('../output/text-table');
      const cols = ['date', 'spot', 'pc_oi', 'call_wall', 'put_wall', 'gamma_peak_strike', 'atm_iv_near', 'em_near_pct', 'rv_20d', 'iv_rv_20d', 'atm_iv_near_percentile', 'iv_term_slope'];
      const fmt = (v: unknown) => (typeof v === 'number' ? Number(v.toPrecision(6)) : v);
      process.stdout.write(rows.length ? `${textTable(cols, rows as unknown as Record<string, unknown>[], (r, c) => fmt(r[c]))}\n` : `No derived rows. Run \`options-helper derived update --symbol ${flags.symbol.toUpperCase()} --as-of latest\` first.\n`);
    });

  derived
    .command('stats')
    .description('Percentile and trend of every derived metric at the as-of date')
    .requiredOption('-s, --symbol <symbol>', 'symbol')
    .option('--as-of <date>', 'latest or YYYY-MM-DD (must have a derived row)', 'latest')
    .addOption(new Option('--window <n>', 'percentile window').default(60).argParser(intAtLeast('--window', 1)))
    .addOption(new Option('--trend-window <n>', 'trend window').default(5).argParser(intAtLeast('--trend-window', 2)))
    .addOption(new Option('--format <f>', 'console or json').default('console').argParser(oneOf('--format', ['console', 'json'] as const)))
    .option('--out <dir>', 'write {DIR}/derived/{SYM}/{asof}_w{W}_tw{T}.json')
    .action(async (flags: { symbol: string; asOf: string; window: number; trendWindow: number; format: string; out?: string }) => {
      const opts = globals();
      const { derivedHistory } = await import('@options-helper/jobs');
      const { derivedStats } = await import('@options-helper/domain');
      const rows = (await withLedger(opts, (ledger) => derivedHistory({ ledger }, flags.symbol))).reverse();
      const asOf = flags.asOf === 'latest' ? rows.at(-1)?.date : flags.asOf;
      if (!asOf) throw new UsageError(`no derived rows for ${flags.symbol.toUpperCase()}: run derived update first`);
      const report = derivedStats({ symbol: flags.symbol.toUpperCase(), asOf, rows, window: flags.window, trendWindow: flags.trendWindow });
      if (flags.out) {
        const fs = await import('node:fs');
        const path = await import('node:path');
        const file = path.join(flags.out, 'derived', report.symbol, `${report.as_of}_w${flags.window}_tw${flags.trendWindow}.json`);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
      }
      if (opts.json || flags.format === 'json') return printJson(report);
      const { textTable } = await import('../output/text-table');
      process.stdout.write(`${report.symbol} derived stats as of ${report.as_of} (window ${report.window}, trend ${report.trend_window})\n`);
      process.stdout.write(`${textTable(['name', 'value', 'percentile', 'percentile_n', 'trend_direction', 'trend_delta'], report.metrics as unknown as Record<string, unknown>[])}\n`);
    });
  return derived;
}
