import {
  ASSET_MATERIALIZATION_ERROR_TYPE,
  AssetEventInput,
  CheckResult,
  JOB_EXIT_ERROR_TYPE,
  JobName,
  RunRecord,
  WatermarkInput,
  errorMessage,
  errorType,
  materializationFailure,
} from '@options-helper/domain';
import type { JobContext, JobResult, StartedJob, SymbolOutcome } from './job.types';

/** What a job's body hands back to the runner; the runner writes it to the ledger. */
export interface JobBody {
  outcomes: SymbolOutcome[];
  events: AssetEventInput[];
  watermarks: WatermarkInput[];
  /** Scopes to check (passed to the checks hook); empty with a skip reason when nothing was written. */
  checkScopes: string[];
  checkSkipReason?: string;
  /** Checks the job itself decided (e.g. skip results for no_symbols). */
  checks?: CheckResult[];
  exitCode?: number;
  failureSummary?: string;
  summaryExtra?: string;
  warnings?: string[];
  details?: Record<string, unknown>;
}

export function summaryLine(outcomes: SymbolOutcome[]): string {
  const count = (s: SymbolOutcome['status']) => outcomes.filter((o) => o.status === s).length;
  return `${count('ok')} ok, ${count('skipped')} skipped, ${count('failed')} failed`;
}

/**
 * Runs a job the same way whoever triggers it (DOMAIN.md §2.3): the run is started before any work with the
 * effective arguments; the body's outcomes become asset events and watermarks; the checks hook runs over
 * what was written (a check failure never fails the run, an exception inside a check does); then the run is
 * finalised — success, failed/JobExitError for a non-zero exit code, or failed with the thrown error.
 */
export async function startJob(
  ctx: JobContext,
  jobName: JobName,
  args: Record<string, unknown>,
  body: (run: RunRecord) => Promise<JobBody>,
): Promise<StartedJob> {
  const run = await ctx.ledger.startRun({
    jobName,
    triggeredBy: ctx.triggeredBy,
    parentRunId: ctx.parentRunId ?? null,
    provider: ctx.provider.name,
    args: ctx.attempt ? { ...args, attempt: ctx.attempt } : args,
    appVersion: ctx.appVersion ?? null,
    gitSha: ctx.gitSha ?? null,
  });
  ctx.onRunStarted?.(run);
  const done = (async (): Promise<JobResult> => {
    try {
      const result = await body(run);
      await ctx.ledger.logAssetEvents(result.events);
      await ctx.ledger.upsertWatermarks(result.watermarks);
      const checks = [...(result.checks ?? [])];
      if (ctx.checks && (result.checkScopes.length > 0 || result.checkSkipReason)) {
        checks.push(...(await ctx.checks({ jobName, runId: run.run_id, scopes: result.checkScopes, skipReason: result.checkSkipReason }, ctx)));
      }
      await ctx.ledger.persistChecks(
        checks.map((c) => ({
          assetKey: c.asset_key,
          checkName: c.check_name,
          severity: c.severity,
          status: c.status,
          partitionKey: c.scope_key,
          metrics: c.metrics,
          message: c.message,
          runId: run.run_id,
        })),
      );
      const summary = [summaryLine(result.outcomes), result.summaryExtra].filter(Boolean).join('; ');
      let exitCode = result.exitCode ?? 0;
      // A run the daily graph started (it has a parent) materialises an asset: DOMAIN.md §11 says when that failed.
      const broken = exitCode === 0 && ctx.parentRunId ? materializationFailure(jobName, { outcomes: result.outcomes, details: result.details }) : null;
      if (broken) {
        exitCode = 1;
        await ctx.ledger.finalizeFailure({ runId: run.run_id, error: { type: ASSET_MATERIALIZATION_ERROR_TYPE, message: broken } });
      } else if (exitCode === 0) await ctx.ledger.finalizeSuccess({ runId: run.run_id });
      else await ctx.ledger.finalizeFailure({ runId: run.run_id, error: { type: JOB_EXIT_ERROR_TYPE, message: result.failureSummary ?? summary } });
      return {
        jobName,
        runId: run.run_id,
        outcomes: result.outcomes,
        checks,
        exitCode,
        summary,
        warnings: result.warnings ?? [],
        details: result.details ?? {},
      };
    } catch (err) {
      ctx.logger?.error(`${jobName} failed: ${errorMessage(err)}`, { run_id: run.run_id, job: jobName, error_type: errorType(err) });
      await ctx.ledger.finalizeFailure({ runId: run.run_id, error: err }).catch(() => undefined);
      throw err;
    }
  })();
  return { run, done };
}

export async function executeJob(
  ctx: JobContext,
  jobName: JobName,
  args: Record<string, unknown>,
  body: (run: RunRecord) => Promise<JobBody>,
): Promise<JobResult> {
  return (await startJob(ctx, jobName, args, body)).done;
}
