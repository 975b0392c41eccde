/** Frames the client's byte stream into messages: the untyped startup packet first, then typed messages. */

export const PROTOCOL_3_0 = 196_608;
export const SSL_REQUEST = 80_877_103;
export const GSSENC_REQUEST = 80_877_104;
export const CANCEL_REQUEST = 80_877_102;

/** The largest message the gateway accepts (a client sending more is broken or hostile). */
export const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

export interface FrontendMessage {
  /** The type byte as a character; '' for the startup-phase packets that have none. */
  type: string;
  body: Buffer;
}

export class MessageReader {
  private buffer: Buffer = Buffer.alloc(0);
  /** True until the startup packet (or SSL/GSS/cancel request) has been read. */
  expectStartup = true;

  push(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
  }

  /** The next complete message, or null when more bytes are needed. Throws on a malformed length. */
  next(): FrontendMessage | null {
    const header = this.expectStartup ? 4 : 5;
    if (this.buffer.length < header) return null;
    const type = this.expectStartup ? '' : String.fromCharCode(this.buffer[0]);
    const length = this.buffer.readInt32BE(header - 4);
    if (length < 4 || length > MAX_MESSAGE_BYTES) throw new RangeError(`invalid message length ${length}`);
    const total = header - 4 + length;
    if (this.buffer.length < total) return null;
    const body = this.buffer.subarray(header, total);
    this.buffer = this.buffer.subarray(total);
    return { type, body };
  }

  /** Bytes already received but not yet framed (must be empty when TLS starts). */
  get pending(): number {
    return this.buffer.length;
  }
}

/** Reads the fields of one message body in order. */
export class BodyReader {
  private offset = 0;
  constructor(private readonly body: Buffer) {}

  int16(): number {
    const v = this.body.readInt16BE(this.offset);
    this.offset += 2;
    return v;
  }

  int32(): number {
    const v = this.body.readInt32BE(this.offset);
    this.offset += 4;
    return v;
  }

  cstring(): string {
    const end = this.body.indexOf(0, this.offset);
    if (end < 0) throw new RangeError('unterminated string in message');
    const v = this.body.toString('utf8', this.offset, end);
    this.offset = end + 1;
    return v;
  }

  bytes(n: number): Buffer {
    if (this.offset + n > this.body.length) throw new RangeError('message shorter than its fields');
    const v = this.body.subarray(this.offset, this.offset + n);
    this.offset += n;
    return v;
  }

  get remaining(): number {
    return this.body.length - this.offset;
  }
}
