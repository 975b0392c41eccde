import { JsonValidationError, ValidationIssue, WatchlistsValidationError } from './json-validation.errors';
import { parseWatchlists, parseWatchlistsText } from './watchlists.parser';

function issuesOf(json: unknown): ValidationIssue[] {
  try {
    parseWatchlists(json);
  } catch (error) {
    expect(error).toBeInstanceOf(WatchlistsValidationError);
    return [...(error as WatchlistsValidationError).issues];
  }
  throw new Error('expected the watchlists to be invalid');
}

describe('parseWatchlists (DOMAIN.md §7.1)', () => {
  it('normalises, sorts and de-duplicates every list; names sorted; empty lists kept', () => {
    const lists = parseWatchlists({
      watchlists: { positions: ['spy', 'AAPL', ' SPY ', 'brk.b'], monitor: ['msft', 'BRK-B'], later: [] },
      version: 2, // other top-level keys are ignored
    });
    expect(lists).toEqual({ later: [], monitor: ['BRK-B', 'MSFT'], positions: ['AAPL', 'BRK-B', 'SPY'] });
    expect(Object.keys(lists)).toEqual(['later', 'monitor', 'positions']);
  });

  it('applies aliases', () => {
    expect(parseWatchlists({ watchlists: { w: ['goog', 'GOOGL'] } }, 'w.json', { aliases: { GOOG: 'GOOGL' } })).toEqual({
      w: ['GOOGL'],
    });
  });

  it('has no lists when the file has none', () => {
    expect(parseWatchlists({})).toEqual({});
  });

  it('keeps awkward names as data and finds nothing it was not given', () => {
    const lists = parseWatchlists(JSON.parse('{"watchlists": {"__proto__": ["spy"], "my list": ["qqq"]}}'));
    expect(Object.keys(lists)).toEqual(['__proto__', 'my list']);
    expect(lists['__proto__']).toEqual(['SPY']);
    expect(lists['constructor']).toBeUndefined();
  });

  it.each([null, [], 'monitor'])('requires an object at the root (%j)', (json) => {
    expect(issuesOf(json)).toEqual([{ path: '$', reason: 'must be an object' }]);
  });

  it('names every bad list and symbol with its JSON path', () => {
    expect(issuesOf({ watchlists: ['SPY'] })).toEqual([{ path: '$.watchlists', reason: 'must be an object' }]);
    expect(
      issuesOf({ watchlists: { ok: ['SPY'], monitor: ['SPY', '', 'S P Y', 7], 'my list': 'SPY', ' ': [] } }),
    ).toEqual([
      { path: '$.watchlists[" "]', reason: 'watchlist name must not be blank' },
      { path: '$.watchlists.monitor[1]', reason: 'must not be empty' },
      {
        path: '$.watchlists.monitor[2]',
        reason: 'must be 1–16 of A–Z, 0–9, ".", "-", "^", "/", starting with a letter, digit or "^"',
      },
      { path: '$.watchlists.monitor[3]', reason: 'must be a string' },
      { path: '$.watchlists["my list"]', reason: 'must be an array of symbols' },
    ]);
  });

  it('says which file is invalid', () => {
    let caught: unknown;
    try {
      parseWatchlists({ watchlists: { monitor: null } }, 'data/watchlists.json');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(JsonValidationError);
    expect(caught).toMatchObject({ name: 'WatchlistsValidationError', source: 'data/watchlists.json' });
    expect((caught as Error).message).toBe('data/watchlists.json is invalid: $.watchlists.monitor: must be an array of symbols');
  });
});

describe('parseWatchlistsText', () => {
  it('parses file text, with or without a byte-order mark', () => {
    expect(parseWatchlistsText('\uFEFF{"watchlists": {"m": ["iwm"]}}')).toEqual({ m: ['IWM'] });
  });

  it('reports a syntax error as an issue at $', () => {
    expect(() => parseWatchlistsText('{"watchlists": {', 'w.json')).toThrow(/^w\.json is invalid: \$: invalid JSON \(.+\)$/);
    expect(() => parseWatchlistsText('{"watchlists": {')).toThrow(WatchlistsValidationError);
  });
});
