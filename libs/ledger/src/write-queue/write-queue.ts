import type { DuckDBConnection } from '@duckdb/node-api';

export type WriteOp<T> = (conn: DuckDBConnection) => Promise<T>;

interface Pending {
  op: WriteOp<unknown>;
  /** Runs alone and manages its own transactions (migrations). */
  exclusive: boolean;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

export interface WriteQueueOptions {
  /** Most write requests committed together in one transaction. */
  maxBatch?: number;
}

export interface WriteQueueStats {
  requests: number;
  transactions: number;
  retriedAlone: number;
  failed: number;
}

/**
 * The ledger's single write path. Requests queue up while a transaction is running; the next drain commits
 * all of them in one transaction (group commit), which is what turns many small writes into few transactions.
 * Each request stays atomic: when a grouped transaction fails it is rolled back and every request in it is
 * re-run in a transaction of its own, so only the request that really fails gets the error and nothing is
 * half-written.
 */
export class WriteQueue {
  private readonly pending: Pending[] = [];
  private draining = false;
  private readonly maxBatch: number;
  private idleWaiters: Array<() => void> = [];
  readonly stats: WriteQueueStats = { requests: 0, transactions: 0, retriedAlone: 0, failed: 0 };

  constructor(
    private readonly connection: () => Promise<DuckDBConnection>,
    options: WriteQueueOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? 64;
  }

  /** Queues one write request; resolves once its transaction committed. */
  enqueue<T>(op: WriteOp<T>, options: { exclusive?: boolean } = {}): Promise<T> {
    this.stats.requests += 1;
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ op: op as WriteOp<unknown>, exclusive: !!options.exclusive, resolve: resolve as (v: unknown) => void, reject });
      if (!this.draining) void this.drain();
    });
  }

  get depth(): number {
    return this.pending.length;
  }

  /** Resolves when nothing is queued or running (used at shutdown). */
  whenIdle(): Promise<void> {
    if (!this.draining && this.pending.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      const conn = await this.connection();
      while (this.pending.length > 0) {
        if (this.pending[0]?.exclusive) {
          const p = this.pending.shift() as Pending;
          await p.op(conn).then(p.resolve, p.reject);
          continue;
        }
        const exclusiveAt = this.pending.findIndex((p) => p.exclusive);
        const take = exclusiveAt === -1 ? this.maxBatch : Math.min(this.maxBatch, exclusiveAt);
        const batch = this.pending.splice(0, take);
        if (batch.length > 1) {
          const results = await this.runTransaction(conn, batch);
          if (results) {
            batch.forEach((p, i) => p.resolve(results[i]));
            continue;
          }
          this.stats.retriedAlone += batch.length;
        }
        for (const p of batch) {
          try {
            const [result] = (await this.runTransaction(conn, [p], true)) ?? [];
            p.resolve(result);
          } catch (err) {
            this.stats.failed += 1;
            p.reject(err);
          }
        }
      }
    } catch (err) {
      for (const p of this.pending.splice(0)) p.reject(err);
    } finally {
      this.draining = false;
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      waiters.forEach((w) => w());
    }
  }

  /** Runs ops in one transaction; returns results, or null after rollback (throws instead when `raise`). */
  private async runTransaction(conn: DuckDBConnection, batch: Pending[], raise = false): Promise<unknown[] | null> {
    this.stats.transactions += 1;
    await conn.run('BEGIN TRANSACTION');
    const results: unknown[] = [];
    try {
      for (const p of batch) results.push(await p.op(conn));
      await conn.run('COMMIT');
      return results;
    } catch (err) {
      await conn.run('ROLLBACK').catch(() => undefined);
      if (raise) throw err;
      return null;
    }
  }
}
