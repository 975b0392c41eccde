import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SnapshotRowInput } from '@options-helper/domain';
import { Ledger } from '../ledger';
import { tempDir } from '../testing';

describe('market writes (DOMAIN.md §1.7)', () => {
  let dir: string;
  let file: string;
  let ledger: Ledger;
  let now = new Date('2026-11-25T22:00:00Z');
  beforeEach(async () => {
    dir = tempDir();
    file = path.join(dir, 'm.duckdb');
    ledger = await Ledger.open({ path: file, clock: () => now });
  });
  afterEach(async () => {
    await ledger.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const q = async (sql: string) => ledger.db.read(async (c) => (await c.runAndReadAll(sql)).getRowObjectsJson());

  const candle = (ts: string, close: number) => ({ ts, open: close, high: close + 1, low: close - 1, close, volume: 1000 });

  it('upserts candles and their meta; the full-history flag is sticky; coverage and closes read back', async () => {
    await ledger.writeCandles({ symbol: ' spy ', rows: [candle('2026-11-23', 600), candle('2026-11-24', 601)], max_backfill_complete: true });
    now = new Date('2026-11-26T22:00:00Z');
    await ledger.writeCandles({ symbol: 'SPY', rows: [candle('2026-11-24', 602), candle('2026-11-25', 603)] });
    expect(await ledger.candleCoverage('spy')).toEqual({ symbol: 'SPY', rows: 3, first_ts: '2026-11-23', last_ts: '2026-11-25', max_backfill_complete: true });
    expect(await ledger.candleCloses('SPY', '2026-11-24')).toEqual([{ ts: '2026-11-24', close: 602 }, { ts: '2026-11-25', close: 603 }]);
    expect(await q(`SELECT rows, strftime(start_ts, '%Y-%m-%d') s, strftime(end_ts, '%Y-%m-%d') e, max_backfill_complete f FROM candles_meta`)).toEqual([
      { rows: '2', s: '2026-11-24', e: '2026-11-25', f: true },
    ]);
    expect(await ledger.candleCoverage('AAPL')).toEqual({ symbol: 'AAPL', rows: 0, first_ts: null, last_ts: null, max_backfill_complete: false });
    await expect(ledger.writeCandles({ symbol: 'SPY', rows: [{ ...candle('2026-11-26', 1), close: Number.NaN }] })).rejects.toThrow('rows[0].close: must be a finite number');
  });

  const row = (contract: string, osi: string | null, bid: number): SnapshotRowInput => ({
    contract_symbol: contract, osi, option_type: 'call', expiry: '2026-12-18', strike: 600, bid, ask: bid + 0.1, last_price: bid, volume: 10,
    open_interest: 100, in_the_money: false, implied_volatility: 0.2, iv_source: 'provider', bs_price: bid, delta: 0.5, gamma: 0.01,
    theta_per_day: -0.1, vega: 0.5, greeks_source: 'black_scholes',
  });
  const header = { symbol: 'SPY', snapshot_date: '2026-11-25', provider: 'synthetic', spot: 600, risk_free_rate: 0, missing_bid_ask_count: 0,
    missing_bid_ask_pct: 0, spread_pct_median: 0.01, spread_pct_worst: 0.05, stale_quotes: 0, stale_pct: 0, meta_json: { full_chain: true } };

  it('replaces a snapshot day whole, de-duplicating rows by osi (last wins)', async () => {
    const first = await ledger.saveSnapshot({ header, rows: [row('SPY261218C00600000', 'SPY261218C00600000', 1), row('SPY 261218C00600000', 'SPY261218C00600000', 2), row('X1', null, 3), row('X1', null, 4)] });
    expect(first).toEqual({ symbol: 'SPY', snapshot_date: '2026-11-25', provider: 'synthetic', contracts: 2 });
    expect(await q(`SELECT contract_symbol, bid FROM options_snapshot_rows ORDER BY 1`)).toEqual([{ contract_symbol: 'SPY 261218C00600000', bid: 2 }, { contract_symbol: 'X1', bid: 4 }]);
    await ledger.saveSnapshot({ header: { ...header, spot: 601 }, rows: [row('SPY261218C00600000', 'SPY261218C00600000', 5)] });
    expect(await q(`SELECT count(*) n FROM options_snapshot_rows`)).toEqual([{ n: '1' }]);
    expect(await q(`SELECT spot, contracts, meta_json FROM options_snapshot_headers`)).toEqual([{ spot: 601, contracts: '1', meta_json: '{"full_chain":true}' }]);
    await expect(ledger.saveSnapshot({ header: { ...header, spot: 0 }, rows: [] })).rejects.toThrow('header.spot: must be a number > 0');
    await expect(ledger.saveSnapshot({ header, rows: [{ ...row('A', null, 1), bid: 'x' as never }] })).rejects.toThrow('rows[0].bid: must be a finite number');
    expect(await q(`SELECT spot FROM options_snapshot_headers`)).toEqual([{ spot: 601 }]);
  });

  it('normalises contracts and records point-in-time OI only when known', async () => {
    const result = await ledger.upsertContracts({
      provider: 'Synthetic', as_of_date: '2026-11-25',
      contracts: [
        { contract_symbol: ' SPY261218C00600000 ', underlying: 'spy', expiry: '2026-12-18', option_type: 'CALL' as never, strike: 600, multiplier: 100, open_interest: 1234 },
        { contract_symbol: 'SPY261218P00600000', underlying: 'SPY', expiry: '2026-12-18', option_type: 'put', strike: 600 },
      ],
    });
    expect(result).toEqual({ contracts: 2, snapshots: 1 });
    expect(await q(`SELECT contract_symbol, underlying, option_type, provider FROM option_contracts ORDER BY 1`)).toEqual([
      { contract_symbol: 'SPY261218C00600000', underlying: 'SPY', option_type: 'call', provider: 'synthetic' },
      { contract_symbol: 'SPY261218P00600000', underlying: 'SPY', option_type: 'put', provider: 'synthetic' },
    ]);
    expect(await q(`SELECT open_interest, strftime(as_of_date, '%Y-%m-%d') d FROM option_contract_snapshots`)).toEqual([{ open_interest: '1234', d: '2026-11-25' }]);
  });

  it('writes option bars with success and error meta in one batch, merging coverage', async () => {
    const c = 'SPY261218C00600000';
    const bar = (ts: string) => ({ contract_symbol: c, ts, open: 1, high: 2, low: 0.5, close: 1.5, volume: 10 });
    await ledger.writeOptionBars({ provider: 'synthetic', bars: [bar('2026-11-20'), bar('2026-11-23'), bar('2026-11-23')], success: [c], errors: [{ contract_symbol: 'BAD', status: 'not_found', error: 'no bars returned' }] });
    now = new Date('2026-11-26T22:00:00Z');
    await ledger.writeOptionBars({ provider: 'synthetic', bars: [bar('2026-11-24')], success: [c], errors: [{ contract_symbol: 'BAD', status: 'error', error: 'timeout' }] });
    const meta = await ledger.optionBarsMeta('synthetic', [c, 'BAD', 'UNKNOWN']);
    expect(meta.map((m) => [m.contract_symbol, m.status, m.rows, m.start_ts, m.end_ts, m.error_count, m.last_error])).toEqual([
      ['BAD', 'error', 0, null, null, 2, 'timeout'],
      [c, 'ok', 2, '2026-11-20T00:00:00.000Z', '2026-11-24T00:00:00.000Z', 0, null],
    ]);
    expect(await q(`SELECT count(*) n FROM option_bars`)).toEqual([{ n: '3' }]);
    await ledger.writeOptionBars({ provider: 'synthetic', bars: [], success: ['BAD'], errors: [] });
    expect((await ledger.optionBarsMeta('synthetic', ['BAD']))[0]).toMatchObject({ status: 'ok', error_count: 0, last_error: null });
  });
});
