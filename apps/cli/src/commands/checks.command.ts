import { Command } from 'commander';
import type { GlobalOptions } from '../options';
import { repeatable } from '../options';
import { printJson } from '../cli-context';
import { EXIT, UsageError } from '../exit-codes';

/** `options-helper checks run --asset A [--symbol S]`: re-runs quality checks on demand and persists them (no run). */
export function checksCommand(globals: () => GlobalOptions): Command {
  const checks = new Command('checks').description('Data-quality checks (DOMAIN.md §8)');
  checks
    .command('run')
    .description('Re-run the checks of an asset on demand; results are stored without a run')
    .requiredOption('--asset <asset>', 'candles_daily, option_bars, options_snapshots, options_flow or derived_daily')
    .option('-s, --symbol <symbols>', 'symbols (candles, snapshots) or underlyings (option bars); default all', repeatable, [])
    .action(async (flags: { asset: string; symbol: string[] }) => {
      const opts = globals();
      const jobs = await import('@options-helper/jobs');
      const { cliJobContext } = await import('../jobs/job-context');
      const { textTable } = await import('../output/text-table');
      if (!Object.keys(jobs.CHECKS_BY_ASSET).includes(flags.asset)) {
        throw new UsageError(`--asset must be one of ${Object.keys(jobs.CHECKS_BY_ASSET).join(', ')}, got ${JSON.stringify(flags.asset)}`);
      }
      const ctx = await cliJobContext(opts);
      try {
        const symbols = flags.symbol.map((s) => s.trim().toUpperCase());
        const results = await jobs.runAssetChecks(ctx, flags.asset, symbols);
        await ctx.ledger.persistChecks(
          results.map((c) => ({ assetKey: c.asset_key, checkName: c.check_name, severity: c.severity, status: c.status, partitionKey: c.scope_key, metrics: c.metrics, message: c.message })),
        );
        if (opts.json) printJson(results);
        else {
          process.stdout.write(`${textTable(['check_name', 'scope_key', 'severity', 'status', 'message'], results as unknown as Record<string, unknown>[])}\n`);
          const fails = results.filter((r) => r.status === 'fail').length;
          process.stdout.write(`${results.length} checks: ${results.filter((r) => r.status === 'pass').length} pass, ${fails} fail, ${results.filter((r) => r.status === 'skip').length} skip\n`);
        }
        process.exitCode = EXIT.ok;
      } finally {
        await ctx.ledger.close();
      }
    });
  return checks;
}
