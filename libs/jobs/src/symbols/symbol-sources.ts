import * as fs from 'node:fs';
import { parsePortfolioText, parseWatchlistsText, Portfolio, resolveSymbolSelection } from '@options-helper/domain';

/** The watchlists file, or no lists when it does not exist (the selection then warns per named list). */
export function loadWatchlists(path: string): Record<string, string[]> {
  if (!fs.existsSync(path)) return {};
  return parseWatchlistsText(fs.readFileSync(path, 'utf8'), path);
}

/** The portfolio file; a missing file is an error naming the path. */
export function loadPortfolio(path: string): Portfolio {
  if (!fs.existsSync(path)) throw new Error(`portfolio file not found: ${path}`);
  return parsePortfolioText(fs.readFileSync(path, 'utf8'), path);
}

export interface SymbolArgs {
  symbols?: string[];
  watchlists?: string[];
}

/** `--symbol` wins; else the named watchlists; else the command's default watchlists (DOMAIN.md §3.0). */
export function resolveJobSymbols(args: SymbolArgs, watchlistsPath: string, defaults: string[]): { symbols: string[]; warnings: string[] } {
  const selection = resolveSymbolSelection({
    symbols: args.symbols,
    watchlists: args.watchlists,
    available: args.symbols?.length ? {} : loadWatchlists(watchlistsPath),
    defaults,
    watchlistsPath,
  });
  return { symbols: selection.symbols, warnings: selection.warnings };
}
