import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_PARTITION_START, DEFAULT_RETRY_POLICY, DEFAULT_SCHEDULE_CRON, DEFAULT_SCHEDULE_TIME_ZONE, demoPortfolio, IsoDate, nyseCalendar } from '@options-helper/domain';
import { HttpLedgerAdapter, LedgerPort } from '@options-helper/ledger-client';
import type { OrchestratorConfig } from '../orchestrator.config';

/** A data folder with a one-position portfolio and two small watchlists (keeps graph runs quick in tests). */
export function writeSmallDataDir(dir: string, today: IsoDate, symbols: { positions: string[]; monitor: string[] } = { positions: ['SPY'], monitor: ['QQQ'] }): { portfolio: string; watchlists: string } {
  const demo = demoPortfolio(today);
  const portfolio = { ...demo, positions: demo.positions.filter((p) => symbols.positions.includes(p.symbol)) };
  const files = { portfolio: path.join(dir, 'portfolio.json'), watchlists: path.join(dir, 'watchlists.json') };
  fs.writeFileSync(files.portfolio, JSON.stringify(portfolio, null, 2));
  fs.writeFileSync(files.watchlists, JSON.stringify({ watchlists: symbols }, null, 2));
  return files;
}

/** Polls until `probe` returns a value (bounded in time). */
export async function eventually<T>(probe: () => Promise<T | null | undefined>, timeoutMs: number, what: string, everyMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => null);
    if (value !== null && value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Waits for a run to leave `started`. */
export function finishedRun(ledger: LedgerPort, runId: string, timeoutMs = 120_000) {
  return eventually(async () => {
    const run = await ledger.getRun(runId);
    return run && run.status !== 'started' ? run : null;
  }, timeoutMs, `run ${runId}`);
}

/** A configuration that contacts nothing until used (for rendering the OpenAPI document). */
export function offlineOrchestratorConfig(): OrchestratorConfig {
  const ledgerUrl = 'http://127.0.0.1:9';
  return {
    ledger: new HttpLedgerAdapter({ baseUrl: ledgerUrl }),
    ledgerUrl,
    services: { ingest: 'http://127.0.0.1:9', compute: 'http://127.0.0.1:9' },
    calendar: nyseCalendar,
    schedule: { enabled: false, cron: DEFAULT_SCHEDULE_CRON, timeZone: DEFAULT_SCHEDULE_TIME_ZONE, delayMinutes: 15 },
    retry: DEFAULT_RETRY_POLICY,
    partitionStart: DEFAULT_PARTITION_START,
    pollMs: 50,
    lostAfterMs: 5000,
    jobTimeoutMs: 3_600_000,
    resumeOnStart: false,
  };
}
