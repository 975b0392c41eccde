import * as fs from 'node:fs';
import * as path from 'node:path';
import { nyseCalendar, SaveSnapshotInput } from '@options-helper/domain';
import { buildSnapshotRow, JobContext, snapshotOptions } from '@options-helper/jobs';
import { Ledger } from '@options-helper/ledger';
import { rawAppendSnapshots, tempDir } from '@options-helper/ledger/testing';
import { EmbeddedLedgerAdapter, HttpLedgerAdapter, LedgerPort } from '@options-helper/ledger-client';
import { spawnLedgerProcess, waitForExit } from '@options-helper/ledger-client/testing';
import { SyntheticProvider } from '@options-helper/providers';
import { log, round, timeIt } from './bench-stats';

// Issue 3 benchmark: snapshot_options for 20 symbols of full synthetic chains, end to end through HTTP and
// embedded, and the ledger's write path against a raw DuckDB appender writing the same rows.

export const BENCH_SYMBOLS = ['SPY', 'QQQ', 'IWM', 'DIA', 'AAPL', 'MSFT', 'NVDA', 'AMZN', 'GOOGL', 'META', 'TSLA', 'AMD', 'NFLX', 'XOM', 'BA', 'PLTR', 'COST', 'WMT', 'AVGO', 'ORCL'];
const NOW = new Date('2026-11-25T23:00:00Z');

function context(dir: string, ledger: LedgerPort): JobContext {
  const watchlists = path.join(dir, 'watchlists.json');
  fs.writeFileSync(watchlists, JSON.stringify({ watchlists: { bench: BENCH_SYMBOLS } }));
  return {
    ledger,
    provider: new SyntheticProvider({ seed: 42, now: () => NOW }),
    now: () => NOW,
    calendar: nyseCalendar,
    triggeredBy: 'cli',
    timeZone: 'America/Chicago',
    paths: { dataDir: dir, watchlists, portfolio: path.join(dir, 'portfolio.json') },
  };
}

async function endToEnd(dir: string, ledger: LedgerPort) {
  const ctx = context(dir, ledger);
  const { ms, value } = await timeIt(() => snapshotOptions(ctx, { watchlists: ['bench'] }));
  const contracts = value.outcomes.reduce((n, o) => n + (o.rows ?? 0), 0);
  const min = Math.min(...value.outcomes.map((o) => o.rows ?? 0));
  return { symbols: value.outcomes.length, contracts, min_contracts_per_symbol: min, seconds: round(ms / 1000, 3), contracts_per_second: Math.round(contracts / (ms / 1000)), summary: value.summary };
}

/** The same rows, built once, written through the ledger (saveSnapshot) and by a raw appender. */
async function writePath(dir: string) {
  const provider = new SyntheticProvider({ seed: 42, now: () => NOW });
  const date = '2026-11-25';
  const snapshots: SaveSnapshotInput[] = [];
  for (const symbol of BENCH_SYMBOLS) {
    const spot = (await provider.getHistory(symbol, { start: '2026-11-18', end: date, interval: '1d', autoAdjust: true, backAdjust: false })).at(-1)?.close as number;
    const rows = [];
    for (const expiry of await provider.listExpiries(symbol, date)) {
      for (const r of (await provider.getChain(symbol, expiry, date)).rows) rows.push(buildSnapshotRow(r, spot, date, 0));
    }
    snapshots.push({
      header: { symbol, snapshot_date: date, provider: 'synthetic', spot, risk_free_rate: 0, missing_bid_ask_count: 0, missing_bid_ask_pct: 0, spread_pct_median: null, spread_pct_worst: null, stale_quotes: 0, stale_pct: 0, meta_json: {} },
      rows,
    });
  }
  const total = snapshots.reduce((n, s) => n + s.rows.length, 0);
  const ledger = await Ledger.open({ path: path.join(dir, 'write-path.duckdb') });
  let ledgerMs: number;
  try {
    ledgerMs = (await timeIt(async () => {
      for (const s of snapshots) await ledger.saveSnapshot(s);
    })).ms;
  } finally {
    await ledger.close();
  }
  const rawMs = await rawAppendSnapshots(path.join(dir, 'raw.duckdb'), snapshots.map((s) => ({ symbol: s.header.symbol, snapshotDate: date, provider: 'synthetic', rows: s.rows })));
  const ledgerRate = total / (ledgerMs / 1000);
  const rawRate = total / (rawMs / 1000);
  return {
    contracts: total,
    ledger_save_snapshot: { seconds: round(ledgerMs / 1000, 3), contracts_per_second: Math.round(ledgerRate) },
    raw_appender: { seconds: round(rawMs / 1000, 3), contracts_per_second: Math.round(rawRate) },
    ratio_ledger_to_raw: round(ledgerRate / rawRate, 3),
  };
}

export async function snapshotBenchmark() {
  const dir = tempDir('oh-bench-snap-');
  try {
    log('snapshot_options end to end, embedded');
    const embeddedPort = new EmbeddedLedgerAdapter({ path: path.join(dir, 'embedded.duckdb') });
    const embedded = await endToEnd(dir, embeddedPort);
    await embeddedPort.close();
    log('snapshot_options end to end, HTTP');
    const service = await spawnLedgerProcess(path.join(dir, 'http.duckdb'));
    let http;
    try {
      http = await endToEnd(dir, new HttpLedgerAdapter({ baseUrl: service.url }));
    } finally {
      service.child.kill('SIGTERM');
      await waitForExit(service.child);
    }
    log('write path vs raw appender');
    const write = await writePath(dir);
    return {
      end_to_end: { embedded, http },
      write_path: write,
      targets: {
        ratio_ledger_to_raw: { target: '>= 0.5', measured: write.ratio_ledger_to_raw, met: write.ratio_ledger_to_raw >= 0.5 },
        min_contracts_per_symbol: { target: '>= 2000', measured: Math.min(embedded.min_contracts_per_symbol, http.min_contracts_per_symbol), met: Math.min(embedded.min_contracts_per_symbol, http.min_contracts_per_symbol) >= 2000 },
      },
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
