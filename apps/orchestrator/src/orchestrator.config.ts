import type { IsoDate, RetryPolicy, TradingCalendar } from '@options-helper/domain';
import type { LedgerPort } from '@options-helper/ledger-client';
import type { GraphJobArgs } from './graph/graph-job-bodies';

export const ORCHESTRATOR_CONFIG = Symbol('ORCHESTRATOR_CONFIG');

/** Everything the orchestrator needs from outside, built from the environment by main.ts (tests build it directly). */
export interface OrchestratorConfig {
  ledger: LedgerPort;
  ledgerUrl: string;
  ledgerToken?: string | null;
  /** Base URLs of the job services. */
  services: { ingest: string; compute: string };
  calendar: TradingCalendar;
  schedule: { enabled: boolean; cron: string; timeZone: string; delayMinutes: number };
  retry: RetryPolicy;
  partitionStart: IsoDate;
  /** How often a running job's ledger row is read. */
  pollMs: number;
  /** A job whose service stays unreachable this long (or restarts) is lost: its run is failed and retried. */
  lostAfterMs: number;
  /** A job still running after this long is failed and retried. */
  jobTimeoutMs: number;
  /** An attempt waits this long for an unreachable service before it counts as failed (default 60 s). */
  serviceWaitMs?: number;
  /** Extra job arguments per asset (OPTIONS_HELPER_GRAPH_JOB_ARGS). */
  graphJobArgs?: GraphJobArgs;
  /** Resume unfinished backfills at start-up (default true). */
  resumeOnStart?: boolean;
  appVersion?: string;
  now?: () => Date;
  random?: () => number;
}
