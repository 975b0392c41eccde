import * as fs from 'node:fs';
import * as path from 'node:path';
import { EmbeddedLedgerAdapter } from '@options-helper/ledger-client';
import { tempDir } from '@options-helper/ledger/testing';
import { runCli } from '../testing/run-cli';

jest.setTimeout(180_000);

describe('options-helper flow with the csv provider (DOMAIN.md §4.2)', () => {
  let dir: string;
  beforeAll(() => (dir = tempDir('oh-cli-flow-csv-')));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('uses the provider deltas of the chain files for delta_notional', async () => {
    const file = path.join(dir, 'f.duckdb');
    const csvDir = path.join(dir, 'import');
    const write = (rel: string, lines: string[]) => {
      fs.mkdirSync(path.dirname(path.join(csvDir, rel)), { recursive: true });
      fs.writeFileSync(path.join(csvDir, rel), `${lines.join('\n')}\n`);
    };
    write('candles/SPY.csv', ['Date,Open,High,Low,Close,Volume', '2026-11-19,100,101,99,100,1000', '2026-11-20,100,103,100,102,1000']);
    const header = 'contractSymbol,optionType,expiry,strike,bid,ask,lastPrice,volume,openInterest,impliedVolatility,delta';
    write('chains/SPY/2026-11-19.csv', [header, 'SPY261218C00100000,call,2026-12-18,100,4.0,4.2,4.1,10,100,0.2,0.5', 'SPY261218P00100000,put,2026-12-18,100,2.0,2.2,2.1,5,80,0.21,-0.5']);
    write('chains/SPY/2026-11-20.csv', [header, 'SPY261218C00100000,call,2026-12-18,100,5.0,5.2,5.1,30,150,0.2,0.9', 'SPY261218P00100000,put,2026-12-18,100,1.5,1.7,1.6,12,60,0.21,-0.05']);
    fs.writeFileSync(path.join(dir, 'watchlists.json'), JSON.stringify({ watchlists: { monitor: ['SPY'] } }));
    const env = { OPTIONS_HELPER_WATCHLISTS_PATH: path.join(dir, 'watchlists.json'), OPTIONS_HELPER_DATA_DIR: dir };
    const csv = ['--provider', 'csv', '--csv-dir', csvDir, '--duckdb-path', file];
    for (const asOf of ['2026-11-19', '2026-11-20']) {
      const snap = await runCli([...csv, 'snapshot-options', '--watchlist', 'monitor', '--as-of', asOf], { env });
      expect([snap.code, snap.stderr]).toEqual([0, '']);
    }
    const flow = await runCli([...csv, 'flow', '--symbol', 'SPY', '--group-by', 'contract'], { env });
    expect(flow.code).toBe(0);
    expect(flow.stdout).toContain('SPY flow 2026-11-19 → 2026-11-20');

    const port = new EmbeddedLedgerAdapter({ path: file });
    try {
      const rows = (await port.query(`SELECT contract_symbol, delta_oi, delta_oi_notional, delta_notional FROM options_flow ORDER BY contract_symbol`)).rows;
      // Spot = the 2026-11-20 close 102. Call: ΔOI 150 − 100 = 50, provider delta 0.9 ⇒ 50 × 0.9 × 102 × 100 = 459,000
      // (ΔOI$ = 50 × 5.1 × 100 = 25,500). Put: ΔOI 60 − 80 = −20, delta −0.05 ⇒ −20 × −0.05 × 102 × 100 = 10,200.
      expect(rows.map((r) => r['contract_symbol'])).toEqual(['SPY261218C00100000', 'SPY261218P00100000']);
      expect(Number(rows[0]?.['delta_oi'])).toBe(50);
      expect(Number(rows[0]?.['delta_oi_notional'])).toBeCloseTo(25_500, 6);
      expect(Number(rows[0]?.['delta_notional'])).toBeCloseTo(459_000, 6);
      expect(Number(rows[1]?.['delta_notional'])).toBeCloseTo(10_200, 6);
    } finally {
      await port.close();
    }
  });
});
