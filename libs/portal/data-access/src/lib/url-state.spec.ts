import { parseChoice, parseIntParam, parseSymbol, parseText, withoutDefaults } from './url-state';

describe('URL state parsers (DOMAIN.md §10)', () => {
  it('normalises symbol: upper-case, only A–Z 0–9 . _ -, default SPY', () => {
    expect(parseSymbol('aapl')).toBe('AAPL');
    expect(parseSymbol(' brk.b ')).toBe('BRK.B');
    expect(parseSymbol('qqq;drop table')).toBe('QQQDROPTABLE');
    expect(parseSymbol('$$$')).toBe('SPY');
    expect(parseSymbol(null)).toBe('SPY');
  });

  it('clamps integers to their range and snaps them to the step; garbage gives the default', () => {
    const limit = { min: 10, max: 500, def: 200, step: 10 };
    expect(parseIntParam('120', limit)).toBe(120);
    expect(parseIntParam('124', limit)).toBe(120); // 10 + round(114 / 10) × 10 = 120
    expect(parseIntParam('126', limit)).toBe(130);
    expect(parseIntParam('9999', limit)).toBe(500);
    expect(parseIntParam('3', limit)).toBe(10);
    expect(parseIntParam('abc', limit)).toBe(200);
    expect(parseIntParam('', limit)).toBe(200);
    expect(parseIntParam(null, { min: 0, max: 45, def: 3 })).toBe(3);
    expect(parseIntParam('0', { min: 0, max: 45, def: 3 })).toBe(0);
  });

  it('accepts only listed choices', () => {
    expect(parseChoice('90', [30, 60, 90] as const, 180 as number)).toBe(90);
    expect(parseChoice('91', [30, 60, 90] as const, 180 as number)).toBe(180);
    expect(parseChoice('strike', ['contract', 'strike'] as const, 'contract')).toBe('strike');
  });

  it('treats blank text as absent', () => {
    expect(parseText('  x ')).toBe('x');
    expect(parseText('   ')).toBeNull();
  });

  it('drops defaults and empty values from the query string so links stay short', () => {
    expect(withoutDefaults({ symbol: 'SPY', days: 30, stale_days: 5, text: '', job: null }, { symbol: 'SPY', days: 30, stale_days: 3 })).toEqual({
      symbol: null,
      days: null,
      stale_days: '5',
      text: null,
      job: null,
    });
  });
});
