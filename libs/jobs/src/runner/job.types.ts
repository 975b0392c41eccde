import type { CheckResult, IsoDate, JobName, RunRecord, TradingCalendar, Trigger } from '@options-helper/domain';
import type { LedgerPort } from '@options-helper/ledger-client';
import type { MarketDataProvider } from '@options-helper/providers';

/** What happened to one symbol (or underlying, or partition) in a run (DOMAIN.md §3.0). */
export interface SymbolOutcome {
  symbol: string;
  status: 'ok' | 'skipped' | 'failed';
  reason?: string;
  error?: { type: string; message: string };
  dataDate?: IsoDate;
  rows?: number;
  bytes?: number;
  extra?: Record<string, unknown>;
}

export interface JobResult {
  jobName: JobName;
  runId: string;
  outcomes: SymbolOutcome[];
  checks: CheckResult[];
  /** 0 success (skips too), 1 failure in a strict mode, 2 usage error. */
  exitCode: number;
  /** `N ok, N skipped, N failed` plus job-specific statistics. */
  summary: string;
  warnings: string[];
  details: Record<string, unknown>;
}

export interface ProgressReporter {
  start(total: number, label: string): void;
  tick(detail?: string): void;
  finish(): void;
}

export interface JobLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** What the checks runner gets after a job wrote its data (the checks themselves live in the checks issue). */
export interface CheckRequest {
  jobName: JobName;
  runId: string;
  /** The scopes the job wrote: symbols, `SYMBOL|YYYY-MM-DD` snapshot keys, contract symbols … */
  scopes: string[];
  skipReason?: string;
}

export type CheckHook = (request: CheckRequest, ctx: JobContext) => Promise<CheckResult[]>;

/** Everything a job needs from the outside, injected so CLI, services and tests run the same code. */
export interface JobContext {
  ledger: LedgerPort;
  provider: MarketDataProvider;
  now: () => Date;
  calendar: TradingCalendar;
  triggeredBy: Trigger;
  parentRunId?: string | null;
  attempt?: number;
  /** Reporting time zone (OPTIONS_HELPER_TZ): decides "today". */
  timeZone: string;
  paths: { dataDir: string; watchlists: string; portfolio: string };
  checks?: CheckHook;
  progress?: ProgressReporter;
  logger?: JobLogger;
  appVersion?: string | null;
  gitSha?: string | null;
  /** Waits between retries (tests make it instant). */
  sleep?: (ms: number) => Promise<void>;
  /** Called once the run exists in the ledger, before any work (async APIs answer 202 here). */
  onRunStarted?: (run: RunRecord) => void;
}

export interface StartedJob {
  run: RunRecord;
  done: Promise<JobResult>;
}

/** A usage problem found after the run started (a bad watchlist name, a missing file): exit 2. */
export class JobUsageError extends Error {
  override readonly name = 'JobUsageError';
}
