import * as fs from 'node:fs';
import * as path from 'node:path';
import { Command } from 'commander';
import type { GlobalOptions } from '../options';

interface StackHandle {
  stopped: Promise<number>;
}

/** tools/scripts/start.js, the one implementation of `npm start` and `up`, found upwards from this file (source or dist). */
function stackScript(): string {
  let dir = __dirname;
  for (let i = 0; i < 8; i++) {
    const candidate = path.join(dir, 'tools', 'scripts', 'start.js');
    if (fs.existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error('tools/scripts/start.js not found: run `up` from an options-helper checkout');
}

/** `options-helper up`: the same stack as `npm start` (ledger, checks, ingest, compute, orchestrator); Ctrl-C stops it. */
export function upCommand(globals: () => GlobalOptions): Command {
  return new Command('up')
    .description('Run the whole stack locally (same as npm start): services, demo data on first run, an initial backfill; Ctrl-C stops it')
    .option('--no-backfill', 'do not backfill recent sessions on an empty ledger')
    .action(async (flags: { backfill: boolean }) => {
      const opts = globals();
      const env: Record<string, string | undefined> = { ...process.env };
      if (opts.duckdbPath) env['OPTIONS_HELPER_DUCKDB_PATH'] = path.resolve(opts.duckdbPath);
      if (opts.provider) env['OPTIONS_HELPER_PROVIDER'] = opts.provider;
      env['OPTIONS_HELPER_SYNTHETIC_SEED'] = String(opts.syntheticSeed);
      const { runStack } = require(stackScript()) as { runStack: (o: object) => Promise<StackHandle> };
      const stack = await runStack({ env, backfill: flags.backfill, handleSignals: true });
      process.exitCode = await stack.stopped;
    });
}
