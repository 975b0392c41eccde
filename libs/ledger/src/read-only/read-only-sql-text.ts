// A small lexer over SQL text, used only to word refusals ("refused COPY", "refused 2 statements").
// It never decides whether something is allowed: that is DuckDB's parser's job in the guard.

interface Token {
  kind: 'word' | 'semicolon' | 'open' | 'close' | 'other';
  text: string;
}

const WORD = /[A-Za-z_][A-Za-z0-9_$]*/y;
const DOLLAR_TAG = /\$([A-Za-z_][A-Za-z0-9_]*)?\$/y;

function matchAt(pattern: RegExp, sql: string, at: number): string | null {
  pattern.lastIndex = at;
  const match = pattern.exec(sql);
  return match ? match[0] : null;
}

function skipQuoted(sql: string, start: number, quote: string, backslashEscapes: boolean): number {
  let i = start + 1;
  while (i < sql.length) {
    const ch = sql[i];
    if (backslashEscapes && ch === '\\') i += 2;
    else if (ch === quote && sql[i + 1] === quote) i += 2;
    else if (ch === quote) return i + 1;
    else i += 1;
  }
  return sql.length;
}

function skipBlockComment(sql: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < sql.length) {
    if (sql.startsWith('/*', i)) {
      depth += 1;
      i += 2;
    } else if (sql.startsWith('*/', i)) {
      depth -= 1;
      i += 2;
      if (depth === 0) return i;
    } else {
      i += 1;
    }
  }
  return sql.length;
}

function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i];
    if (/\s/.test(ch)) {
      i += 1;
    } else if (sql.startsWith('--', i)) {
      const end = sql.indexOf('\n', i);
      i = end === -1 ? sql.length : end + 1;
    } else if (sql.startsWith('/*', i)) {
      i = skipBlockComment(sql, i);
    } else if (ch === "'" || ch === '"') {
      const end = skipQuoted(sql, i, ch, false);
      tokens.push({ kind: 'other', text: sql.slice(i, end) });
      i = end;
    } else if ((ch === 'e' || ch === 'E') && sql[i + 1] === "'") {
      const end = skipQuoted(sql, i + 1, "'", true);
      tokens.push({ kind: 'other', text: sql.slice(i, end) });
      i = end;
    } else if (ch === '$' && matchAt(DOLLAR_TAG, sql, i)) {
      const tag = matchAt(DOLLAR_TAG, sql, i) as string;
      const close = sql.indexOf(tag, i + tag.length);
      const end = close === -1 ? sql.length : close + tag.length;
      tokens.push({ kind: 'other', text: sql.slice(i, end) });
      i = end;
    } else if (matchAt(WORD, sql, i)) {
      const word = matchAt(WORD, sql, i) as string;
      tokens.push({ kind: 'word', text: word });
      i += word.length;
    } else {
      const kind = ch === ';' ? 'semicolon' : ch === '(' ? 'open' : ch === ')' ? 'close' : 'other';
      tokens.push({ kind, text: ch });
      i += 1;
    }
  }
  return tokens;
}

function splitTokens(sql: string): Token[][] {
  const statements: Token[][] = [[]];
  for (const token of tokenize(sql)) {
    if (token.kind === 'semicolon') statements.push([]);
    else statements[statements.length - 1].push(token);
  }
  return statements.filter((tokens) => tokens.length > 0);
}

const CREATE_MODIFIERS = new Set(['OR', 'REPLACE', 'TEMP', 'TEMPORARY', 'PERSISTENT', 'UNIQUE', 'IF', 'NOT', 'EXISTS', 'UNLOGGED']);
const WITH_BODY = new Set(['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'MERGE', 'FROM', 'VALUES', 'TABLE']);

function labelTokens(tokens: Token[]): string {
  const depthZeroWords: string[] = [];
  let depth = 0;
  for (const token of tokens) {
    if (token.kind === 'open') depth += 1;
    else if (token.kind === 'close') depth = Math.max(0, depth - 1);
    else if (token.kind === 'word' && depth === 0) depthZeroWords.push(token.text.toUpperCase());
  }
  const firstWord = tokens.find((t) => t.kind === 'word')?.text.toUpperCase();
  if (!firstWord) return 'statement';
  const next = (after: number): string | undefined => depthZeroWords[after + 1];

  switch (firstWord) {
    case 'CREATE':
    case 'DROP':
    case 'ALTER': {
      const object = depthZeroWords.slice(1).find((w) => !CREATE_MODIFIERS.has(w));
      return object ? `${firstWord} ${object}` : firstWord;
    }
    case 'FORCE':
    case 'EXPORT':
    case 'IMPORT':
    case 'START':
      return next(0) ? `${firstWord} ${next(0)}` : firstWord;
    case 'UPDATE':
      return next(0) === 'EXTENSIONS' ? 'UPDATE EXTENSIONS' : 'UPDATE';
    case 'MERGE':
      return 'MERGE INTO';
    case 'WITH':
      return depthZeroWords.find((w) => WITH_BODY.has(w) && w !== 'WITH') ?? 'WITH';
    default:
      return firstWord;
  }
}

/** The statements in `sql`, as the token lists DuckDB would split at top-level semicolons. */
export function describeStatements(sql: string): string[] {
  return splitTokens(sql).map(labelTokens);
}

/** `EXPLAIN ` or `EXPLAIN ANALYZE ` written directly at the start, with nothing in between. */
const EXPLAIN_PREFIX = /^\s*explain\s+(?:analy[sz]e\s+)?/i;

/** The length of a plain EXPLAIN [ANALYZE] prefix, or 0 when the text does not start with one. */
export function explainPrefixLength(sql: string): number {
  return EXPLAIN_PREFIX.exec(sql)?.[0].length ?? 0;
}
