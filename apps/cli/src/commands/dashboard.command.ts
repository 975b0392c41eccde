import { Command } from 'commander';
import type { GlobalOptions } from '../options';
import { runJobCommand } from './run-job';

/** `options-helper dashboard` (DOMAIN.md §6.4, job build_dashboard). */
export function dashboardCommand(globals: () => GlobalOptions): Command {
  return new Command('dashboard')
    .description('Dashboard view of a daily briefing JSON: positions, symbol summary, watchlists (job build_dashboard)')
    .option('--date <date>', 'latest (newest briefing JSON) or YYYY-MM-DD', 'latest')
    .option('--reports-dir <dir>', 'reports folder (default data/reports)')
    .action((flags: Record<string, unknown>) =>
      runJobCommand(
        globals(),
        (ctx, jobs) => jobs.buildDashboard(ctx, { date: flags['date'] as string, reportsDir: flags['reportsDir'] as string | undefined }),
        (result) => {
          const d = result.details as { text?: string; view_path?: string };
          return [d.text?.trimEnd() ?? '', d.view_path ? `Dashboard view written: ${d.view_path}` : ''].filter(Boolean).join('\n');
        },
      ),
    );
}
