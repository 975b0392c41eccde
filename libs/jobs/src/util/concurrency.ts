/** Maps items with at most `limit` in flight, keeping order. */
export async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= items.length) return;
      results[i] = await fn(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

/** A soft requests-per-second limit: each acquire waits until its slot (spaced 1/rps apart). */
export class SoftRateLimiter {
  private nextAt = 0;
  constructor(
    private readonly maxRps: number,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
    private readonly clock: () => number = () => Date.now(),
  ) {}

  async acquire(): Promise<void> {
    if (!(this.maxRps > 0) || !Number.isFinite(this.maxRps)) return;
    const now = this.clock();
    const at = Math.max(now, this.nextAt);
    this.nextAt = at + 1000 / this.maxRps;
    if (at > now) await this.sleep(at - now);
  }
}

export const realSleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
