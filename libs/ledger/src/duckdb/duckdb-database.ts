import * as fs from 'node:fs';
import * as path from 'node:path';
import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { LedgerLockedError } from '../ledger.errors';

export interface DuckDbOpenOptions {
  /** Open without write access (db info / db health in embedded mode). */
  readOnly?: boolean;
  /** DuckDB worker threads; the machine has two cores. */
  threads?: number;
  /** Upper bound of concurrent read connections. */
  maxReaders?: number;
  /** WAL size at which a commit checkpoints inline (DuckDB's checkpoint_threshold, e.g. '256MB'); DuckDB's 16 MB when unset. */
  checkpointThreshold?: string;
}

export type ConnectionTask<T> = (conn: DuckDBConnection) => Promise<T>;

/**
 * One DuckDB instance and its connections: a single writer connection (driven only by the write queue)
 * and a small pool of reader connections, so reads never wait behind writes.
 *
 * External access is disabled for the whole instance: nothing that runs in the ledger — least of all SQL
 * that comes from outside — can read or write files other than the database, load extensions or reach the
 * network. Timestamps are always passed in explicitly as UTC text, because DuckDB's own `now()` follows the
 * machine's local zone when cast to TIMESTAMP.
 */
export class DuckDbDatabase {
  private writerConn: DuckDBConnection | null = null;
  private readonly idleReaders: DuckDBConnection[] = [];
  private readonly waiting: Array<(conn: DuckDBConnection) => void> = [];
  private readerCount = 0;
  private closed = false;

  private constructor(
    readonly path: string,
    readonly readOnly: boolean,
    private readonly instance: DuckDBInstance,
    private readonly maxReaders: number,
  ) {}

  static async open(filePath: string, options: DuckDbOpenOptions = {}): Promise<DuckDbDatabase> {
    const inMemory = filePath === ':memory:';
    const resolved = inMemory ? filePath : path.resolve(filePath);
    if (!inMemory && !options.readOnly) fs.mkdirSync(path.dirname(resolved), { recursive: true });
    const config: Record<string, string> = {
      enable_external_access: 'false',
      // No extension is ever fetched or loaded behind a query's back (an unknown type or function would
      // otherwise trigger a download attempt).
      autoinstall_known_extensions: 'false',
      autoload_known_extensions: 'false',
      threads: String(options.threads ?? 2),
    };
    if (options.readOnly) config['access_mode'] = 'READ_ONLY';
    else if (options.checkpointThreshold !== undefined) config['checkpoint_threshold'] = options.checkpointThreshold;
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(resolved, config);
    } catch (err) {
      throw mapOpenError(err);
    }
    return new DuckDbDatabase(resolved, !!options.readOnly, instance, options.maxReaders ?? 4);
  }

  /** The connection every write goes through. Only the write queue may use it. */
  async writer(): Promise<DuckDBConnection> {
    this.assertOpen();
    if (!this.writerConn) this.writerConn = await this.instance.connect();
    return this.writerConn;
  }

  /** Runs a read on a pooled reader connection. */
  async read<T>(task: ConnectionTask<T>): Promise<T> {
    const conn = await this.acquireReader();
    try {
      return await task(conn);
    } finally {
      this.releaseReader(conn);
    }
  }

  async acquireReader(): Promise<DuckDBConnection> {
    this.assertOpen();
    const idle = this.idleReaders.pop();
    if (idle) return idle;
    if (this.readerCount < this.maxReaders) {
      this.readerCount += 1;
      try {
        return await this.instance.connect();
      } catch (err) {
        this.readerCount -= 1;
        throw err;
      }
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Returns a reader to the pool; one that may be stuck in a transaction (`reusable` false) is closed. */
  releaseReader(conn: DuckDBConnection, reusable = true): void {
    if (!reusable) {
      conn.closeSync();
      this.readerCount -= 1;
      const waiter = this.waiting.shift();
      if (waiter) void this.acquireReader().then(waiter);
      return;
    }
    const next = this.waiting.shift();
    if (next) next(conn);
    else if (this.closed) conn.closeSync();
    else this.idleReaders.push(conn);
  }

  /** A dedicated connection outside the pool (long-lived sessions such as a gateway client). */
  async connect(): Promise<DuckDBConnection> {
    this.assertOpen();
    return this.instance.connect();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const conn of this.idleReaders.splice(0)) conn.closeSync();
    this.writerConn?.closeSync();
    this.writerConn = null;
    this.instance.closeSync();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error(`ledger database ${this.path} is closed`);
  }
}

function mapOpenError(err: unknown): Error {
  const message = err instanceof Error ? err.message : String(err);
  if (/Could not set lock on file|Conflicting lock/i.test(message)) return new LedgerLockedError(message);
  return err instanceof Error ? err : new Error(message);
}

/** Reads all rows of a query as plain objects (DuckDB values, not JSON-converted). */
export async function queryRows(
  conn: DuckDBConnection,
  sql: string,
  params?: unknown[],
): Promise<Record<string, unknown>[]> {
  const reader = await conn.runAndReadAll(sql, params as never);
  return reader.getRowObjects() as Record<string, unknown>[];
}
