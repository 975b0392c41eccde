import { assertRetryPolicy, DEFAULT_RETRY_POLICY, retryDelayMs, shouldRetry } from './retry-policy';

describe('retry backoff with jitter', () => {
  const policy = { maxAttempts: 3, baseDelayMs: 2_000, maxDelayMs: 60_000, jitter: 0.5 };

  it('doubles per attempt with half of each delay random', () => {
    // attempt 1: 2000 → 1000 fixed + 2000·0.5·r
    expect(retryDelayMs(1, policy, () => 0)).toBe(1_000);
    expect(retryDelayMs(1, policy, () => 0.5)).toBe(1_500);
    // attempt 3: 2000·2² = 8000 → 4000 + 8000·0.5·0.25 = 5000
    expect(retryDelayMs(3, policy, () => 0.25)).toBe(5_000);
  });

  it('caps at the max delay (2000·2⁹ = 1,024,000 → 60,000) and is exact without jitter', () => {
    expect(retryDelayMs(10, { ...policy, jitter: 0 }, () => 0.9)).toBe(60_000);
    expect(retryDelayMs(2, { ...policy, jitter: 0 })).toBe(4_000);
  });

  it('stays within [fixed, exponential] for any random draw', () => {
    for (let i = 0; i < 200; i++) {
      const d = retryDelayMs(2, policy);
      expect(d).toBeGreaterThanOrEqual(2_000);
      expect(d).toBeLessThanOrEqual(4_000);
    }
  });

  it('retries until max attempts and validates the policy', () => {
    expect([1, 2, 3].map((a) => shouldRetry(a, policy))).toEqual([true, true, false]);
    expect(() => assertRetryPolicy(DEFAULT_RETRY_POLICY)).not.toThrow();
    expect(() => assertRetryPolicy({ ...policy, maxAttempts: 0 })).toThrow('max attempts');
    expect(() => assertRetryPolicy({ ...policy, jitter: 2 })).toThrow('jitter');
    expect(() => retryDelayMs(0, policy)).toThrow('attempt');
  });
});
