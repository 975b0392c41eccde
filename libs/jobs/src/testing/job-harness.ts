import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { nyseCalendar } from '@options-helper/domain';
import { EmbeddedLedgerAdapter, LedgerPort } from '@options-helper/ledger-client';
import { MarketDataProvider, SyntheticProvider } from '@options-helper/providers';
import type { JobContext } from '../runner/job.types';

export interface Harness {
  ctx: JobContext;
  ledger: LedgerPort;
  dir: string;
  /** Rows of a read-only query against the harness ledger. */
  sql(query: string, params?: (string | number | boolean | null)[]): Promise<Record<string, unknown>[]>;
  cleanup(): Promise<void>;
}

/** A job context on a temporary embedded ledger and the synthetic provider with a fixed clock. */
export async function jobHarness(options: { now?: Date; provider?: MarketDataProvider; watchlists?: Record<string, string[]>; portfolio?: unknown; ledger?: LedgerPort } = {}): Promise<Harness> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oh-jobs-'));
  const now = options.now ?? new Date('2026-11-25T23:00:00Z');
  const watchlists = path.join(dir, 'watchlists.json');
  const portfolio = path.join(dir, 'portfolio.json');
  if (options.watchlists) fs.writeFileSync(watchlists, JSON.stringify({ watchlists: options.watchlists }));
  if (options.portfolio) fs.writeFileSync(portfolio, JSON.stringify(options.portfolio));
  const ledger = options.ledger ?? new EmbeddedLedgerAdapter({ path: path.join(dir, 'ledger.duckdb') });
  const ctx: JobContext = {
    ledger,
    provider: options.provider ?? new SyntheticProvider({ seed: 42, now: () => now }),
    now: () => now,
    calendar: nyseCalendar,
    triggeredBy: 'cli',
    timeZone: 'America/Chicago',
    paths: { dataDir: dir, watchlists, portfolio },
    sleep: async () => undefined,
  };
  return {
    ctx,
    ledger,
    dir,
    sql: async (query, params) => (await ledger.query(query, { params, maxRows: 10_000 })).rows,
    cleanup: async () => {
      await ledger.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
