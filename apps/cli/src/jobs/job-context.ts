import * as fs from 'node:fs';
import type { JobContext, JobLogger, ProgressReporter } from '@options-helper/jobs';
import type { GlobalOptions } from '../options';
import { openLedger } from '../cli-context';

/** A one-line progress bar on stderr, only on a terminal and never with --json. */
export function terminalProgress(enabled: boolean): ProgressReporter | undefined {
  if (!enabled || !process.stderr.isTTY) return undefined;
  let total = 0;
  let done = 0;
  let label = '';
  const draw = (detail = '') => {
    const width = 28;
    const filled = total ? Math.round((done / total) * width) : 0;
    process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${label} ${detail}`.padEnd(90).slice(0, 100));
  };
  return {
    start(t, l) {
      total = t;
      done = 0;
      label = l;
      draw();
    },
    tick(detail) {
      done += 1;
      draw(detail ?? '');
    },
    finish() {
      process.stderr.write('\r'.padEnd(100) + '\r');
    },
  };
}

function stderrLogger(quiet: boolean): JobLogger {
  const write = (level: string, message: string) => {
    if (!quiet) process.stderr.write(`${level}: ${message}\n`);
  };
  return { info: () => undefined, warn: (m) => write('warning', m), error: (m) => write('error', m) };
}

/** The job context of a CLI command: ledger (HTTP or embedded), provider, clock, calendar and paths. */
export async function cliJobContext(globals: GlobalOptions): Promise<JobContext> {
  const domain = await import('@options-helper/domain');
  const { createProvider } = await import('@options-helper/providers');
  const { inProcessChecks } = await import('@options-helper/jobs');
  const env = process.env;
  const calendarFile = 'config/calendar-overrides.json';
  const calendar = fs.existsSync(calendarFile)
    ? new domain.TradingCalendar(domain.parseCalendarOverrides(JSON.parse(fs.readFileSync(calendarFile, 'utf8'))))
    : domain.nyseCalendar;
  const ledger = await openLedger(globals);
  return {
    ledger,
    provider: createProvider(globals.provider, { seed: globals.syntheticSeed, csvDir: globals.csvDir }),
    now: () => new Date(),
    calendar,
    triggeredBy: 'cli',
    timeZone: env['OPTIONS_HELPER_TZ'] || domain.DEFAULT_REPORTING_TIME_ZONE,
    paths: { dataDir: domain.dataDir(env), watchlists: domain.watchlistsPath(env), portfolio: domain.portfolioPath(env) },
    checks: inProcessChecks,
    progress: terminalProgress(!globals.json),
    logger: stderrLogger(!!globals.json),
    appVersion: env['npm_package_version'] ?? null,
  };
}
