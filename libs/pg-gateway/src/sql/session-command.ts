import { GatewayError, SQLSTATE } from '../errors/gateway-error';
import { codeTokens, type Token } from './sql-lexer';

/** Statements the gateway answers itself: session settings and transaction control never reach the database. */
export type SessionCommand =
  | { kind: 'set'; name: string; value: string | null; tag: string }
  | { kind: 'show'; name: string }
  | { kind: 'begin'; tag: string }
  | { kind: 'commit'; tag: string }
  | { kind: 'rollback'; tag: string }
  | { kind: 'discard' }
  | { kind: 'deallocate'; name: string | null }
  | { kind: 'noop'; tag: string };

function unquote(t: Token): string {
  if (t.kind === 'string') return t.text.slice(t.text.startsWith("'") ? 1 : 2, -1).replace(/''/g, "'");
  if (t.kind === 'quoted') return t.text.slice(1, -1).replace(/""/g, '"');
  return t.text;
}

function word(t: Token | undefined): string {
  return t && t.kind === 'ident' ? t.text.toUpperCase() : '';
}

function settingValue(tokens: Token[]): string {
  // A list (search_path = a, b) keeps its commas; a single literal loses its quotes.
  if (tokens.length === 1) return unquote(tokens[0]);
  return tokens.map((t) => (t.kind === 'op' && t.text === ',' ? ', ' : unquote(t))).join('');
}

function parseSet(tokens: Token[]): SessionCommand {
  let i = 1;
  if (word(tokens[i]) === 'SESSION' && word(tokens[i + 1]) === 'CHARACTERISTICS') return { kind: 'noop', tag: 'SET' };
  if (word(tokens[i]) === 'TRANSACTION') {
    if (tokens.some((t, k) => word(t) === 'READ' && word(tokens[k + 1]) === 'WRITE')) {
      throw new GatewayError(SQLSTATE.readOnly, 'cannot set transaction read-write mode: the gateway is read-only');
    }
    return { kind: 'noop', tag: 'SET' };
  }
  if (word(tokens[i]) === 'SESSION' || word(tokens[i]) === 'LOCAL') i++;
  if (word(tokens[i]) === 'TIME' && word(tokens[i + 1]) === 'ZONE') {
    return { kind: 'set', name: 'timezone', value: settingValue(tokens.slice(i + 2)), tag: 'SET' };
  }
  const nameTokens: string[] = [];
  while (i < tokens.length && !(tokens[i].kind === 'op' && tokens[i].text === '=') && word(tokens[i]) !== 'TO') {
    nameTokens.push(unquote(tokens[i]));
    i++;
  }
  const name = nameTokens.join('').toLowerCase();
  const valueTokens = tokens.slice(i + 1);
  if (!name || valueTokens.length === 0) throw new GatewayError(SQLSTATE.syntaxError, 'syntax error in SET: expected SET name = value');
  const value = valueTokens.length === 1 && word(valueTokens[0]) === 'DEFAULT' ? null : settingValue(valueTokens);
  return { kind: 'set', name, value, tag: 'SET' };
}

/** The session command `sql` is, or null when it is a query for the database. */
export function parseSessionCommand(sql: string): SessionCommand | null {
  const tokens = codeTokens(sql);
  const first = word(tokens[0]);
  const second = word(tokens[1]);
  switch (first) {
    case 'SET':
      return parseSet(tokens);
    case 'RESET':
      return { kind: 'set', name: second === 'ALL' ? '*' : tokens.slice(1).map(unquote).join('').toLowerCase(), value: null, tag: 'RESET' };
    case 'SHOW':
      if (second === 'TIME' && word(tokens[2]) === 'ZONE') return { kind: 'show', name: 'timezone' };
      if (second === 'TRANSACTION' && word(tokens[2]) === 'ISOLATION') return { kind: 'show', name: 'transaction_isolation' };
      return { kind: 'show', name: tokens.slice(1).map(unquote).join('').toLowerCase() };
    case 'BEGIN':
    case 'START':
      if (first === 'START' && second !== 'TRANSACTION') return null;
      if (tokens.some((t, k) => word(t) === 'READ' && word(tokens[k + 1]) === 'WRITE')) {
        throw new GatewayError(SQLSTATE.readOnly, 'cannot start a read-write transaction: the gateway is read-only');
      }
      return { kind: 'begin', tag: first === 'BEGIN' ? 'BEGIN' : 'START TRANSACTION' };
    case 'COMMIT':
    case 'END':
      return second === 'PREPARED' ? null : { kind: 'commit', tag: 'COMMIT' };
    case 'ROLLBACK':
    case 'ABORT':
      return second === 'PREPARED' || second === 'TO' ? null : { kind: 'rollback', tag: 'ROLLBACK' };
    case 'DISCARD':
      return { kind: 'discard' };
    case 'DEALLOCATE': {
      const rest = tokens.slice(second === 'PREPARE' ? 2 : 1);
      return { kind: 'deallocate', name: word(rest[0]) === 'ALL' || rest.length === 0 ? null : unquote(rest[0]) };
    }
    case 'LISTEN':
    case 'UNLISTEN':
      return { kind: 'noop', tag: first };
    default:
      return null;
  }
}

/** A duration setting ('5s', '100', '2min') in milliseconds; Postgres' default unit for statement_timeout is ms. */
export function parseDurationMs(value: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|min|h|d)?\s*$/i.exec(value);
  if (!m) throw new GatewayError(SQLSTATE.invalidParameterValue, `invalid value for parameter "statement_timeout": "${value}"`);
  const factor: Record<string, number> = { ms: 1, s: 1000, min: 60_000, h: 3_600_000, d: 86_400_000 };
  return Math.round(Number(m[1]) * factor[(m[2] ?? 'ms').toLowerCase()]);
}
