import type { DuckDBConnection, DuckDBPreparedStatement } from '@duckdb/node-api';
import { fromDuckDbError, ReadOnlyQueryError } from './read-only-error';
import { prepareReadOnlyStatement } from './read-only-guard';
import { toJsonSafe, type JsonSafeValue } from './read-only-values';

/** Lends the executor a connection for one query at a time. */
export interface ReadOnlyConnectionSource {
  acquire(): Promise<DuckDBConnection>;
  /** `reusable` is false when the connection may still be inside a transaction: close it instead. */
  release(conn: DuckDBConnection, state: { reusable: boolean }): void | Promise<void>;
}

export interface ReadOnlyExecutorOptions {
  /** Per-query timeout when the caller gives none. */
  defaultTimeoutMs?: number;
  /** The most rows any query returns; callers may ask for fewer. */
  maxRows?: number;
}

export type ReadOnlyParam = string | number | bigint | boolean | null;

export interface ReadOnlyExecuteOptions {
  /** Bound positionally to $1, $2 … (or ?). */
  params?: readonly ReadOnlyParam[];
  timeoutMs?: number;
  maxRows?: number;
  /** 'truncate' (default) returns the first maxRows rows and truncated: true; 'error' throws too_many_rows. */
  onTooManyRows?: 'truncate' | 'error';
  /** Aborting interrupts the query (a client cancel request, a closed HTTP request). */
  signal?: AbortSignal;
}

export interface ReadOnlyColumn {
  name: string;
  /** DuckDB's type name, e.g. INTEGER, DECIMAL(18,3), TIMESTAMP WITH TIME ZONE. */
  type: string;
}

export interface ReadOnlyQueryResult {
  columns: ReadOnlyColumn[];
  /** Keyed by column name; a repeated name gets a suffix (`a`, `a:1`) as in `columns`. */
  rows: Record<string, JsonSafeValue>[];
  rowCount: number;
  truncated: boolean;
  elapsedMs: number;
}

type StopReason = 'timeout' | 'cancelled';

// DuckDB forgets an interrupt that arrives between two statements, so once fired the watchdog keeps
// interrupting until the executor stops it.
const REINTERRUPT_MS = 25;

class Watchdog {
  reason: StopReason | null = null;
  private readonly timer: NodeJS.Timeout;
  private repeat: NodeJS.Timeout | null = null;
  private readonly onAbort = (): void => this.fire('cancelled');

  constructor(
    private readonly conn: DuckDBConnection,
    timeoutMs: number,
    private readonly signal: AbortSignal | undefined,
  ) {
    this.timer = setTimeout(() => this.fire('timeout'), timeoutMs);
    signal?.addEventListener('abort', this.onAbort, { once: true });
  }

  /** Throws once the query has been stopped, so no further statement starts. */
  check(): void {
    if (this.reason) throw new Error('INTERRUPT Error: Interrupted!');
  }

  stop(): void {
    clearTimeout(this.timer);
    if (this.repeat) clearInterval(this.repeat);
    this.signal?.removeEventListener('abort', this.onAbort);
  }

  private fire(reason: StopReason): void {
    if (this.reason) return;
    this.reason = reason;
    this.conn.interrupt();
    this.repeat = setInterval(() => this.conn.interrupt(), REINTERRUPT_MS);
  }
}

function positiveInteger(value: number, name: string): number {
  if (!Number.isInteger(value) || value <= 0) throw new RangeError(`${name} must be a positive integer, got ${value}`);
  return value;
}

function stoppedError(reason: StopReason, timeoutMs: number, cause: unknown): ReadOnlyQueryError {
  return reason === 'timeout'
    ? new ReadOnlyQueryError('timeout', '57014', `canceling statement due to statement timeout (${timeoutMs} ms)`, { cause })
    : new ReadOnlyQueryError('cancelled', '57014', 'canceling statement due to user request', { cause });
}

/** True when the connection is outside any transaction afterwards. */
async function rollback(conn: DuckDBConnection): Promise<boolean> {
  try {
    await conn.run('ROLLBACK');
    return true;
  } catch (error) {
    return error instanceof Error && error.message.includes('no transaction is active');
  }
}

/**
 * Runs SQL from outside (Data Explorer, Postgres gateway): one guarded SELECT inside a READ ONLY
 * transaction that is always rolled back, with a row cap and a timeout that interrupts DuckDB.
 */
export class ReadOnlyExecutor {
  private readonly defaultTimeoutMs: number;
  private readonly maxRows: number;

  constructor(
    private readonly connections: ReadOnlyConnectionSource,
    options: ReadOnlyExecutorOptions = {},
  ) {
    this.defaultTimeoutMs = positiveInteger(options.defaultTimeoutMs ?? 30_000, 'defaultTimeoutMs');
    this.maxRows = positiveInteger(options.maxRows ?? 10_000, 'maxRows');
  }

  async execute(sql: string, options: ReadOnlyExecuteOptions = {}): Promise<ReadOnlyQueryResult> {
    const started = performance.now();
    const timeoutMs = positiveInteger(options.timeoutMs ?? this.defaultTimeoutMs, 'timeoutMs');
    const maxRows = Math.min(positiveInteger(options.maxRows ?? this.maxRows, 'maxRows'), this.maxRows);
    if (options.signal?.aborted) throw stoppedError('cancelled', timeoutMs, options.signal.reason);

    const conn = await this.connections.acquire();
    const watchdog = new Watchdog(conn, timeoutMs, options.signal);
    let inTransaction = false;
    let reusable = true;
    let prepared: DuckDBPreparedStatement | undefined;
    try {
      try {
        await conn.run('BEGIN TRANSACTION READ ONLY');
      } catch (error) {
        reusable = false; // e.g. already inside a transaction someone else left open
        throw error;
      }
      inTransaction = true;
      watchdog.check();
      ({ prepared } = await prepareReadOnlyStatement(conn, sql));
      prepared.bind([...(options.params ?? [])]);
      watchdog.check();
      const reader = await prepared.streamAndReadUntil(maxRows + 1);

      const names = reader.deduplicatedColumnNames();
      const columns = reader.columnTypes().map((type, i) => ({ name: names[i], type: type.toString() }));
      const read = reader.getRows();
      const truncated = read.length > maxRows;
      if (truncated && options.onTooManyRows === 'error') {
        throw new ReadOnlyQueryError('too_many_rows', '54000', `the result has more than ${maxRows} rows`);
      }
      const rows = read
        .slice(0, maxRows)
        .map((row) => Object.fromEntries(row.map((value, i) => [names[i], toJsonSafe(value)])));
      const elapsedMs = Math.round((performance.now() - started) * 1000) / 1000;
      return { columns, rows, rowCount: rows.length, truncated, elapsedMs };
    } catch (error) {
      const wrapped = fromDuckDbError(error);
      throw watchdog.reason && wrapped.reason === 'cancelled' ? stoppedError(watchdog.reason, timeoutMs, error) : wrapped;
    } finally {
      watchdog.stop();
      if (inTransaction) reusable = await rollback(conn);
      prepared?.destroySync();
      await this.connections.release(conn, { reusable });
    }
  }
}
