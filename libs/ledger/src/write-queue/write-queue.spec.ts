import * as fs from 'node:fs';
import * as path from 'node:path';
import { DuckDbDatabase, queryRows } from '../duckdb/duckdb-database';
import { tempDir } from '../testing';
import { WriteQueue } from './write-queue';

describe('WriteQueue', () => {
  let dir: string;
  let db: DuckDbDatabase;
  let queue: WriteQueue;

  beforeEach(async () => {
    dir = tempDir();
    db = await DuckDbDatabase.open(path.join(dir, 'q.duckdb'));
    await (await db.writer()).run('CREATE TABLE t (id INTEGER PRIMARY KEY, v VARCHAR NOT NULL)');
    queue = new WriteQueue(() => db.writer(), { maxBatch: 50 });
  });
  afterEach(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const insert = (id: number, v: string | null) => queue.enqueue((c) => c.run('INSERT INTO t VALUES ($1, $2)', [id, v]).then(() => id));
  const count = () => db.read(async (c) => Number((await queryRows(c, 'SELECT count(*) AS n FROM t'))[0]?.['n']));

  it('groups concurrent write requests into few transactions', async () => {
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => insert(i, `v${i}`)));
    expect(results).toEqual(Array.from({ length: 200 }, (_, i) => i));
    expect(await count()).toBe(200);
    // The first request runs alone; the 199 queued behind it commit in batches of at most 50.
    expect(queue.stats.transactions).toBeLessThanOrEqual(6);
  });

  it('fails only the bad request of a group, and leaves nothing of it behind', async () => {
    const outcomes = await Promise.allSettled([
      insert(1, 'a'),
      insert(2, 'b'),
      queue.enqueue(async (c) => {
        await c.run(`INSERT INTO t VALUES (3, 'c')`);
        await c.run('INSERT INTO t VALUES (4, NULL)'); // violates NOT NULL after a successful statement
      }),
      insert(5, 'e'),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(String((outcomes[2] as PromiseRejectedResult).reason)).toMatch(/NOT NULL/);
    const ids = await db.read(async (c) => (await queryRows(c, 'SELECT id FROM t ORDER BY id')).map((r) => r['id']));
    expect(ids).toEqual([1, 2, 5]);
    expect(queue.stats.failed).toBe(1);
  });

  it('lets reads proceed while a write transaction is open', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slow = queue.enqueue(async (c) => {
      await c.run(`INSERT INTO t VALUES (9, 'uncommitted')`);
      await gate;
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(await count()).toBe(0); // the read ran and did not see the open transaction
    release();
    await slow;
    expect(await count()).toBe(1);
  });

  it('runs exclusive operations alone, outside a transaction', async () => {
    const seen: string[] = [];
    await Promise.all([
      insert(1, 'a'),
      queue.enqueue(async (c) => {
        await c.run('BEGIN TRANSACTION');
        await c.run(`INSERT INTO t VALUES (2, 'own tx')`);
        await c.run('COMMIT');
        seen.push('exclusive');
      }, { exclusive: true }),
      insert(3, 'c'),
    ]);
    expect(seen).toEqual(['exclusive']);
    expect(await count()).toBe(3);
  });

  it('merges queued requests of one kind into a single call, and isolates a failing one', async () => {
    const calls: number[][] = [];
    const write = (ids: number[]) =>
      queue.enqueueMergeable('rows', ids, async (c, items) => {
        calls.push(items);
        for (const id of items) {
          if (id < 0) throw new Error(`bad id ${id}`);
          await c.run('INSERT INTO t VALUES ($1, $2)', [id, `v${id}`]);
        }
        return items.map((id) => id * 10);
      });
    const results = await Promise.allSettled([write([1]), write([2, 3]), write([4]), write([5, 6])]);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : 'rejected'))).toEqual([[10], [20, 30], [40], [50, 60]]);
    expect(calls).toEqual([[1, 2, 3, 4, 5, 6]]);

    calls.length = 0;
    const mixed = await Promise.allSettled([write([7]), write([8]), write([-1]), write([9])]);
    expect(mixed.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(String((mixed[2] as PromiseRejectedResult).reason)).toContain('bad id -1');
    // The combined call failed and was rolled back; each request then ran alone.
    expect(calls).toEqual([[7, 8, -1, 9], [7], [8], [-1], [9]]);
    const ids = await db.read(async (c) => (await queryRows(c, 'SELECT id FROM t ORDER BY id')).map((r) => r['id']));
    expect(ids).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});

describe('WriteQueue idle checkpoints', () => {
  let dir: string;
  let db: DuckDbDatabase;
  let file: string;

  beforeEach(async () => {
    dir = tempDir();
    file = path.join(dir, 'c.duckdb');
    // As the ledger opens it: commits checkpoint inline only past 256 MB of WAL.
    db = await DuckDbDatabase.open(file, { checkpointThreshold: '256MB' });
    await (await db.writer()).run('CREATE TABLE big (id INTEGER, v VARCHAR); CHECKPOINT');
  });
  afterEach(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const walBytes = () => (fs.existsSync(`${file}.wal`) ? fs.statSync(`${file}.wal`).size : 0);
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  async function until(check: () => boolean, ms: number): Promise<boolean> {
    for (const end = Date.now() + ms; Date.now() < end; await sleep(20)) if (check()) return true;
    return check();
  }
  // ~24 MB of WAL: fewer rows than a DuckDB row group, so they go through the WAL rather than straight to the file.
  const bigWrite = (q: WriteQueue, from: number) =>
    q.enqueue((c) => c.run(`INSERT INTO big SELECT range + ${from}, repeat('x', 400) FROM range(60000)`));

  it('leaves the checkpoint out of the commit and runs it once the queue has been quiet', async () => {
    const queue = new WriteQueue(() => db.writer(), { idleCheckpointMs: 300 });
    await bigWrite(queue, 0);
    await bigWrite(queue, 100_000);
    // DuckDB's default (16 MB) would have checkpointed at the second commit; here both writes are still in the WAL.
    expect(walBytes()).toBeGreaterThan(40 * 1024 * 1024);
    const epoch = queue.writeEpoch;
    // Writes inside the quiet time postpone the checkpoint.
    for (let i = 1; i <= 4; i++) {
      await sleep(100);
      await queue.enqueue((c) => c.run('INSERT INTO big VALUES ($1, $2)', [1_000_000 + i, 'small']));
    }
    expect(queue.stats.checkpoints).toBe(0);
    expect(await until(() => queue.stats.checkpoints === 1, 10_000)).toBe(true);
    expect(walBytes()).toBe(0);
    expect(queue.stats.lastCheckpointError).toBeNull();
    // A checkpoint changes no data: readers keep what they prepared (the gateway's statement reuse).
    expect(queue.writeEpoch).toBe(epoch + 4);
    const rows = await db.read(async (c) => Number((await queryRows(c, 'SELECT count(*) AS n FROM big'))[0]?.['n']));
    expect(rows).toBe(120_004);
    // Quiet and nothing new committed: no second checkpoint.
    await sleep(600);
    expect(queue.stats.checkpoints).toBe(1);
  });

  it('runs no checkpoint when switched off or stopped', async () => {
    const off = new WriteQueue(() => db.writer());
    await bigWrite(off, 0);
    const stopped = new WriteQueue(() => db.writer(), { idleCheckpointMs: 50 });
    await bigWrite(stopped, 100_000);
    stopped.stopMaintenance();
    await sleep(500);
    expect(off.stats.checkpoints + stopped.stats.checkpoints).toBe(0);
    expect(walBytes()).toBeGreaterThan(16 * 1024 * 1024);
  });
});

