import { Command, Option } from 'commander';
import { printJson, withLedger } from '../cli-context';
import type { GlobalOptions } from '../options';
import { intAtLeast } from '../options';

/** `options-helper backfill plan`: the gap backfill planner (display only, DOMAIN.md §9.3). */
export function backfillCommand(globals: () => GlobalOptions): Command {
  const backfill = new Command('backfill').description('Plan repairs of gaps in the data');
  backfill
    .command('plan')
    .description('Ordered repair steps from watermarks, latest runs and failed checks; runs nothing')
    .addOption(new Option('--stale-days <n>', 'staleness threshold in days').default(3).argParser(intAtLeast('--stale-days', 0)))
    .addOption(new Option('--days <n>', 'window in days for failed checks').default(7).argParser(intAtLeast('--days', 0)))
    .action(async (flags: { staleDays: number; days: number }) => {
      const opts = globals();
      const { portfolioPath } = await import('@options-helper/domain');
      const plan = await withLedger(opts, (ledger) => ledger.backfillPlan({ staleDays: flags.staleDays, days: flags.days, portfolioPath: portfolioPath(process.env) }));
      if (opts.json) return printJson(plan);
      const { renderPlanTable } = await import('@options-helper/domain');
      const lines = [`Gap backfill plan (display only) — stale_days=${plan.stale_days}, hash ${plan.hash}`];
      lines.push(plan.steps.length ? renderPlanTable(plan) : 'No immediate backfill actions suggested from current health signals.');
      process.stdout.write(`${lines.join('\n')}\n`);
    });
  return backfill;
}
