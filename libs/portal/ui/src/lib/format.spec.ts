import { formatCell, formatMoney, formatPct, formatPp, formatSignedPct, formatTimestamp } from './format';

describe('portal formatting', () => {
  it('shows timestamps as YYYY-MM-DD HH:mm:ss in UTC (DOMAIN.md §10)', () => {
    expect(formatTimestamp('2026-11-25T23:04:05.678Z')).toBe('2026-11-25 23:04:05');
    expect(formatTimestamp('2026-11-25')).toBe('2026-11-25');
    expect(formatTimestamp(null)).toBe('-');
    expect(formatTimestamp('not a date')).toBe('not a date');
  });

  it('formats money with a leading minus and ratios as percentages', () => {
    expect(formatMoney(-1234.5)).toBe('-$1,234.50');
    expect(formatMoney(0)).toBe('$0.00');
    expect(formatPct(0.1234)).toBe('12.34%');
    expect(formatPct(null)).toBe('-');
    expect(formatSignedPct(-0.0101)).toBe('-1.01%');
    expect(formatSignedPct(0.02)).toBe('+2.00%');
    expect(formatPp(0.0138)).toBe('+1.38 pp'); // IV 0.1439 → 0.1577: +0.0138 = +1.38 percentage points
  });

  it('shows null, NaN and infinities as -', () => {
    expect(formatCell(null, 'number')).toBe('-');
    expect(formatCell(Number.NaN, 'money')).toBe('-');
    expect(formatCell(Number.POSITIVE_INFINITY, 'int')).toBe('-');
    expect(formatCell(undefined)).toBe('-');
    expect(formatCell({ a: 1 }, 'json')).toBe('{"a":1}');
    expect(formatCell(1234567.891, 'int')).toBe('1,234,568');
  });
});
