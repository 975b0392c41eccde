// A minimal JSON Schema (draft 2020-12) validator for the subset the project's schemas use: type (a name or an
// array of names, so `["number", "null"]` is nullable), required, properties, additionalProperties (boolean or
// schema), items, enum, const, minimum and local `$ref` to `#/$defs/{name}`. Anything else in a schema is ignored.

export interface JsonSchema {
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  type?: JsonSchemaType | JsonSchemaType[];
  required?: string[];
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  [keyword: string]: unknown;
}

export type JsonSchemaType = 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean' | 'null';

export interface JsonSchemaIssue {
  /** JSON path of the value, e.g. `$.sections[0].as_of`. */
  path: string;
  reason: string;
}

function typeOf(v: unknown): JsonSchemaType | 'undefined' | 'other' {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  if (typeof v === 'string' || typeof v === 'boolean' || typeof v === 'object') return typeof v as JsonSchemaType;
  return v === undefined ? 'undefined' : 'other';
}

function matchesType(v: unknown, t: JsonSchemaType): boolean {
  const actual = typeOf(v);
  if (t === 'number') return actual === 'number' || actual === 'integer';
  return actual === t;
}

function resolveRef(root: JsonSchema, ref: string): JsonSchema {
  const m = /^#\/\$defs\/([^/]+)$/.exec(ref);
  const target = m ? root.$defs?.[m[1] as string] : undefined;
  if (!target) throw new Error(`unsupported or unknown $ref ${ref}`);
  return target;
}

/** Every issue of `value` against `schema` (empty when valid). */
export function validateJsonSchema(schema: JsonSchema, value: unknown): JsonSchemaIssue[] {
  const issues: JsonSchemaIssue[] = [];
  visit(schema, schema, value, '$', issues);
  return issues;
}

function visit(root: JsonSchema, schema: JsonSchema, value: unknown, path: string, issues: JsonSchemaIssue[]): void {
  if (schema.$ref) {
    visit(root, resolveRef(root, schema.$ref), value, path, issues);
    return;
  }
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    if (!types.some((t) => matchesType(value, t))) {
      issues.push({ path, reason: `must be ${types.join(' or ')}, got ${typeOf(value)}` });
      return;
    }
  }
  if (schema.enum && !schema.enum.some((e) => e === value)) issues.push({ path, reason: `must be one of ${schema.enum.map((e) => JSON.stringify(e)).join(', ')}` });
  if ('const' in schema && schema.const !== value) issues.push({ path, reason: `must be ${JSON.stringify(schema.const)}` });
  if (typeof schema.minimum === 'number' && typeof value === 'number' && value < schema.minimum) issues.push({ path, reason: `must be ≥ ${schema.minimum}` });
  if (typeof value === 'number' && !Number.isFinite(value)) issues.push({ path, reason: 'must be a finite number' });
  if (Array.isArray(value) && schema.items) {
    value.forEach((item, i) => visit(root, schema.items as JsonSchema, item, `${path}[${i}]`, issues));
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const obj = value as Record<string, unknown>;
    for (const key of schema.required ?? []) if (!(key in obj)) issues.push({ path: `${path}.${key}`, reason: 'is required' });
    for (const [key, v] of Object.entries(obj)) {
      const own = schema.properties?.[key];
      if (own) visit(root, own, v, `${path}.${key}`, issues);
      else if (schema.additionalProperties === false) issues.push({ path: `${path}.${key}`, reason: 'is not allowed' });
      else if (schema.additionalProperties && typeof schema.additionalProperties === 'object') visit(root, schema.additionalProperties, v, `${path}.${key}`, issues);
    }
  }
}
