import { normalizeSymbol, SymbolAliases, SymbolError } from '../symbols';
import { sortedUnique } from '../symbols/text-order';
import { childPath, IssueList, parseJsonText, ROOT_PATH } from './json-path';
import { WatchlistsValidationError } from './json-validation.errors';

/** Watchlist name ⇒ normalised, sorted, unique symbols. */
export type Watchlists = Record<string, string[]>;

export interface ParseWatchlistsOptions {
  readonly aliases?: SymbolAliases;
}

export const DEFAULT_WATCHLISTS_SOURCE = 'watchlists.json';

/**
 * Validates parsed `watchlists.json` (`{"watchlists": {name: [symbols]}}`, DOMAIN.md §7.1) and throws one
 * `WatchlistsValidationError` listing every issue with its JSON path. A missing `watchlists` key means no lists; other
 * top-level keys are ignored. Names are kept as written (but must not be blank); an empty list is valid (symbol
 * resolution warns about it when it is asked for).
 *
 * The result has no prototype, so a list called `constructor` or `__proto__` is just data and lookups of absent names
 * give undefined. Keys come in sorted order.
 */
export function parseWatchlists(
  json: unknown,
  source: string = DEFAULT_WATCHLISTS_SOURCE,
  options: ParseWatchlistsOptions = {},
): Watchlists {
  const issues = new IssueList();
  const root = issues.object(json, ROOT_PATH);
  if (!root) throw new WatchlistsValidationError(source, issues.items);
  const result: Watchlists = Object.create(null) as Watchlists;
  const raw = root['watchlists'];
  if (raw !== undefined) {
    const listsPath = childPath(ROOT_PATH, 'watchlists');
    const lists = issues.object(raw, listsPath);
    for (const name of Object.keys(lists ?? {}).sort()) {
      const path = childPath(listsPath, name);
      if (name.trim() === '') issues.add(path, 'watchlist name must not be blank');
      const symbols = parseList(issues, lists?.[name], path, options.aliases);
      if (symbols) result[name] = symbols;
    }
  }
  if (issues.items.length > 0) throw new WatchlistsValidationError(source, issues.items);
  return result;
}

/** `parseWatchlists` of a file's text; a syntax error becomes the issue `$: invalid JSON (…)`. */
export function parseWatchlistsText(
  text: string,
  source: string = DEFAULT_WATCHLISTS_SOURCE,
  options: ParseWatchlistsOptions = {},
): Watchlists {
  const json = parseJsonText(text, (issues) => new WatchlistsValidationError(source, issues));
  return parseWatchlists(json, source, options);
}

function parseList(issues: IssueList, value: unknown, path: string, aliases: SymbolAliases | undefined): string[] | null {
  if (!Array.isArray(value)) {
    issues.add(path, 'must be an array of symbols');
    return null;
  }
  const symbols: string[] = [];
  value.forEach((item: unknown, index) => {
    try {
      symbols.push(normalizeSymbol(item as string, aliases));
    } catch (error) {
      if (!(error instanceof SymbolError)) throw error;
      issues.add(childPath(path, index), error.reason);
    }
  });
  return sortedUnique(symbols);
}
