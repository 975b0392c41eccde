import * as fs from 'node:fs';
import * as path from 'node:path';
import { Ledger } from '../ledger';
import { inspectDatabase, tempDir } from '../testing';

describe('market table writes', () => {
  let dir: string;
  let file: string;
  let ledger: Ledger;
  beforeEach(async () => {
    dir = tempDir();
    file = path.join(dir, 'm.duckdb');
    ledger = await Ledger.open({ path: file });
  });
  afterEach(async () => {
    await ledger.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const candle = (ts: string, close: number) => ({ symbol: 'SPY', interval: '1d', auto_adjust: true, back_adjust: false, ts, open: close - 1, high: close + 1, low: close - 2, close, volume: 1e6 });

  it('upserts candles on the primary key: a re-run adds no rows, the last value wins', async () => {
    expect(await ledger.writeRows('candles_daily', [candle('2026-11-23', 600), candle('2026-11-24', 601)])).toEqual({ table: 'candles_daily', rows_written: 2 });
    await ledger.writeRows('candles_daily', [candle('2026-11-24', 602), candle('2026-11-24', 603), candle('2026-11-23', 600)]);
    await ledger.close();
    const rows = await inspectDatabase(file, `SELECT strftime(ts, '%Y-%m-%d') AS d, close FROM candles_daily ORDER BY ts`);
    expect(rows).toEqual([{ d: '2026-11-23', close: 600 }, { d: '2026-11-24', close: 603 }]);
    ledger = await Ledger.open({ path: file });
  });

  it('refuses bad rows naming the row and column, and writes nothing of the request', async () => {
    await expect(ledger.writeRows('candles_daily', [candle('2026-11-23', 600), { ...candle('2026-11-24', 1), close: 'x' }])).rejects.toThrow(
      'rows[1].close: must be a finite number',
    );
    await expect(ledger.writeRows('candles_daily', [{ ...candle('2026-11-24', 1), bogus: 1 }])).rejects.toThrow('rows[0].bogus: is not a column of candles_daily');
    await expect(ledger.writeRows('candles_daily', [{ ...candle('2026-11-24', 1), ts: undefined }])).rejects.toThrow('rows[0].ts: is required');
    await expect(ledger.writeRows('candles_daily', [{ ...candle('2026-13-45', 1) }])).rejects.toThrow(/rows\[0\]\.ts: must be an ISO-8601/);
    await expect(ledger.writeRows('meta.ingestion_runs', [{}])).rejects.toThrow(/table: must be one of/);
    await expect(ledger.writeRows('__proto__', [{}])).rejects.toThrow(/table: must be one of/);
    expect((await ledger.info()).tables.find((t) => t.name === 'candles_daily')?.rows).toBe(0);
  });

  it('writes option contracts, bars and derived rows with their types', async () => {
    await ledger.writeRows('option_contracts', [{ contract_symbol: 'SPY261218C00600000', underlying: 'SPY', expiry: '2026-12-18', option_type: 'call', strike: 600, multiplier: 100, provider: 'synthetic' }]);
    await ledger.writeRows('option_bars', [{ contract_symbol: 'SPY261218C00600000', interval: '1d', ts: '2026-11-24', close: 12.5, trade_count: 40, provider: 'synthetic' }]);
    await ledger.writeRows('derived_daily', [{ symbol: 'SPY', date: '2026-11-24', spot: 601.2, atm_iv_near: 0.18 }]);
    await expect(ledger.writeRows('derived_daily', [{ symbol: 'SPY', date: '24/11/2026', spot: 1 }])).rejects.toThrow('rows[0].date: must be a date YYYY-MM-DD');
    await ledger.close();
    expect(await inspectDatabase(file, 'SELECT CAST(strike AS VARCHAR) AS s, multiplier FROM option_contracts')).toEqual([{ s: '600.000', multiplier: 100 }]);
    expect(await inspectDatabase(file, 'SELECT trade_count, updated_at IS NOT NULL AS stamped FROM option_bars')).toEqual([{ trade_count: 40n, stamped: true }]);
    expect(await inspectDatabase(file, 'SELECT spot, atm_iv_near, rv_20d FROM derived_daily')).toEqual([{ spot: 601.2, atm_iv_near: 0.18, rv_20d: null }]);
    ledger = await Ledger.open({ path: file });
  });
});
