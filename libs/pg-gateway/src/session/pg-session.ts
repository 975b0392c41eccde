import type { BackendColumn, BackendCursor, BackendSession, BackendStatement } from '../backend/gateway-backend';
import { GatewayError, SQLSTATE, toGatewayError } from '../errors/gateway-error';
import { rewriteCatalogQuery } from '../sql/catalog-rewrite';
import { BodyReader } from '../protocol/message-reader';
import type { MessageWriter } from '../protocol/message-writer';
import { parseSessionCommand, type SessionCommand } from '../sql/session-command';
import { splitStatements } from '../sql/sql-lexer';
import { decodeBinary, encodeBinary } from '../types/pg-binary';
import { decodeText, encodeText } from '../types/pg-text';
import { typeFromOid, typeLength, typeOid, type PgType } from '../types/pg-types';
import type { PgValue } from '../types/pg-values';
import type { SessionSettings } from './session-settings';

export interface SessionLimits {
  /** Most rows one result may return (0 = no limit). */
  maxRows: number;
  /** Most bytes of row data one result may return (0 = no limit). */
  maxBytes: number;
}

export type QueryOutcome = 'success' | 'error' | 'cancelled' | 'timeout' | 'refused';

export interface SessionObserver {
  queryFinished(outcome: QueryOutcome, seconds: number): void;
}

interface Statement {
  sql: string;
  command: SessionCommand | null;
  backend: BackendStatement | null;
  declared: (PgType | null)[];
}

interface Portal {
  statement: Statement;
  params: PgValue[];
  formats: number[];
  cursor: BackendCursor | null;
  pending: PgValue[][];
  pendingAt: number;
  rows: number;
  bytes: number;
  done: boolean;
}

type Encoder = (w: MessageWriter, v: PgValue) => void;

// Row data is flushed to the socket once this much is buffered; the flush waits for the client to drain.
const FLUSH_BYTES = 256 * 1024;

function formatOf(formats: readonly number[], i: number): number {
  return formats.length === 0 ? 0 : formats.length === 1 ? formats[0] : (formats[i] ?? 0);
}

function encoder(type: PgType, format: number): Encoder {
  if (format === 1) return (w, v) => void (v === null ? w.int32(-1) : w.lbytes(encodeBinary(v, type)));
  if (!type.array && (type.base === 'text' || type.base === 'varchar' || type.base === 'json' || type.base === 'uuid' || type.base === 'name')) {
    return (w, v) => void (v === null ? w.int32(-1) : w.lstring(typeof v === 'string' ? v : encodeText(v, type)));
  }
  if (!type.array && (type.base === 'int4' || type.base === 'int2' || type.base === 'int8')) {
    return (w, v) => void (v === null ? w.int32(-1) : w.lstring(String(v)));
  }
  return (w, v) => void (v === null ? w.int32(-1) : w.lstring(encodeText(v, type)));
}

const UNNAMED = '';

/**
 * One client's protocol state after authentication: the simple and the extended query protocol,
 * session settings and transaction control, with the statement timeout and result limits.
 */
export class PgSession {
  private readonly statements = new Map<string, Statement>();
  private readonly portals = new Map<string, Portal>();
  private txStatus: 'I' | 'T' | 'E' = 'I';
  private skipToSync = false;
  private stopReason: 'cancel' | 'timeout' | null = null;
  private running = false;
  private timer: NodeJS.Timeout | null = null;
  /** The SQL being planned or run, so DuckDB's "LINE n: … ^" markers become a character position. */
  private currentSql = '';

  constructor(
    private readonly backend: BackendSession,
    private readonly writer: MessageWriter,
    readonly settings: SessionSettings,
    private readonly limits: SessionLimits,
    private readonly observer: SessionObserver,
  ) {}

  /** Handles one message after start-up. Returns false when the client said goodbye. */
  async handle(type: string, body: Buffer): Promise<boolean> {
    if (type === 'X') return false;
    if (this.skipToSync && type !== 'S') return true;
    try {
      switch (type) {
        case 'Q':
          await this.simpleQuery(new BodyReader(body).cstring());
          break;
        case 'P':
          await this.parse(new BodyReader(body));
          break;
        case 'B':
          this.bind(new BodyReader(body));
          break;
        case 'D':
          this.describe(new BodyReader(body));
          break;
        case 'E':
          await this.execute(new BodyReader(body));
          break;
        case 'C':
          await this.close(new BodyReader(body));
          break;
        case 'H':
          await this.writer.flush();
          break;
        case 'S':
          await this.sync();
          break;
        case 'd':
        case 'c':
        case 'f':
          throw new GatewayError(SQLSTATE.featureNotSupported, 'COPY is not supported by the read-only gateway');
        default:
          throw new GatewayError(SQLSTATE.protocolViolation, `invalid frontend message type ${JSON.stringify(type)}`);
      }
    } catch (error) {
      this.fail(error);
      if (type !== 'Q') this.skipToSync = true;
      else this.ready();
      await this.writer.flush();
    }
    return true;
  }

  /** A CancelRequest for this session: stops the running statement, if any. */
  cancel(): void {
    if (!this.running) return;
    this.stopReason = 'cancel';
    this.backend.interrupt();
  }

  async dispose(): Promise<void> {
    this.clearTimer();
    for (const portal of this.portals.values()) await portal.cursor?.close().catch(() => undefined);
    for (const s of this.statements.values()) s.backend?.close();
    this.portals.clear();
    this.statements.clear();
    await this.backend.close();
  }

  get idle(): boolean {
    return !this.running;
  }

  // ---- simple protocol ----

  private async simpleQuery(sql: string): Promise<void> {
    const texts = splitStatements(sql);
    if (texts.length === 0) {
      this.writer.begin('I').end();
      this.ready();
      await this.writer.flush();
      return;
    }
    const started = performance.now();
    const planned: Statement[] = [];
    this.startStatement();
    try {
      if (this.txStatus === 'E' && !texts.every((t) => isTransactionEnd(parseSessionCommand(t)))) {
        throw new GatewayError(SQLSTATE.inFailedTransaction, 'current transaction is aborted, commands ignored until end of transaction block');
      }
      // Every statement is checked before any runs, so a refused one stops the whole string.
      for (const text of texts) planned.push(await this.plan(text, []));
      for (const statement of planned) {
        const portal = this.newPortal(statement, [], []);
        if (statement.backend) this.rowDescription(statement.backend.columns, []);
        await this.run(portal, 0);
      }
      this.observe('success', started);
    } catch (error) {
      this.observe(outcomeOf(this.stopError(error)), started);
      this.fail(error);
    } finally {
      this.endStatement();
      for (const s of planned) s.backend?.close();
    }
    this.ready();
    await this.writer.flush();
  }

  // ---- extended protocol ----

  private async parse(r: BodyReader): Promise<void> {
    const name = r.cstring();
    const sql = r.cstring();
    const n = r.int16();
    const declared: (PgType | null)[] = [];
    for (let i = 0; i < n; i++) declared.push(typeFromOid(r.int32()));
    if (name !== UNNAMED && this.statements.has(name)) {
      throw new GatewayError('42P05', `prepared statement "${name}" already exists`);
    }
    const texts = splitStatements(sql);
    if (texts.length > 1) throw new GatewayError(SQLSTATE.syntaxError, 'cannot insert multiple commands into a prepared statement');
    if (this.txStatus === 'E' && !isTransactionEnd(parseSessionCommand(texts[0] ?? ''))) {
      throw new GatewayError(SQLSTATE.inFailedTransaction, 'current transaction is aborted, commands ignored until end of transaction block');
    }
    const previous = name === UNNAMED ? this.statements.get(UNNAMED) : undefined;
    const statement: Statement =
      texts.length === 0 ? { sql: '', command: null, backend: null, declared } : await this.plan(texts[0], declared, previous);
    if (statement !== previous) this.dropStatement(name);
    this.statements.set(name, statement);
    this.writer.begin('1').end();
  }

  private bind(r: BodyReader): void {
    const portalName = r.cstring();
    const statementName = r.cstring();
    const statement = this.statements.get(statementName);
    if (!statement) throw new GatewayError(SQLSTATE.invalidSqlStatementName, `prepared statement "${statementName}" does not exist`);
    const formats: number[] = [];
    for (let i = r.int16(); i > 0; i--) formats.push(r.int16());
    const count = r.int16();
    const types = this.paramTypes(statement);
    if (count !== types.length) {
      throw new GatewayError(SQLSTATE.protocolViolation, `bind message supplies ${count} parameters, but prepared statement "${statementName}" requires ${types.length}`);
    }
    const params: PgValue[] = [];
    for (let i = 0; i < count; i++) {
      const len = r.int32();
      if (len < 0) {
        params.push(null);
        continue;
      }
      const bytes = r.bytes(len);
      const type = statement.declared[i] ?? types[i] ?? null;
      try {
        params.push(formatOf(formats, i) === 1 ? decodeBinary(bytes, type) : decodeText(bytes.toString('utf8'), type));
      } catch (error) {
        throw new GatewayError(SQLSTATE.invalidTextRepresentation, `parameter $${i + 1}: ${(error as Error).message}`);
      }
    }
    const resultFormats: number[] = [];
    for (let i = r.int16(); i > 0; i--) resultFormats.push(r.int16());
    void this.dropPortal(portalName);
    this.portals.set(portalName, this.newPortal(statement, params, resultFormats));
    this.writer.begin('2').end();
  }

  private describe(r: BodyReader): void {
    const kind = String.fromCharCode(r.bytes(1)[0]);
    const name = r.cstring();
    if (kind === 'S') {
      const statement = this.statements.get(name);
      if (!statement) throw new GatewayError(SQLSTATE.invalidSqlStatementName, `prepared statement "${name}" does not exist`);
      const types = this.paramTypes(statement);
      this.writer.begin('t').int16(types.length);
      types.forEach((t, i) => this.writer.int32(statement.declared[i] ? typeOid(statement.declared[i] as PgType) : typeOid(t)));
      this.writer.end();
      this.describeResult(statement, []);
    } else if (kind === 'P') {
      const portal = this.portals.get(name);
      if (!portal) throw new GatewayError(SQLSTATE.invalidCursorName, `portal "${name}" does not exist`);
      this.describeResult(portal.statement, portal.formats);
    } else throw new GatewayError(SQLSTATE.protocolViolation, `invalid DESCRIBE message subtype ${kind}`);
  }

  private async execute(r: BodyReader): Promise<void> {
    const name = r.cstring();
    const maxRows = r.int32();
    const portal = this.portals.get(name);
    if (!portal) throw new GatewayError(SQLSTATE.invalidCursorName, `portal "${name}" does not exist`);
    if (this.txStatus === 'E' && !isTransactionEnd(portal.statement.command)) {
      throw new GatewayError(SQLSTATE.inFailedTransaction, 'current transaction is aborted, commands ignored until end of transaction block');
    }
    const started = performance.now();
    this.startStatement();
    try {
      await this.run(portal, maxRows > 0 ? maxRows : 0);
      this.observe('success', started);
    } catch (error) {
      this.observe(outcomeOf(this.stopError(error)), started);
      throw this.stopError(error);
    } finally {
      this.endStatement();
    }
  }

  private async close(r: BodyReader): Promise<void> {
    const kind = String.fromCharCode(r.bytes(1)[0]);
    const name = r.cstring();
    if (kind === 'S') this.dropStatement(name);
    else if (kind === 'P') await this.dropPortal(name);
    else throw new GatewayError(SQLSTATE.protocolViolation, `invalid CLOSE message subtype ${kind}`);
    this.writer.begin('3').end();
  }

  private async sync(): Promise<void> {
    this.skipToSync = false;
    if (this.txStatus === 'I') {
      for (const name of [...this.portals.keys()]) await this.dropPortal(name);
    }
    this.ready();
    await this.writer.flush();
  }

  // ---- shared ----

  /**
   * Checks and prepares one statement. `reusable` (the unnamed statement being replaced) is returned as it is when it
   * has the same SQL and declared types and is still current: drivers send a parameterised query as an unnamed Parse
   * every time, and preparing it again (the read-only guard and DuckDB's binder) costs about half a millisecond.
   */
  private async plan(text: string, declared: (PgType | null)[], reusable?: Statement): Promise<Statement> {
    const command = parseSessionCommand(text);
    if (command) return { sql: text, command, backend: null, declared };
    const sql = rewriteCatalogQuery(text, (name) => this.settings.get(name));
    this.currentSql = sql;
    if (reusable?.backend && reusable.sql === sql && sameTypes(reusable.declared, declared) && reusable.backend.isCurrent()) return reusable;
    const backend = await this.backend.prepare(sql, declared);
    return { sql, command: null, backend, declared };
  }

  private paramTypes(statement: Statement): readonly PgType[] {
    return statement.backend?.paramTypes ?? statement.declared.map((t) => t ?? { base: 'text', array: false });
  }

  private newPortal(statement: Statement, params: PgValue[], formats: number[]): Portal {
    return { statement, params, formats, cursor: null, pending: [], pendingAt: 0, rows: 0, bytes: 0, done: false };
  }

  private describeResult(statement: Statement, formats: number[]): void {
    if (statement.backend) this.rowDescription(statement.backend.columns, formats);
    else if (statement.command?.kind === 'show') this.rowDescription([{ name: statement.command.name, type: { base: 'text', array: false } }], formats);
    else this.writer.begin('n').end();
  }

  private rowDescription(columns: readonly BackendColumn[], formats: readonly number[]): void {
    const w = this.writer.begin('T').int16(columns.length);
    columns.forEach((c, i) => {
      w.cstring(c.name).int32(0).int16(0).int32(typeOid(c.type)).int16(typeLength(c.type)).int32(-1).int16(formatOf(formats, i));
    });
    w.end();
  }

  /** Runs (or resumes) a portal, sending up to `maxRows` rows (0: all); ends with CommandComplete or PortalSuspended. */
  private async run(portal: Portal, maxRows: number): Promise<void> {
    const { statement } = portal;
    if (statement.command) return this.runCommand(statement.command);
    if (!statement.backend) {
      this.writer.begin('I').end();
      return;
    }
    if (portal.done) {
      this.writer.begin('C').cstring(`SELECT ${portal.rows}`).end();
      return;
    }
    this.currentSql = statement.sql;
    portal.cursor ??= await statement.backend.open(portal.params);
    try {
      await this.stream(portal, maxRows);
    } catch (error) {
      // A failed portal is finished: close its cursor now, so the rest of a big result is never read.
      portal.done = true;
      const cursor = portal.cursor;
      portal.cursor = null;
      portal.pending = [];
      await cursor?.close().catch(() => undefined);
      throw error;
    }
  }

  private async stream(portal: Portal, maxRows: number): Promise<void> {
    const columns = (portal.statement.backend as BackendStatement).columns;
    const encoders = columns.map((c, i) => encoder(c.type, formatOf(portal.formats, i)));
    const cursor = portal.cursor as BackendCursor;
    let sent = 0;
    const w = this.writer;
    for (;;) {
      if (portal.pendingAt >= portal.pending.length) {
        const batch = await cursor.next();
        if (!batch) break;
        portal.pending = batch;
        portal.pendingAt = 0;
        continue;
      }
      if (maxRows > 0 && sent >= maxRows) {
        w.begin('s').end();
        return;
      }
      if (this.limits.maxRows > 0 && portal.rows >= this.limits.maxRows) {
        throw new GatewayError(SQLSTATE.programLimitExceeded, `the result has more than ${this.limits.maxRows} rows (the gateway's row limit); add a LIMIT or a filter`);
      }
      const row = portal.pending[portal.pendingAt++];
      const before = w.buffered;
      try {
        w.begin('D').int16(row.length);
        for (let i = 0; i < row.length; i++) encoders[i](w, row[i]);
        w.end();
      } catch (error) {
        w.truncate(before); // never leave half a DataRow in front of the ErrorResponse
        throw new GatewayError(SQLSTATE.internal, `cannot send row ${portal.rows + 1}: ${(error as Error).message}`);
      }
      portal.rows++;
      sent++;
      portal.bytes += w.buffered - before;
      if (this.limits.maxBytes > 0 && portal.bytes > this.limits.maxBytes) {
        throw new GatewayError(SQLSTATE.programLimitExceeded, `the result is larger than ${this.limits.maxBytes} bytes (the gateway's size limit); select fewer rows or columns`);
      }
      if (w.buffered >= FLUSH_BYTES) await w.flush();
    }
    portal.done = true;
    portal.cursor = null;
    await cursor.close();
    portal.pending = [];
    w.begin('C').cstring(`SELECT ${portal.rows}`).end();
  }

  private async runCommand(command: SessionCommand): Promise<void> {
    switch (command.kind) {
      case 'set':
        for (const name of this.settings.set(command.name, command.value)) {
          this.writer.begin('S').cstring(this.settings.displayName(name)).cstring(this.settings.get(name) ?? '').end();
        }
        return void this.writer.begin('C').cstring(command.tag).end();
      case 'show': {
        const value = command.name === 'all' ? undefined : this.settings.get(command.name);
        if (value === undefined) throw new GatewayError(SQLSTATE.undefinedObject, `unrecognized configuration parameter "${command.name}"`);
        this.rowDescription([{ name: command.name, type: { base: 'text', array: false } }], []);
        this.writer.begin('D').int16(1).lstring(value).end();
        return void this.writer.begin('C').cstring('SHOW').end();
      }
      case 'begin':
        if (this.txStatus === 'I') {
          await this.backend.begin();
          this.txStatus = 'T';
        }
        return void this.writer.begin('C').cstring(command.tag).end();
      case 'commit':
      case 'rollback': {
        const failed = this.txStatus === 'E';
        if (this.txStatus !== 'I') {
          for (const name of [...this.portals.keys()]) await this.dropPortal(name);
          await this.backend.end();
          this.txStatus = 'I';
        }
        return void this.writer.begin('C').cstring(failed ? 'ROLLBACK' : command.tag).end();
      }
      case 'discard':
        for (const name of [...this.statements.keys()]) this.dropStatement(name);
        return void this.writer.begin('C').cstring('DISCARD ALL').end();
      case 'deallocate':
        if (command.name === null) for (const name of [...this.statements.keys()]) this.dropStatement(name);
        else this.dropStatement(command.name);
        return void this.writer.begin('C').cstring(command.name === null ? 'DEALLOCATE ALL' : 'DEALLOCATE').end();
      case 'noop':
        return void this.writer.begin('C').cstring(command.tag).end();
    }
  }

  private dropStatement(name: string): void {
    const s = this.statements.get(name);
    if (!s) return;
    this.statements.delete(name);
    s.backend?.close();
  }

  private async dropPortal(name: string): Promise<void> {
    const p = this.portals.get(name);
    if (!p) return;
    this.portals.delete(name);
    await p.cursor?.close().catch(() => undefined);
  }

  private startStatement(): void {
    this.running = true;
    this.stopReason = null;
    const timeout = this.settings.statementTimeoutMs;
    if (timeout > 0) {
      this.timer = setTimeout(() => {
        this.stopReason = 'timeout';
        this.backend.interrupt();
      }, timeout);
    }
  }

  private endStatement(): void {
    this.running = false;
    this.clearTimer();
    if (this.stopReason) this.backend.statementEnded();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** An error raised while the statement was being stopped is the stop, whatever DuckDB called it. */
  private stopError(error: unknown): unknown {
    if (!this.stopReason) return error;
    const e = toGatewayError(error);
    if (e.code !== SQLSTATE.queryCanceled && e.code !== SQLSTATE.internal) return error;
    return new GatewayError(
      SQLSTATE.queryCanceled,
      this.stopReason === 'timeout' ? 'canceling statement due to statement timeout' : 'canceling statement due to user request',
    );
  }

  private observe(outcome: QueryOutcome, started: number): void {
    this.observer.queryFinished(outcome, (performance.now() - started) / 1000);
  }

  private fail(error: unknown): void {
    const e = toGatewayError(this.stopError(error), this.currentSql);
    const w = this.writer.begin('E');
    w.int8(0x53).cstring(e.extra.severity ?? 'ERROR');
    w.int8(0x56).cstring(e.extra.severity ?? 'ERROR');
    w.int8(0x43).cstring(e.code);
    w.int8(0x4d).cstring(e.message);
    if (e.extra.position !== undefined) w.int8(0x50).cstring(String(e.extra.position));
    if (e.extra.detail) w.int8(0x44).cstring(e.extra.detail);
    if (e.extra.hint) w.int8(0x48).cstring(e.extra.hint);
    w.int8(0).end();
    if (this.txStatus === 'T') this.txStatus = 'E';
  }

  private ready(): void {
    this.writer.begin('Z').int8(this.txStatus.charCodeAt(0)).end();
  }
}

function isTransactionEnd(command: SessionCommand | null): boolean {
  return command?.kind === 'commit' || command?.kind === 'rollback';
}

function outcomeOf(error: unknown): QueryOutcome {
  const e = toGatewayError(error);
  if (e.code === SQLSTATE.queryCanceled) return e.message.includes('timeout') ? 'timeout' : 'cancelled';
  if (e.code === SQLSTATE.readOnly || e.code === SQLSTATE.insufficientPrivilege) return 'refused';
  return 'error';
}

function sameTypes(a: readonly (PgType | null)[], b: readonly (PgType | null)[]): boolean {
  return a.length === b.length && a.every((t, i) => t?.base === b[i]?.base && t?.array === b[i]?.array);
}
