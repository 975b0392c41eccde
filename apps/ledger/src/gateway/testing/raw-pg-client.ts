import * as net from 'node:net';

/** A bare-bones frontend for protocol tests: builds messages byte by byte and reads typed replies. */
export interface RawMessage {
  type: string;
  body: Buffer;
}

function message(type: string, ...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  const header = Buffer.alloc(5);
  header.write(type, 0, 'latin1');
  header.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([header, body]);
}
const cstr = (s: string) => Buffer.concat([Buffer.from(s), Buffer.from([0])]);
const i16 = (n: number) => {
  const b = Buffer.alloc(2);
  b.writeInt16BE(n);
  return b;
};
const i32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
};

export const fe = {
  query: (sql: string) => message('Q', cstr(sql)),
  parse: (name: string, sql: string, oids: number[] = []) => message('P', cstr(name), cstr(sql), i16(oids.length), ...oids.map(i32)),
  bind: (portal: string, statement: string, params: (string | null)[] = [], resultFormats: number[] = []) =>
    message(
      'B',
      cstr(portal),
      cstr(statement),
      i16(0),
      i16(params.length),
      ...params.map((p) => (p === null ? i32(-1) : Buffer.concat([i32(Buffer.byteLength(p)), Buffer.from(p)]))),
      i16(resultFormats.length),
      ...resultFormats.map(i16),
    ),
  describe: (kind: 'S' | 'P', name: string) => message('D', Buffer.from(kind), cstr(name)),
  execute: (portal: string, maxRows = 0) => message('E', cstr(portal), i32(maxRows)),
  close: (kind: 'S' | 'P', name: string) => message('C', Buffer.from(kind), cstr(name)),
  sync: () => message('S'),
  flush: () => message('H'),
  terminate: () => message('X'),
};

export class RawPgClient {
  private buffer = Buffer.alloc(0);
  private waiters: Array<() => void> = [];
  private closed = false;

  private constructor(private readonly socket: net.Socket) {
    socket.on('data', (d: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, d]);
      this.waiters.splice(0).forEach((w) => w());
    });
    socket.on('close', () => {
      this.closed = true;
      this.waiters.splice(0).forEach((w) => w());
    });
  }

  /** Connects and sends a 3.0 startup packet (the server must trust loopback, or answer with an error). */
  static async connect(port: number, params: Record<string, string>, protocol = 196_608): Promise<RawPgClient> {
    const socket = net.connect(port, '127.0.0.1');
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    const client = new RawPgClient(socket);
    const body = Buffer.concat([i32(protocol), ...Object.entries(params).flatMap(([k, v]) => [cstr(k), cstr(v)]), Buffer.from([0])]);
    socket.write(Buffer.concat([i32(body.length + 4), body]));
    return client;
  }

  send(...messages: Buffer[]): void {
    this.socket.write(Buffer.concat(messages));
  }

  /** Reads messages until one of `type` arrives (inclusive), or the connection closes; bounded by `timeoutMs`. */
  async readUntil(type: string, timeoutMs = 30_000): Promise<RawMessage[]> {
    const out: RawMessage[] = [];
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      while (this.buffer.length >= 5) {
        const len = this.buffer.readInt32BE(1);
        if (this.buffer.length < len + 1) break;
        const m = { type: String.fromCharCode(this.buffer[0]), body: this.buffer.subarray(5, len + 1) };
        this.buffer = this.buffer.subarray(len + 1);
        out.push(m);
        if (m.type === type) return out;
      }
      if (this.closed) return out;
      if (Date.now() > deadline) throw new Error(`no ${type} message within ${timeoutMs} ms; got ${out.map((m) => m.type).join('')}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, 200);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  end(): void {
    this.socket.end(fe.terminate());
  }
}

/** The fields of an ErrorResponse ('C' code, 'M' message, 'P' position …). */
export function errorFields(m: RawMessage): Record<string, string> {
  const out: Record<string, string> = {};
  let i = 0;
  while (i < m.body.length && m.body[i] !== 0) {
    const key = String.fromCharCode(m.body[i]);
    const end = m.body.indexOf(0, i + 1);
    out[key] = m.body.toString('utf8', i + 1, end);
    i = end + 1;
  }
  return out;
}

/** The text columns of a DataRow. */
export function dataRow(m: RawMessage): (string | null)[] {
  const n = m.body.readInt16BE(0);
  const out: (string | null)[] = [];
  let o = 2;
  for (let i = 0; i < n; i++) {
    const len = m.body.readInt32BE(o);
    o += 4;
    if (len < 0) out.push(null);
    else {
      out.push(m.body.toString('utf8', o, o + len));
      o += len;
    }
  }
  return out;
}

/** The tag of a CommandComplete. */
export function tag(m: RawMessage): string {
  return m.body.toString('utf8', 0, m.body.length - 1);
}
