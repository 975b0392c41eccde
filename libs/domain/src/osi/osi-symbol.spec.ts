import { formatOsi, isParseableOsi, parseOsi } from './osi-symbol';

describe('parseOsi', () => {
  it('parses the compact form', () => {
    // Strike 00580000 / 1000 = 580.
    expect(parseOsi('SPY260116C00580000')).toEqual({
      root: 'SPY',
      expiry: '2026-01-16',
      optionType: 'call',
      strike: 580,
      osi: 'SPY260116C00580000',
    });
  });

  it('accepts the padded 21-character form and lower case, returning the compact symbol', () => {
    const parsed = parseOsi('aapl  261218p00412500');
    // 00412500 / 1000 = 412.5
    expect(parsed).toEqual({ root: 'AAPL', expiry: '2026-12-18', optionType: 'put', strike: 412.5, osi: 'AAPL261218P00412500' });
    expect(parseOsi(' SPY   260116C00580000 ')?.osi).toBe('SPY260116C00580000');
  });

  it('accepts roots with digits and dots, up to 6 characters', () => {
    expect(parseOsi('BRK.B 270115C00500000')?.root).toBe('BRK.B');
    expect(parseOsi('SPXW  260320P05000000')?.strike).toBe(5000); // 05000000 / 1000
    expect(parseOsi('GOOGL1260320C00150000')?.root).toBe('GOOGL1');
    expect(parseOsi('X260116C00000500')?.strike).toBe(0.5); // 500 / 1000
  });

  it('maps two-digit years: 70–99 ⇒ 19xx, 00–69 ⇒ 20xx', () => {
    expect(parseOsi('IBM700117C00100000')?.expiry).toBe('1970-01-17');
    expect(parseOsi('IBM991217C00100000')?.expiry).toBe('1999-12-17');
    expect(parseOsi('IBM691219C00100000')?.expiry).toBe('2069-12-19');
    expect(parseOsi('IBM000121C00100000')?.expiry).toBe('2000-01-21');
  });

  it.each([
    ['SPY260230C00580000', '30 February'],
    ['SPY261301C00580000', 'month 13'],
    ['SPY260100C00580000', 'day 0'],
    ['SPY250229C00580000', '2025 is not a leap year'],
    ['SPY260116X00580000', 'right is neither C nor P'],
    ['SPY260116C0058000', 'strike has 7 digits'],
    ['SPY260116C005800000', 'strike has 9 digits'],
    ['260116C00580000', 'no root'],
    ['TOOLONG260116C00580000', 'root of 7 characters'],
    ['SP-Y260116C00580000', 'root with a dash'],
    ['SPY/260116C00580000', 'root with a slash'],
    ['', 'empty'],
    ['SPY', 'too short'],
  ])('rejects %s (%s)', (text) => {
    expect(parseOsi(text)).toBeNull();
    expect(isParseableOsi(text)).toBe(false);
  });

  it('returns null for non-strings', () => {
    expect(parseOsi(null)).toBeNull();
    expect(parseOsi(undefined)).toBeNull();
    expect(parseOsi(260116)).toBeNull();
  });
});

describe('formatOsi', () => {
  it('writes compact and padded forms', () => {
    const contract = { root: 'SPY', expiry: '2026-01-16', optionType: 'call', strike: 580 } as const;
    expect(formatOsi(contract)).toBe('SPY260116C00580000');
    expect(formatOsi(contract, { padded: true })).toBe('SPY   260116C00580000');
    expect(formatOsi(contract, { padded: true })).toHaveLength(21);
  });

  it('writes fractional strikes in thousandths', () => {
    // 412.5 × 1000 = 412500 ⇒ 00412500
    expect(formatOsi({ root: 'AAPL', expiry: '2026-12-18', optionType: 'put', strike: 412.5 })).toBe('AAPL261218P00412500');
    // 1.005 × 1000 = 1004.9999999999999 in binary floating point; still 1005 thousandths.
    expect(formatOsi({ root: 'F', expiry: '2026-06-19', optionType: 'call', strike: 1.005 })).toBe('F260619C00001005');
    // Largest representable strike: 99999.999 ⇒ 99999999.
    expect(formatOsi({ root: 'NDX', expiry: '2026-06-19', optionType: 'call', strike: 99_999.999 })).toBe('NDX260619C99999999');
  });

  it('upper-cases and trims the root', () => {
    expect(formatOsi({ root: ' brk.b ', expiry: '2027-01-15', optionType: 'call', strike: 500 })).toBe('BRK.B270115C00500000');
  });

  it.each([
    [{ root: 'TOOLONG', expiry: '2026-01-16', optionType: 'call', strike: 1 }, /root/],
    [{ root: '', expiry: '2026-01-16', optionType: 'call', strike: 1 }, /root/],
    [{ root: 'SPY', expiry: '2026-02-30', optionType: 'call', strike: 1 }, /expiry/],
    [{ root: 'SPY', expiry: '2070-01-17', optionType: 'call', strike: 1 }, /1970–2069/],
    [{ root: 'SPY', expiry: '2026-01-16', optionType: 'C', strike: 1 }, /option type/],
    [{ root: 'SPY', expiry: '2026-01-16', optionType: 'call', strike: -1 }, /strike/],
    [{ root: 'SPY', expiry: '2026-01-16', optionType: 'call', strike: 100_000 }, /strike/],
    [{ root: 'SPY', expiry: '2026-01-16', optionType: 'call', strike: 1.0005 }, /strike/],
    [{ root: 'SPY', expiry: '2026-01-16', optionType: 'call', strike: Number.NaN }, /strike/],
  ])('rejects %j', (contract, message) => {
    expect(() => formatOsi(contract as never)).toThrow(message);
  });
});

describe('round trips', () => {
  it('parse(format(c)) gives c back, compact and padded', () => {
    const roots = ['A', 'SPY', 'BRK.B', 'SPXW', 'GOOGL1'];
    const strikes = [0.5, 1, 2.5, 17.125, 412.5, 580, 5000, 99_999.999];
    const expiries = ['1999-12-17', '2000-01-21', '2026-01-16', '2026-03-20', '2069-12-19'];
    for (const root of roots) {
      for (const strike of strikes) {
        for (const expiry of expiries) {
          for (const optionType of ['call', 'put'] as const) {
            const contract = { root, expiry, optionType, strike };
            const compact = formatOsi(contract);
            expect(parseOsi(compact)).toEqual({ ...contract, osi: compact });
            expect(parseOsi(formatOsi(contract, { padded: true }))).toEqual({ ...contract, osi: compact });
          }
        }
      }
    }
  });

  it('format(parse(s)) gives the compact form of s', () => {
    for (const s of ['SPY   260116C00580000', 'aapl261218p00412500', 'BRK.B 270115C00500000']) {
      const parsed = parseOsi(s);
      expect(parsed).not.toBeNull();
      if (parsed) expect(formatOsi(parsed)).toBe(parsed.osi);
    }
  });
});
