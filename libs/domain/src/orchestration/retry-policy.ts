/** Retries of one job of the daily graph: attempts are 1-based; attempt n+1 waits retryDelayMs(n). */
export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** 0..1: the share of each delay that is random (0 ⇒ plain exponential, 1 ⇒ full jitter). */
  jitter: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 2_000, maxDelayMs: 60_000, jitter: 0.5 };

export function assertRetryPolicy(p: RetryPolicy): void {
  if (!Number.isInteger(p.maxAttempts) || p.maxAttempts < 1) throw new RangeError('retry max attempts must be an integer >= 1');
  if (!(p.baseDelayMs >= 0) || !Number.isFinite(p.baseDelayMs)) throw new RangeError('retry base delay must be >= 0 ms');
  if (!(p.maxDelayMs >= p.baseDelayMs) || !Number.isFinite(p.maxDelayMs)) throw new RangeError('retry max delay must be >= the base delay');
  if (!(p.jitter >= 0 && p.jitter <= 1)) throw new RangeError('retry jitter must be between 0 and 1');
}

/**
 * Wait before the attempt after `failedAttempt`: base·2^(failedAttempt−1), capped at maxDelay, of which the `jitter`
 * share is drawn uniformly (so many retries after one outage do not arrive together). `random` ∈ [0, 1).
 */
export function retryDelayMs(failedAttempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  if (!Number.isInteger(failedAttempt) || failedAttempt < 1) throw new RangeError('attempt must be an integer >= 1');
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(failedAttempt - 1, 30));
  const fixed = exponential * (1 - policy.jitter);
  return Math.round(fixed + exponential * policy.jitter * random());
}

export function shouldRetry(failedAttempt: number, policy: RetryPolicy): boolean {
  return failedAttempt < policy.maxAttempts;
}
