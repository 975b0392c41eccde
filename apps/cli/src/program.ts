import { Command, Option } from 'commander';
import { backfillCommand } from './commands/backfill.command';
import { briefingCommand } from './commands/briefing.command';
import { dashboardCommand } from './commands/dashboard.command';
import { checksCommand } from './commands/checks.command';
import { dbCommand } from './commands/db.command';
import { derivedCommand } from './commands/derived.command';
import { flowCommand } from './commands/flow.command';
import { ingestCommand } from './commands/ingest.command';
import { snapshotOptionsCommand } from './commands/snapshot-options.command';
import { upCommand } from './commands/up.command';
import { uiCommand } from './commands/ui.command';
import { gatewayCommand } from './commands/gateway.command';
import { GlobalOptions, intAtLeast, oneOf, PROVIDERS } from './options';

export const DISCLAIMER = 'Not financial advice. For informational/educational use only.';

/** The `options-helper` command tree. Commands load their heavy modules only when they run. */
export function buildProgram(): Command {
  const program = new Command('options-helper');
  program
    .description(`Options market-data pipeline and run ledger.\n${DISCLAIMER}`)
    .version(process.env['npm_package_version'] ?? '0.1.0')
    .addOption(
      new Option('--provider <name>', 'market-data provider')
        .default(process.env['OPTIONS_HELPER_PROVIDER'] || 'synthetic')
        .argParser(oneOf('--provider', PROVIDERS)),
    )
    .option('--duckdb-path <path>', 'DuckDB file (default: $OPTIONS_HELPER_DUCKDB_PATH or data/warehouse/options.duckdb)')
    .option('--ledger-url <url>', 'ledger service URL (default: $OPTIONS_HELPER_LEDGER_URL, else http://127.0.0.1:7410 when it serves the same file)')
    .option('--json', 'machine-readable output')
    .option('--log-dir <dir>', 'folder for command logs')
    .option('--csv-dir <dir>', 'csv provider import folder (default data/import)')
    .addOption(
      new Option('--synthetic-seed <n>', 'seed of the synthetic provider')
        .default(Number(process.env['OPTIONS_HELPER_SYNTHETIC_SEED'] || 42))
        .argParser(intAtLeast('--synthetic-seed', 0)),
    )
    .showHelpAfterError('(run with --help for usage)');

  const globals = (): GlobalOptions => program.opts<GlobalOptions>();
  program.addCommand(dbCommand(globals));
  program.addCommand(ingestCommand(globals));
  program.addCommand(snapshotOptionsCommand(globals));
  program.addCommand(flowCommand(globals));
  program.addCommand(derivedCommand(globals));
  program.addCommand(briefingCommand(globals));
  program.addCommand(dashboardCommand(globals));
  program.addCommand(checksCommand(globals));
  program.addCommand(backfillCommand(globals));
  program.addCommand(upCommand(globals));
  program.addCommand(uiCommand(globals));
  program.addCommand(gatewayCommand(globals));
  return program;
}
