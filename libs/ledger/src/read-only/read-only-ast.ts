// Collects what a parsed statement refers to from DuckDB's json_serialize_sql output. The walk is
// generic (every object and array is visited), so subqueries, CTEs, set operations, lateral joins,
// PIVOT, lambdas, window clauses and nested arguments need no special cases.

export interface FunctionReference {
  /** Lower-cased. */
  name: string;
  schema: string;
  catalog: string;
  /** Called in FROM position (a table function or table macro). */
  tablePosition: boolean;
}

export interface TableReference {
  /** The non-empty parts of catalog.schema.table, as written. */
  parts: string[];
  catalog: string;
  schema: string;
  table: string;
}

export interface TypeReference {
  /** Lower-cased. */
  name: string;
  schema: string;
  catalog: string;
}

export interface SqlReferences {
  functions: FunctionReference[];
  tables: TableReference[];
  types: TypeReference[];
  /** Table-reference kinds this guard does not know, refused so a new DuckDB version fails closed. */
  unknownTableRefKinds: string[];
}

const KNOWN_TABLE_REF_KINDS = new Set([
  'BASE_TABLE',
  'JOIN',
  'SUBQUERY',
  'TABLE_FUNCTION',
  'EXPRESSION_LIST',
  'EMPTY',
  'PIVOT',
  'SHOW_REF',
]);

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

// TableRefs serialise type, alias and sample; query nodes have no alias, expressions have a class.
function isTableRef(node: JsonObject): boolean {
  return typeof node['type'] === 'string' && 'alias' in node && 'sample' in node && !('class' in node);
}

export function collectSqlReferences(statement: unknown): SqlReferences {
  const refs: SqlReferences = { functions: [], tables: [], types: [], unknownTableRefKinds: [] };
  const tableFunctionCalls = new Set<JsonObject>();
  const stack: unknown[] = [statement];

  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      stack.push(...node);
      continue;
    }
    if (!isObject(node)) continue;

    if (isTableRef(node)) {
      const kind = node['type'] as string;
      if (!KNOWN_TABLE_REF_KINDS.has(kind)) refs.unknownTableRefKinds.push(kind);
      if (kind === 'TABLE_FUNCTION' && isObject(node['function'])) tableFunctionCalls.add(node['function']);
      if (kind === 'BASE_TABLE') {
        const catalog = text(node['catalog_name']);
        const schema = text(node['schema_name']);
        const table = text(node['table_name']);
        refs.tables.push({ parts: [catalog, schema, table].filter((p) => p !== ''), catalog, schema, table });
      }
    }
    if (typeof node['function_name'] === 'string') {
      refs.functions.push({
        name: node['function_name'].toLowerCase(),
        schema: text(node['schema']),
        catalog: text(node['catalog']),
        tablePosition: tableFunctionCalls.has(node),
      });
    }
    if (node['type'] === 'UNBOUND_TYPE_INFO') {
      refs.types.push({ name: text(node['name']).toLowerCase(), schema: text(node['schema']), catalog: text(node['catalog']) });
    }
    for (const child of Object.values(node)) {
      if (typeof child === 'object' && child !== null) stack.push(child);
    }
  }
  return refs;
}
