import { errorMessage, JobName, RunRecord } from '@options-helper/domain';
import type { JobContext, JobResult } from './job.types';

export interface LaunchTrigger {
  triggeredBy: JobContext['triggeredBy'];
  parentRunId?: string | null;
  attempt?: number;
}

export interface LaunchedRun {
  run_id: string;
  job_name: string;
  status: 'started';
  triggered_by: string;
  parent_run_id: string | null;
}

export interface JobFinish {
  jobName: JobName;
  seconds: number;
  status: 'success' | 'failed';
  result?: JobResult;
  error?: unknown;
}

/**
 * Starts jobs for a service API: resolves as soon as the run is recorded in the ledger (the HTTP answer is
 * 202 with the run id) while the job goes on in the background; its state is then read from the ledger.
 * Errors before the run exists (bad arguments) reject the launch instead.
 */
export class JobLauncher {
  private readonly running = new Set<Promise<unknown>>();

  constructor(
    private readonly context: (trigger: LaunchTrigger) => JobContext,
    private readonly onFinish?: (finish: JobFinish) => void,
  ) {}

  launch(jobName: JobName, trigger: LaunchTrigger, run: (ctx: JobContext) => Promise<JobResult>): Promise<LaunchedRun> {
    return new Promise((resolve, reject) => {
      let started = false;
      const ctx: JobContext = {
        ...this.context(trigger),
        onRunStarted: (record: RunRecord) => {
          started = true;
          resolve({ run_id: record.run_id, job_name: jobName, status: 'started', triggered_by: record.triggered_by, parent_run_id: record.parent_run_id });
        },
      };
      const t0 = process.hrtime.bigint();
      const seconds = () => Number(process.hrtime.bigint() - t0) / 1e9;
      const work = run(ctx).then(
        (result) => this.onFinish?.({ jobName, seconds: seconds(), status: result.exitCode === 0 ? 'success' : 'failed', result }),
        (error: unknown) => {
          if (!started) reject(error);
          else {
            ctx.logger?.error(`${jobName} failed: ${errorMessage(error)}`, { job: jobName });
            this.onFinish?.({ jobName, seconds: seconds(), status: 'failed', error });
          }
        },
      );
      this.running.add(work);
      void work.finally(() => this.running.delete(work));
    });
  }

  get inFlight(): number {
    return this.running.size;
  }

  /** Waits for running jobs (graceful shutdown). */
  async drain(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }
}
