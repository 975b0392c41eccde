import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { nyseCalendar } from '@options-helper/domain';
import { createProvider } from '@options-helper/providers';
import { inProcessChecks } from '../checks/checks-runner';
import { ingestCandles } from '../ingest-candles/ingest-candles.job';
import { snapshotOptions } from '../snapshot-options/snapshot-options.job';
import { Harness, jobHarness } from '../testing/job-harness';
import { computeDerived, computeDerivedSelection, derivedHistory } from './compute-derived.job';

jest.setTimeout(180_000);

describe('compute_derived (DOMAIN.md §3.5, §5.2)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await jobHarness({ watchlists: { monitor: ['SPY'] } });
    h.ctx.checks = inProcessChecks;
    await ingestCandles(h.ctx, { symbols: ['SPY'] });
    for (const asOf of ['2026-11-24', '2026-11-25']) await snapshotOptions(h.ctx, { watchlists: ['monitor'], asOf, maxExpiries: 4 });
  });
  afterAll(() => h.cleanup());

  const rows = () => h.sql(`SELECT symbol, strftime(date, '%Y-%m-%d') AS date, spot, pc_oi, call_wall, put_wall, atm_iv_near, em_near_pct, rv_20d, rv_60d, iv_rv_20d, atm_iv_near_percentile, iv_term_slope FROM derived_daily ORDER BY date`);

  it('writes exactly one row per (symbol, date) with rv_20d once 21 sessions of candles exist; a re-run changes nothing', async () => {
    const result = await computeDerived(h.ctx, { symbols: ['spy'], asOf: 'latest' });
    expect(result.outcomes).toMatchObject([{ symbol: 'SPY', status: 'ok', dataDate: '2026-11-25', rows: 1 }]);
    expect(result.details['updated']).toEqual(['Derived updated: SPY 2026-11-25']);
    expect(result.checks).toMatchObject([{ check_name: 'derived_no_duplicate_keys', status: 'pass', scope_key: 'SPY' }]);
    const first = await rows();
    expect(first).toHaveLength(1);
    const row = first[0] as Record<string, unknown>;
    expect(row['spot']).toBeGreaterThan(0);
    for (const col of ['pc_oi', 'call_wall', 'put_wall', 'atm_iv_near', 'em_near_pct', 'rv_20d', 'rv_60d', 'iv_rv_20d', 'iv_term_slope']) expect([col, row[col]]).not.toEqual([col, null]);
    expect(row['atm_iv_near_percentile']).toBe(100);
    expect(Number(row['iv_rv_20d'])).toBeCloseTo(Number(row['atm_iv_near']) / Number(row['rv_20d']), 10);

    await computeDerived(h.ctx, { symbols: ['SPY'], asOf: 'latest' });
    expect(await rows()).toEqual(first);

    await computeDerived(h.ctx, { symbols: ['SPY'], asOf: '2026-11-24' });
    const both = await rows();
    expect(both.map((r) => r['date'])).toEqual(['2026-11-24', '2026-11-25']);
    expect((await derivedHistory(h.ctx, 'spy', 1)).map((r) => r.date)).toEqual(['2026-11-25']);
    const marks = (await h.ledger.health()).watermarks.filter((w) => w.asset_key === 'derived_daily').map((w) => [w.scope_key, w.watermark_ts.slice(0, 10)]);
    expect(marks.sort()).toEqual([['ALL', '2026-11-25'], ['SPY', '2026-11-25']]);
  });

  it('skips a date without a snapshot and refuses a bad --as-of', async () => {
    const result = await computeDerived(h.ctx, { symbols: ['SPY', 'QQQ'], asOf: '2026-11-20' });
    expect(result.outcomes.map((o) => [o.symbol, o.status, o.reason])).toEqual([
      ['QQQ', 'skipped', 'no_snapshot_for_date'],
      ['SPY', 'skipped', 'no_snapshot_for_date'],
    ]);
    expect(() => computeDerived(h.ctx, { symbols: ['SPY'], asOf: 'yesterday' as never })).toThrow('--as-of must be latest or YYYY-MM-DD');
  });
});

describe('compute_derived: rv_20d needs 21 sessions of candles (DOMAIN.md §5.2)', () => {
  let h: Harness;
  let csvDir: string;
  // 21 sessions ending 2026-11-20: on the 20th there are only 19 returns, on the 21st there are 20.
  const sessions = nyseCalendar.sessionsBetween('2026-10-01', '2026-11-20').slice(-21);
  beforeAll(async () => {
    csvDir = fs.mkdtempSync(path.join(os.tmpdir(), 'oh-derived-csv-'));
    const candles = ['Date,Open,High,Low,Close,Volume', ...sessions.map((d, i) => `${d},100,102,99,${100 + (i % 3)},1000`)];
    fs.mkdirSync(path.join(csvDir, 'candles'), { recursive: true });
    fs.writeFileSync(path.join(csvDir, 'candles', 'SPY.csv'), `${candles.join('\n')}\n`);
    const header = 'contractSymbol,optionType,expiry,strike,bid,ask,lastPrice,volume,openInterest,impliedVolatility';
    fs.mkdirSync(path.join(csvDir, 'chains', 'SPY'), { recursive: true });
    for (const d of sessions.slice(-2)) {
      fs.writeFileSync(path.join(csvDir, 'chains', 'SPY', `${d}.csv`), [header, 'SPY261218C00100000,call,2026-12-18,100,4,4.2,4.1,10,100,0.2', 'SPY261218P00100000,put,2026-12-18,100,3,3.2,3.1,5,80,0.21'].join('\n'));
    }
    h = await jobHarness({ provider: createProvider('csv', { csvDir }), watchlists: { monitor: ['SPY'] } });
    await ingestCandles(h.ctx, { symbols: ['SPY'] });
    for (const d of sessions.slice(-2)) expect((await snapshotOptions(h.ctx, { watchlists: ['monitor'], asOf: d })).summary).toMatch(/^1 ok/);
  });
  afterAll(async () => {
    await h.cleanup();
    fs.rmSync(csvDir, { recursive: true, force: true });
  });

  it('is null with 20 sessions and present with 21; the default selection is positions + monitor', async () => {
    await computeDerived(h.ctx, { symbols: ['SPY'], asOf: sessions[19] as string });
    const result = await computeDerivedSelection(h.ctx, { asOf: sessions[20] as string });
    expect(result.outcomes).toMatchObject([{ symbol: 'SPY', status: 'ok' }]);
    expect(result.warnings).toContain(`Watchlist 'positions' is empty or missing in ${h.ctx.paths.watchlists}`);
    const rows = await h.sql(`SELECT strftime(date, '%Y-%m-%d') AS date, rv_20d FROM derived_daily ORDER BY date`);
    expect(rows.map((r) => [r['date'], r['rv_20d'] === null])).toEqual([[sessions[19], true], [sessions[20], false]]);
    expect(Number(rows[1]?.['rv_20d'])).toBeGreaterThan(0);
  });
});
