import type { CheckResult } from '@options-helper/domain';
import { ASSET_OF_JOB } from './checks-runner';
import type { CheckHook } from '../runner/job.types';


/**
 * Runs a job's checks on the checks service (POST /api/v1/checks/runs, persist=false): the service reads the
 * data and applies the rules; the job persists the results with its run, like the in-process hook.
 */
export function httpChecksHook(baseUrl: string, timeoutMs = 300_000): CheckHook {
  const url = `${baseUrl.replace(/\/+$/, '')}/api/v1/checks/runs`;
  return async (request) => {
    const asset = ASSET_OF_JOB[request.jobName];
    if (!asset) return [];
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ asset_key: asset, partitions: request.scopes, run_id: request.runId, skip_reason: request.scopes.length ? undefined : (request.skipReason ?? 'no_rows'), persist: false }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = (await res.json().catch(() => null)) as { results?: CheckResult[]; message?: unknown } | null;
    if (!res.ok || !body?.results) throw new Error(`checks service answered ${res.status}: ${JSON.stringify(body?.message ?? body)}`);
    return body.results;
  };
}
