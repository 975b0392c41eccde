import { normalizeSymbol, normalizeSymbols, splitSymbolArgs, SymbolError, SYMBOL_PATTERN } from './symbol.normalizer';

describe('normalizeSymbol', () => {
  it('trims and upper-cases', () => {
    expect(normalizeSymbol('  spy ')).toBe('SPY');
    expect(normalizeSymbol('aapl')).toBe('AAPL');
    expect(normalizeSymbol('\tqqq\n')).toBe('QQQ');
  });

  it('turns share-class dots into dashes', () => {
    expect(normalizeSymbol('BRK.B')).toBe('BRK-B');
    expect(normalizeSymbol('brk.b')).toBe('BRK-B');
    expect(normalizeSymbol('BF.B')).toBe('BF-B');
    expect(normalizeSymbol('BRK-B')).toBe('BRK-B'); // already normalised: unchanged
  });

  it('keeps index and vendor notations', () => {
    expect(normalizeSymbol('^vix')).toBe('^VIX');
    expect(normalizeSymbol('BRK/B')).toBe('BRK/B');
    expect(normalizeSymbol('1810')).toBe('1810');
  });

  it('consults the alias map first, with keys and targets trimmed and upper-cased', () => {
    const aliases = { ' spx ': '^spx', 'BRK.B': 'BRK.B', GOOG: 'GOOGL' };
    expect(normalizeSymbol('spx', aliases)).toBe('^SPX');
    expect(normalizeSymbol(' Goog ', aliases)).toBe('GOOGL');
    // The alias wins over the dot rule, so an alias can keep the dot a vendor wants.
    expect(normalizeSymbol('brk.b', aliases)).toBe('BRK.B');
    // Not an alias key: the dot rule applies.
    expect(normalizeSymbol('BF.B', aliases)).toBe('BF-B');
    // Aliases map the raw (dotted) spelling, not the dashed result.
    expect(normalizeSymbol('BRK-B', aliases)).toBe('BRK-B');
  });

  it('throws SymbolError carrying the offending value for empty input', () => {
    for (const raw of ['', '   ']) {
      const error = catchError(() => normalizeSymbol(raw));
      expect(error).toBeInstanceOf(SymbolError);
      expect(error).toMatchObject({ name: 'SymbolError', value: raw, reason: 'must not be empty' });
      expect(error.message).toBe(`invalid symbol ${JSON.stringify(raw)}: must not be empty`);
    }
  });

  it.each([
    ['SP Y', 'inner space'],
    ['SPY$', 'dollar sign'],
    ['-SPY', 'leading dash'],
    ['.SPY', 'leading dot (becomes a leading dash)'],
    ['/ES', 'leading slash'],
    ['ABCDEFGHIJKLMNOPQ', '17 characters'],
    ['SPY*', 'wildcard'],
    ['ÄPPL', 'non-ASCII letter'],
  ])('rejects %j (%s)', (raw) => {
    const error = catchError(() => normalizeSymbol(raw));
    expect(error).toBeInstanceOf(SymbolError);
    expect((error as SymbolError).value).toBe(raw);
    expect(error.message).toContain(`invalid symbol ${JSON.stringify(raw)}`);
  });

  it('accepts 16 characters, the documented maximum', () => {
    expect(normalizeSymbol('abcdefghijklmnop')).toBe('ABCDEFGHIJKLMNOP');
  });

  it('rejects an alias target that is not a valid symbol, naming the target', () => {
    expect(() => normalizeSymbol('spx', { SPX: 'S P X' })).toThrow('invalid symbol "spx": "S P X" must be 1–16 of');
  });

  it('rejects non-strings from untyped callers', () => {
    const error = catchError(() => normalizeSymbol(42 as unknown as string));
    expect(error).toMatchObject({ value: 42, reason: 'must be a string' });
  });

  it('refuses a broken alias map as a configuration error, not a SymbolError', () => {
    expect(() => normalizeSymbol('SPY', { spx: '^SPX', SPX: 'SPX' })).toThrow(RangeError);
    expect(() => normalizeSymbol('SPY', { SPX: 1 as unknown as string })).toThrow(TypeError);
    // The same target twice is not a conflict.
    expect(normalizeSymbol('spx', { spx: '^SPX', SPX: '^spx' })).toBe('^SPX');
  });

  it('always returns something SYMBOL_PATTERN accepts', () => {
    for (const raw of ['spy', 'brk.b', '^vix', 'a/b', 'x-1']) expect(SYMBOL_PATTERN.test(normalizeSymbol(raw))).toBe(true);
  });
});

describe('normalizeSymbols', () => {
  it('normalises, de-duplicates after normalisation and sorts by code unit', () => {
    expect(normalizeSymbols(['spy', 'AAPL', ' SPY', 'brk.b', 'BRK-B', 'aapl', '^vix'])).toEqual(['AAPL', 'BRK-B', 'SPY', '^VIX']);
  });

  it('applies aliases and merges an alias with its target', () => {
    expect(normalizeSymbols(['goog', 'GOOGL', 'msft'], { GOOG: 'GOOGL' })).toEqual(['GOOGL', 'MSFT']);
  });

  it('is empty for an empty list and throws on the first bad symbol', () => {
    expect(normalizeSymbols([])).toEqual([]);
    expect(() => normalizeSymbols(['SPY', ''])).toThrow(SymbolError);
  });

  it('is idempotent', () => {
    const once = normalizeSymbols(['brk.b', 'spy', '^vix', 'qqq']);
    expect(normalizeSymbols(once)).toEqual(once);
  });
});

describe('splitSymbolArgs', () => {
  it('flattens repeatable and comma-separated values, trimmed, blanks dropped, order kept', () => {
    expect(splitSymbolArgs(['SPY', 'aapl, msft', ' qqq ,', ',,', ''])).toEqual(['SPY', 'aapl', 'msft', 'qqq']);
  });

  it('does not normalise or de-duplicate (normalizeSymbols does)', () => {
    expect(splitSymbolArgs(['spy,SPY', 'brk.b'])).toEqual(['spy', 'SPY', 'brk.b']);
    expect(splitSymbolArgs([])).toEqual([]);
  });
});

function catchError(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}
