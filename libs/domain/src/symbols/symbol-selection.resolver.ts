import { normalizeSymbols, splitSymbolArgs, SymbolAliases } from './symbol.normalizer';

/** Where the selected symbols came from (DOMAIN.md §3.0). */
export type SymbolSelectionSource = 'symbols' | 'watchlists' | 'default';

export interface SymbolSelectionRequest {
  /** Raw `--symbol/-s` values, repeatable or comma-separated. */
  readonly symbols?: readonly string[];
  /** `--watchlist` names, in the order given. */
  readonly watchlists?: readonly string[];
  /** The watchlists file, as `parseWatchlists` returns it. */
  readonly available: Readonly<Record<string, readonly string[]>>;
  /** The command's default watchlist names (e.g. `positions`, `monitor`). */
  readonly defaults?: readonly string[];
  /** Symbols to use when nothing else selects any (e.g. the portfolio's symbols). */
  readonly fallback?: readonly string[];
  readonly aliases?: SymbolAliases;
  /** Named in the missing-watchlist warning; the documented default location when omitted. */
  readonly watchlistsPath?: string;
}

export interface SymbolSelection {
  /** Normalised, de-duplicated, sorted. May be empty: the job then records `no_symbols`. */
  readonly symbols: string[];
  readonly warnings: string[];
  readonly source: SymbolSelectionSource;
  /** The requested or default watchlists that are missing or empty (some commands treat that as a usage error). */
  readonly missingWatchlists: string[];
}

export const DEFAULT_WATCHLISTS_PATH = 'data/watchlists.json';

/**
 * Symbol resolution shared by every symbol-taking job (DOMAIN.md §3.0): `--symbol` wins; else the union of the named
 * watchlists; else the default watchlists, and the fallback when those give nothing. A named watchlist that is missing or
 * empty adds `Watchlist '{name}' is empty or missing in {path}` — also for default lists, so a fresh install says why
 * nothing ran. Named watchlists never fall through to the defaults: the user asked for those lists. Throws `SymbolError`
 * for a malformed symbol.
 */
export function resolveSymbolSelection(request: SymbolSelectionRequest): SymbolSelection {
  const { aliases } = request;
  const explicit = splitSymbolArgs(request.symbols ?? []);
  if (explicit.length > 0) {
    return { symbols: normalizeSymbols(explicit, aliases), warnings: [], source: 'symbols', missingWatchlists: [] };
  }
  const path = request.watchlistsPath ?? DEFAULT_WATCHLISTS_PATH;
  const named = uniqueNames(request.watchlists ?? []);
  if (named.length > 0) return { ...unionOf(named, request.available, path, aliases), source: 'watchlists' };

  const defaults = unionOf(uniqueNames(request.defaults ?? []), request.available, path, aliases);
  const symbols = defaults.symbols.length > 0 ? defaults.symbols : normalizeSymbols(request.fallback ?? [], aliases);
  return { ...defaults, symbols, source: 'default' };
}

function unionOf(
  names: readonly string[],
  available: Readonly<Record<string, readonly string[]>>,
  path: string,
  aliases: SymbolAliases | undefined,
): Omit<SymbolSelection, 'source'> {
  const collected: string[] = [];
  const missingWatchlists: string[] = [];
  for (const name of names) {
    // Own properties only: a watchlist called "constructor" must not find Object.prototype.constructor.
    const list = Object.prototype.hasOwnProperty.call(available, name) ? available[name] : undefined;
    if (!Array.isArray(list) || list.length === 0) missingWatchlists.push(name);
    else collected.push(...list);
  }
  return {
    symbols: normalizeSymbols(collected, aliases),
    warnings: missingWatchlists.map((name) => `Watchlist '${name}' is empty or missing in ${path}`),
    missingWatchlists,
  };
}

function uniqueNames(names: readonly string[]): string[] {
  return [...new Set(names.map((name) => name.trim()).filter((name) => name !== ''))];
}
