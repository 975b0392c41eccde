import { resolveSymbolSelection } from './symbol-selection.resolver';
import { SymbolError } from './symbol.normalizer';

const available = {
  positions: ['SPY', 'AAPL', 'QQQ'],
  monitor: ['MSFT', 'AAPL', 'BRK-B'],
  empty: [],
};
const path = 'data/watchlists.json';

describe('resolveSymbolSelection (DOMAIN.md §3.0)', () => {
  it('lets --symbol win over watchlists, defaults and fallback', () => {
    const selection = resolveSymbolSelection({
      symbols: ['nvda', 'spy,brk.b', 'NVDA'],
      watchlists: ['positions', 'nope'],
      available,
      defaults: ['monitor'],
      fallback: ['TSLA'],
      watchlistsPath: path,
    });
    // No warning for the missing "nope": the watchlists were not consulted.
    expect(selection).toEqual({ symbols: ['BRK-B', 'NVDA', 'SPY'], warnings: [], source: 'symbols', missingWatchlists: [] });
  });

  it('takes the union of the named watchlists, normalised, de-duplicated and sorted', () => {
    const selection = resolveSymbolSelection({ watchlists: ['positions', 'monitor'], available, defaults: ['empty'] });
    expect(selection.symbols).toEqual(['AAPL', 'BRK-B', 'MSFT', 'QQQ', 'SPY']);
    expect(selection.source).toBe('watchlists');
    expect(selection.warnings).toEqual([]);
  });

  it('warns for each named watchlist that is missing or empty, and keeps the rest', () => {
    const selection = resolveSymbolSelection({
      watchlists: ['positions', 'empty', 'typo', ' positions '],
      available,
      watchlistsPath: path,
    });
    expect(selection.symbols).toEqual(['AAPL', 'QQQ', 'SPY']);
    expect(selection.warnings).toEqual([
      "Watchlist 'empty' is empty or missing in data/watchlists.json",
      "Watchlist 'typo' is empty or missing in data/watchlists.json",
    ]);
    expect(selection.missingWatchlists).toEqual(['empty', 'typo']);
  });

  it('does not fall through to defaults when every named watchlist is missing', () => {
    const selection = resolveSymbolSelection({ watchlists: ['typo'], available, defaults: ['positions'], fallback: ['SPY'] });
    expect(selection).toMatchObject({ symbols: [], source: 'watchlists' });
    expect(selection.warnings).toEqual(["Watchlist 'typo' is empty or missing in data/watchlists.json"]); // default path
  });

  it('uses the default watchlists when nothing is selected, warning about missing ones', () => {
    const selection = resolveSymbolSelection({
      symbols: [' , '],
      watchlists: [],
      available,
      defaults: ['positions', 'monitor', 'gone'],
      watchlistsPath: '/srv/w.json',
    });
    expect(selection.symbols).toEqual(['AAPL', 'BRK-B', 'MSFT', 'QQQ', 'SPY']);
    expect(selection.source).toBe('default');
    expect(selection.warnings).toEqual(["Watchlist 'gone' is empty or missing in /srv/w.json"]);
  });

  it('uses the fallback when there are no default watchlists or they are all empty', () => {
    expect(resolveSymbolSelection({ available, fallback: ['qqq', 'spy', 'QQQ'] })).toEqual({
      symbols: ['QQQ', 'SPY'],
      warnings: [],
      source: 'default',
      missingWatchlists: [],
    });
    const fresh = resolveSymbolSelection({ available: {}, defaults: ['positions'], fallback: ['spy'], watchlistsPath: path });
    expect(fresh.symbols).toEqual(['SPY']);
    expect(fresh.warnings).toEqual(["Watchlist 'positions' is empty or missing in data/watchlists.json"]);
  });

  it('is empty, not an error, when nothing selects anything', () => {
    expect(resolveSymbolSelection({ available: {} })).toEqual({ symbols: [], warnings: [], source: 'default', missingWatchlists: [] });
  });

  it('applies aliases everywhere', () => {
    const aliases = { GOOG: 'GOOGL' };
    expect(resolveSymbolSelection({ symbols: ['goog'], available, aliases }).symbols).toEqual(['GOOGL']);
    expect(resolveSymbolSelection({ watchlists: ['w'], available: { w: ['GOOG', 'googl'] }, aliases }).symbols).toEqual([
      'GOOGL',
    ]);
    expect(resolveSymbolSelection({ available: {}, fallback: ['goog'], aliases }).symbols).toEqual(['GOOGL']);
  });

  it('only finds watchlists that are own properties', () => {
    const selection = resolveSymbolSelection({ watchlists: ['constructor', 'toString'], available: {} });
    expect(selection.symbols).toEqual([]);
    expect(selection.missingWatchlists).toEqual(['constructor', 'toString']);
  });

  it('throws SymbolError for a malformed --symbol value', () => {
    expect(() => resolveSymbolSelection({ symbols: ['SPY', 'BAD SYMBOL'], available })).toThrow(SymbolError);
  });
});
