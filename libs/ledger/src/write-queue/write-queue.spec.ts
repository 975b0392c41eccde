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
