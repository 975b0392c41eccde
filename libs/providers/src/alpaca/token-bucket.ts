/**
 * A token bucket that hands out request slots at `ratePerSecond`, holding at most `capacity` unused tokens.
 *
 * Slots are reserved synchronously (the balance may go negative), so concurrent callers queue in call order and
 * each sleeps exactly its own deficit: n calls at once on an empty bucket wait 0, 1/r, 2/r, … seconds.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly capacity: number,
    private readonly clock: () => number,
    private readonly sleep: (ms: number) => Promise<void>,
  ) {
    if (!(ratePerSecond > 0)) throw new RangeError(`rate must be > 0 requests per second, got ${ratePerSecond}`);
    if (!(capacity >= 1)) throw new RangeError(`capacity must be ≥ 1, got ${capacity}`);
    this.tokens = capacity;
    this.last = clock();
  }

  /** Resolves when the caller may send one request. */
  async take(): Promise<void> {
    const now = this.clock();
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) * this.ratePerSecond) / 1000);
    this.last = now;
    this.tokens -= 1;
    if (this.tokens < 0) await this.sleep((-this.tokens / this.ratePerSecond) * 1000);
  }
}
