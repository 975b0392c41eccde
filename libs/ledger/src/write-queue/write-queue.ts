import type { DuckDBConnection } from '@duckdb/node-api';

export type WriteOp<T> = (conn: DuckDBConnection) => Promise<T>;

/** Runs many queued requests' items in one call; returns one result per item, in order. */
export type MergedWrite<TItem> = (conn: DuckDBConnection, items: TItem[]) => Promise<unknown[]>;

interface Pending {
  op: WriteOp<unknown>;
  /** Runs alone and manages its own transactions (migrations). */
  exclusive: boolean;
  /** The queue's own upkeep (the idle checkpoint): changes no data, so the write epoch stays. */
  maintenance?: boolean;
  /** Requests of one kind queued back to back are executed as one call over all their items. */
  merge?: { kind: string; items: unknown[]; run: MergedWrite<unknown> };
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

/** One call inside a transaction: a single request, or several mergeable ones combined. */
interface Unit {
  members: Pending[];
  exec: (conn: DuckDBConnection) => Promise<unknown[]>;
}

export interface WriteQueueOptions {
  /** Most write requests committed together in one transaction. */
  maxBatch?: number;
  /**
   * Quiet time after the last commit before the queue checkpoints the database (writes the WAL into the file);
   * null never does. Pair it with a DuckDB checkpoint_threshold well above one write's WAL, so commits stop paying
   * for checkpoints (docs/ledger-interface.md, "Checkpoints").
   */
  idleCheckpointMs?: number | null;
}

export interface WriteQueueStats {
  requests: number;
  transactions: number;
  retriedAlone: number;
  failed: number;
  /** Idle checkpoints run, their total time, and the last one's error (null when it succeeded). */
  checkpoints: number;
  checkpointMs: number;
  lastCheckpointError: string | null;
}

/**
 * The ledger's single write path. Requests queue up while a transaction is running; the next drain commits
 * all of them in one transaction (group commit), and requests of the same mergeable kind (asset events,
 * watermarks, checks) are executed as one bulk statement. That is what turns many small writes into few
 * transactions. Each request stays atomic: when a grouped transaction fails it is rolled back and every
 * request in it is re-run in a transaction of its own, so only the request that really fails gets the error
 * and nothing is half-written.
 */
export class WriteQueue {
  private readonly pending: Pending[] = [];
  private draining = false;
  private readonly maxBatch: number;
  private idleWaiters: Array<() => void> = [];
  readonly stats: WriteQueueStats = { requests: 0, transactions: 0, retriedAlone: 0, failed: 0, checkpoints: 0, checkpointMs: 0, lastCheckpointError: null };
  private epoch = 0;
  private readonly idleCheckpointMs: number | null;
  /** The write epoch the last idle checkpoint started at: a later epoch means commits it has not covered. */
  private checkpointedEpoch = 0;
  private checkpointTimer: NodeJS.Timeout | null = null;
  private stopped = false;

  /**
   * Moves on after every commit (and every exclusive operation), never before it: a reader that noted the epoch before
   * beginning its transaction and sees it unchanged later knows nothing was committed since (the gateway reuses such a
   * transaction instead of rolling back and beginning again).
   */
  get writeEpoch(): number {
    return this.epoch;
  }

  constructor(
    private readonly connection: () => Promise<DuckDBConnection>,
    options: WriteQueueOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? 64;
    this.idleCheckpointMs = options.idleCheckpointMs ?? null;
  }

  /** Queues one write request; resolves once its transaction committed. */
  enqueue<T>(op: WriteOp<T>, options: { exclusive?: boolean } = {}): Promise<T> {
    return this.push({ op: op as WriteOp<unknown>, exclusive: !!options.exclusive }) as Promise<T>;
  }

  /**
   * Queues a request whose items may be combined with other queued requests of the same `kind` into one
   * `run` call. Resolves with this request's slice of the per-item results.
   */
  enqueueMergeable<TItem, R>(kind: string, items: TItem[], run: (conn: DuckDBConnection, items: TItem[]) => Promise<R[]>): Promise<R[]> {
    const merged = run as MergedWrite<unknown>;
    return this.push({
      op: (conn) => merged(conn, items),
      exclusive: false,
      merge: { kind, items, run: merged },
    }) as Promise<R[]>;
  }

  get depth(): number {
    return this.pending.length;
  }

  /** Stops idle checkpoints (at shutdown; closing DuckDB checkpoints the file itself). */
  stopMaintenance(): void {
    this.stopped = true;
    this.clearCheckpointTimer();
  }

  /** Resolves when nothing is queued or running (used at shutdown). */
  whenIdle(): Promise<void> {
    if (!this.draining && this.pending.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private push(entry: Omit<Pending, 'resolve' | 'reject'>): Promise<unknown> {
    if (!entry.maintenance) {
      this.stats.requests += 1;
      // A checkpoint waits for real quiet: it is scheduled again when this drain ends.
      this.clearCheckpointTimer();
    }
    return new Promise((resolve, reject) => {
      this.pending.push({ ...entry, resolve, reject });
      if (!this.draining) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      const conn = await this.connection();
      while (this.pending.length > 0) {
        if (this.pending[0]?.exclusive) {
          const p = this.pending.shift() as Pending;
          await p.op(conn).then(p.resolve, p.reject);
          if (!p.maintenance) this.epoch += 1;
          continue;
        }
        const exclusiveAt = this.pending.findIndex((p) => p.exclusive);
        const take = exclusiveAt === -1 ? this.maxBatch : Math.min(this.maxBatch, exclusiveAt);
        const batch = this.pending.splice(0, take);
        if (batch.length > 1) {
          const results = await this.runTransaction(conn, groupUnits(batch));
          if (results) {
            batch.forEach((p, i) => p.resolve(results[i]));
            continue;
          }
          this.stats.retriedAlone += batch.length;
        }
        for (const p of batch) {
          try {
            const [result] = (await this.runTransaction(conn, [singleUnit(p)], true)) ?? [];
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
      this.scheduleCheckpoint();
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      waiters.forEach((w) => w());
    }
  }

  private clearCheckpointTimer(): void {
    if (this.checkpointTimer !== null) clearTimeout(this.checkpointTimer);
    this.checkpointTimer = null;
  }

  /**
   * After the last commit of a busy spell, checkpoint once nothing was queued for idleCheckpointMs. The checkpoint is
   * an exclusive entry of the queue: writes that arrive meanwhile wait for it, as they would for DuckDB's own
   * checkpoint at commit. A failed checkpoint loses nothing (the WAL stays); it is counted and tried after the next commit.
   */
  private scheduleCheckpoint(): void {
    if (this.idleCheckpointMs === null || this.stopped || this.epoch === this.checkpointedEpoch || this.pending.length > 0) return;
    this.clearCheckpointTimer();
    this.checkpointTimer = setTimeout(() => {
      this.checkpointTimer = null;
      if (this.stopped || this.draining || this.pending.length > 0) return;
      this.checkpointedEpoch = this.epoch;
      const started = performance.now();
      void this.push({ op: (conn) => conn.run('CHECKPOINT'), exclusive: true, maintenance: true }).then(
        () => {
          this.stats.checkpoints += 1;
          this.stats.checkpointMs += performance.now() - started;
          this.stats.lastCheckpointError = null;
        },
        (err: unknown) => {
          this.stats.lastCheckpointError = err instanceof Error ? err.message : String(err);
        },
      );
    }, this.idleCheckpointMs);
    // Never keeps a process alive: a CLI command that ends closes the database, and closing checkpoints it.
    this.checkpointTimer.unref();
  }

  /** Runs units in one transaction; returns one result per request, or null after rollback (throws when `raise`). */
  private async runTransaction(conn: DuckDBConnection, units: Unit[], raise = false): Promise<unknown[] | null> {
    this.stats.transactions += 1;
    await conn.run('BEGIN TRANSACTION');
    const results: unknown[] = [];
    try {
      for (const unit of units) results.push(...(await unit.exec(conn)));
      await conn.run('COMMIT');
      this.epoch += 1;
      return results;
    } catch (err) {
      await conn.run('ROLLBACK').catch(() => undefined);
      if (raise) throw err;
      return null;
    }
  }
}

function singleUnit(p: Pending): Unit {
  return { members: [p], exec: async (conn) => [await p.op(conn)] };
}

/** Combines back-to-back mergeable requests of the same kind into one call; others stay single. */
function groupUnits(batch: Pending[]): Unit[] {
  const units: Unit[] = [];
  for (const p of batch) {
    const last = units[units.length - 1];
    const lastKind = last?.members[0]?.merge?.kind;
    if (p.merge && last && lastKind === p.merge.kind) last.members.push(p);
    else units.push(p.merge ? mergedUnit([p]) : singleUnit(p));
  }
  return units.map((u) => (u.members.length > 1 ? mergedUnit(u.members) : u));
}

function mergedUnit(members: Pending[]): Unit {
  return {
    members,
    exec: async (conn) => {
      const first = members[0]?.merge;
      if (!first) throw new Error('merged unit without mergeable requests');
      const items = members.flatMap((m) => m.merge?.items ?? []);
      const perItem = await first.run(conn, items);
      let offset = 0;
      return members.map((m) => {
        const count = m.merge?.items.length ?? 0;
        const slice = perItem.slice(offset, offset + count);
        offset += count;
        return slice;
      });
    },
  };
}
