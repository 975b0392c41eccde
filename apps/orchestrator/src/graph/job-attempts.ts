import { Logger } from '@nestjs/common';
import { JobName, retryDelayMs, RetryPolicy, RunRecord, shouldRetry, Trigger } from '@options-helper/domain';
import type { LedgerPort } from '@options-helper/ledger-client';
import { JobLaunchError, JobServiceName, JobServicesClient } from '../clients/job-services.client';

/** error_type of a job run the orchestrator gave up on: its service died or restarted, or it ran past the timeout. */
export const JOB_LOST_ERROR_TYPE = 'JobLostError';

export interface AttemptSettings {
  retry: RetryPolicy;
  pollMs: number;
  lostAfterMs: number;
  jobTimeoutMs: number;
  /** How long an attempt waits for its service to answer before it counts as failed (a restarting service). */
  serviceWaitMs: number;
  random: () => number;
}

export interface JobAttemptsResult {
  status: 'success' | 'failed';
  attempts: number;
  runIds: string[];
  /** Time the successful (or last) run spent inside the job, from the ledger. */
  jobMs: number;
  error: string | null;
}

export interface AttemptObserver {
  onAttempt?(job: JobName, status: 'success' | 'failed' | 'lost' | 'launch_failed'): void;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Runs one job of the graph to completion with retries (exponential backoff with jitter), recording the attempt
 * number in the job's args. A job whose service goes away or restarts mid-run never finishes its ledger row, so the
 * orchestrator fails that run itself (JobLostError) and retries.
 */
export class JobAttempts {
  private readonly logger = new Logger('job-attempts');
  /** The last identity read per service, so back-to-back jobs on one service do not each scrape /metrics. */
  private readonly seen = new Map<JobServiceName, { identity: number; at: number }>();

  constructor(
    private readonly ledger: LedgerPort,
    private readonly services: JobServicesClient,
    private readonly settings: AttemptSettings,
    private readonly observer: AttemptObserver = {},
  ) {}

  async run(job: JobName, body: Record<string, unknown>, trigger: { triggeredBy: Trigger; parentRunId: string }, firstAttempt = 1): Promise<JobAttemptsResult> {
    const runIds: string[] = [];
    const service = this.services.serviceOf(job);
    let error: string | null = null;
    let jobMs = 0;
    for (let attempt = firstAttempt; ; attempt++) {
      const identity = await this.waitForService(service);
      let outcome: 'success' | 'failed' | 'lost' | 'launch_failed';
      let retryable = true;
      if (identity === null) {
        outcome = 'launch_failed';
        error = `${service} service at ${this.services.urlOf(service)} does not answer`;
      } else {
        try {
          const runId = await this.services.launch(job, { ...body, triggered_by: trigger.triggeredBy, parent_run_id: trigger.parentRunId, attempt });
          runIds.push(runId);
          const waited = await this.waitFor(runId, service, identity, null);
          jobMs = waited.run?.duration_ms ?? 0;
          if (waited.lost) {
            outcome = 'lost';
            error = waited.lost;
          } else if (waited.run?.status === 'success') {
            outcome = 'success';
          } else {
            outcome = 'failed';
            error = `${waited.run?.error_type ?? 'Error'}: ${waited.run?.error_message ?? 'failed'}`;
          }
        } catch (err) {
          outcome = 'launch_failed';
          error = err instanceof Error ? err.message : String(err);
          retryable = !(err instanceof JobLaunchError) || err.retryable;
        }
      }
      this.observer.onAttempt?.(job, outcome);
      if (outcome === 'success') return { status: 'success', attempts: attempt, runIds, jobMs, error: null };
      this.logger.warn({ job, attempt, parent_run_id: trigger.parentRunId, error }, 'job attempt failed');
      if (!retryable || !shouldRetry(attempt, this.settings.retry)) return { status: 'failed', attempts: attempt, runIds, jobMs, error };
      await sleep(retryDelayMs(attempt, this.settings.retry, this.settings.random));
    }
  }

  /** The service's identity once it answers (polled for up to serviceWaitMs), else null; a reading under 1 s old is reused. */
  private async waitForService(service: JobServiceName): Promise<number | null> {
    const cached = this.seen.get(service);
    if (cached && Date.now() - cached.at < 1000) return cached.identity;
    const deadline = Date.now() + this.settings.serviceWaitMs;
    for (;;) {
      const identity = await this.identity(service);
      if (identity !== null || Date.now() >= deadline) return identity;
      await sleep(Math.min(500, this.settings.pollMs * 10));
    }
  }

  private async identity(service: JobServiceName): Promise<number | null> {
    const identity = await this.services.identity(service);
    if (identity === null) this.seen.delete(service);
    else this.seen.set(service, { identity, at: Date.now() });
    return identity;
  }

  /**
   * Waits for a run someone else started (a previous orchestrator process): its result, or lost when its service
   * restarted since the run began (the run can never finish).
   */
  async adopt(job: JobName, runId: string, startedAt: string): Promise<{ run: RunRecord | null; lost: string | null }> {
    const service = this.services.serviceOf(job);
    const identity = await this.identity(service);
    return this.waitFor(runId, service, identity, Date.parse(startedAt));
  }

  private async waitFor(runId: string, service: JobServiceName, identity: number | null, startedAtMs: number | null): Promise<{ run: RunRecord | null; lost: string | null }> {
    const began = Date.now();
    let lastProbe = Date.now();
    let downSince: number | null = identity === null ? Date.now() : null;
    let known = identity;
    for (;;) {
      const run = await this.ledger.getRun(runId).catch(() => null);
      if (run && run.status !== 'started') return { run, lost: null };
      const now = Date.now();
      if (startedAtMs !== null && known !== null && known * 1000 > startedAtMs + 1000) {
        return this.giveUp(runId, `${service} service restarted after run ${runId} began; the run can never finish`);
      }
      if (now - lastProbe >= 1000) {
        lastProbe = now;
        const current = await this.identity(service);
        if (current === null) {
          downSince ??= now;
          if (now - downSince >= this.settings.lostAfterMs) return this.giveUp(runId, `${service} service stopped answering while run ${runId} was running`);
        } else {
          downSince = null;
          if (known === null) known = current;
          else if (current !== known) return this.giveUp(runId, `${service} service restarted while run ${runId} was running`);
        }
      }
      if (now - began >= this.settings.jobTimeoutMs) return this.giveUp(runId, `run ${runId} still running after ${this.settings.jobTimeoutMs} ms`);
      await sleep(this.settings.pollMs);
    }
  }

  /** Fails the run in the ledger (a no-op if it finished meanwhile, then its real result counts). */
  private async giveUp(runId: string, message: string): Promise<{ run: RunRecord | null; lost: string | null }> {
    const run = await this.ledger.finalizeFailure({ runId, error: { type: JOB_LOST_ERROR_TYPE, message } }).catch(() => null);
    if (run && run.status === 'success') return { run, lost: null };
    return { run, lost: `${JOB_LOST_ERROR_TYPE}: ${message}` };
  }
}
