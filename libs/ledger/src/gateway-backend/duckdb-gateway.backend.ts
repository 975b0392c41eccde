import { DuckDBTypeId, type DuckDBConnection, type DuckDBDataChunk, type DuckDBPreparedStatement, type DuckDBResult } from '@duckdb/node-api';
import {
  tokenize,
  type BackendColumn,
  type BackendCursor,
  type BackendSession,
  type BackendStatement,
  type GatewayBackend,
  type PgType,
  type PgValue,
} from '@options-helper/pg-gateway';
import type { DuckDbDatabase } from '../duckdb/duckdb-database';
import { prepareReadOnlyStatement } from '../read-only/read-only-guard';
import { installPgCompat } from './pg-compat';
import { duckTypeNameOf, pgTypeOf, timestampOf, toDuckParam, toPgValue } from './duckdb-pg-values';

// A statement's read-only transaction is kept this long for the next statement (when nothing was committed since it
// began): a point query then costs two DuckDB round trips fewer. Bounded, because an open transaction pins old row
// versions.
const KEEP_IDLE_MS = 50;

// DuckDB forgets an interrupt that lands between two internal steps, so a stop is repeated this often
// until the statement has really ended.
const REINTERRUPT_MS = 25;
const REINTERRUPT_FOR_MS = 2_000;
const TEXT: PgType = { base: 'text', array: false };

/**
 * The ledger side of the Postgres gateway: one DuckDB connection per client session on the ledger's own
 * instance, every statement through the read-only guard, results streamed chunk by chunk.
 */
export class DuckDbGatewayBackend implements GatewayBackend {
  /**
   * `writeEpoch` (the ledger's WriteQueue#writeEpoch) lets a session keep a statement's read-only transaction for the
   * next statement while nothing was committed in between; without it every statement begins and rolls back its own.
   */
  constructor(
    private readonly db: DuckDbDatabase,
    private readonly writeEpoch: (() => number) | null = null,
  ) {}

  async openSession(_info?: { user: string; database: string; applicationName: string }): Promise<BackendSession> {
    const conn = await this.db.connect();
    try {
      await installPgCompat(conn);
    } catch (error) {
      conn.closeSync();
      throw error;
    }
    return new DuckDbGatewaySession(conn, this.writeEpoch);
  }
}

class DuckDbGatewaySession implements BackendSession {
  private explicit = false;
  private implicitUsers = 0;
  /** The cursor currently streaming; DuckDB allows one per connection, so others are read into memory first. */
  private streaming: DuckDbCursor | null = null;
  private busy = 0;
  private stopUntil = 0;
  private repeat: NodeJS.Timeout | null = null;
  private closed = false;
  private pendingRollback: Promise<void> | null = null;
  /** The write epoch when the implicit transaction began; set while one is open (in use or kept). */
  private implicitEpoch: number | null = null;
  /** An implicit transaction kept after its statement succeeded, until the next statement or KEEP_IDLE_MS. */
  private kept = false;
  private keptTimer: NodeJS.Timeout | null = null;

  constructor(
    readonly conn: DuckDBConnection,
    private readonly writeEpoch: (() => number) | null = null,
  ) {}

  /** The kept transaction is no longer kept (taken by the next statement, or about to be rolled back). */
  private unkeep(): void {
    this.kept = false;
    if (this.keptTimer) clearTimeout(this.keptTimer);
    this.keptTimer = null;
  }

  /** Ends a kept transaction that is stale (something was committed since it began) or, with `always`, any kept one. */
  private async dropKept(always: boolean): Promise<void> {
    if (!this.kept) return;
    if (!always && this.writeEpoch && this.implicitEpoch === this.writeEpoch()) return;
    this.unkeep();
    this.implicitEpoch = null;
    await rollback(this.conn);
  }

  async prepare(sql: string, declared: readonly (PgType | null)[]): Promise<BackendStatement> {
    await this.settleStreaming();
    await this.dropKept(false); // a kept transaction would prepare against an older catalog
    // Read before preparing: a commit landing meanwhile only makes isCurrent() say false sooner.
    const epoch = this.writeEpoch ? this.writeEpoch() : null;
    return this.guarded(async () => {
      let { prepared } = await prepareReadOnlyStatement(this.conn, sql);
      const unresolved = unresolvedParams(prepared);
      if (unresolved.size > 0) {
        // DuckDB leaves a parameter untyped when nothing around it says what it is (SELECT $1); Postgres
        // takes the declared type or text, so the parameter gets that cast and the statement is prepared again.
        prepared.destroySync();
        ({ prepared } = await prepareReadOnlyStatement(this.conn, castParams(sql, unresolved, declared)));
      }
      return new DuckDbStatement(this, prepared, epoch);
    });
  }

  /** Nothing was committed since `epoch` (never true without a write epoch to compare). */
  unchangedSince(epoch: number | null): boolean {
    return epoch !== null && this.writeEpoch !== null && this.writeEpoch() === epoch;
  }

  async begin(): Promise<void> {
    await this.settleStreaming();
    await this.dropKept(true);
    if (this.implicitUsers > 0) await this.conn.run('ROLLBACK');
    this.implicitUsers = 0;
    await this.conn.run('BEGIN TRANSACTION READ ONLY');
    this.explicit = true;
  }

  async end(): Promise<void> {
    await this.settleStreaming();
    await this.dropKept(true);
    this.explicit = false;
    this.implicitUsers = 0;
    await rollback(this.conn);
  }

  interrupt(): void {
    this.stopUntil = Date.now() + REINTERRUPT_FOR_MS;
    this.conn.interrupt();
    if (this.repeat) return;
    this.repeat = setInterval(() => {
      if (this.busy > 0 && Date.now() < this.stopUntil) this.conn.interrupt();
      else if (Date.now() >= this.stopUntil) {
        clearInterval(this.repeat as NodeJS.Timeout);
        this.repeat = null;
      }
    }, REINTERRUPT_MS);
  }

  statementEnded(): void {
    this.stopUntil = 0;
    if (this.repeat) clearInterval(this.repeat);
    this.repeat = null;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.repeat) clearInterval(this.repeat);
    if (this.keptTimer) clearTimeout(this.keptTimer);
    try {
      await this.settleStreaming().catch(() => undefined);
      await rollback(this.conn);
    } finally {
      this.conn.closeSync();
    }
  }

  /** Runs a step that talks to DuckDB, so an interrupt knows a statement is in flight. */
  async guarded<T>(step: () => Promise<T>): Promise<T> {
    this.busy++;
    try {
      return await step();
    } finally {
      this.busy--;
    }
  }

  async openCursor(prepared: DuckDBPreparedStatement, params: readonly PgValue[], columns: number): Promise<DuckDbCursor> {
    await this.settleStreaming();
    if (!this.explicit && this.implicitUsers === 0) {
      await this.dropKept(false);
      if (this.kept) {
        // Nothing committed since this transaction began: it sees what a new one would.
        this.unkeep();
      } else {
        // The epoch is read before BEGIN: a commit landing in between only makes the next check conservative.
        const epoch = this.writeEpoch ? this.writeEpoch() : null;
        await this.conn.run('BEGIN TRANSACTION READ ONLY');
        this.implicitEpoch = epoch;
      }
    }
    if (!this.explicit) this.implicitUsers++;
    try {
      prepared.clearBindings();
      if (params.length > 0) prepared.bind(params.map(toDuckParam));
      const result = await this.guarded(() => prepared.stream());
      const cursor = new DuckDbCursor(this, result, columns);
      this.streaming = cursor;
      return cursor;
    } catch (error) {
      await this.releaseImplicit(true);
      throw error;
    }
  }

  async cursorClosed(cursor: DuckDbCursor): Promise<void> {
    if (this.streaming === cursor) this.streaming = null;
    await this.releaseImplicit(cursor.failed);
  }

  /** Rolls a kept transaction back once the session has been idle KEEP_IDLE_MS (never while a step uses the connection). */
  private armKeptTimer(): void {
    if (this.keptTimer) clearTimeout(this.keptTimer);
    this.keptTimer = setTimeout(() => {
      this.keptTimer = null;
      if (!this.kept || this.closed) return;
      if (this.busy > 0 || this.pendingRollback) return this.armKeptTimer();
      this.kept = false;
      this.implicitEpoch = null;
      this.pendingRollback = rollback(this.conn).catch(() => undefined);
    }, KEEP_IDLE_MS);
    this.keptTimer.unref();
  }

  private async releaseImplicit(failed: boolean): Promise<void> {
    if (this.explicit || this.implicitUsers === 0) return;
    this.implicitUsers--;
    if (this.implicitUsers > 0) return;
    if (!failed && this.writeEpoch && !this.closed) {
      // Kept for the next statement (see KEEP_IDLE_MS); rolled back when idle, stale or the session ends.
      this.kept = true;
      this.armKeptTimer();
      return;
    }
    // The rollback of a finished statement's transaction runs while the client reads its answer; whatever
    // uses the connection next waits for it first (settle). A failed statement leaves DuckDB's transaction aborted.
    this.implicitEpoch = null;
    this.pendingRollback = rollback(this.conn).catch(() => undefined);
  }

  private async settleStreaming(): Promise<void> {
    // A loop: the kept-transaction timer may start a rollback while this waits.
    while (this.pendingRollback || this.streaming) {
      const pending = this.pendingRollback;
      this.pendingRollback = null;
      if (pending) await pending;
      const s = this.streaming;
      this.streaming = null;
      if (s) await s.materialize();
    }
  }
}

class DuckDbStatement implements BackendStatement {
  readonly paramTypes: PgType[];
  readonly columns: BackendColumn[];

  constructor(
    private readonly session: DuckDbGatewaySession,
    private readonly prepared: DuckDBPreparedStatement,
    /** The write epoch read before it was prepared. */
    private readonly epoch: number | null,
  ) {
    this.paramTypes = [];
    for (let i = 1; i <= prepared.parameterCount; i++) {
      this.paramTypes.push(prepared.parameterTypeId(i) === DuckDBTypeId.INVALID ? TEXT : pgTypeOf(prepared.parameterType(i)));
    }
    this.columns = [];
    const seen = new Map<string, number>();
    for (let i = 0; i < prepared.columnCount; i++) {
      const name = prepared.columnName(i);
      seen.set(name, (seen.get(name) ?? 0) + 1);
      this.columns.push({ name, type: pgTypeOf(prepared.columnType(i)) });
    }
  }

  isCurrent(): boolean {
    return this.session.unchangedSince(this.epoch);
  }

  open(params: readonly PgValue[]): Promise<BackendCursor> {
    return this.session.openCursor(this.prepared, params, this.columns.length);
  }

  close(): void {
    this.prepared.destroySync();
  }
}

class DuckDbCursor implements BackendCursor {
  /** A fetch failed (an error, a cancel or a timeout): the transaction it ran in cannot be kept. */
  failed = false;
  private buffered: PgValue[][][] | null = null;
  private finished = false;
  /** The next chunk, fetched while the gateway encodes the current one (DuckDB and JavaScript overlap). */
  private ahead: Promise<DuckDBDataChunk | null> | null = null;

  constructor(
    private readonly session: DuckDbGatewaySession,
    private readonly result: DuckDBResult,
    private readonly columns: number,
  ) {}

  private fetch(): Promise<DuckDBDataChunk | null> {
    const p = this.session.guarded(() => this.result.fetchChunk());
    p.catch(() => {
      this.failed = true; // observed when awaited; never an unhandled rejection
    });
    return p;
  }

  async next(): Promise<PgValue[][] | null> {
    if (this.buffered) return this.buffered.shift() ?? null;
    if (this.finished) return null;
    const chunk = await (this.ahead ?? this.fetch());
    this.ahead = null;
    if (!chunk || chunk.rowCount === 0) {
      this.finished = true;
      return null;
    }
    this.ahead = this.fetch();
    return rowsOf(chunk, this.columns);
  }

  /** Reads the rest into memory so the connection can run another statement (a second open portal). */
  async materialize(): Promise<void> {
    if (this.buffered || this.finished) return;
    const rest: PgValue[][][] = [];
    for (let chunk = await (this.ahead ?? this.fetch()); chunk && chunk.rowCount > 0; chunk = await this.fetch()) {
      this.ahead = null;
      rest.push(rowsOf(chunk, this.columns));
    }
    this.ahead = null;
    this.buffered = rest;
  }

  async close(): Promise<void> {
    if (this.finished && this.buffered?.length === 0) return;
    this.finished = true;
    this.buffered = [];
    const ahead = this.ahead;
    this.ahead = null;
    if (ahead) await ahead.catch(() => undefined);
    await this.session.cursorClosed(this);
  }
}

// Vectors whose items already are what the gateway sends (no per-value conversion).
const PLAIN = new Set<DuckDBTypeId>([
  DuckDBTypeId.BOOLEAN, DuckDBTypeId.TINYINT, DuckDBTypeId.SMALLINT, DuckDBTypeId.INTEGER, DuckDBTypeId.BIGINT,
  DuckDBTypeId.UTINYINT, DuckDBTypeId.USMALLINT, DuckDBTypeId.UINTEGER, DuckDBTypeId.FLOAT, DuckDBTypeId.DOUBLE, DuckDBTypeId.VARCHAR,
]);

function rowsOf(chunk: DuckDBDataChunk, columnCount: number): PgValue[][] {
  const n = chunk.rowCount;
  const rows: PgValue[][] = new Array(n);
  for (let r = 0; r < n; r++) rows[r] = new Array(columnCount);
  for (let c = 0; c < columnCount; c++) {
    const vector = chunk.getColumnVector(c);
    const typeId = vector.type.typeId;
    if (PLAIN.has(typeId)) {
      for (let r = 0; r < n; r++) rows[r][c] = vector.getItem(r) as PgValue;
    } else if (typeId === DuckDBTypeId.TIMESTAMP || typeId === DuckDBTypeId.TIMESTAMP_TZ) {
      for (let r = 0; r < n; r++) {
        const item = vector.getItem(r) as { micros: bigint } | null;
        rows[r][c] = item === null ? null : timestampOf(item.micros);
      }
    } else {
      for (let r = 0; r < n; r++) rows[r][c] = toPgValue(vector.getItem(r));
    }
  }
  return rows;
}

function unresolvedParams(prepared: DuckDBPreparedStatement): Set<number> {
  const out = new Set<number>();
  for (let i = 1; i <= prepared.parameterCount; i++) if (prepared.parameterTypeId(i) === DuckDBTypeId.INVALID) out.add(i);
  return out;
}

function castParams(sql: string, unresolved: Set<number>, declared: readonly (PgType | null)[]): string {
  return tokenize(sql)
    .map((t) => {
      if (t.kind !== 'param') return t.text;
      const n = Number(t.text.slice(1));
      if (!unresolved.has(n)) return t.text;
      const type = declared[n - 1];
      return `CAST(${t.text} AS ${type ? duckTypeNameOf(type) : 'VARCHAR'})`;
    })
    .join('');
}

async function rollback(conn: DuckDBConnection): Promise<void> {
  try {
    await conn.run('ROLLBACK');
  } catch (error) {
    // Not `instanceof Error`: errors from the native binding may come from another realm (Jest).
    if (!String((error as { message?: unknown })?.message ?? error).includes('no transaction is active')) throw error;
  }
}
