/** A small Postgres-flavoured SQL lexer: enough to split statements and rewrite code outside strings and comments. */

export type TokenKind = 'space' | 'comment' | 'string' | 'ident' | 'quoted' | 'param' | 'number' | 'semicolon' | 'op';

export interface Token {
  kind: TokenKind;
  text: string;
  start: number;
}

const IDENT_START = /[A-Za-z_\u0080-\uffff]/;
const IDENT_PART = /[A-Za-z0-9_$\u0080-\uffff]/;

export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const push = (kind: TokenKind, end: number) => {
    tokens.push({ kind, text: sql.slice(i, end), start: i });
    i = end;
  };
  while (i < sql.length) {
    const c = sql[i];
    const next = sql[i + 1];
    if (/\s/.test(c)) {
      let j = i + 1;
      while (j < sql.length && /\s/.test(sql[j])) j++;
      push('space', j);
    } else if (c === '-' && next === '-') {
      const j = sql.indexOf('\n', i);
      push('comment', j < 0 ? sql.length : j);
    } else if (c === '/' && next === '*') {
      let depth = 1;
      let j = i + 2;
      while (j < sql.length && depth > 0) {
        if (sql[j] === '/' && sql[j + 1] === '*') {
          depth++;
          j += 2;
        } else if (sql[j] === '*' && sql[j + 1] === '/') {
          depth--;
          j += 2;
        } else j++;
      }
      push('comment', j);
    } else if (c === "'" || ((c === 'E' || c === 'e') && next === "'")) {
      const escapes = c !== "'";
      let j = escapes ? i + 2 : i + 1;
      while (j < sql.length) {
        if (escapes && sql[j] === '\\') j += 2;
        else if (sql[j] === "'" && sql[j + 1] === "'") j += 2;
        else if (sql[j] === "'") break;
        else j++;
      }
      push('string', Math.min(j + 1, sql.length));
    } else if (c === '"') {
      let j = i + 1;
      while (j < sql.length) {
        if (sql[j] === '"' && sql[j + 1] === '"') j += 2;
        else if (sql[j] === '"') break;
        else j++;
      }
      push('quoted', Math.min(j + 1, sql.length));
    } else if (c === '$' && next !== undefined && /\d/.test(next)) {
      let j = i + 1;
      while (j < sql.length && /\d/.test(sql[j])) j++;
      push('param', j);
    } else if (c === '$') {
      const m = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i));
      if (m) {
        const end = sql.indexOf(m[0], i + m[0].length);
        push('string', end < 0 ? sql.length : end + m[0].length);
      } else push('op', i + 1);
    } else if (IDENT_START.test(c)) {
      let j = i + 1;
      while (j < sql.length && IDENT_PART.test(sql[j])) j++;
      push('ident', j);
    } else if (/\d/.test(c) || (c === '.' && next !== undefined && /\d/.test(next))) {
      const m = /^(\d*\.?\d+(?:[eE][+-]?\d+)?|\d+\.)/.exec(sql.slice(i));
      push('number', i + (m ? m[0].length : 1));
    } else if (c === ';') {
      push('semicolon', i + 1);
    } else {
      const m = /^(::|<>|!=|<=|>=|!~~\*|!~~|~~\*|~~|!~\*|!~|~\*|\|\||->>|->|[^\s])/.exec(sql.slice(i));
      push('op', i + (m ? m[0].length : 1));
    }
  }
  return tokens;
}

const isCode = (t: Token) => t.kind !== 'space' && t.kind !== 'comment';

/** The statements of a simple-protocol query string, without empty (or comment-only) ones. */
export function splitStatements(sql: string): string[] {
  const out: string[] = [];
  let current: Token[] = [];
  const flush = () => {
    if (current.some(isCode)) out.push(current.map((t) => t.text).join('').trim());
    current = [];
  };
  for (const t of tokenize(sql)) {
    if (t.kind === 'semicolon') flush();
    else current.push(t);
  }
  flush();
  return out;
}

/** The statement's leading keywords, upper-cased (e.g. ['SET', 'STATEMENT_TIMEOUT']). */
export function leadingWords(sql: string, count: number): string[] {
  return tokenize(sql)
    .filter(isCode)
    .slice(0, count)
    .map((t) => (t.kind === 'ident' ? t.text.toUpperCase() : t.text));
}

export function codeTokens(sql: string): Token[] {
  return tokenize(sql).filter(isCode);
}
