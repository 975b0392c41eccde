import * as fs from 'node:fs';
import * as path from 'node:path';
import { demoPortfolio, demoWatchlists, nyseCalendar, type IsoDate } from '@options-helper/domain';
import { HttpLedgerAdapter } from '@options-helper/ledger-client';
import { buildBriefing, computeDerived, computeFlow, inProcessChecks, ingestCandles, snapshotOptions, type JobContext } from '@options-helper/jobs';
import { SyntheticProvider } from '@options-helper/providers';

// Fills a running ledger the way a user's first days would: the real producer jobs with the synthetic provider,
// writing over HTTP. A second provider with injected faults gives the Health page failures and failed checks.

export interface PipelineFiles {
  dataDir: string;
  portfolio: string;
  watchlists: string;
}

export function writeDemoFiles(dataDir: string, today: IsoDate): PipelineFiles {
  fs.mkdirSync(dataDir, { recursive: true });
  const portfolio = path.join(dataDir, 'portfolio.json');
  const watchlists = path.join(dataDir, 'watchlists.json');
  fs.writeFileSync(portfolio, JSON.stringify(demoPortfolio(today), null, 2));
  // A small monitor list keeps the run short; positions are the demo portfolio's symbols.
  fs.writeFileSync(watchlists, JSON.stringify({ watchlists: { positions: demoWatchlists().positions, monitor: ['IWM'] } }, null, 2));
  return { dataDir, portfolio, watchlists };
}

export interface PipelineResult {
  sessions: IsoDate[];
  symbols: string[];
}

export async function runSyntheticPipeline(ledgerUrl: string, files: PipelineFiles, now = new Date()): Promise<PipelineResult> {
  const ledger = new HttpLedgerAdapter({ baseUrl: ledgerUrl });
  const context = (faults?: Record<string, unknown>): JobContext => ({
    ledger,
    provider: new SyntheticProvider({ seed: 42, now: () => now, faults }),
    now: () => now,
    calendar: nyseCalendar,
    triggeredBy: 'cli',
    timeZone: 'America/Chicago',
    paths: { dataDir: files.dataDir, watchlists: files.watchlists, portfolio: files.portfolio },
    checks: inProcessChecks,
    sleep: async () => undefined,
  });
  const ctx = context();
  const last = nyseCalendar.lastCompletedSession(now);
  const sessions: IsoDate[] = [last];
  while (sessions.length < 4) sessions.unshift(nyseCalendar.previousSession(sessions[0]));

  const expect = (what: string, r: { exitCode: number; summary: string }) => {
    if (r.exitCode !== 0) throw new Error(`${what} failed: ${r.summary}`);
  };
  expect('ingest candles', await ingestCandles(ctx, { watchlists: ['positions', 'monitor'] }));
  for (const asOf of sessions) {
    expect(`snapshot ${asOf}`, await snapshotOptions(ctx, { portfolioPath: files.portfolio, asOf, allExpiries: false }));
  }
  const symbols = demoWatchlists().positions;
  for (const asOf of sessions.slice(1)) {
    expect(`flow ${asOf}`, await computeFlow(ctx, { symbols, window: 1, groupBy: 'expiry-strike', asOf }));
    expect(`derived ${asOf}`, await computeDerived(ctx, { symbols, asOf }));
  }
  expect('flow contract', await computeFlow(ctx, { symbols: ['SPY'], window: 1, groupBy: 'contract' }));
  expect('briefing', await buildBriefing(ctx, { portfolioPath: files.portfolio, asOf: 'latest' }));

  // Faults, inside a daily-graph style parent run: a provider error fails every symbol of a child candles run
  // (AssetMaterializationError, twice: a recurring failure), missing IVs fail a snapshot check.
  const parent = await ledger.startRun({ jobName: 'daily_graph', triggeredBy: 'backfill', args: { partition: last, assets: ['candles_daily', 'options_snapshots'] } });
  const faulty = { ...context({ provider_error: ['TSLA'], missing_iv: ['IWM'] }), parentRunId: parent.run_id, triggeredBy: 'backfill' as const };
  for (let attempt = 1; attempt <= 2; attempt += 1) await ingestCandles({ ...faulty, attempt }, { symbols: ['TSLA'] });
  await snapshotOptions(faulty, { watchlists: ['monitor'], asOf: last, maxExpiries: 2 });
  await ledger.finalizeFailure({ runId: parent.run_id, error: { type: 'AssetMaterializationError', message: 'candles_daily: every symbol failed' } });
  return { sessions, symbols };
}
