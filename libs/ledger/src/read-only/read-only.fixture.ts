// Test-only: a real DuckDB file in a fresh temp directory, and a way to prove nothing changed.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { ReadOnlyConnectionSource } from './read-only-executor';

const SEED_SQL = `
CREATE SEQUENCE trade_ids START 1;
CREATE TABLE accounts (id INTEGER PRIMARY KEY, name VARCHAR NOT NULL);
CREATE TABLE trades (
  id INTEGER DEFAULT nextval('trade_ids') PRIMARY KEY,
  account_id INTEGER NOT NULL,
  symbol VARCHAR NOT NULL,
  qty INTEGER NOT NULL,
  price DECIMAL(18, 4) NOT NULL,
  traded_at TIMESTAMP NOT NULL
);
INSERT INTO accounts VALUES (1, 'alpha'), (2, 'beta');
INSERT INTO trades (account_id, symbol, qty, price, traded_at) VALUES
  (1, 'SPY', 10, 512.25, '2024-05-01 14:30:00'),
  (1, 'QQQ', -5, 440.1, '2024-05-02 15:00:00'),
  (2, 'SPY', 3, 513, '2024-05-03 16:00:00');
CHECKPOINT;
`;

/** A connection source over one connection, recording how each query handed it back. */
export class SingleConnectionSource implements ReadOnlyConnectionSource {
  readonly releases: { reusable: boolean }[] = [];

  constructor(readonly conn: DuckDBConnection) {}

  async acquire(): Promise<DuckDBConnection> {
    return this.conn;
  }

  release(_conn: DuckDBConnection, state: { reusable: boolean }): void {
    this.releases.push(state);
  }
}

export interface ReadOnlyFixture {
  dir: string;
  /** A CSV file that exists, so read attempts have something to read. */
  csvPath: string;
  /** A directory laid out for IMPORT DATABASE, whose scripts would create `pwned` and add a trade. */
  importDir: string;
  /** Paths outside `dir` that escape attempts name; none may exist afterwards. */
  outsidePaths: { duckdb: string; csv: string };
  instance: DuckDBInstance;
  conn: DuckDBConnection;
  source: SingleConnectionSource;
  /** Everything an escape could change: data, catalog, settings, attached databases, files. */
  snapshot(): Promise<unknown>;
  close(): void;
}

function listFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .map((entry) => {
      const full = path.join(entry.parentPath, entry.name);
      const size = entry.isFile() ? fs.statSync(full).size : 'dir';
      return `${path.relative(dir, full)} ${size}`;
    })
    .sort();
}

async function rows(conn: DuckDBConnection, sql: string): Promise<unknown[]> {
  return (await conn.runAndReadAll(sql)).getRowObjectsJson();
}

export async function createReadOnlyFixture(options: Record<string, string> = {}): Promise<ReadOnlyFixture> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'read-only-executor-'));
  const csvPath = path.join(dir, 'seed.csv');
  fs.writeFileSync(csvPath, 'a,b\n1,2\n');
  const importDir = path.join(dir, 'import');
  fs.mkdirSync(importDir);
  fs.writeFileSync(path.join(importDir, 'schema.sql'), 'CREATE TABLE pwned (x INTEGER);\n');
  fs.writeFileSync(path.join(importDir, 'load.sql'), "INSERT INTO trades (account_id, symbol, qty, price, traded_at) VALUES (9, 'PWN', 1, 1, now());\n");
  const token = path.basename(dir);
  const outsidePaths = {
    duckdb: path.join(os.tmpdir(), `${token}-escape.duckdb`),
    csv: path.join(os.tmpdir(), `${token}-escape.csv`),
  };

  const instance = await DuckDBInstance.create(path.join(dir, 'ledger.duckdb'), options);
  const conn = await instance.connect();
  await conn.run(SEED_SQL);
  const source = new SingleConnectionSource(conn);
  const fixedTmpPath = '/tmp/x.duckdb';
  const fixedTmpExisted = fs.existsSync(fixedTmpPath);

  return {
    dir,
    csvPath,
    importDir,
    outsidePaths,
    instance,
    conn,
    source,
    async snapshot() {
      return {
        accounts: await rows(conn, 'SELECT * FROM accounts ORDER BY id'),
        trades: await rows(conn, 'SELECT * FROM trades ORDER BY id'),
        sequences: await rows(conn, 'SELECT sequence_name, last_value FROM duckdb_sequences() ORDER BY ALL'),
        tables: await rows(conn, 'SELECT database_name, schema_name, table_name FROM duckdb_tables() ORDER BY ALL'),
        views: await rows(conn, 'SELECT database_name, view_name FROM duckdb_views() WHERE NOT internal ORDER BY ALL'),
        // Also catches a loaded extension (duckdb_extensions() itself lists a directory, refused when locked).
        functions: await rows(conn, 'SELECT count(*) AS n FROM duckdb_functions()'),
        databases: await rows(conn, 'SELECT database_name, path FROM duckdb_databases() ORDER BY ALL'),
        settings: await rows(conn, 'SELECT name, value FROM duckdb_settings() ORDER BY name'),
        variables: await rows(conn, 'SELECT name, value FROM duckdb_variables() ORDER BY ALL'),
        files: listFiles(dir),
        outside: Object.values(outsidePaths).filter((p) => fs.existsSync(p)),
        fixedTmpPathExists: fs.existsSync(fixedTmpPath) === fixedTmpExisted ? 'unchanged' : 'changed',
      };
    },
    close() {
      conn.closeSync();
      instance.closeSync();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
