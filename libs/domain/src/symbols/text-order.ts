// Internal to the domain library (not re-exported): one text order for symbols, ids and names.

/** Code-unit order, so results do not depend on the host's locale (`localeCompare` would). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sorted (by code unit) and de-duplicated copy. */
export function sortedUnique(values: Iterable<string>): string[] {
  return [...new Set(values)].sort(compareText);
}
