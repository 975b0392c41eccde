import { Harness, jobHarness } from '../testing/job-harness';
import { CsvProvider } from '@options-helper/providers';
import { ingestOptionsBars, OPTIONS_BARS_CAPABILITY_MESSAGE, parseFlexibleDate } from './ingest-options-bars.job';

jest.setTimeout(120_000);

describe('ingest_options_bars', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await jobHarness({ watchlists: { positions: ['SPY'] } });
  });
  afterEach(() => h.cleanup());

  it('discovers contracts, fetches their bars with meta, and a second run the same day fetches nothing', async () => {
    const result = await ingestOptionsBars(h.ctx, { symbols: ['SPY'], maxExpiries: 2, maxContracts: 40, contractsExpStart: '2026-01-01' });
    expect(result.exitCode).toBe(0);
    const contracts = await h.sql(`SELECT count(*) AS n FROM option_contracts WHERE underlying = 'SPY'`);
    expect(Number(contracts[0]?.['n'])).toBeGreaterThan(0);
    const meta = await h.sql(`SELECT status, count(*) AS n FROM option_bars_meta GROUP BY status`);
    expect(meta.find((m) => m['status'] === 'ok')).toBeTruthy();
    const bars = await h.sql(`SELECT count(*) AS n, count(DISTINCT contract_symbol) AS c FROM option_bars`);
    expect(Number(bars[0]?.['n'])).toBeGreaterThan(0);
    const events = await h.ledger.listRunEvents(result.runId);
    expect(events.map((e) => [e.asset_key, e.partition_key, e.status])).toEqual([
      ['option_bars', 'ALL', 'success'],
      ['option_contracts', 'SPY', 'success'],
    ]);
    expect(events.find((e) => e.asset_key === 'option_bars')?.extra_json).toMatchObject({ error_contracts: 0 });
    const marks = (await h.ledger.health()).watermarks.map((w) => [w.asset_key, w.scope_key]).sort();
    expect(marks).toEqual([
      ['option_bars', 'ALL'],
      ['option_contracts', 'ALL'],
    ]);

    const again = await ingestOptionsBars(h.ctx, { symbols: ['SPY'], maxExpiries: 2, maxContracts: 40, contractsExpStart: '2026-01-01' });
    const extra = (await h.ledger.listRunEvents(again.runId)).find((e) => e.asset_key === 'option_bars')?.extra_json as Record<string, number>;
    expect(extra['requests_attempted']).toBe(0);
    expect(extra['skipped_contracts']).toBeGreaterThan(0);
  });

  it('plans only with --dry-run and writes no bars', async () => {
    const result = await ingestOptionsBars(h.ctx, { symbols: ['SPY'], maxExpiries: 1, maxContracts: 10, contractsExpStart: '2026-01-01', dryRun: true });
    const events = await h.ledger.listRunEvents(result.runId);
    expect(events.find((e) => e.asset_key === 'option_bars')).toMatchObject({ status: 'skipped', extra_json: { reason: 'dry_run' } });
    expect(await h.sql('SELECT count(*) AS n FROM option_bars')).toEqual([{ n: 0 }]);
    expect(await h.sql('SELECT count(*) AS n FROM option_contracts')).toEqual([{ n: 0 }]);
  });

  it('refuses a provider without contracts and bars, and odd dates', async () => {
    const csv = new CsvProvider({ dir: h.dir });
    expect(() => ingestOptionsBars({ ...h.ctx, provider: csv }, { symbols: ['SPY'] })).toThrow(OPTIONS_BARS_CAPABILITY_MESSAGE);
    expect(parseFlexibleDate('11/25/26', '--x')).toBe('2026-11-25');
    expect(parseFlexibleDate('1/5/2026', '--x')).toBe('2026-01-05');
    expect(() => parseFlexibleDate('2026-13-01', '--contracts-exp-end')).toThrow('--contracts-exp-end must be YYYY-MM-DD, MM/DD/YYYY or MM/DD/YY');
  });
});
