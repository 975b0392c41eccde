/** Thrown when a caller that must not wait finds an (asset, partition) busy (the API answers 409). */
export class MaterializationBusyError extends Error {
  override readonly name = 'MaterializationBusyError';
}

/**
 * One materialisation per (asset, partition) at a time inside this orchestrator: the schedule, the backfill worker and
 * manual requests all take the same lock. Across processes, the ledger's `started` runs are the guard (see
 * DailyGraphRunner, which waits for such a run instead of starting another).
 */
export class MaterializationLocks {
  private readonly held = new Map<string, Promise<void>>();

  isBusy(asset: string, partition: string): boolean {
    return this.held.has(`${asset}|${partition}`);
  }

  /** Waits until the cell is free, then holds it; `release` frees it, `waited` says whether someone else held it. */
  async acquire(asset: string, partition: string): Promise<{ release: () => void; waited: boolean }> {
    const key = `${asset}|${partition}`;
    let waited = false;
    for (;;) {
      const current = this.held.get(key);
      if (!current) break;
      waited = true;
      await current;
    }
    let done!: () => void;
    const p = new Promise<void>((resolve) => (done = resolve));
    this.held.set(key, p);
    const release = () => {
      if (this.held.get(key) === p) this.held.delete(key);
      done();
    };
    return { release, waited };
  }

  get size(): number {
    return this.held.size;
  }
}
