import type { JobContext, JobResult } from '@options-helper/jobs';
import { EXIT, UsageError } from '../exit-codes';
import type { GlobalOptions } from '../options';

type Jobs = typeof import('@options-helper/jobs');

/** Runs one job from the CLI: builds the context, prints the result, sets the exit code, closes the ledger. */
export async function runJobCommand(
  globals: GlobalOptions,
  work: (ctx: JobContext, jobs: Jobs) => Promise<JobResult>,
  render?: (result: JobResult) => string,
): Promise<void> {
  const jobs = await import('@options-helper/jobs');
  const { cliJobContext } = await import('../jobs/job-context');
  const { printJobResult } = await import('../jobs/job-output');
  const ctx = await cliJobContext(globals);
  try {
    const result = await work(ctx, jobs);
    if (render && !globals.json) {
      const text = render(result);
      if (text) process.stdout.write(`${text}\n`);
    }
    printJobResult(result, !!globals.json);
    process.exitCode = result.exitCode;
  } catch (err) {
    if (err instanceof jobs.JobUsageError || isValidationError(err)) throw new UsageError(err instanceof Error ? err.message : String(err));
    throw err;
  } finally {
    ctx.progress?.finish();
    await ctx.ledger.close();
  }
  if (process.exitCode === undefined) process.exitCode = EXIT.ok;
}

function isValidationError(err: unknown): boolean {
  return err instanceof Error && ['PortfolioValidationError', 'WatchlistsValidationError', 'SymbolError'].includes(err.name);
}
