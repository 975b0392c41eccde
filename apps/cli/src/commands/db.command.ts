import { Command, Option } from 'commander';
import type { FailOn } from '@options-helper/domain';
import { printJson, withLedger } from '../cli-context';
import { EXIT } from '../exit-codes';
import { GlobalOptions, intAtLeast, oneOf } from '../options';

interface HealthFlags {
  days: number;
  limit: number;
  staleDays?: number;
  failOn?: FailOn;
}

/** `options-helper db init|migrate|info|health` (DOMAIN.md §1.2, §9.1). */
export function dbCommand(globals: () => GlobalOptions): Command {
  const db = new Command('db').description('Create, migrate and inspect the DuckDB warehouse and its run ledger');

  const migrateAction = async () => {
    const opts = globals();
    await withLedger(opts, async (ledger) => {
      const result = await ledger.migrate();
      if (opts.json) printJson(result);
      else process.stdout.write(`${result.database_path} schema v${result.schema_version}\n`);
    });
  };

  db.command('init').description('Create the DuckDB file (and folders) and apply every migration').action(migrateAction);
  db.command('migrate').description('Apply pending migrations').action(migrateAction);

  db.command('info')
    .description('Path, schema version and tables with row counts (never creates the file)')
    .action(async () => {
      const opts = globals();
      await withLedger(opts, async (ledger) => {
        const info = await ledger.info();
        if (opts.json) return printJson(info);
        const { textTable } = await import('../output/text-table');
        const lines = [`Path: ${info.database_path}`, `Schema version: ${info.schema_version} (latest ${info.latest_schema_version})`];
        if (!info.database_exists) lines.push('DuckDB file does not exist yet. Run `options-helper db init`.');
        else lines.push('', textTable(['schema', 'table', 'rows'], info.tables.map((t) => ({ schema: t.schema, table: t.name, rows: t.rows }))));
        process.stdout.write(`${lines.join('\n')}\n`);
      });
    });

  db.command('health')
    .description('Latest runs, failures, watermark freshness and failed checks (never creates or migrates the file)')
    .addOption(new Option('--days <n>', 'window in days for runs, failures and failed checks').default(7).argParser(intAtLeast('--days', 0)))
    .addOption(new Option('--limit <n>', 'rows per section').default(50).argParser(intAtLeast('--limit', 1)))
    .addOption(new Option('--stale-days <n>', 'only watermarks with staleness_days >= N (default: all)').argParser(intAtLeast('--stale-days', 0)))
    .addOption(new Option('--fail-on <level>', 'exit 3 when unhealthy at this level (warn|error)').argParser(oneOf('--fail-on', ['warn', 'error'] as const)))
    .action(async (flags: HealthFlags) => {
      const opts = globals();
      const { report, recurring } = await withLedger(opts, async (ledger) => ({
        report: await ledger.health({ days: flags.days, limit: flags.limit, staleDays: flags.staleDays ?? null }),
        recurring: opts.json ? [] : (await ledger.healthSnapshot({ days: flags.days, limit: flags.limit })).recurring_failures,
      }));
      if (opts.json) printJson(report);
      else {
        const { renderHealthReport } = await import('../output/health-report.text');
        process.stdout.write(renderHealthReport(report, recurring));
      }
      if (flags.failOn) {
        const { healthProblems, DEFAULT_STALE_DAYS } = await import('@options-helper/domain');
        const problems = healthProblems(report, flags.failOn, flags.staleDays ?? DEFAULT_STALE_DAYS);
        if (problems.length) {
          process.stderr.write(`Unhealthy (--fail-on ${flags.failOn}):\n${problems.map((p) => `  - ${p}`).join('\n')}\n`);
          process.exitCode = EXIT.unhealthy;
        }
      }
    });

  return db;
}
