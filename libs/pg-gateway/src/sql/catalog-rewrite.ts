import { tokenize, type Token } from './sql-lexer';

/**
 * Rewrites the Postgres-only syntax that psql, pgjdbc, DBeaver and Grafana put in their catalog queries into
 * what DuckDB understands, working on tokens so strings and comments are never touched.
 */
export function rewriteCatalogQuery(sql: string, setting: (name: string) => string | undefined = () => undefined): string {
  const known = rewriteKnownClientQuery(sql);
  if (known !== null) return known;
  const tokens = tokenize(sql);
  if (!tokens.some((t) => (t.kind === 'ident' && /^(pg_catalog|operator|collate|public|information_schema|pg_\w+|current_setting|user|generate_series|unnest|format_type|version|current_schemas?)$/i.test(t.text)) || t.text === '::')) {
    return sql;
  }
  const out: string[] = [];
  const aliasColumns = new Set<number>();
  const code = (i: number): number => {
    let j = i;
    while (j < tokens.length && (tokens[j].kind === 'space' || tokens[j].kind === 'comment')) j++;
    return j;
  };
  const is = (t: Token | undefined, text: string) => !!t && t.text.toLowerCase() === text;
  // The clause each parenthesis level is in, so a function call can be told apart in FROM and in a select list.
  const clause: string[] = [''];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.text === '(') clause.push('');
    else if (t.text === ')' && clause.length > 1) clause.pop();
    else if (t.kind === 'ident' && /^(select|from|where|group|order|having|limit|join|on|union|with)$/i.test(t.text)) {
      clause[clause.length - 1] = t.text.toLowerCase() === 'join' ? 'from' : t.text.toLowerCase();
    }
    const inFrom = clause[clause.length - 1] === 'from';
    // FROM string_to_array(…) s → FROM (SELECT string_to_array(…) AS s) s: an array-valued function as a one-row table.
    if (inFrom && t.kind === 'ident' && is(t, 'string_to_array') && is(tokens[code(i + 1)], '(')) {
      const close = matchingParen(tokens, code(i + 1));
      let a = code(close + 1);
      if (is(tokens[a], 'as')) a = code(a + 1);
      const alias = tokens[a];
      if (close > 0 && alias?.kind === 'ident' && !RESERVED_AFTER_FROM.has(alias.text.toLowerCase())) {
        const inner = rewriteCatalogQuery(tokens.slice(i, close + 1).map((x) => x.text).join(''), setting);
        out.push(`(SELECT ${inner} AS ${alias.text}) ${alias.text}`);
        i = a;
        continue;
      }
    }
    // OPERATOR(pg_catalog.~) → ~
    if (t.kind === 'ident' && is(t, 'operator')) {
      const open = code(i + 1);
      if (is(tokens[open], '(')) {
        let j = open + 1;
        const parts: string[] = [];
        while (j < tokens.length && !is(tokens[j], ')')) parts.push(tokens[j++].text);
        const op = parts.join('').replace(/^pg_catalog\./i, '');
        out.push(` ${op} `);
        i = j;
        continue;
      }
    }
    // COLLATE pg_catalog.default / COLLATE "default" / COLLATE "C" → (nothing)
    if (t.kind === 'ident' && is(t, 'collate')) {
      let j = code(i + 1);
      if (is(tokens[j], 'pg_catalog') && is(tokens[j + 1], '.')) j += 2;
      i = j;
      continue;
    }
    // ::regclass, ::pg_catalog.regtype … → ::VARCHAR (DuckDB has no reg* types; names compare as text)
    if (t.kind === 'op' && t.text === '::') {
      let j = code(i + 1);
      if (is(tokens[j], 'pg_catalog') && is(tokens[j + 1], '.')) j += 2;
      const target = tokens[j]?.text.toLowerCase() ?? '';
      const mapped = /^reg(class|type|proc|procedure|namespace|role|oper|config|dictionary)$/.test(target) || target === 'name' || target === '"char"'
        ? 'VARCHAR'
        : CAST_TYPES[target] ?? tokens[j]?.text;
      out.push(`::${mapped}`);
      i = j;
      continue;
    }
    // Catalog tables the gateway shadows (main shown as public, roles, …) → the session's compatibility views.
    if (t.kind === 'ident') {
      const shadow = shadowed(tokens, i);
      if (shadow) {
        // Without an alias, columns may be qualified with the original name (pg_type.oid): keep it as the alias.
        const next = tokens[code(shadow.end + 1)];
        const aliased = next && (is(next, 'as') || ((next.kind === 'ident' || next.kind === 'quoted') && !RESERVED_AFTER_FROM.has(next.text.toLowerCase())));
        const original = tokens[shadow.end].text;
        out.push(aliased || !is(tokens[previousCode(tokens, i)], 'from') && !is(tokens[previousCode(tokens, i)], 'join') && !is(tokens[previousCode(tokens, i)], ',') ? shadow.view : `${shadow.view} AS ${original}`);
        i = shadow.end;
        continue;
      }
      // public.x → main.x: DuckDB's default schema is main; clients ask for Postgres' public.
      if (is(t, 'public') && is(tokens[i + 1], '.') && !is(tokens[i - 1], '.') && (tokens[i + 2]?.kind === 'ident' || tokens[i + 2]?.kind === 'quoted')) {
        out.push('main');
        continue;
      }
    }
    // FROM generate_series(…) s → … s(s): in Postgres a one-column table function's alias names its column too.
    if (t.kind === 'ident' && /^(generate_series|unnest)$/i.test(t.text) && is(tokens[code(i + 1)], '(')) {
      const before = previousCode(tokens, i);
      const prev = before >= 0 && tokens[before].text === '.' ? previousCode(tokens, before - 1) : before;
      if (prev >= 0 && /^(from|join|lateral)$/i.test(tokens[prev].text)) {
        const close = matchingParen(tokens, code(i + 1));
        let a = code(close + 1);
        if (is(tokens[a], 'as')) a = code(a + 1);
        const alias = tokens[a];
        if (close > 0 && alias && alias.kind === 'ident' && !RESERVED_AFTER_FROM.has(alias.text.toLowerCase()) && !is(tokens[code(a + 1)], '(')) {
          aliasColumns.add(a);
        }
      }
    }
    // current_setting('search_path') → the session's value (SET never reaches DuckDB, which has its own settings).
    if (t.kind === 'ident' && is(t, 'current_setting') && is(tokens[code(i + 1)], '(')) {
      const arg = tokens[code(code(i + 1) + 1)];
      const close = arg ? code(tokens.indexOf(arg) + 1) : -1;
      if (arg?.kind === 'string' && is(tokens[close], ')')) {
        const value = setting(arg.text.slice(1, -1).replace(/''/g, "'").toLowerCase());
        if (value !== undefined) {
          out.push(`'${value.replace(/'/g, "''")}'`);
          i = close;
          continue;
        }
      }
    }
    // Postgres' bare USER means current_user.
    if (t.kind === 'ident' && is(t, 'user') && !is(tokens[i - 1], '.') && !is(tokens[code(i + 1)], '(') && !is(tokens[code(i + 1)], '.') && !is(tokens[previousCode(tokens, i)], 'as')) {
      out.push('current_user');
      continue;
    }
    // pg_catalog.fn( → fn(  (DuckDB keeps built-in functions outside pg_catalog)
    if (t.kind === 'ident' && is(t, 'pg_catalog') && is(tokens[i + 1], '.') && tokens[i + 2]?.kind === 'ident' && is(tokens[code(i + 3)], '(')) {
      i += 1;
      continue;
    }
    if (t.kind === 'ident' && RENAMED_FUNCTIONS[t.text.toLowerCase()] && is(tokens[code(i + 1)], '(') && (!is(tokens[i - 1], '.') || is(tokens[i - 2], 'pg_catalog'))) {
      out.push(RENAMED_FUNCTIONS[t.text.toLowerCase()]);
      continue;
    }
    out.push(aliasColumns.has(i) ? `${t.text}(${t.text})` : t.text);
  }
  return out.join('');
}

// Postgres type names DuckDB spells differently in a cast.
const CAST_TYPES: Record<string, string> = { oid: 'BIGINT', int2vector: 'VARCHAR', oidvector: 'VARCHAR', text: 'VARCHAR', xid: 'BIGINT', aclitem: 'VARCHAR' };

/** Catalog relations answered by the session's compatibility views (see the ledger's pg-compat). */
export const SHADOWED_RELATIONS: Record<string, string> = {
  'pg_catalog.pg_namespace': 'pg_gw_namespace',
  'pg_catalog.pg_class': 'pg_gw_class',
  'pg_catalog.pg_type': 'pg_gw_type',
  'pg_catalog.pg_attribute': 'pg_gw_attribute',
  'pg_catalog.pg_auth_members': 'pg_gw_auth_members',
  'pg_catalog.pg_inherits': 'pg_gw_inherits',
  'pg_catalog.pg_policy': 'pg_gw_empty_policy',
  'pg_catalog.pg_statistic_ext': 'pg_gw_empty_statistic_ext',
  'pg_catalog.pg_publication': 'pg_gw_empty_publication',
  'pg_catalog.pg_publication_rel': 'pg_gw_empty_publication_rel',
  'pg_catalog.pg_publication_namespace': 'pg_gw_empty_publication_namespace',
  'pg_catalog.pg_trigger': 'pg_gw_empty_trigger',
  'pg_catalog.pg_rewrite': 'pg_gw_empty_rewrite',
  'pg_catalog.pg_foreign_table': 'pg_gw_empty_foreign_table',
  'pg_catalog.pg_partitioned_table': 'pg_gw_empty_partitioned_table',
  'pg_catalog.pg_am': 'pg_gw_am',
  'pg_catalog.pg_roles': 'pg_gw_roles',
  'pg_catalog.pg_user': 'pg_gw_roles',
  'pg_catalog.pg_authid': 'pg_gw_roles',
  'pg_catalog.pg_database': 'pg_gw_database',
  'pg_catalog.pg_settings': 'pg_gw_settings',
  'information_schema.schemata': 'pg_gw_is_schemata',
  'information_schema.tables': 'pg_gw_is_tables',
  'information_schema.columns': 'pg_gw_is_columns',
  'information_schema.views': 'pg_gw_is_views',
};

function shadowed(tokens: Token[], i: number): { view: string; end: number } | null {
  const t = tokens[i].text.toLowerCase();
  if (tokens[i - 1]?.text === '.') return null;
  if ((t === 'pg_catalog' || t === 'information_schema') && tokens[i + 1]?.text === '.' && tokens[i + 2]?.kind === 'ident') {
    const view = SHADOWED_RELATIONS[`${t}.${tokens[i + 2].text.toLowerCase()}`];
    return view && tokens[i + 3]?.text !== '(' ? { view, end: i + 2 } : null;
  }
  const view = SHADOWED_RELATIONS[`pg_catalog.${t}`];
  return view && tokens[i + 1]?.text !== '.' && tokens[i + 1]?.text !== '(' ? { view, end: i } : null;
}

const RESERVED_AFTER_FROM = new Set(['using', 'set', 'returning', 'for', 'fetch', 'where', 'join', 'left', 'right', 'inner', 'outer', 'cross', 'full', 'on', 'group', 'order', 'limit', 'union', 'except', 'intersect', 'with', 'natural', 'offset', 'having', 'window']);

function previousCode(tokens: Token[], i: number): number {
  let j = i - 1;
  while (j >= 0 && (tokens[j].kind === 'space' || tokens[j].kind === 'comment')) j--;
  return j;
}

function matchingParen(tokens: Token[], open: number): number {
  let depth = 0;
  for (let j = open; j < tokens.length; j++) {
    if (tokens[j].text === '(') depth++;
    else if (tokens[j].text === ')' && --depth === 0) return j;
  }
  return -1;
}

// Functions DuckDB has under the same name with other semantics (DuckDB's own type ids).
const RENAMED_FUNCTIONS: Record<string, string> = {
  format_type: 'pg_gw_format_type',
  version: 'pg_gw_version',
  current_schema: 'pg_gw_current_schema',
  current_schemas: 'pg_gw_current_schemas',
};

function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * Whole client queries too Postgres-specific to translate token by token, answered from the backend's
 * compatibility views instead: pgjdbc's getPrimaryKeys (information_schema._pg_expandarray over pg_index).
 */
function rewriteKnownClientQuery(sql: string): string | null {
  if (/_pg_expandarray\(i\.indkey\)/i.test(sql) && /indisprimary/i.test(sql)) {
    const filters: string[] = [];
    const schema = /n\.nspname\s*=\s*E?'((?:[^']|'')*)'/i.exec(sql);
    const table = /ct\.relname\s*=\s*E?'((?:[^']|'')*)'/i.exec(sql);
    if (schema) filters.push(`table_schem = ${quoteLiteral(schema[1].replace(/''/g, "'"))}`);
    if (table) filters.push(`table_name = ${quoteLiteral(table[1].replace(/''/g, "'"))}`);
    return `SELECT NULL::VARCHAR AS "table_cat", table_schem AS "table_schem", table_name AS "table_name", column_name AS "column_name",
      key_seq AS "key_seq", pk_name AS "pk_name" FROM pg_gw_primary_keys${filters.length ? ` WHERE ${filters.join(' AND ')}` : ''}
      ORDER BY table_name, pk_name, key_seq`;
  }
  return null;
}
