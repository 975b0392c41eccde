import { IsoDate, nyseCalendar, optionMark, parseOsi, pricingMark, weekday } from '@options-helper/domain';
import type { SyntheticOptions } from '../provider-options';
import { ProviderError } from '../provider.errors';
import type { ChainRow, ContractRow, ContractsQuery, HistoryQuery } from '../provider.types';
import { SyntheticFaultsError } from './synthetic-faults';
import { SyntheticProvider } from './synthetic.provider';
import { KNOWN_UNDERLYINGS, underlyingProfile } from './synthetic-universe';

// Thanksgiving 2026, 02:00 in New York: the exchange is closed today, so the last completed session is Wed 25 Nov.
const NOW = new Date('2026-11-26T07:00:00Z');
const LAST: IsoDate = '2026-11-25';
const DAILY: HistoryQuery = { interval: '1d', autoAdjust: true, backAdjust: false };

function provider(options: Partial<SyntheticOptions> = {}): SyntheticProvider {
  return new SyntheticProvider({ seed: 42, now: () => NOW, ...options });
}

async function fullChain(p: SyntheticProvider, symbol: string, asOf: IsoDate): Promise<ChainRow[]> {
  const rows: ChainRow[] = [];
  for (const expiry of await p.listExpiries(symbol, asOf)) rows.push(...(await p.getChain(symbol, expiry, asOf)).rows);
  return rows;
}

async function allContracts(p: SyntheticProvider, q: Omit<ContractsQuery, 'pageToken'>): Promise<{ contracts: ContractRow[]; pages: number }> {
  const contracts: ContractRow[] = [];
  let pageToken: string | undefined;
  let pages = 0;
  do {
    const page = await p.listContracts({ ...q, pageToken });
    contracts.push(...page.contracts);
    pageToken = page.nextPageToken;
    pages += 1;
  } while (pageToken);
  return { contracts, pages };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

describe('SyntheticProvider: identity', () => {
  it('declares its capabilities and a version carrying the seed', () => {
    const p = provider({ seed: 7 });
    expect(p.name).toBe('synthetic');
    expect(p.capabilities).toEqual({ chains: 'any_date', contracts: true, optionBars: true });
    expect(p.version).toBe('synthetic-1 seed=7');
    expect(provider().version).toBe('synthetic-1 seed=42');
    expect(new SyntheticProvider().version).toBe('synthetic-1 seed=42');
  });

  it('counts requests and errors in its statistics', async () => {
    const p = provider();
    await p.getQuote('SPY');
    await expect(p.getHistory('', DAILY)).rejects.toBeInstanceOf(ProviderError);
    const stats = p.stats();
    expect(stats.requests).toBe(2);
    expect(stats.errors).toBe(1);
    expect(stats.rateLimited).toBe(0);
    expect(stats.latencyP50Ms).not.toBeNull();
  });
});

describe('SyntheticProvider: determinism', () => {
  it('gives byte-identical output for the same seed, whatever was asked before', async () => {
    const a = provider();
    const b = provider();
    // b warms other symbols, dates and ranges first: nothing may leak into the answers.
    await b.getHistory('QQQ', DAILY);
    await b.getChain('SPY', '2026-12-18', '2026-11-24');
    await b.getHistory('SPY', { ...DAILY, start: '2026-01-01' });
    const ask = async (p: SyntheticProvider) =>
      JSON.stringify([
        await p.getHistory('SPY', DAILY),
        await p.getQuote('SPY'),
        await p.listExpiries('SPY', LAST),
        await p.getChain('SPY', '2026-12-18', LAST),
        await p.listContracts({ underlyings: ['SPY'], expirationGte: '2026-12-18', expirationLte: '2026-12-18', limit: 50 }),
        await p.getOptionBars({ contractSymbols: ['SPY261218C00600000', 'SPY261218P00550000'], start: '2026-06-01', end: LAST, interval: '1d' }),
      ]);
    expect(await ask(b)).toBe(await ask(a));
  });

  it('gives different markets for different seeds', async () => {
    const closes = async (seed: number) => (await provider({ seed }).getHistory('SPY', DAILY)).map((r) => r.close);
    expect(await closes(43)).not.toEqual(await closes(42));
  });

  it('keeps a date’s candle independent of the requested range and of the clock', async () => {
    const full = await provider().getHistory('AAPL', DAILY);
    const window = await provider().getHistory('AAPL', { ...DAILY, start: '2026-11-02', end: '2026-11-20' });
    expect(window).toEqual(full.filter((r) => r.ts >= '2026-11-02' && r.ts <= '2026-11-20'));
    const later = await provider({ now: () => new Date('2027-06-01T12:00:00Z') }).getHistory('AAPL', DAILY);
    expect(later.slice(0, full.length)).toEqual(full);
    expect(later.length).toBeGreaterThan(full.length);
  });

  it('keeps a past chain independent of the clock', async () => {
    const now = await provider().getChain('TSLA', '2026-12-18', '2026-11-20');
    const later = await provider({ now: () => new Date('2027-03-01T12:00:00Z') }).getChain('TSLA', '2026-12-18', '2026-11-20');
    expect(later).toEqual(now);
  });
});

describe('SyntheticProvider: candles', () => {
  it('has one candle per NYSE session from 2015-01-02 to the last completed session', async () => {
    const rows = await provider().getHistory('SPY', DAILY);
    expect(rows[0]?.ts).toBe('2015-01-02');
    expect(rows.at(-1)?.ts).toBe(LAST);
    expect(rows.map((r) => r.ts)).toEqual(nyseCalendar.sessionsBetween('2014-12-31', LAST));
    const dates = new Set(rows.map((r) => r.ts));
    expect(dates.has('2025-12-25')).toBe(false); // Christmas
    expect(dates.has('2026-11-26')).toBe(false); // Thanksgiving
    expect(dates.has('2026-04-03')).toBe(false); // Good Friday
    expect(dates.has('2026-11-21')).toBe(false); // a Saturday
  });

  it('honours start and end (inclusive) and clips to the simulated span', async () => {
    const p = provider();
    const rows = await p.getHistory('MSFT', { ...DAILY, start: '2026-11-02', end: '2026-11-06' });
    expect(rows.map((r) => r.ts)).toEqual(['2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05', '2026-11-06']);
    expect(await p.getHistory('MSFT', { ...DAILY, start: '2026-11-07', end: '2026-11-08' })).toEqual([]); // a weekend
    expect(await p.getHistory('MSFT', { ...DAILY, start: '2026-11-10', end: '2026-11-09' })).toEqual([]);
    expect((await p.getHistory('MSFT', { ...DAILY, start: '1970-01-01', end: '2015-01-06' })).map((r) => r.ts)).toEqual([
      '2015-01-02',
      '2015-01-05',
      '2015-01-06',
    ]);
    expect((await p.getHistory('MSFT', { ...DAILY, start: '2026-11-24', end: '2030-01-01' })).map((r) => r.ts)).toEqual([
      '2026-11-24',
      LAST,
    ]);
    await expect(p.getHistory('MSFT', { ...DAILY, start: '2026-02-30' })).rejects.toThrow('start must be a YYYY-MM-DD date');
  });

  it('has consistent OHLC, vwap, volume and trade counts for every well-known ticker and an unknown one', async () => {
    const p = provider();
    for (const symbol of [...KNOWN_UNDERLYINGS, 'ZZZQ']) {
      const rows = await p.getHistory(symbol, DAILY);
      for (const r of rows) {
        const ok =
          r.low > 0 &&
          r.low <= Math.min(r.open, r.close) &&
          r.high >= Math.max(r.open, r.close) &&
          (r.vwap as number) >= r.low &&
          (r.vwap as number) <= r.high &&
          Number.isInteger(r.volume) &&
          r.volume > 0 &&
          Number.isInteger(r.tradeCount) &&
          (r.tradeCount as number) > 0 &&
          r.dividends === 0 &&
          r.splits === 0;
        if (!ok) throw new Error(`${symbol} ${JSON.stringify(r)} is inconsistent`);
      }
    }
  });

  it('trades at realistic levels and volatilities', async () => {
    const p = provider();
    for (const symbol of KNOWN_UNDERLYINGS) {
      const { level } = underlyingProfile(symbol, 42);
      const last = (await p.getQuote(symbol)).last as number;
      // 18 sessions after the anchor date (where the close is exactly the reference level): within a factor 2 even for
      // 65%-vol names in a stressed regime
      expect(last / level).toBeGreaterThan(0.5);
      expect(last / level).toBeLessThan(2);
    }
    const spy = (await p.getQuote('SPY')).last as number;
    expect(spy).toBeGreaterThan(510);
    expect(spy).toBeLessThan(690);
    const realisedVol = async (symbol: string) => {
      const closes = (await p.getHistory(symbol, { ...DAILY, start: '2024-11-25' })).map((r) => r.close);
      const returns = closes.slice(1).map((c, i) => Math.log(c / (closes[i] as number)));
      const mean = returns.reduce((a, b) => a + b, 0) / returns.length;
      return Math.sqrt((returns.reduce((a, b) => a + (b - mean) ** 2, 0) / (returns.length - 1)) * 252);
    };
    const spyVol = await realisedVol('SPY');
    const tslaVol = await realisedVol('TSLA');
    expect(spyVol).toBeGreaterThan(0.08);
    expect(spyVol).toBeLessThan(0.25);
    expect(tslaVol).toBeGreaterThan(0.35);
    expect(tslaVol).toBeLessThan(0.8);
    const spy2015 = (await p.getHistory('SPY', { ...DAILY, end: '2015-01-02' }))[0]?.close as number;
    expect(spy2015).toBeGreaterThan(120);
    expect(spy2015).toBeLessThan(400);
  });

  it('quotes the last completed session’s close at its closing instant', async () => {
    const p = provider();
    const rows = await p.getHistory('SPY', { ...DAILY, start: LAST });
    expect(await p.getQuote(' spy ')).toEqual({ symbol: 'SPY', last: rows[0]?.close, asOf: '2026-11-25T21:00:00.000Z' });
  });

  it.each([
    ['2026-11-26T07:00:00Z', '2026-11-25'], // Thanksgiving: closed
    ['2026-11-27T17:59:00Z', '2026-11-25'], // Black Friday before its 13:00 ET early close
    ['2026-11-27T18:00:00Z', '2026-11-27'], // at the early close
    ['2026-11-30T20:59:59Z', '2026-11-27'], // Monday one second before 16:00 ET
    ['2015-01-02T20:00:00Z', null], // before the first simulated close
  ])('follows the injected clock: now = %s ⇒ last candle %s', async (now, expected) => {
    const p = new SyntheticProvider({ now: () => new Date(now) });
    const rows = await p.getHistory('SPY', DAILY);
    expect(rows.at(-1)?.ts ?? null).toBe(expected);
  });
});

describe('SyntheticProvider: expiries', () => {
  it('lists weeklies, monthlies and January LEAPS for an index ETF', async () => {
    const expiries = await provider().listExpiries('SPY', LAST);
    // Fridays for the next 8 weeks; Christmas and New Year's Day 2027 fall on Fridays ⇒ the Thursdays before
    expect(expiries.slice(0, 8)).toEqual([
      '2026-11-27',
      '2026-12-04',
      '2026-12-11',
      '2026-12-18',
      '2026-12-24',
      '2026-12-31',
      '2027-01-08',
      '2027-01-15',
    ]);
    // then third Fridays for a year (Juneteenth 2027 is the third Friday of June ⇒ Thursday), then the LEAPS
    expect(expiries.slice(8)).toEqual([
      '2027-02-19',
      '2027-03-19',
      '2027-04-16',
      '2027-05-21',
      '2027-06-17',
      '2027-07-16',
      '2027-08-20',
      '2027-09-17',
      '2027-10-15',
      '2027-11-19',
      '2028-01-21',
    ]);
    for (const e of expiries) expect(nyseCalendar.isSession(e)).toBe(true);
  });

  it('lists only monthly third Fridays and LEAPS for a name without weeklies', async () => {
    const expiries = await provider().listExpiries('KO', LAST);
    expect(expiries).toHaveLength(13); // Dec 2026 … Nov 2027, and January 2028
    for (const e of expiries) {
      const day = Number(e.slice(8));
      const shifted = e === '2027-06-17';
      expect(shifted || (weekday(e) === 5 && day >= 15 && day <= 21)).toBe(true);
    }
    expect(expiries.at(-1)).toBe('2028-01-21');
  });

  it('moves a Good Friday expiry to the Thursday before', async () => {
    const p = provider();
    const spy = await p.listExpiries('SPY', '2026-03-20');
    expect(spy).toContain('2026-04-02');
    expect(spy).not.toContain('2026-04-03');
    // 2025: Good Friday was the third Friday of April, so even the monthly moved
    const ko = await p.listExpiries('KO', '2025-03-03');
    expect(ko).toContain('2025-04-17');
    expect(ko).not.toContain('2025-04-18');
  });

  it('answers a non-session as of the session before, and lists nothing before the data starts', async () => {
    const p = provider();
    expect(await p.listExpiries('SPY', '2026-11-21')).toEqual(await p.listExpiries('SPY', '2026-11-20'));
    expect(await p.listExpiries('SPY', '2026-11-20')).toContain('2026-11-20'); // expiring today is still listed
    expect(await p.listExpiries('SPY', '2030-01-01')).toEqual(await p.listExpiries('SPY', LAST)); // future ⇒ latest
    expect(await p.listExpiries('SPY', '2014-06-02')).toEqual([]);
    expect(await p.listExpiries('^VIX', LAST)).toEqual([]); // not an OSI root
  });
});

describe('SyntheticProvider: chains', () => {
  // Generation speed is measured by `npm run bench` (synthetic section), not asserted here.
  it('has a full SPY chain of at least 2,000 OSI contracts', async () => {
    const p = provider();
    const rows = await fullChain(p, 'SPY', LAST);
    expect(rows.length).toBeGreaterThanOrEqual(2000);
    expect(new Set(rows.map((r) => r.contractSymbol)).size).toBe(rows.length);
    for (const r of rows) {
      const osi = parseOsi(r.contractSymbol);
      expect(osi).toEqual({ root: 'SPY', expiry: r.expiry, optionType: r.optionType, strike: r.strike, osi: r.contractSymbol });
    }
  });

  it('attaches the session close as spot and treats a non-session as the session before', async () => {
    const p = provider();
    const [candle] = await p.getHistory('SPY', { ...DAILY, start: '2026-11-20', end: '2026-11-20' });
    const friday = await p.getChain('SPY', '2026-12-18', '2026-11-20');
    expect(friday.underlying).toEqual({ symbol: 'SPY', spot: candle?.close });
    expect(await p.getChain('SPY', '2026-12-18', '2026-11-22')).toEqual(friday);
  });

  it('quotes sane markets: 0 ≤ bid < ask in cents, positive last, IV and OI present', async () => {
    const rows = await fullChain(provider(), 'TSLA', LAST);
    const cents = (x: number) => Math.abs(x * 100 - Math.round(x * 100)) < 1e-6;
    for (const r of rows) {
      const bid = r.bid as number;
      const ask = r.ask as number;
      expect(bid >= 0 && ask > bid && cents(bid) && cents(ask)).toBe(true);
      expect(r.lastPrice as number).toBeGreaterThan(0);
      expect(r.impliedVolatility as number).toBeGreaterThan(0.03);
      expect(Number.isInteger(r.openInterest) && Number.isInteger(r.volume)).toBe(true);
      expect(r.delta ?? null).toBeNull(); // greeks are left to Black–Scholes in the snapshot job
    }
  });

  it('widens relative spreads away from the money', async () => {
    const chain = await provider().getChain('AAPL', '2027-01-15', LAST);
    const spot = chain.underlying.spot as number;
    const spreadPct = (r: ChainRow) => ((r.ask as number) - (r.bid as number)) / (((r.ask as number) + (r.bid as number)) / 2);
    const otm = chain.rows.filter((r) => (r.optionType === 'call' ? r.strike >= spot : r.strike <= spot) && (r.bid as number) > 0);
    const distance = (r: ChainRow) => Math.abs(Math.log(r.strike / spot));
    const near = otm.filter((r) => distance(r) < 0.03).map(spreadPct);
    const far = otm.filter((r) => distance(r) > 0.15).map(spreadPct);
    expect(near.length).toBeGreaterThan(2);
    expect(far.length).toBeGreaterThan(2);
    expect(median(far)).toBeGreaterThan(3 * median(near));
  });

  it('has a volatility skew (higher IV at lower strikes) and a term structure', async () => {
    const p = provider();
    for (const symbol of ['SPY', 'MSFT']) {
      const chain = await p.getChain(symbol, '2027-01-15', LAST);
      const spot = chain.underlying.spot as number;
      const puts = chain.rows.filter((r) => r.optionType === 'put' && r.strike <= spot);
      const ivs = puts.map((r) => r.impliedVolatility as number);
      for (let i = 1; i < ivs.length; i++) expect(ivs[i]).toBeLessThanOrEqual(ivs[i - 1] as number);
      expect((ivs[0] as number) / (ivs.at(-1) as number)).toBeGreaterThan(symbol === 'SPY' ? 1.8 : 1.2);
    }
    const atmIv = async (expiry: IsoDate) => {
      const chain = await p.getChain('SPY', expiry, LAST);
      const spot = chain.underlying.spot as number;
      return chain.rows.reduce((best, r) => (Math.abs(r.strike - spot) < Math.abs(best.strike - spot) ? r : best)).impliedVolatility;
    };
    expect(await atmIv('2026-12-04')).not.toBeCloseTo((await atmIv('2028-01-21')) as number, 3);
  });

  it('serves chains for past sessions with strikes around that day’s price', async () => {
    const chain = await provider().getChain('SPY', '2020-04-17', '2020-03-20');
    const spot = chain.underlying.spot as number;
    expect(chain.rows.length).toBeGreaterThan(50);
    const strikes = chain.rows.map((r) => r.strike);
    expect(Math.min(...strikes)).toBeLessThan(spot);
    expect(Math.max(...strikes)).toBeGreaterThan(spot);
  });

  it('returns no rows for an expiry that is not listed on the date', async () => {
    const p = provider();
    expect((await p.getChain('SPY', '2026-11-28', LAST)).rows).toEqual([]); // a Saturday
    expect((await p.getChain('SPY', '2026-11-20', LAST)).rows).toEqual([]); // already expired
    expect((await p.getChain('SPY', '2028-06-16', LAST)).rows).toEqual([]); // not listed yet
    expect((await p.getChain('KO', '2026-12-04', LAST)).rows).toEqual([]); // KO has no weeklies
    expect(await p.getChain('SPY', '2014-12-19', '2014-12-01')).toEqual({ underlying: { symbol: 'SPY', spot: null }, rows: [] });
  });

  it('only adds strikes: a contract listed on one session is listed on every later one until expiry', async () => {
    const p = provider();
    const sessions = nyseCalendar.sessionsBetween('2026-09-30', LAST);
    let previous = new Set<string>();
    for (const s of sessions) {
      const current = new Set((await p.getChain('NVDA', '2027-01-15', s)).rows.map((r) => r.contractSymbol));
      for (const c of previous) expect(current.has(c)).toBe(true);
      previous = current;
    }
  });

  it('evolves open interest smoothly, with contracts building and unwinding', async () => {
    const p = provider();
    const sessions = nyseCalendar.sessionsBetween('2026-10-23', LAST);
    const byDay: Array<Map<string, number>> = [];
    for (const s of sessions) {
      byDay.push(new Map((await p.getChain('SPY', '2027-03-19', s)).rows.map((r) => [r.contractSymbol, r.openInterest as number])));
    }
    // contracts already listed at the start of the window (not newly added strikes)
    const seasoned = [...(byDay[0] as Map<string, number>).keys()];
    let building = 0;
    let unwinding = 0;
    const relative: number[] = [];
    for (let d = 1; d < byDay.length; d++) {
      for (const c of seasoned) {
        const before = byDay[d - 1]?.get(c) as number;
        const after = byDay[d]?.get(c) as number;
        const delta = after - before;
        expect(Math.abs(delta)).toBeLessThanOrEqual(0.5 * Math.max(before, after) + 10);
        if (delta > 0) building += 1;
        if (delta < 0) unwinding += 1;
        if (before >= 100) relative.push(Math.abs(delta) / before);
      }
    }
    expect(building).toBeGreaterThan(100);
    expect(unwinding).toBeGreaterThan(100);
    expect(median(relative)).toBeGreaterThan(0.001);
    expect(median(relative)).toBeLessThan(0.1);
  });

  it('rolls open interest off into expiry', async () => {
    const p = provider();
    const total = async (asOf: IsoDate) =>
      (await p.getChain('SPY', '2026-11-20', asOf)).rows.reduce((a, r) => a + (r.openInterest as number), 0);
    expect(await total('2026-11-20')).toBeLessThan(0.6 * (await total('2026-11-06')));
  });
});

describe('SyntheticProvider: listContracts', () => {
  it('pages through exactly the contracts of the chains on the last completed session', async () => {
    const p = provider();
    const chainRows = await fullChain(p, 'SPY', LAST);
    const { contracts, pages } = await allContracts(p, {
      underlyings: ['SPY'],
      expirationGte: '2026-11-01',
      expirationLte: '2031-12-31',
      status: 'active',
      limit: 700,
    });
    expect(pages).toBeGreaterThan(3);
    expect(contracts.map((c) => c.contractSymbol).sort()).toEqual(chainRows.map((r) => r.contractSymbol).sort());
    const bySymbol = new Map(chainRows.map((r) => [r.contractSymbol, r]));
    for (const c of contracts) {
      const row = bySymbol.get(c.contractSymbol) as ChainRow;
      expect(c).toEqual({
        contractSymbol: row.contractSymbol,
        underlying: 'SPY',
        expiry: row.expiry,
        optionType: row.optionType,
        strike: row.strike,
        multiplier: 100,
        openInterest: row.openInterest,
        openInterestDate: LAST,
        closePrice: row.lastPrice,
        closePriceDate: LAST,
      });
    }
  });

  it('splits active and inactive contracts at the last completed session', async () => {
    const p = provider();
    const window = { underlyings: ['IWM'], expirationGte: '2026-11-01', expirationLte: '2026-12-31', limit: 10_000 };
    const all = await allContracts(p, window);
    const active = await allContracts(p, { ...window, status: 'active' });
    const inactive = await allContracts(p, { ...window, status: 'inactive' });
    expect(active.contracts.every((c) => c.expiry >= LAST)).toBe(true);
    expect(inactive.contracts.every((c) => c.expiry < LAST)).toBe(true);
    expect(inactive.contracts.length).toBeGreaterThan(0);
    expect(active.contracts.length + inactive.contracts.length).toBe(all.contracts.length);
    // an expired contract reports OI and close as of its last trading day
    const expired = inactive.contracts.find((c) => c.expiry === '2026-11-20') as ContractRow;
    expect(expired.openInterestDate).toBe('2026-11-20');
  });

  it('lists old expiries and nothing before the simulation or beyond what is listed', async () => {
    const p = provider();
    const y2016 = await allContracts(p, { rootSymbols: ['KO'], expirationGte: '2016-01-01', expirationLte: '2016-12-31', limit: 10_000 });
    expect(new Set(y2016.contracts.map((c) => c.expiry)).size).toBe(12);
    expect((await p.listContracts({ underlyings: ['KO'], expirationGte: '2010-01-01', expirationLte: '2014-12-31', limit: 10 })).contracts).toEqual([]);
    const future = await allContracts(p, { underlyings: ['KO'], expirationGte: '2027-12-01', expirationLte: '2031-12-31', limit: 10_000 });
    expect([...new Set(future.contracts.map((c) => c.expiry))]).toEqual(['2028-01-21']);
  });

  it('rejects bad limits and page tokens from another query', async () => {
    const p = provider();
    const q = { underlyings: ['SPY'], expirationGte: '2026-12-01', expirationLte: '2026-12-31', limit: 10 };
    const first = await p.listContracts(q);
    expect(first.nextPageToken).toBeDefined();
    await expect(p.listContracts({ ...q, underlyings: ['QQQ'], pageToken: first.nextPageToken })).rejects.toThrow('invalid page token');
    await expect(p.listContracts({ ...q, pageToken: 'nonsense' })).rejects.toBeInstanceOf(ProviderError);
    await expect(p.listContracts({ ...q, limit: 0 })).rejects.toThrow('limit must be a positive integer');
  });
});

describe('SyntheticProvider: option bars', () => {
  it('prices each session from listing (or start) to expiry (or the last completed session)', async () => {
    const p = provider();
    const symbols = ['SPY261120C00600000', 'SPY270115P00550000', 'KO270115C00070000'];
    const bars = await p.getOptionBars({ contractSymbols: symbols, start: '2025-01-01', end: '2030-01-01', interval: '1d' });
    for (const symbol of symbols) {
      const mine = bars.filter((b) => b.contractSymbol === symbol);
      expect(mine.length).toBeGreaterThan(5);
      const expiry = parseOsi(symbol)?.expiry as IsoDate;
      const dates = mine.map((b) => b.ts);
      expect(dates.at(-1)).toBe(expiry < LAST ? expiry : LAST);
      // consecutive sessions, nothing missing between listing and the end
      expect(dates).toEqual(nyseCalendar.sessionsBetween(nyseCalendar.previousSession(dates[0] as IsoDate), dates.at(-1) as IsoDate));
      // the first bar is the day the contract first appears in a chain
      const first = dates[0] as IsoDate;
      const listedOn = (await p.getChain('SPY', expiry, first)).rows.concat((await p.getChain('KO', expiry, first)).rows);
      expect(listedOn.some((r) => r.contractSymbol === symbol)).toBe(true);
      if (first > '2025-01-02') {
        const before = nyseCalendar.previousSession(first);
        const root = symbol.startsWith('KO') ? 'KO' : 'SPY';
        expect((await p.getChain(root, expiry, before)).rows.some((r) => r.contractSymbol === symbol)).toBe(false);
      }
      for (const b of mine) {
        expect(b.low).toBeGreaterThan(0);
        expect(b.low).toBeLessThanOrEqual(Math.min(b.open, b.close));
        expect(b.high).toBeGreaterThanOrEqual(Math.max(b.open, b.close));
        expect(b.vwap as number).toBeGreaterThanOrEqual(b.low);
        expect(b.vwap as number).toBeLessThanOrEqual(b.high);
      }
    }
  });

  it('matches the chain: a bar’s volume and close are that day’s chain volume and last price', async () => {
    const p = provider();
    const chain = await p.getChain('QQQ', '2026-12-18', '2026-11-18');
    const sample = chain.rows.filter((_, i) => i % 9 === 0);
    const bars = await p.getOptionBars({ contractSymbols: sample.map((r) => r.contractSymbol), start: '2026-11-18', end: '2026-11-18', interval: '1d' });
    expect(bars).toHaveLength(sample.length);
    for (const r of sample) {
      const bar = bars.find((b) => b.contractSymbol === r.contractSymbol);
      expect(bar?.volume).toBe(r.volume);
      expect(bar?.close).toBe(r.lastPrice);
    }
  });

  it('returns nothing for unknown or unparseable symbols, and each contract once', async () => {
    const p = provider();
    const bars = await p.getOptionBars({
      contractSymbols: [
        'garbage',
        'SPY261127C00601000', // 601 is not on SPY's $5 ladder
        'SPY261128C00600000', // a Saturday
        'KO261204C00070000', // KO has no weeklies
        'SPY290119C00600000', // not listed yet
        'SPY900119C00100000', // 1990, before the simulation (and the calendar)
        'SPY491217C00100000', // 2049, beyond the calendar
        'SPY261218C00600000',
        'SPY   261218C00600000', // the padded form of the same contract
      ],
      start: '2026-11-23',
      end: '2026-11-25',
      interval: '1d',
    });
    expect(bars.map((b) => `${b.contractSymbol} ${b.ts}`)).toEqual([
      'SPY261218C00600000 2026-11-23',
      'SPY261218C00600000 2026-11-24',
      'SPY261218C00600000 2026-11-25',
    ]);
  });
});

describe('SyntheticProvider: fault injection', () => {
  const faults = {
    negative_prices: ['SPY'],
    duplicate_bars: ['SPY'],
    missing_sessions: { SPY: ['2026-11-20'] },
    unparseable_contracts: ['AAPL'],
    missing_iv: ['QQQ'],
    provider_error: ['TSLA'],
  };
  const bars = (p: SyntheticProvider, symbol: string) =>
    p.getOptionBars({ contractSymbols: [symbol], start: '2026-10-01', end: LAST, interval: '1d' });

  it('negative_prices: negative candle and option-bar prices for the named symbol only', async () => {
    const p = provider({ faults });
    const negative = (rows: Array<{ open: number; low: number; high: number; close: number }>) =>
      rows.filter((r) => Math.min(r.open, r.low, r.high, r.close) < 0).length;
    expect(negative(await p.getHistory('SPY', DAILY))).toBeGreaterThan(0);
    expect(negative(await p.getHistory('QQQ', DAILY))).toBe(0);
    expect(negative(await bars(p, 'SPY261218C00600000'))).toBeGreaterThan(0);
    expect(negative(await bars(p, 'QQQ261218C00520000'))).toBe(0);
  });

  it('duplicate_bars: every option bar of the named underlying comes twice', async () => {
    const p = provider({ faults });
    const spy = await bars(p, 'SPY261218C00600000');
    const keys = spy.map((b) => `${b.contractSymbol}|${b.ts}`);
    expect(new Set(keys).size).toBe(keys.length / 2);
    const qqq = (await bars(p, 'QQQ261218C00520000')).map((b) => b.ts);
    expect(new Set(qqq).size).toBe(qqq.length);
  });

  it('missing_sessions: drops the session from the named symbol’s candles', async () => {
    const p = provider({ faults });
    const window = { ...DAILY, start: '2026-11-18', end: '2026-11-24' };
    expect((await p.getHistory('SPY', window)).map((r) => r.ts)).toEqual(['2026-11-18', '2026-11-19', '2026-11-23', '2026-11-24']);
    expect((await p.getHistory('QQQ', window)).map((r) => r.ts)).toContain('2026-11-20');
  });

  it('unparseable_contracts: some chain symbols are not OSI', async () => {
    const p = provider({ faults });
    const rows = (await p.getChain('AAPL', '2026-12-18', LAST)).rows;
    const bad = rows.filter((r) => parseOsi(r.contractSymbol) === null);
    expect(bad.length).toBeGreaterThan(rows.length / 20);
    expect(bad.length).toBeLessThan(rows.length / 5);
    expect((await p.getChain('MSFT', '2026-12-18', LAST)).rows.every((r) => parseOsi(r.contractSymbol) !== null)).toBe(true);
  });

  it('missing_iv: most priced rows lack an IV the snapshot job could use or infer', async () => {
    const p = provider({ faults });
    const rows = (await p.getChain('QQQ', '2026-12-18', LAST)).rows;
    const priced = rows.filter((r) => (optionMark(r) ?? 0) > 0);
    const unusable = priced.filter((r) => r.impliedVolatility === null && pricingMark(r) === null);
    expect(unusable.length / priced.length).toBeGreaterThan(0.2); // the snapshot_null_iv_ratio threshold
    const clean = (await p.getChain('SPY', '2026-12-18', LAST)).rows;
    expect(clean.every((r) => r.impliedVolatility !== null)).toBe(true);
  });

  it('provider_error: every call about the named symbol throws ProviderError', async () => {
    const p = provider({ faults });
    const calls: Array<Promise<unknown>> = [
      p.getHistory('TSLA', DAILY),
      p.getQuote('tsla'),
      p.listExpiries('TSLA', LAST),
      p.getChain('TSLA', '2026-12-18', LAST),
      p.listContracts({ underlyings: ['SPY', 'TSLA'], expirationGte: '2026-12-01', expirationLte: '2026-12-31', limit: 10 }),
      p.getOptionBars({ contractSymbols: ['SPY261218C00600000', 'TSLA261218C00350000'], start: '2026-11-01', end: LAST, interval: '1d' }),
    ];
    for (const call of calls) await expect(call).rejects.toThrow(new ProviderError('synthetic fault injected: provider_error for TSLA'));
    await expect(p.getQuote('SPY')).resolves.toMatchObject({ symbol: 'SPY' });
    expect(p.stats().errors).toBe(calls.length);
  });

  it('rejects an invalid fault specification at construction, naming the field', () => {
    expect(() => provider({ faults: { missing_sessions: { SPY: ['yesterday'] } } })).toThrow(SyntheticFaultsError);
    expect(() => provider({ faults: { missing_sessions: { SPY: ['yesterday'] } } })).toThrow('missing_sessions.SPY[0]');
  });
});

describe('SyntheticProvider: history ranges', () => {
  it('serves ten years of candles from the simulated series', async () => {
    const p = provider();
    await p.getHistory('NVDA', DAILY);
    const rows = await p.getHistory('NVDA', { ...DAILY, start: '2016-11-25' });
    expect(rows.length).toBeGreaterThan(2500);
    expect(rows[0]?.ts >= '2016-11-25').toBe(true);
  });
});
