import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { nyseCalendar } from '@options-helper/domain';
import { httpChecksHook, ingestCandles, JobContext } from '@options-helper/jobs';
import { EmbeddedLedgerAdapter } from '@options-helper/ledger-client';
import { SyntheticProvider } from '@options-helper/providers';
import { createChecksApp } from './checks.app';

jest.setTimeout(120_000);

describe('checks service', () => {
  let dir: string;
  let ledger: EmbeddedLedgerAdapter;
  let app: INestApplication;
  let url: string;
  const now = new Date('2026-11-25T23:00:00Z');
  const provider = new SyntheticProvider({ seed: 42, now: () => now, faults: { missing_sessions: { SPY: ['2026-11-20'] } } });

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oh-checks-'));
    ledger = new EmbeddedLedgerAdapter({ path: path.join(dir, 'c.duckdb') });
    app = await createChecksApp({ ledger, provider }, 'silent');
    await app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(app.getHttpServer().address() as net.AddressInfo).port}`;
  });
  afterAll(async () => {
    await app.close();
    await ledger.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('runs the checks of a job through the HTTP hook; the job persists them with its run', async () => {
    const ctx: JobContext = {
      ledger, provider, now: () => now, calendar: nyseCalendar, triggeredBy: 'api', timeZone: 'America/Chicago',
      paths: { dataDir: dir, watchlists: path.join(dir, 'w.json'), portfolio: path.join(dir, 'p.json') },
      checks: httpChecksHook(url),
    };
    const result = await ingestCandles(ctx, { symbols: ['SPY'] });
    expect(result.checks.map((c) => [c.check_name, c.status])).toEqual([
      ['candles_unique_symbol_date', 'pass'],
      ['candles_monotonic_date', 'pass'],
      ['candles_no_negative_prices', 'pass'],
      ['candles_gap_days_last_30', 'fail'],
    ]);
    const failed = (await ledger.health()).recent_failed_checks;
    expect(failed).toMatchObject([{ check_name: 'candles_gap_days_last_30', partition_key: 'SPY', run_id: result.runId, metrics_json: { gap_days: 1 } }]);
  });

  it('runs and persists checks on request, and validates the body', async () => {
    const res = await fetch(`${url}/api/v1/checks/runs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ asset_key: 'candles_daily', partitions: ['SPY'] }) });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { results: unknown[]; check_ids: string[] };
    expect(body.results).toHaveLength(4);
    expect(body.check_ids).toHaveLength(4);
    const bad = await fetch(`${url}/api/v1/checks/runs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ asset_key: 'prices' }) });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('asset_key must be one of the following values: candles_daily, option_bars, options_snapshots, options_flow, derived_daily');
    expect((await fetch(`${url}/health/ready`)).status).toBe(200);
  });
});
