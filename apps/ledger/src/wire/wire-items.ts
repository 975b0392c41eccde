import { LedgerValidationError } from '@options-helper/ledger';

/**
 * Items of the bulk endpoints (events, watermarks, checks) arrive as snake_case objects. They are not run
 * through class-validator item by item: that cost ~80 ms per 1,000 items, more than writing them. Instead
 * this refuses unknown fields and renames the known ones, and the ledger's own validator (the same one the
 * embedded adapter uses) checks every value and names the field and the reason.
 */
export function fromWire<T>(items: Record<string, unknown>[], list: string, fields: readonly string[]): T[] {
  const known = new Set(fields);
  return items.map((item, i) => {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(item)) {
      if (!known.has(key)) throw new LedgerValidationError(`${list}[${i}].${key}`, 'is not a known field');
      out[key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())] = value;
    }
    return out as T;
  });
}

/**
 * Checks a bulk body `{ [list]: object[] }` without class-transformer, which deep-copies every item
 * (tens of ms per 1,000 items). The documented schema is the DTO named in @ApiBody.
 */
export function bulkItems(body: unknown, list: string, max: number): Record<string, unknown>[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new LedgerValidationError('body', `must be an object with a "${list}" array`);
  for (const key of Object.keys(body)) {
    if (key !== list) throw new LedgerValidationError(key, 'is not a known field');
  }
  const items = (body as Record<string, unknown>)[list];
  if (!Array.isArray(items)) throw new LedgerValidationError(list, 'must be an array');
  if (items.length === 0) throw new LedgerValidationError(list, 'must contain at least 1 item');
  if (items.length > max) throw new LedgerValidationError(list, `must contain at most ${max} items`);
  items.forEach((item, i) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) throw new LedgerValidationError(`${list}[${i}]`, 'must be an object');
  });
  return items as Record<string, unknown>[];
}

export const MAX_BULK_ITEMS = 50_000;

/** The items of a bulk body, envelope checked and fields renamed for the ledger. */
export function bulkBody<T>(body: unknown, list: string, fields: readonly string[]): T[] {
  return fromWire<T>(bulkItems(body, list, MAX_BULK_ITEMS), list, fields);
}
