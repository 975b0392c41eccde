import { Inject, Injectable, Logger } from '@nestjs/common';
import { DEFAULT_REPORTING_TIME_ZONE, JobName, nyseCalendar } from '@options-helper/domain';
import { inProcessChecks, JobContext, JobLauncher, JobResult, LaunchedRun, LaunchTrigger } from '@options-helper/jobs';
import type { LedgerPort } from '@options-helper/ledger-client';
import type { MarketDataProvider } from '@options-helper/providers';
import { METRICS_REGISTRY } from '@options-helper/server';
import { Counter, Histogram, Registry } from 'prom-client';

export const JOB_SERVICE_CONFIG = Symbol('JOB_SERVICE_CONFIG');

export interface JobServiceConfig {
  service: string;
  ledger: LedgerPort;
  provider: () => MarketDataProvider;
  timeZone?: string;
  paths: JobContext['paths'];
  appVersion?: string | null;
  /** Quality checks after each job; default: run in-process against the ledger. */
  checks?: JobContext['checks'];
}

/** Launches jobs for the HTTP API and exports their outcomes as metrics (bounded labels: job, status). */
@Injectable()
export class JobLaunchService {
  private readonly logger = new Logger('jobs');
  private readonly launcher: JobLauncher;
  private readonly finished: Counter<'job' | 'status'>;
  private readonly duration: Histogram<'job'>;

  constructor(@Inject(JOB_SERVICE_CONFIG) private readonly config: JobServiceConfig, @Inject(METRICS_REGISTRY) registry: Registry) {
    this.finished = new Counter({ name: 'options_helper_job_runs_total', help: 'Job runs finished by this service, by outcome.', labelNames: ['job', 'status'], registers: [registry] });
    this.duration = new Histogram({ name: 'options_helper_job_duration_seconds', help: 'Job run duration in seconds.', labelNames: ['job'], buckets: [0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600], registers: [registry] });
    this.launcher = new JobLauncher(
      (trigger) => this.context(trigger),
      (finish) => {
        this.finished.inc({ job: finish.jobName, status: finish.status });
        this.duration.observe({ job: finish.jobName }, finish.seconds);
        const runId = finish.result?.runId;
        this.logger.log({ job: finish.jobName, run_id: runId, status: finish.status, seconds: Math.round(finish.seconds * 1000) / 1000, summary: finish.result?.summary }, 'job finished');
      },
    );
  }

  launch(jobName: JobName, trigger: LaunchTrigger, run: (ctx: JobContext) => Promise<JobResult>): Promise<LaunchedRun> {
    return this.launcher.launch(jobName, trigger, run);
  }

  get inFlight(): number {
    return this.launcher.inFlight;
  }

  drain(): Promise<void> {
    return this.launcher.drain();
  }

  private context(trigger: LaunchTrigger): JobContext {
    const logger = this.logger;
    return {
      ledger: this.config.ledger,
      provider: this.config.provider(),
      now: () => new Date(),
      calendar: nyseCalendar,
      triggeredBy: trigger.triggeredBy,
      parentRunId: trigger.parentRunId ?? null,
      attempt: trigger.attempt,
      timeZone: this.config.timeZone ?? DEFAULT_REPORTING_TIME_ZONE,
      paths: this.config.paths,
      appVersion: this.config.appVersion ?? null,
      checks: this.config.checks ?? inProcessChecks,
      logger: {
        info: (message, fields) => logger.log({ ...fields }, message),
        warn: (message, fields) => logger.warn({ ...fields }, message),
        error: (message, fields) => logger.error({ ...fields }, message),
      },
    };
  }
}
