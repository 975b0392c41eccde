import { ForbiddenError, NotFoundError, ProviderError, ProviderTimeoutError, RateLimitError } from '../provider.errors';
import type { AlpacaOptions } from '../provider-options';
import type { HistoryQuery } from '../provider.types';
import { AlpacaProvider } from './alpaca.provider';
import { FAKE_KEY_ID, FAKE_SECRET, dailyBar, spyMarket } from './testing/alpaca-fixtures';
import { FakeAlpacaServer } from './testing/fake-alpaca.server';

// 2026-03-10 15:00Z is 11:00 in New York (EDT since 2026-03-08).
const NOW = new Date('2026-03-10T15:00:00Z');
const RAW: HistoryQuery = { interval: '1d', autoAdjust: false, backAdjust: false };

describe('AlpacaProvider', () => {
  let server: FakeAlpacaServer;
  let sleeps: number[];

  beforeEach(async () => {
    server = await FakeAlpacaServer.start({ keyId: FAKE_KEY_ID, secretKey: FAKE_SECRET, data: spyMarket() });
    sleeps = [];
  });
  afterEach(() => server.close());

  /** Instant sleeps (recorded), fixed jitter, a fixed clock and a limiter loose enough not to matter. */
  function provider(overrides: Partial<AlpacaOptions> = {}): AlpacaProvider {
    return new AlpacaProvider({
      keyId: FAKE_KEY_ID,
      secretKey: FAKE_SECRET,
      dataBaseUrl: server.url,
      tradingBaseUrl: server.url,
      now: () => NOW,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      random: () => 0.5,
      maxRequestsPerSecond: 1e6,
      ...overrides,
    });
  }

  it('declares live-only chains with contracts and option bars', () => {
    const p = provider();
    expect(p.name).toBe('alpaca');
    expect(p.capabilities).toEqual({ chains: 'live_only', contracts: true, optionBars: true });
  });

  describe('stock bars', () => {
    it('sends the auth headers and maps bars to candles on their New York date', async () => {
      const candles = await provider().getHistory('SPY', { ...RAW, start: '2026-03-06' });
      expect(candles.map((c) => c.ts)).toEqual(['2026-03-06', '2026-03-09', '2026-03-10']);
      // 2026-03-09T04:00Z is midnight EDT: still the 9th in New York although DST began the day before.
      expect(candles[1]).toEqual({ ts: '2026-03-09', open: 594, high: 597, low: 592, close: 595, volume: 1e6, vwap: 594.5, tradeCount: 5000 });
      const [request] = server.requestsTo('/v2/stocks/bars');
      expect(request?.headers['apca-api-key-id']).toBe(FAKE_KEY_ID);
      expect(request?.headers['apca-api-secret-key']).toBe(FAKE_SECRET);
    });

    it('ends an open-ended request 16 minutes before now and starts at 1970-01-01 without a start', async () => {
      await provider().getHistory('SPY', RAW);
      expect(server.requestsTo('/v2/stocks/bars')[0]?.query).toMatchObject({
        symbols: 'SPY',
        timeframe: '1Day',
        start: '1970-01-01',
        end: '2026-03-10T14:44:00Z',
        adjustment: 'raw',
        limit: '10000',
      });
    });

    it('honours a custom buffer and ends a dated request at the end of that New York day', async () => {
      await provider({ recentBarsBufferMinutes: 30, stockFeed: 'iex' }).getHistory('SPY', RAW);
      await provider().getHistory('SPY', { ...RAW, end: '2026-03-06' });
      const [open, dated] = server.requestsTo('/v2/stocks/bars');
      expect(open?.query).toMatchObject({ end: '2026-03-10T14:30:00Z', feed: 'iex' });
      // Midnight 2026-03-07 EST is 05:00Z; one second before it.
      expect(dated?.query['end']).toBe('2026-03-07T04:59:59Z');
    });

    it('caps a dated end at now − buffer and asks nothing when the window is empty', async () => {
      const p = provider();
      await p.getHistory('SPY', { ...RAW, end: '2026-03-10' });
      expect(server.requestsTo('/v2/stocks/bars')[0]?.query['end']).toBe('2026-03-10T14:44:00Z');
      const early = provider({ now: () => new Date('2026-03-10T04:10:00Z') }); // 00:10 New York
      expect(await early.getHistory('SPY', { ...RAW, start: '2026-03-10' })).toEqual([]);
      expect(server.requestsTo('/v2/stocks/bars')).toHaveLength(1);
    });

    it.each([
      [{ autoAdjust: true, backAdjust: false }, 'all'],
      [{ autoAdjust: false, backAdjust: true }, 'all'],
      [{ autoAdjust: true, backAdjust: true }, 'all'],
      [{ autoAdjust: false, backAdjust: false }, 'raw'],
    ])('maps %j to adjustment=%s', async (flags, adjustment) => {
      await provider().getHistory('SPY', { ...RAW, ...flags });
      expect(server.requestsTo('/v2/stocks/bars')[0]?.query['adjustment']).toBe(adjustment);
    });

    it('follows next_page_token across 3 pages', async () => {
      server.maxPageSize = 3;
      const candles = await provider().getHistory('SPY', RAW);
      expect(candles).toHaveLength(7);
      const requests = server.requestsTo('/v2/stocks/bars');
      expect(requests).toHaveLength(3);
      expect(requests[0]?.query['page_token']).toBeUndefined();
      expect(requests[1]?.query['page_token']).toBeTruthy();
      expect(requests[2]?.query['page_token']).not.toBe(requests[1]?.query['page_token']);
    });

    it('writes share classes the Alpaca way on the wire and the project way back', async () => {
      server.data.stockBars['BRK.B'] = [dailyBar('2026-03-09', 480)];
      server.data.latestTrades['BRK.B'] = { t: '2026-03-10T14:00:00Z', p: 481 };
      const p = provider();
      expect((await p.getHistory('brk-b', RAW)).map((c) => c.close)).toEqual([480]);
      expect(server.requestsTo('/v2/stocks/bars')[0]?.query['symbols']).toBe('BRK.B');
      expect(await p.getQuote('BRK-B')).toEqual({ symbol: 'BRK-B', last: 481, asOf: '2026-03-10T14:00:00.000Z' });
    });
  });

  it('quotes the latest trade', async () => {
    expect(await provider().getQuote('spy')).toEqual({ symbol: 'SPY', last: 601.25, asOf: '2026-03-10T14:59:59.987Z' });
  });

  describe('contracts', () => {
    it('returns one page per call, with numbers parsed and the token passed back', async () => {
      server.maxPageSize = 1;
      const p = provider();
      const query = { underlyings: ['SPY'], expirationGte: '2026-03-01', expirationLte: '2026-03-31', limit: 500 };
      const first = await p.listContracts(query);
      expect(first.contracts).toEqual([
        {
          contractSymbol: 'SPY260320C00600000',
          underlying: 'SPY',
          expiry: '2026-03-20',
          optionType: 'call',
          strike: 600,
          multiplier: 100,
          openInterest: 1500,
          openInterestDate: '2026-03-09',
          closePrice: 12.5,
          closePriceDate: '2026-03-09',
          raw: expect.objectContaining({ symbol: 'SPY260320C00600000', strike_price: '600' }),
        },
      ]);
      expect(first.nextPageToken).toBeTruthy();
      const second = await p.listContracts({ ...query, pageToken: first.nextPageToken });
      expect(second.contracts.map((c) => c.contractSymbol)).toEqual(['SPY260320P00600000']);
      expect(server.requestsTo('/v2/options/contracts')[0]?.query).toEqual({
        underlying_symbols: 'SPY',
        expiration_date_gte: '2026-03-01',
        expiration_date_lte: '2026-03-31',
        limit: '500',
      });
      const last = await p.listContracts({ ...query, pageToken: second.nextPageToken, status: 'active' });
      expect(last.contracts.map((c) => c.contractSymbol)).toEqual(['SPY260327C00600000']);
      expect(last.nextPageToken).toBeUndefined();
    });

    it('passes status and root symbol, and refuses several roots in one call', async () => {
      const p = provider();
      const page = await p.listContracts({
        rootSymbols: ['spy'],
        status: 'inactive',
        expirationGte: '2026-01-01',
        expirationLte: '2026-12-31',
        limit: 50_000,
      });
      expect(page.contracts.map((c) => c.contractSymbol)).toEqual(['SPY260306C00600000']);
      expect(server.requestsTo('/v2/options/contracts')[0]?.query).toMatchObject({ root_symbol: 'SPY', status: 'inactive', limit: '10000' });
      await expect(
        p.listContracts({ rootSymbols: ['SPY', 'SPXW'], expirationGte: '2026-01-01', expirationLte: '2026-12-31', limit: 10 }),
      ).rejects.toThrow(/one root symbol/);
    });

    it('lists distinct active expiries on or after the as-of date across pages', async () => {
      server.maxPageSize = 2;
      expect(await provider().listExpiries('SPY', '2026-03-10')).toEqual(['2026-03-20', '2026-03-27', '2026-04-17']);
      const requests = server.requestsTo('/v2/options/contracts');
      expect(requests).toHaveLength(2);
      expect(requests[0]?.query).toMatchObject({
        underlying_symbols: 'SPY',
        status: 'active',
        expiration_date_gte: '2026-03-10',
        expiration_date_lte: '2031-03-14', // as-of + 5 × 366 days: Alpaca's own default would stop next weekend
      });
    });
  });

  describe('option bars', () => {
    it('maps bars per contract within the requested dates, across pages', async () => {
      server.maxPageSize = 1;
      const bars = await provider().getOptionBars({
        contractSymbols: ['SPY260320C00600000', 'SPY260320P00600000', 'SPY260320P00600000'],
        start: '2026-03-09',
        end: '2026-03-10',
        interval: '1d',
      });
      expect(bars.map((b) => [b.contractSymbol, b.ts, b.volume, b.vwap, b.tradeCount])).toEqual([
        ['SPY260320C00600000', '2026-03-09', 500, 11.3, 120],
        ['SPY260320C00600000', '2026-03-10', 340, 12.15, 88],
        ['SPY260320P00600000', '2026-03-10', 80, 8.03, 21],
      ]);
      const requests = server.requestsTo('/v1beta1/options/bars');
      expect(requests).toHaveLength(3);
      expect(requests[0]?.query).toMatchObject({
        symbols: 'SPY260320C00600000,SPY260320P00600000',
        timeframe: '1Day',
        start: '2026-03-09',
        end: '2026-03-10T14:44:00Z',
      });
    });
  });

  describe('chain', () => {
    it('merges quotes, greeks (converted), contract metadata and same-day bars', async () => {
      const chain = await provider({ optionsFeed: 'indicative' }).getChain('SPY', '2026-03-20', '2026-03-10');
      expect(chain.underlying).toEqual({ symbol: 'SPY', spot: 601.25 });
      expect(chain.rows.map((r) => r.contractSymbol)).toEqual(['SPY260320C00600000', 'SPY260320C00610000', 'SPY260320P00600000']);
      expect(chain.rows[0]).toEqual({
        contractSymbol: 'SPY260320C00600000',
        optionType: 'call',
        expiry: '2026-03-20',
        strike: 600,
        bid: 12.1,
        ask: 12.3,
        lastPrice: 12.2,
        volume: 340, // the snapshot's daily volume is 0, so the same-day option bar's volume is used
        openInterest: 1500,
        openInterestDate: '2026-03-09',
        closePrice: 12.5,
        closePriceDate: '2026-03-09',
        impliedVolatility: 0.185,
        quoteTime: '2026-03-10T14:59:58.123Z',
        lastTradeDate: '2026-03-10T14:58:00.000Z',
        tradeTime: '2026-03-10T14:58:00.000Z',
        vwap: 12.15,
        tradeCount: 88,
        delta: 0.52,
        gamma: 0.011,
        theta: -0.35, // per day, as Alpaca gives it
        vega: 48, // 0.48 per IV point × 100 = per 1.00 of IV
        rho: 0.09,
      });
      // The put has a positive daily volume of its own (75), kept over the bar's 80.
      expect(chain.rows[2]).toMatchObject({ optionType: 'put', volume: 75, openInterest: 900, vega: 47, tradeCount: 21 });
      // Not in the contracts listing: strike/type/expiry from the OSI symbol, no quote, no bar.
      expect(chain.rows[1]).toMatchObject({ strike: 610, optionType: 'call', bid: null, volume: null, openInterest: null, impliedVolatility: 0.17 });

      expect(server.requestsTo('/v1beta1/options/snapshots/SPY')[0]?.query).toMatchObject({
        expiration_date: '2026-03-20',
        feed: 'indicative',
        limit: '1000',
      });
      const raw = chain.raw as { underlying: unknown; calls: unknown[]; puts: unknown[]; provider_raw: { snapshots: object } };
      expect(raw.underlying).toEqual({ symbol: 'SPY', spot: 601.25 });
      expect(raw.calls).toHaveLength(2);
      expect(raw.puts).toHaveLength(1);
      expect(Object.keys(raw.provider_raw.snapshots)).toHaveLength(3);
    });

    it('falls back to the last daily close for spot, and still returns the chain without bar access', async () => {
      server.data.snapshots['QQQ'] = { QQQ260320C00500000: { latestQuote: { t: '2026-03-10T14:00:00Z', bp: 9, ap: 9.2 } } };
      server.setAlways('/v1beta1/options/bars', { status: 403, body: { message: 'subscription does not permit querying recent OPRA data' } });
      const chain = await provider().getChain('QQQ', '2026-03-20', '2026-03-10');
      expect(chain.underlying.spot).toBe(503.5); // no QQQ trade (404) ⇒ close of 2026-03-09
      expect(chain.rows).toHaveLength(1);
      const warnings = (chain.raw as { provider_raw: { warnings: string[] } }).provider_raw.warnings;
      expect(warnings).toEqual([expect.stringMatching(/^option bars unavailable/), expect.stringMatching(/^latest trade unavailable/)]);
    });
  });

  describe('transport', () => {
    it('retries a 429 after its Retry-After', async () => {
      server.script('/v2/stocks/SPY/trades/latest', { status: 429, headers: { 'retry-after': '2' }, body: { message: 'too many requests' } });
      const p = provider();
      expect((await p.getQuote('SPY')).last).toBe(601.25);
      expect(sleeps).toContain(2000);
      expect(p.stats()).toMatchObject({ requests: 2, rateLimited: 1, errors: 0 });
    });

    it('retries a 429 without Retry-After after an exponential backoff with jitter', async () => {
      server.script('/v2/stocks/SPY/trades/latest', { status: 429, body: { message: 'too many requests' } }, { status: 429 });
      await provider().getQuote('SPY');
      // step 500 ms then 1000 ms; random 0.5 ⇒ 500/2 + 500/2·0.5 = 375, 1000/2 + 1000/2·0.5 = 750
      expect(sleeps.filter((ms) => ms >= 1)).toEqual([375, 750]);
    });

    it('retries 5xx answers', async () => {
      server.script('/v2/stocks/SPY/trades/latest', { status: 503 }, { status: 502, rawBody: '<html>bad gateway</html>' });
      const p = provider();
      expect((await p.getQuote('SPY')).last).toBe(601.25);
      expect(p.stats()).toMatchObject({ requests: 3, errors: 2 });
    });

    it('gives up on a persistent 429 with a RateLimitError', async () => {
      server.setAlways('/v2/stocks/SPY/trades/latest', { status: 429, headers: { 'retry-after': '1' } });
      const p = provider({ maxRetries: 2 });
      const err = await p.getQuote('SPY').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(RateLimitError);
      expect(err).toMatchObject({ status: 429, retryAfterMs: 1000 });
      expect(server.requestsTo('/v2/stocks/SPY/trades/latest')).toHaveLength(3);
      expect(p.stats().rateLimited).toBe(3);
    });

    it('does not sleep through a Retry-After longer than a minute', async () => {
      server.script('/v2/stocks/SPY/trades/latest', { status: 429, headers: { 'retry-after': '3600' } });
      await expect(provider().getQuote('SPY')).rejects.toMatchObject({ name: 'RateLimitError', retryAfterMs: 3_600_000 });
      expect(server.requestsTo('/v2/stocks/SPY/trades/latest')).toHaveLength(1);
    });

    it('gives up on persistent 5xx with a ProviderError carrying the status', async () => {
      server.setAlways('/v2/stocks/bars', { status: 500, body: { message: 'internal error' } });
      const err = await provider({ maxRetries: 1 }).getHistory('SPY', RAW).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ProviderError);
      expect(err).toMatchObject({ status: 500, message: 'GET /v2/stocks/bars failed with HTTP 500: internal error' });
    });

    it.each([
      [403, ForbiddenError],
      [402, ForbiddenError],
      [404, NotFoundError],
    ])('maps HTTP %i to %p without retrying', async (status, type) => {
      server.script('/v1beta1/options/bars', { status, body: { message: 'no access' } });
      const err = await provider()
        .getOptionBars({ contractSymbols: ['SPY260320C00600000'], start: '2026-03-09', end: '2026-03-10', interval: '1d' })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(type);
      expect(err).toMatchObject({ status });
      expect(server.requestsTo('/v1beta1/options/bars')).toHaveLength(1);
    });

    it('maps an unknown symbol to NotFoundError', async () => {
      await expect(provider().getQuote('NOPE')).rejects.toBeInstanceOf(NotFoundError);
    });

    it('reports malformed JSON as a ProviderError naming the path', async () => {
      server.script('/v2/options/contracts', { status: 200, rawBody: '{"option_contracts": [' });
      const err = await provider()
        .listContracts({ expirationGte: '2026-03-01', expirationLte: '2026-03-31', limit: 10 })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ProviderError);
      expect((err as Error).message).toMatch(/^GET \/v2\/options\/contracts returned malformed JSON/);
    });

    it('reports a payload of the wrong shape as a ProviderError naming the path', async () => {
      server.script('/v1beta1/options/snapshots/SPY', { body: { snapshots: ['not', 'a', 'map'] } });
      await expect(provider().getChain('SPY', '2026-03-20', '2026-03-10')).rejects.toThrow(
        'GET /v1beta1/options/snapshots/SPY returned an unexpected payload: snapshots is not an object',
      );
    });

    it('stops a pagination that repeats its token', async () => {
      const loop = { body: { bars: { SPY: [] }, next_page_token: 'same' } };
      server.script('/v2/stocks/bars', loop, loop);
      await expect(provider().getHistory('SPY', RAW)).rejects.toThrow('GET /v2/stocks/bars repeated page token same');
    });

    it('times out a slow response and, after the retries, throws ProviderTimeoutError', async () => {
      server.setAlways('/v2/stocks/SPY/trades/latest', { delayMs: 2000 });
      const p = provider({ timeoutMs: 50, maxRetries: 1 });
      const err = await p.getQuote('SPY').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ProviderTimeoutError);
      expect((err as Error).message).toBe('GET /v2/stocks/SPY/trades/latest timed out after 50 ms (2 attempts)');
      expect(p.stats()).toMatchObject({ requests: 2, timeouts: 2 });
    });

    it('recovers when only the first attempt is slow', async () => {
      server.script('/v2/stocks/SPY/trades/latest', { delayMs: 3000 });
      // Generous for the fast retry on a loaded machine; the slow first answer still times out.
      const p = provider({ timeoutMs: 1000 });
      expect((await p.getQuote('SPY')).last).toBe(601.25);
      expect(p.stats()).toMatchObject({ requests: 2, timeouts: 1 });
    });

    it('reports rejected credentials as an authentication ProviderError without the secret', async () => {
      const wrongSecret = 'sk-wrong-0123456789';
      const err = await provider({ secretKey: wrongSecret }).getQuote('SPY').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ProviderError);
      expect(err).not.toBeInstanceOf(ForbiddenError);
      expect(err).toMatchObject({ status: 401 });
      expect((err as Error).message).toMatch(/authentication failed/);
      expect((err as Error).message).not.toContain(wrongSecret);
    });

    it('redacts the secret even when the server echoes it back', async () => {
      server.script('/v2/stocks/SPY/trades/latest', { status: 400, body: { message: `bad key ${FAKE_SECRET}` } });
      const err = await provider().getQuote('SPY').catch((e: unknown) => e);
      expect((err as Error).message).toBe('GET /v2/stocks/SPY/trades/latest failed with HTTP 400: bad key ***');
    });

    it('keeps requests at most maxRequestsPerSecond apart (measured)', async () => {
      // 20 rps ⇒ ≥ 50 ms between request starts, so 6 requests span ≥ 250 ms (a little slack for timer granularity).
      const p = provider({ maxRequestsPerSecond: 20, sleep: undefined });
      for (let i = 0; i < 6; i++) await p.getQuote('SPY');
      const at = server.requestsTo('/v2/stocks/SPY/trades/latest').map((r) => r.at);
      expect(at).toHaveLength(6);
      expect((at[5] as number) - (at[0] as number)).toBeGreaterThanOrEqual(240);
      for (let i = 1; i < at.length; i++) expect((at[i] as number) - (at[i - 1] as number)).toBeGreaterThanOrEqual(40);
    });

    it('counts every request in the stats', async () => {
      const p = provider();
      await p.getQuote('SPY');
      await p.getHistory('SPY', RAW);
      const stats = p.stats();
      expect(stats).toMatchObject({ requests: 2, rateLimited: 0, timeouts: 0, errors: 0 });
      expect(stats.latencyP50Ms).not.toBeNull();
    });
  });
});
