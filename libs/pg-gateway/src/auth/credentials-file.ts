import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatScramSecret, parseScramSecret, scramSecret, type ScramSecret } from './scram';

/**
 * The gateway's users: a JSON file of SCRAM secrets, never passwords.
 * { "version": 1, "users": { "grafana": "SCRAM-SHA-256$4096:<salt>$<StoredKey>:<ServerKey>" } }
 * It is read on every login, so a user added while the ledger runs can log in straight away.
 */
export interface CredentialsFileContent {
  version: 1;
  users: Record<string, string>;
}

export const USER_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_.-]{0,62}$/;

export function readCredentialsFile(file: string): CredentialsFileContent {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, users: {} };
    throw error;
  }
  const parsed = JSON.parse(text) as Partial<CredentialsFileContent>;
  if (parsed.version !== 1 || typeof parsed.users !== 'object' || parsed.users === null) {
    throw new Error(`${file}: not a gateway credentials file (expected {"version": 1, "users": {...}})`);
  }
  return { version: 1, users: parsed.users };
}

/** The secret of `user`, or null when the file does not list them (or the entry is malformed). */
export function lookupSecret(file: string, user: string): ScramSecret | null {
  const entry = readCredentialsFile(file).users[user];
  if (typeof entry !== 'string') return null;
  try {
    return parseScramSecret(entry);
  } catch {
    return null;
  }
}

/** Adds or replaces `user` (atomic rename, mode 0600). Returns true when the user already existed. */
export function upsertUser(file: string, user: string, password: string): boolean {
  if (!USER_NAME_PATTERN.test(user)) throw new Error(`user name "${user}" is invalid: use letters, digits, _ . - (max 63, not starting with a digit)`);
  if (password.length === 0) throw new Error('password is empty');
  const content = readCredentialsFile(file);
  const existed = user in content.users;
  content.users[user] = formatScramSecret(scramSecret(password));
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(tmp, file);
  return existed;
}

/** OPTIONS_HELPER_GATEWAY_CREDENTIALS, else {data dir}/gateway/credentials.json (shared by the ledger and the CLI). */
export function defaultCredentialsPath(env: Record<string, string | undefined>): string {
  const explicit = env['OPTIONS_HELPER_GATEWAY_CREDENTIALS']?.trim();
  if (explicit) return explicit;
  return path.join(env['OPTIONS_HELPER_DATA_DIR']?.trim() || 'data', 'gateway', 'credentials.json');
}
