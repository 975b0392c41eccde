import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { ReadOnlyExecutor } from './read-only-executor';
import { createReadOnlyFixture, type ReadOnlyFixture } from './read-only.fixture';

// What is left if the guard were bypassed: the guard here prepares anything it is given.
jest.mock('./read-only-guard', () => ({
  prepareReadOnlyStatement: async (conn: DuckDBConnection, sql: string) => ({
    prepared: await conn.prepare(sql),
    guard: { kind: 'select', functions: [], tables: [], parameterCount: 0 },
  }),
}));

let fx: ReadOnlyFixture;
let executor: ReadOnlyExecutor;
let baseline: unknown;

beforeAll(async () => {
  fx = await createReadOnlyFixture();
  executor = new ReadOnlyExecutor(fx.source);
  baseline = await fx.snapshot();
});

afterAll(() => fx.close());

describe('with the guard bypassed, the READ ONLY transaction still stops writes to the database', () => {
  it.each([
    ["INSERT INTO accounts VALUES (3, 'mallory')"],
    ['UPDATE trades SET qty = 0'],
    ['DELETE FROM trades'],
    ['CREATE TABLE pwned (x INTEGER)'],
    ['DROP TABLE accounts'],
    ["SELECT nextval('trade_ids')"],
  ])('%s', async (sql) => {
    await expect(executor.execute(sql)).rejects.toMatchObject({
      reason: 'not_read_only',
      sqlstate: '25006',
      message: expect.stringContaining('transaction is launched in read-only mode'),
    });
    expect(await fx.snapshot()).toEqual(baseline);
  });

  it('but not writes to the filesystem, which is why the guard refuses COPY and friends', async () => {
    const leak = path.join(fx.dir, 'leak.csv');
    await executor.execute(`COPY trades TO '${leak}'`);
    expect(fs.existsSync(leak)).toBe(true);
    expect(await fx.snapshot()).not.toEqual(baseline); // the snapshot sees an escape when there is one
  });
});
