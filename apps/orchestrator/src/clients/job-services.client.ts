import type { JobName } from '@options-helper/domain';

export type JobServiceName = 'ingest' | 'compute';

/** Which service runs which job (ARCHITECTURE.md §2): the one place the orchestrator maps jobs to URLs. */
export const JOB_SERVICE: Readonly<Record<JobName, JobServiceName>> = {
  ingest_candles: 'ingest',
  ingest_options_bars: 'ingest',
  snapshot_options: 'ingest',
  compute_flow: 'compute',
  compute_derived: 'compute',
  build_briefing: 'compute',
  build_dashboard: 'compute',
};

/** A job could not be started; `retryable` is false for a 4xx (the request itself is wrong). */
export class JobLaunchError extends Error {
  override readonly name = 'JobLaunchError';
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

/** Starts jobs on the ingest and compute services over their HTTP API (202 + run id). */
export class JobServicesClient {
  constructor(
    private readonly urls: Readonly<Record<JobServiceName, string>>,
    private readonly timeoutMs = 15_000,
  ) {}

  serviceOf(job: JobName): JobServiceName {
    return JOB_SERVICE[job];
  }

  urlOf(service: JobServiceName): string {
    return this.urls[service].replace(/\/+$/, '');
  }

  async launch(job: JobName, body: Record<string, unknown>): Promise<string> {
    const service = this.serviceOf(job);
    const url = `${this.urlOf(service)}/api/v1/jobs/${job}/runs`;
    let res: Response;
    try {
      res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (err) {
      throw new JobLaunchError(`${service} service at ${this.urlOf(service)} is unreachable (${err instanceof Error ? err.message : String(err)})`, true);
    }
    const text = await res.text();
    if (res.status !== 202) {
      let message = text;
      try {
        const parsed = JSON.parse(text) as { message?: unknown };
        message = Array.isArray(parsed.message) ? parsed.message.join('; ') : String(parsed.message ?? text);
      } catch {
        // not JSON
      }
      throw new JobLaunchError(`${job} on ${service} answered ${res.status}: ${message}`, res.status >= 500 || res.status === 429);
    }
    return (JSON.parse(text) as { run_id: string }).run_id;
  }

  /**
   * Which process instance answers for a service: its start time (process_start_time_seconds on /metrics), or null when
   * it does not answer. A different value than at launch means the service restarted and its running jobs died.
   */
  async identity(service: JobServiceName): Promise<number | null> {
    try {
      const res = await fetch(`${this.urlOf(service)}/metrics`, { signal: AbortSignal.timeout(2_000) });
      if (!res.ok) return null;
      const match = /^process_start_time_seconds(?:\{[^}]*\})? (\d+(?:\.\d+)?)/m.exec(await res.text());
      return match ? Number(match[1]) : null;
    } catch {
      return null;
    }
  }
}
