/** A value JSON can carry unchanged. */
export type JsonPrimitive = null | boolean | number | string;
export type JsonValue = JsonPrimitive | JsonValue[] | { [key: string]: JsonValue };

/**
 * Converts any value to a plain JSON value (DOMAIN.md §2.3 rules), keeping object key order:
 * - non-finite numbers ⇒ null; bigint ⇒ number when safe, else its decimal string;
 * - Date ⇒ ISO-8601 UTC instant (`…Z`), an invalid Date ⇒ null;
 * - Set ⇒ array sorted by value (numbers numerically, strings by code unit); Map ⇒ object; typed arrays ⇒ arrays;
 * - objects with `toJSON` (URL, Buffer, Decimal libraries) ⇒ what it returns, as JSON.stringify would;
 * - other class instances ⇒ their own enumerable properties; RegExp and Error ⇒ their string form;
 * - functions and symbols ⇒ their string form; undefined properties are dropped, undefined array items become null.
 * Throws a TypeError on a circular reference (shared, non-circular references are fine).
 */
export function toJsonSafe(value: unknown): JsonValue {
  return normalize(value, new Set()) ?? null;
}

/**
 * Deep copy with object keys in sorted (code-unit) order, for stable pretty-printed artifacts:
 * `JSON.stringify(sortKeysDeep(toJsonSafe(x)), null, 2)`. Only plain objects and arrays are copied; other values are
 * returned as they are. JavaScript always enumerates integer-like keys ("2", "10") first, in numeric order, so
 * objects with such keys cannot be reordered here; `canonicalJson` writes the text itself and has no such limit.
 */
export function sortKeysDeep<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => sortKeysDeep(v)) as T;
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) setKey(out, key, sortKeysDeep(value[key]));
    return out as T;
  }
  return value;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Orders normalised Set members: by type first, then numbers numerically, strings by code unit, rest by text. */
export function compareJsonValues(a: JsonValue, b: JsonValue): number {
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra - rb;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  const ta = typeof a === 'string' ? a : JSON.stringify(sortKeysDeep(a));
  const tb = typeof b === 'string' ? b : JSON.stringify(sortKeysDeep(b));
  return ta < tb ? -1 : ta > tb ? 1 : 0;
}

function typeRank(v: JsonValue): number {
  if (v === null) return 0;
  if (typeof v === 'boolean') return 1;
  if (typeof v === 'number') return 2;
  if (typeof v === 'string') return 3;
  return Array.isArray(v) ? 4 : 5;
}

/** undefined means "drop this property". */
function normalize(value: unknown, ancestors: Set<object>): JsonValue | undefined {
  switch (typeof value) {
    case 'undefined':
      return undefined;
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'bigint':
      return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
        ? Number(value)
        : value.toString();
    case 'function':
    case 'symbol':
      return String(value);
  }
  if (value === null) return null;
  const obj = value as object;
  if (obj instanceof Date) return Number.isFinite(obj.getTime()) ? obj.toISOString() : null;
  if (obj instanceof RegExp || obj instanceof Error) return String(obj);
  if (obj instanceof Number || obj instanceof String || obj instanceof Boolean) {
    return normalize(obj.valueOf(), ancestors);
  }
  if (ancestors.has(obj)) throw new TypeError('cannot convert a circular structure to JSON');
  ancestors.add(obj);
  try {
    return normalizeContainer(obj, ancestors);
  } finally {
    ancestors.delete(obj);
  }
}

function normalizeContainer(obj: object, ancestors: Set<object>): JsonValue {
  if (Array.isArray(obj)) return obj.map((v) => normalize(v, ancestors) ?? null);
  if (ArrayBuffer.isView(obj) && !(obj instanceof DataView)) {
    return Array.from(obj as unknown as ArrayLike<number | bigint>, (v) => normalize(v, ancestors) ?? null);
  }
  if (obj instanceof Set) {
    return [...obj].map((v) => normalize(v, ancestors) ?? null).sort(compareJsonValues);
  }
  if (obj instanceof Map) {
    const out: Record<string, JsonValue> = {};
    for (const [k, v] of obj) {
      const nv = normalize(v, ancestors);
      if (nv !== undefined) setKey(out, mapKey(k, ancestors), nv);
    }
    return out;
  }
  const toJSON = (obj as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return normalize(toJSON.call(obj), ancestors) ?? null;
  const out: Record<string, JsonValue> = {};
  for (const key of Object.keys(obj)) {
    const nv = normalize((obj as Record<string, unknown>)[key], ancestors);
    if (nv !== undefined) setKey(out, key, nv);
  }
  return out;
}

function mapKey(key: unknown, ancestors: Set<object>): string {
  if (typeof key === 'string') return key;
  const nk = normalize(key, ancestors);
  return typeof nk === 'string' ? nk : JSON.stringify(nk ?? null);
}

// Plain assignment of "__proto__" would replace the prototype instead of adding a key.
function setKey(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
