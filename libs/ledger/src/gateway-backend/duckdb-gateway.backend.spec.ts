import * as fs from 'node:fs';
import * as path from 'node:path';
import { PgDate, PgInterval, PgNumeric, PgTimestamp, type BackendSession } from '@options-helper/pg-gateway';
import { Ledger } from '../ledger';
import { tempDir } from '../testing';
import { DuckDbGatewayBackend } from './duckdb-gateway.backend';

async function all(session: BackendSession, sql: string, params: unknown[] = []) {
  const statement = await session.prepare(sql, []);
  const cursor = await statement.open(params as never);
  const rows = [];
  for (let batch = await cursor.next(); batch; batch = await cursor.next()) rows.push(...batch);
  await cursor.close();
  statement.close();
  return { rows, columns: statement.columns, paramTypes: statement.paramTypes };
}

// The DuckDB side of the gateway on a real ledger file: types, parameters, streaming, the guard, TEMP-only compat.
describe('DuckDbGatewayBackend', () => {
  let dir: string;
  let ledger: Ledger;
  let session: BackendSession;

  beforeAll(async () => {
    dir = tempDir('oh-gw-backend-');
    ledger = await Ledger.open({ path: path.join(dir, 'ledger.duckdb') });
    session = await new DuckDbGatewayBackend(ledger.db).openSession({ user: 'u', database: 'd', applicationName: '' });
  });

  afterAll(async () => {
    await session.close();
    await ledger.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('maps DuckDB types and values to Postgres ones', async () => {
    const { rows, columns } = await all(
      session,
      `SELECT 1::TINYINT AS a, 2::BIGINT AS b, 1.25::DECIMAL(10,2) AS c, DATE '2000-01-02' AS d, TIMESTAMP '1970-01-01 00:00:01' AS e,
        INTERVAL '1 month 2 days' AS f, ['x', NULL] AS g, {'k': 1} AS h, '{"a":1}'::JSON AS j, 2::HUGEINT AS k`,
    );
    expect(columns.map((c) => `${c.name}:${c.type.base}${c.type.array ? '[]' : ''}`)).toEqual([
      'a:int2', 'b:int8', 'c:numeric', 'd:date', 'e:timestamp', 'f:interval', 'g:text[]', 'h:text', 'j:json', 'k:numeric',
    ]);
    expect(rows[0]).toEqual([1, 2n, new PgNumeric('1.25'), new PgDate(10_958), new PgTimestamp(1_000_000n), new PgInterval(1, 2, 0n), ['x', null], "{'k': 1}", '{"a":1}', 2n]);
  });

  it('infers parameter types, and types an untyped parameter as text', async () => {
    const typed = await all(session, 'SELECT x FROM range(10) t(x) WHERE x < $1', [3]);
    expect(typed.paramTypes).toEqual([{ base: 'int8', array: false }]);
    expect(typed.rows).toEqual([[0n], [1n], [2n]]);
    const untyped = await all(session, 'SELECT $1 AS v', ['hello']);
    expect(untyped.paramTypes).toEqual([{ base: 'text', array: false }]);
    expect(untyped.rows).toEqual([['hello']]);
  });

  it('streams a result larger than one chunk', async () => {
    const { rows } = await all(session, 'SELECT x FROM range(10000) t(x)');
    expect(rows).toHaveLength(10_000);
    expect(rows[9_999]).toEqual([9_999n]);
  });

  it('refuses writes through the read-only guard and keeps its compatibility objects out of the file', async () => {
    await expect(session.prepare('CREATE TABLE x (i INTEGER)', [])).rejects.toMatchObject({ sqlstate: '25006' });
    const persisted = await ledger.query(`SELECT count(*) AS n FROM duckdb_views() WHERE view_name LIKE 'pg_gw_%' AND NOT temporary`);
    expect(persisted.rows[0]['n']).toBe(0);
    const { rows } = await all(session, `SELECT count(*) FROM duckdb_views() WHERE view_name = 'pg_gw_namespace' AND temporary`);
    expect(rows[0][0]).toBe(1n);
  });

  it('keeps a statement\'s read-only transaction for the next one only while nothing was committed and not for long', async () => {
    const kept = await new DuckDbGatewayBackend(ledger.db, () => ledger.queue.writeEpoch).openSession({ user: 'u', database: 'd', applicationName: '' });
    try {
      // now() is the start of the current transaction in DuckDB: equal values, the same transaction.
      const txid = async () => String((await all(kept, 'SELECT CAST(epoch_us(now()) AS VARCHAR) AS t')).rows[0]?.[0]);
      const count = async () => Number((await all(kept, `SELECT count(*) FROM gw_kept`)).rows[0]?.[0]);
      await ledger.queue.enqueue((c) => c.run('CREATE TABLE gw_kept (x INTEGER)'));
      const first = await txid();
      expect(await txid()).toBe(first); // back to back, nothing committed: the same transaction
      expect(await count()).toBe(0);
      await ledger.queue.enqueue((c) => c.run('INSERT INTO gw_kept VALUES (1)'));
      expect(await count()).toBe(1); // a commit since: a new transaction sees it
      const afterCommit = await txid();
      expect(afterCommit).not.toBe(first);
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(await txid()).not.toBe(afterCommit); // idle past the keep time: rolled back
      await expect(all(kept, 'SELECT 1/0::INTEGER AS boom, error(\'boom\')')).rejects.toThrow();
      expect(await count()).toBe(1); // a failed statement's transaction is not kept
    } finally {
      await kept.close();
    }
  });

  it('says a statement is current until something is committed, and never without a write epoch', async () => {
    const tracked = await new DuckDbGatewayBackend(ledger.db, () => ledger.queue.writeEpoch).openSession({ user: 'u', database: 'd', applicationName: '' });
    try {
      const statement = await tracked.prepare('SELECT 1 AS one', []);
      expect(statement.isCurrent()).toBe(true);
      await ledger.queue.enqueue((c) => c.run('CREATE TABLE gw_epoch (x INTEGER)'));
      expect(statement.isCurrent()).toBe(false);
      statement.close();
      const untracked = await session.prepare('SELECT 1 AS one', []);
      expect(untracked.isCurrent()).toBe(false);
      untracked.close();
    } finally {
      await tracked.close();
    }
  });
});
