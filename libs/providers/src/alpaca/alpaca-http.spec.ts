import { ProviderStatsRecorder } from '../provider-stats';
import { AlpacaHttpClient, backoffMs, parseRetryAfter } from './alpaca-http';
import { FAKE_KEY_ID, FAKE_SECRET, spyMarket } from './testing/alpaca-fixtures';
import { FakeAlpacaServer } from './testing/fake-alpaca.server';

describe('AlpacaHttpClient', () => {
  let server: FakeAlpacaServer;
  beforeEach(async () => {
    server = await FakeAlpacaServer.start({ keyId: FAKE_KEY_ID, secretKey: FAKE_SECRET, data: spyMarket() });
  });
  afterEach(() => server.close());

  it('spaces requests 1/rps apart on a fake clock that only sleeping advances', async () => {
    let now = 0;
    const starts: number[] = [];
    const client = new AlpacaHttpClient({
      keyId: FAKE_KEY_ID,
      secretKey: FAKE_SECRET,
      maxRequestsPerSecond: 3,
      maxRetries: 0,
      timeoutMs: 5000,
      monotonicNow: () => now,
      sleep: async (ms) => {
        now += ms;
      },
      random: () => 0,
      stats: new ProviderStatsRecorder(),
    });
    for (let i = 0; i < 4; i++) {
      await client.getJson(server.url, '/v2/stocks/SPY/trades/latest');
      starts.push(now);
    }
    // 3 rps on a one-token bucket: the first goes at once, then one every 333⅓ ms — never 4 within a second.
    expect(starts.map((t) => Math.round(t))).toEqual([0, 333, 667, 1000]);
  });

  it('leaves empty query values out of the URL', async () => {
    const client = new AlpacaHttpClient({
      keyId: FAKE_KEY_ID,
      secretKey: FAKE_SECRET,
      maxRequestsPerSecond: 100,
      maxRetries: 0,
      timeoutMs: 5000,
      sleep: async () => undefined,
      random: () => 0,
      stats: new ProviderStatsRecorder(),
    });
    await client.getJson(`${server.url}/`, '/v2/stocks/SPY/trades/latest', { feed: undefined, a: null, b: '', c: 0 });
    expect(server.requests[0]?.query).toEqual({ c: '0' });
  });
});

describe('backoffMs', () => {
  it('doubles per retry, jitters within the upper half of the step and is capped', () => {
    expect(backoffMs(0, () => 0)).toBe(250); // step 500 ⇒ [250, 500)
    expect(backoffMs(0, () => 0.999)).toBeCloseTo(499.75);
    expect(backoffMs(3, () => 0.5)).toBe(3000); // step 4000 ⇒ 2000 + 2000·0.5
    expect(backoffMs(20, () => 1)).toBe(30_000); // step capped at 30 s
  });
});

describe('parseRetryAfter', () => {
  it('reads delta-seconds and HTTP dates', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter('0.5')).toBe(500);
    const now = Date.parse('2026-03-10T15:00:00Z');
    expect(parseRetryAfter('Tue, 10 Mar 2026 15:00:07 GMT', now)).toBe(7000);
    expect(parseRetryAfter('Tue, 10 Mar 2026 14:00:00 GMT', now)).toBe(0);
  });

  it('returns null when absent or unreadable', () => {
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter(' ')).toBeNull();
    expect(parseRetryAfter('soon')).toBeNull();
  });
});
