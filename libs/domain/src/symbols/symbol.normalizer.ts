import { sortedUnique } from './text-order';

/**
 * Underlying symbols (DOMAIN.md §0.2): trimmed and upper-cased everywhere; an alias map is consulted first, otherwise
 * share-class dots become dashes (`BRK.B` ⇒ `BRK-B`, the form the data vendors use for underlyings).
 *
 * A normalised symbol matches `SYMBOL_PATTERN`: 1–16 characters of `A–Z 0–9 . - ^ /`, starting with a letter, digit or
 * `^` (index notation such as `^VIX`). `.` only survives when an alias target spells it; `/` admits vendor notations such
 * as `BRK/B`. Anything else (inner spaces, `$`, `*`, a leading `-`) is most likely a typo, which we refuse rather than
 * store as a separate, silently empty underlying.
 */
export const SYMBOL_PATTERN = /^[A-Z0-9^][A-Z0-9.\-^/]{0,15}$/;

/** An alias map: keys and targets are trimmed and upper-cased before use (`{" spx ": "^spx"}` works). */
export type SymbolAliases = Readonly<Record<string, string>>;

/** Thrown for an empty or malformed symbol; `value` is what the caller passed. */
export class SymbolError extends Error {
  override readonly name = 'SymbolError';
  constructor(
    readonly value: unknown,
    readonly reason: string,
  ) {
    super(`invalid symbol ${describeValue(value)}: ${reason}`);
  }
}

const PATTERN_REASON = 'must be 1–16 of A–Z, 0–9, ".", "-", "^", "/", starting with a letter, digit or "^"';

/** Normalises one symbol; throws `SymbolError` when it is empty or does not match `SYMBOL_PATTERN` afterwards. */
export function normalizeSymbol(raw: string, aliases?: SymbolAliases): string {
  return normalizeWith(raw, aliasLookup(aliases));
}

/** Normalises a list: de-duplicated (after normalisation, so `brk.b` and `BRK-B` are one) and sorted by code unit. */
export function normalizeSymbols(list: readonly string[], aliases?: SymbolAliases): string[] {
  const lookup = aliasLookup(aliases);
  return sortedUnique(list.map((raw) => normalizeWith(raw, lookup)));
}

/**
 * Flattens repeatable and comma-separated `--symbol` values (`-s SPY -s "aapl, msft"` ⇒ `SPY`, `aapl`, `msft`), in
 * order, trimmed, blanks dropped. Not normalised: pass the result to `normalizeSymbols`, which reports bad ones.
 */
export function splitSymbolArgs(values: readonly string[]): string[] {
  return values.flatMap((value) => value.split(',')).map((piece) => piece.trim()).filter((piece) => piece !== '');
}

type AliasLookup = ReadonlyMap<string, string>;

function aliasLookup(aliases: SymbolAliases | undefined): AliasLookup {
  const lookup = new Map<string, string>();
  if (!aliases) return lookup;
  for (const [key, target] of Object.entries(aliases)) {
    const from = key.trim().toUpperCase();
    // A broken alias map is a configuration error, not a bad symbol, so it is not a SymbolError.
    if (typeof target !== 'string') throw new TypeError(`symbol alias ${JSON.stringify(key)}: the target must be a string`);
    const to = target.trim().toUpperCase();
    const previous = lookup.get(from);
    if (previous !== undefined && previous !== to) {
      throw new RangeError(
        `symbol alias ${JSON.stringify(key)} is defined twice with different targets (${previous}, ${to})`,
      );
    }
    lookup.set(from, to);
  }
  return lookup;
}

function normalizeWith(raw: unknown, lookup: AliasLookup): string {
  if (typeof raw !== 'string') throw new SymbolError(raw, 'must be a string');
  const upper = raw.trim().toUpperCase();
  if (upper === '') throw new SymbolError(raw, 'must not be empty');
  // The alias target is taken as written (only trimmed and upper-cased): an alias exists to say exactly what to use.
  const symbol = lookup.get(upper) ?? upper.replace(/\./g, '-');
  if (!SYMBOL_PATTERN.test(symbol)) {
    throw new SymbolError(raw, symbol === upper ? PATTERN_REASON : `${JSON.stringify(symbol)} ${PATTERN_REASON}`);
  }
  return symbol;
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : String(value);
}
