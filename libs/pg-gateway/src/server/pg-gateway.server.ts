import { randomInt } from 'node:crypto';
import * as net from 'node:net';
import * as tls from 'node:tls';
import { lookupSecret } from '../auth/credentials-file';
import { SCRAM_MECHANISM, ScramError, ScramServerExchange } from '../auth/scram';
import type { GatewayBackend } from '../backend/gateway-backend';
import { GatewayError, SQLSTATE, toGatewayError } from '../errors/gateway-error';
import type { GatewayMetrics } from '../metrics/gateway-metrics';
import { BodyReader, CANCEL_REQUEST, GSSENC_REQUEST, MessageReader, PROTOCOL_3_0, SSL_REQUEST, type FrontendMessage } from '../protocol/message-reader';
import { MessageWriter } from '../protocol/message-writer';
import { PgSession, type QueryOutcome } from '../session/pg-session';
import { SessionSettings } from '../session/session-settings';

export type TlsMode = 'off' | 'optional' | 'required';

export interface GatewayLogger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
}

export interface PgGatewayOptions {
  host: string;
  /** 0 picks a free port (tests); read `port` after listen(). */
  port: number;
  backend: GatewayBackend;
  credentialsFile: string;
  tls?: { mode: TlsMode; cert?: string | Buffer; key?: string | Buffer };
  /** Accept loopback clients without a password. Never applies to other addresses. */
  trustLoopback?: boolean;
  statementTimeoutMs?: number;
  maxConnections?: number;
  maxRows?: number;
  maxBytes?: number;
  metrics?: GatewayMetrics;
  logger?: GatewayLogger;
}

interface Client {
  socket: net.Socket;
  session: PgSession | null;
  processId: number;
  secretKey: number;
}

// After this many failed logins from one address, each further attempt waits before its answer.
const FREE_FAILURES = 3;
const FAILURE_DELAY_MS = 500;
const MAX_FAILURE_DELAY_MS = 5_000;
const FAILURE_WINDOW_MS = 10 * 60_000;

function isLoopback(address: string | undefined): boolean {
  return !!address && (address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.'));
}

function fatal(writer: MessageWriter, code: string, message: string): void {
  writer.begin('E').int8(0x53).cstring('FATAL').int8(0x56).cstring('FATAL').int8(0x43).cstring(code).int8(0x4d).cstring(message).int8(0).end();
}

// Unprocessed input beyond this pauses the socket.
const MAX_PENDING_INPUT = 4 * 1024 * 1024;
const MAX_TRACKED_ADDRESSES = 10_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The Postgres wire server: start-up, TLS, SCRAM, cancel requests, connection limits and a graceful drain. */
export class PgGatewayServer {
  private readonly server: net.Server;
  private readonly clients = new Set<Client>();
  private readonly byProcessId = new Map<number, Client>();
  private readonly failures = new Map<string, { count: number; last: number }>();
  private readonly secureContext: tls.SecureContext | null;
  private closing = false;
  private boundPort = 0;

  constructor(private readonly options: PgGatewayOptions) {
    const mode = options.tls?.mode ?? 'off';
    if (mode !== 'off' && (!options.tls?.cert || !options.tls?.key)) {
      throw new Error(`TLS mode ${mode} needs a certificate and a key`);
    }
    this.secureContext = mode === 'off' ? null : tls.createSecureContext({ cert: options.tls?.cert, key: options.tls?.key });
    this.server = net.createServer((socket) => this.accept(socket));
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port, this.options.host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    this.boundPort = (this.server.address() as net.AddressInfo).port;
  }

  get port(): number {
    return this.boundPort;
  }

  /** Sessions running a statement right now. */
  get runningStatements(): number {
    return [...this.clients].filter((c) => c.session && !c.session.idle).length;
  }

  get connectionCount(): number {
    return [...this.clients].filter((c) => c.session).length;
  }

  /**
   * Stops accepting, tells idle sessions the server is shutting down, lets running statements finish
   * for up to `graceMs`, then interrupts them and closes every connection.
   */
  async close(graceMs = 5_000): Promise<void> {
    this.closing = true;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    const deadline = Date.now() + graceMs;
    for (;;) {
      for (const c of this.clients) {
        if (!c.session || c.session.idle) this.terminate(c);
      }
      if (this.clients.size === 0 || Date.now() >= deadline) break;
      await sleep(20);
    }
    for (const c of this.clients) {
      c.session?.cancel();
      this.terminate(c);
    }
    await closed;
  }

  private terminate(c: Client): void {
    if (c.socket.destroyed) return;
    const w = new MessageWriter(c.socket);
    fatal(w, SQLSTATE.adminShutdown, 'terminating connection due to administrator command');
    void w.flush().finally(() => c.socket.end());
    c.socket.destroySoon();
  }

  private accept(raw: net.Socket): void {
    raw.setNoDelay(true);
    const client: Client = { socket: raw, session: null, processId: 0, secretKey: 0 };
    this.clients.add(client);
    const reader = new MessageReader();
    let writer = new MessageWriter(raw);
    let socket: net.Socket = raw;
    let processing = false;
    let phase: 'startup' | 'sasl-initial' | 'sasl-final' | 'session' = 'startup';
    let tlsActive = false;
    let user = '';
    let startup: Map<string, string> = new Map();
    let scram: ScramServerExchange | null = null;
    const address = raw.remoteAddress ?? 'unknown';

    const cleanup = () => {
      if (!this.clients.delete(client)) return;
      if (client.processId) this.byProcessId.delete(client.processId);
      if (client.session) {
        this.options.metrics?.connections.dec();
        void client.session.dispose().catch(() => undefined);
      }
    };

    const onData = (chunk: Buffer) => {
      reader.push(chunk);
      // A client that sends faster than its statements run waits (TCP backpressure) instead of filling memory.
      if (reader.pending > MAX_PENDING_INPUT) socket.pause();
      if (!processing) void process();
    };

    const process = async () => {
      processing = true;
      try {
        while (!socket.destroyed) {
          let m: FrontendMessage | null;
          try {
            m = reader.next();
          } catch (error) {
            this.options.metrics?.rejected.inc({ reason: 'protocol' });
            fatal(writer, SQLSTATE.protocolViolation, (error as Error).message);
            await writer.flush();
            socket.destroy();
            return;
          }
          if (!m) break;
          if (socket.isPaused() && reader.pending < MAX_PENDING_INPUT / 2) socket.resume();
          const keep = await step(m);
          if (!keep) {
            await writer.flush();
            socket.end();
            socket.destroySoon();
            return;
          }
        }
      } catch (error) {
        const e = toGatewayError(error);
        fatal(writer, e.code, e.message);
        await writer.flush();
        socket.destroy();
      } finally {
        processing = false;
        if (socket.isPaused()) socket.resume();
      }
    };

    const startTls = () => {
      raw.off('data', onData);
      const secure = new tls.TLSSocket(raw, { isServer: true, secureContext: this.secureContext as tls.SecureContext });
      secure.on('data', onData);
      secure.on('error', () => secure.destroy());
      socket = secure;
      writer = new MessageWriter(secure);
      client.socket = secure;
      tlsActive = true;
    };

    const step = async (m: FrontendMessage): Promise<boolean> => {
      if (phase === 'session') return (client.session as PgSession).handle(m.type, m.body);
      if (phase === 'startup') return handleStartup(m.body);
      if (m.type !== 'p') throw new GatewayError(SQLSTATE.protocolViolation, `expected a SASL response, got message type ${JSON.stringify(m.type)}`);
      return handleSasl(m.body);
    };

    const handleStartup = async (body: Buffer): Promise<boolean> => {
      const r = new BodyReader(body);
      const code = r.int32();
      if (code === SSL_REQUEST) {
        if (this.secureContext && !tlsActive) {
          writer.byte('S');
          await writer.flush();
          startTls();
        } else {
          writer.byte('N');
          await writer.flush();
        }
        return true;
      }
      if (code === GSSENC_REQUEST) {
        writer.byte('N');
        await writer.flush();
        return true;
      }
      if (code === CANCEL_REQUEST) {
        const pid = r.int32();
        const key = r.int32();
        const target = this.byProcessId.get(pid);
        if (target && target.secretKey === key) target.session?.cancel();
        return false;
      }
      if (code >> 16 !== 3) {
        this.options.metrics?.rejected.inc({ reason: 'protocol' });
        fatal(writer, SQLSTATE.featureNotSupported, `unsupported frontend protocol ${code >> 16}.${code & 0xffff}: server supports 3.0`);
        return false;
      }
      startup = new Map();
      const unknownOptions: string[] = [];
      while (r.remaining > 1) {
        const key = r.cstring();
        const value = r.cstring();
        if (key.startsWith('_pq_.')) unknownOptions.push(key);
        else startup.set(key, value);
      }
      reader.expectStartup = false;
      if ((code & 0xffff) > 0 || unknownOptions.length > 0) {
        writer.begin('v').int32(PROTOCOL_3_0).int32(unknownOptions.length);
        for (const o of unknownOptions) writer.cstring(o);
        writer.end();
      }
      user = startup.get('user') ?? '';
      if (!user) {
        fatal(writer, SQLSTATE.invalidAuthorization, 'no PostgreSQL user name specified in startup packet');
        return false;
      }
      if (this.options.tls?.mode === 'required' && !tlsActive) {
        this.options.metrics?.rejected.inc({ reason: 'tls_required' });
        fatal(writer, SQLSTATE.invalidAuthorization, 'SSL is required: connect with sslmode=require');
        return false;
      }
      if (this.closing) {
        fatal(writer, '57P03', 'the database system is shutting down');
        return false;
      }
      const max = this.options.maxConnections ?? 100;
      if (this.connectionCount >= max) {
        this.options.metrics?.rejected.inc({ reason: 'too_many' });
        fatal(writer, SQLSTATE.tooManyConnections, `sorry, too many clients already (the gateway allows ${max})`);
        return false;
      }
      if (this.options.trustLoopback && isLoopback(raw.remoteAddress)) return authenticated();
      writer.begin('R').int32(10).cstring(SCRAM_MECHANISM).int8(0).end();
      await writer.flush();
      phase = 'sasl-initial';
      return true;
    };

    const handleSasl = async (body: Buffer): Promise<boolean> => {
      const r = new BodyReader(body);
      try {
        if (phase === 'sasl-initial') {
          const mechanism = r.cstring();
          if (mechanism !== SCRAM_MECHANISM) throw new ScramError(`SASL mechanism ${mechanism} is not supported`);
          const len = r.int32();
          const clientFirst = r.bytes(len).toString('utf8');
          scram = new ScramServerExchange(lookupSecret(this.options.credentialsFile, user));
          writer.begin('R').int32(11).raw(Buffer.from(scram.start(clientFirst))).end();
          await writer.flush();
          phase = 'sasl-final';
          return true;
        }
        const serverFinal = (scram as ScramServerExchange).finish(body.toString('utf8'));
        writer.begin('R').int32(12).raw(Buffer.from(serverFinal)).end();
        this.failures.delete(address);
        return authenticated();
      } catch (error) {
        if (!(error instanceof ScramError)) throw error;
        this.options.metrics?.authFailures.inc();
        this.options.logger?.warn({ user, address }, 'gateway login failed');
        if (this.failures.size > MAX_TRACKED_ADDRESSES) {
          for (const [a, v] of this.failures) if (Date.now() - v.last > FAILURE_WINDOW_MS) this.failures.delete(a);
        }
        const f = this.failures.get(address);
        const count = f && Date.now() - f.last < FAILURE_WINDOW_MS ? f.count + 1 : 1;
        this.failures.set(address, { count, last: Date.now() });
        if (count > FREE_FAILURES) await sleep(Math.min((count - FREE_FAILURES) * FAILURE_DELAY_MS, MAX_FAILURE_DELAY_MS));
        fatal(writer, SQLSTATE.invalidPassword, `password authentication failed for user "${user}"`);
        return false;
      }
    };

    const authenticated = async (): Promise<boolean> => {
      const applicationName = startup.get('application_name') ?? '';
      const settings = new SessionSettings(user, applicationName, this.options.statementTimeoutMs ?? 0);
      const backend = await this.options.backend.openSession({ user, database: startup.get('database') ?? user, applicationName });
      const metrics = this.options.metrics;
      const observer = { queryFinished: (o: QueryOutcome, s: number) => metrics?.queryFinished(o, s) };
      const session = new PgSession(backend, writer, settings, { maxRows: this.options.maxRows ?? 0, maxBytes: this.options.maxBytes ?? 0 }, observer);
      if (socket.destroyed) {
        await session.dispose();
        return false;
      }
      do client.processId = randomInt(1, 0x7fffffff);
      while (this.byProcessId.has(client.processId));
      client.secretKey = randomInt(-0x80000000, 0x7fffffff);
      this.byProcessId.set(client.processId, client);
      client.session = session;
      metrics?.connections.inc();
      metrics?.connectionsTotal.inc();
      writer.begin('R').int32(0).end();
      for (const [name, value] of settings.reported()) writer.begin('S').cstring(name).cstring(value).end();
      writer.begin('K').int32(client.processId).int32(client.secretKey).end();
      writer.begin('Z').int8(0x49).end();
      await writer.flush();
      phase = 'session';
      return true;
    };

    raw.on('data', onData);
    raw.on('error', () => raw.destroy());
    raw.on('close', cleanup);
  }
}
