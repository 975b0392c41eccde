import { JsonValue, toJsonSafe } from './json-value';

/**
 * The canonical JSON text stored in `args_json`, `extra_json` and `metrics_json` (DOMAIN.md §2.3): keys sorted
 * recursively by code unit, no whitespace, values normalised as in `toJsonSafe`. Equal inputs give equal text, so the
 * columns can be compared and grouped.
 *
 * Returns null (SQL NULL) for null, undefined and blank strings. Any other string is parsed as JSON when it parses
 * (so `'{"b":1,"a":2}'` and `{b: 1, a: 2}` store the same text) and is otherwise stored as a JSON string.
 */
export function canonicalJson(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') {
    if (value.trim() === '') return null;
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      return JSON.stringify(value);
    }
    return writeSorted(parsed as JsonValue);
  }
  return writeSorted(toJsonSafe(value));
}

// Written by hand because JSON.stringify enumerates integer-like keys ("10", "9") numerically, not in sorted order.
function writeSorted(value: JsonValue): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(writeSorted).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${writeSorted(value[k])}`).join(',')}}`;
}
