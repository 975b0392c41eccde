// The REST API speaks snake_case (like the records it returns); LedgerPort inputs are camelCase.
// Dates travel as ISO-8601 strings.

function snake(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** Renames top-level camelCase keys to snake_case; nested values (args, extra, metrics) travel untouched. */
export function toWire(input: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue;
    out[snake(key)] = value instanceof Date ? value.toISOString() : value;
  }
  return out;
}
