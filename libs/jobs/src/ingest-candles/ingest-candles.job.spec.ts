import { nyseCalendar } from '@options-helper/domain';
import { Harness, jobHarness } from '../testing/job-harness';
import { ingestCandles } from './ingest-candles.job';

jest.setTimeout(60_000);

describe('ingest_candles', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await jobHarness({ watchlists: { positions: ['SPY'], monitor: ['AAPL', 'msft'] } });
  });
  afterEach(() => h.cleanup());

  it('stores at least a year of session-only rows per symbol, one event each and watermarks at the last session; a re-run adds nothing', async () => {
    const result = await ingestCandles(h.ctx, { symbols: ['SPY', 'AAPL'] });
    expect(result.exitCode).toBe(0);
    expect(result.summary).toMatch(/^2 ok, 0 skipped, 0 failed/);
    const counts = await h.sql(`SELECT symbol, count(*) AS n, min(ts) AS first, max(strftime(ts, '%Y-%m-%d')) AS last FROM candles_daily GROUP BY symbol ORDER BY symbol`);
    expect(counts.map((r) => r['symbol'])).toEqual(['AAPL', 'SPY']);
    for (const r of counts) {
      expect(Number(r['n'])).toBeGreaterThan(252);
      expect(r['last']).toBe('2026-11-25');
    }
    const dates = (await h.sql(`SELECT DISTINCT strftime(ts, '%Y-%m-%d') AS d FROM candles_daily`)).map((r) => String(r['d']));
    expect(dates.filter((d) => !nyseCalendar.isSession(d))).toEqual([]);

    const run = await h.ledger.getRun(result.runId);
    expect(run).toMatchObject({ status: 'success', job_name: 'ingest_candles', triggered_by: 'cli', provider: 'synthetic' });
    expect(run?.args_json).toMatchObject({ symbols: ['AAPL', 'SPY'] });
    const events = await h.ledger.listRunEvents(result.runId);
    expect(events.map((e) => [e.asset_key, e.partition_key, e.status])).toEqual([
      ['candles_daily', 'AAPL', 'success'],
      ['candles_daily', 'SPY', 'success'],
    ]);
    const marks = (await h.ledger.health()).watermarks.map((w) => [w.scope_key, w.watermark_ts]).sort();
    expect(marks).toEqual([
      ['AAPL', '2026-11-25T00:00:00.000Z'],
      ['ALL', '2026-11-25T00:00:00.000Z'],
      ['SPY', '2026-11-25T00:00:00.000Z'],
    ]);
    const total = Number((await h.sql('SELECT count(*) AS n FROM candles_daily'))[0]?.['n']);
    const again = await ingestCandles(h.ctx, { symbols: ['SPY', 'AAPL'] });
    expect(again.exitCode).toBe(0);
    expect((await h.ledger.getRun(again.runId))?.status).toBe('success');
    expect(Number((await h.sql('SELECT count(*) AS n FROM candles_daily'))[0]?.['n'])).toBe(total);
  });

  it('uses the default watchlists, normalised, and records a provider failure per symbol without failing the run', async () => {
    const failing = Object.create(h.ctx.provider) as typeof h.ctx.provider;
    failing.getHistory = async (symbol, q) => {
      if (symbol === 'MSFT') throw new Error('upstream 500');
      return h.ctx.provider.getHistory(symbol, q);
    };
    const result = await ingestCandles({ ...h.ctx, provider: failing }, {});
    expect(result.outcomes.map((o) => [o.symbol, o.status])).toEqual([
      ['AAPL', 'ok'],
      ['MSFT', 'failed'],
      ['SPY', 'ok'],
    ]);
    expect(result.exitCode).toBe(0);
    const events = await h.ledger.listRunEvents(result.runId);
    expect(events.find((e) => e.partition_key === 'MSFT')).toMatchObject({ status: 'failed', extra_json: { error: 'upstream 500', error_type: 'Error' } });
    expect((await h.ledger.getRun(result.runId))?.status).toBe('success');
  });

  it('records one skipped event at ALL when no symbol resolves', async () => {
    const result = await ingestCandles(h.ctx, { watchlists: ['nope'] });
    expect(result.outcomes).toEqual([]);
    expect(result.warnings.join('\n')).toContain("Watchlist 'nope' is empty or missing in");
    expect(await h.ledger.listRunEvents(result.runId)).toMatchObject([{ asset_key: 'candles_daily', partition_key: 'ALL', status: 'skipped', extra_json: { reason: 'no_symbols' } }]);
  });
});
