import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';

/** SCRAM-SHA-256 (RFC 5802 / RFC 7677) as Postgres speaks it: no channel binding, the user name comes from the startup packet. */

export const SCRAM_MECHANISM = 'SCRAM-SHA-256';
export const DEFAULT_ITERATIONS = 4096;

export interface ScramSecret {
  iterations: number;
  salt: Buffer;
  storedKey: Buffer;
  serverKey: Buffer;
}

const hmac = (key: Buffer, data: string | Buffer) => createHmac('sha256', key).update(data).digest();
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest();

/** The SCRAM secret of a password: what the credentials file stores instead of the password. */
export function scramSecret(password: string, salt: Buffer = randomBytes(16), iterations = DEFAULT_ITERATIONS): ScramSecret {
  // SASLprep is skipped: Postgres also uses the raw bytes when the password is not valid for SASLprep.
  const salted = pbkdf2Sync(Buffer.from(password.normalize('NFKC'), 'utf8'), salt, iterations, 32, 'sha256');
  return { iterations, salt, storedKey: sha256(hmac(salted, 'Client Key')), serverKey: hmac(salted, 'Server Key') };
}

/** Postgres' text form: SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey> (base64). */
export function formatScramSecret(s: ScramSecret): string {
  return `${SCRAM_MECHANISM}$${s.iterations}:${s.salt.toString('base64')}$${s.storedKey.toString('base64')}:${s.serverKey.toString('base64')}`;
}

export function parseScramSecret(text: string): ScramSecret {
  const m = /^SCRAM-SHA-256\$(\d+):([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+):([A-Za-z0-9+/=]+)$/.exec(text);
  if (!m) throw new Error('not a SCRAM-SHA-256 secret (expected SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>)');
  const secret = {
    iterations: Number(m[1]),
    salt: Buffer.from(m[2], 'base64'),
    storedKey: Buffer.from(m[3], 'base64'),
    serverKey: Buffer.from(m[4], 'base64'),
  };
  if (secret.iterations < 1 || secret.storedKey.length !== 32 || secret.serverKey.length !== 32) throw new Error('malformed SCRAM-SHA-256 secret');
  return secret;
}

function attributes(message: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of message.split(',')) {
    const eq = part.indexOf('=');
    if (eq === 1) out.set(part[0], part.slice(2));
  }
  return out;
}

export class ScramError extends Error {}

/**
 * One server-side exchange. `secret` null means an unknown user: the exchange runs with a made-up
 * secret and fails at the proof, so a client cannot tell unknown users from wrong passwords.
 */
export class ScramServerExchange {
  private clientFirstBare = '';
  private serverFirst = '';
  private nonce = '';
  private gs2Header = '';
  private readonly secret: ScramSecret;

  constructor(secret: ScramSecret | null, private readonly serverNonce = randomBytes(18).toString('base64')) {
    this.secret = secret ?? scramSecret(randomBytes(16).toString('hex'), randomBytes(16));
    this.known = secret !== null;
  }
  private readonly known: boolean;

  /** client-first-message → server-first-message. */
  start(clientFirst: string): string {
    const m = /^([ny]|p=[^,]*),([^,]*),(.*)$/.exec(clientFirst);
    if (!m) throw new ScramError('malformed SCRAM client-first-message');
    if (m[1].startsWith('p=')) throw new ScramError('channel binding is not supported (SCRAM-SHA-256-PLUS was not offered)');
    this.gs2Header = `${m[1]},${m[2]},`;
    this.clientFirstBare = m[3];
    const clientNonce = attributes(this.clientFirstBare).get('r');
    if (!clientNonce) throw new ScramError('SCRAM client-first-message has no nonce');
    this.nonce = clientNonce + this.serverNonce;
    this.serverFirst = `r=${this.nonce},s=${this.secret.salt.toString('base64')},i=${this.secret.iterations}`;
    return this.serverFirst;
  }

  /** client-final-message → server-final-message; throws ScramError when the proof is wrong. */
  finish(clientFinal: string): string {
    const attrs = attributes(clientFinal);
    const proofText = attrs.get('p');
    if (attrs.get('c') !== Buffer.from(this.gs2Header).toString('base64')) throw new ScramError('SCRAM channel binding data does not match');
    if (attrs.get('r') !== this.nonce) throw new ScramError('SCRAM nonce does not match');
    if (!proofText) throw new ScramError('SCRAM client-final-message has no proof');
    const withoutProof = clientFinal.slice(0, clientFinal.lastIndexOf(',p='));
    const authMessage = `${this.clientFirstBare},${this.serverFirst},${withoutProof}`;
    const clientSignature = hmac(this.secret.storedKey, authMessage);
    const proof = Buffer.from(proofText, 'base64');
    if (proof.length !== clientSignature.length) throw new ScramError('password authentication failed');
    const clientKey = Buffer.alloc(proof.length);
    for (let i = 0; i < proof.length; i++) clientKey[i] = proof[i] ^ clientSignature[i];
    if (!timingSafeEqual(sha256(clientKey), this.secret.storedKey) || !this.known) throw new ScramError('password authentication failed');
    return `v=${hmac(this.secret.serverKey, authMessage).toString('base64')}`;
  }
}
