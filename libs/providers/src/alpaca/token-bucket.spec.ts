import { TokenBucket } from './token-bucket';

/** A clock that only moves when someone sleeps, so waits are exact and the test takes no real time. */
function fakeTime() {
  const t = { now: 0, sleeps: [] as number[] };
  const sleep = async (ms: number) => {
    t.sleeps.push(ms);
    t.now += ms;
  };
  return { t, clock: () => t.now, sleep };
}

describe('TokenBucket', () => {
  it('spaces sequential requests 1/rate apart after the first', async () => {
    const { t, clock, sleep } = fakeTime();
    const bucket = new TokenBucket(4, 1, clock, sleep);
    const starts: number[] = [];
    for (let i = 0; i < 5; i++) {
      await bucket.take();
      starts.push(t.now);
    }
    // 4 rps ⇒ 250 ms apart: 0, 250, 500, 750, 1000.
    expect(starts).toEqual([0, 250, 500, 750, 1000]);
  });

  it('queues concurrent callers in call order, each waiting its own deficit', async () => {
    // The clock stands still: all three callers reserve at t=0 before anyone has slept.
    const sleeps: number[] = [];
    const bucket = new TokenBucket(2, 1, () => 0, async (ms) => {
      sleeps.push(ms);
    });
    await Promise.all([bucket.take(), bucket.take(), bucket.take()]);
    // One token at 2 per second: waits 0, 500, 1000 ms.
    expect(sleeps).toEqual([500, 1000]);
  });

  it('does not wait once idle time has refilled the bucket, and never banks more than its capacity', async () => {
    const { t, clock, sleep } = fakeTime();
    const bucket = new TokenBucket(1, 2, clock, sleep);
    t.now = 10_000; // ten idle seconds refill only up to capacity 2
    await bucket.take();
    await bucket.take();
    expect(t.sleeps).toEqual([]);
    await bucket.take();
    expect(t.sleeps).toEqual([1000]);
  });

  it('rejects a non-positive rate', () => {
    expect(() => new TokenBucket(0, 1, () => 0, async () => undefined)).toThrow(RangeError);
  });
});
