/**
 * The stable job, asset and trigger names (DOMAIN.md §0.4, ARCHITECTURE.md §5). They are stored in the ledger and
 * used as metric labels and CLI arguments, so they live here once; renaming one orphans its history.
 */
export const JOB_NAMES = [
  'ingest_candles',
  'ingest_options_bars',
  'snapshot_options',
  'compute_flow',
  'compute_derived',
  'build_briefing',
  'build_dashboard',
] as const;
export type JobName = (typeof JOB_NAMES)[number];

export const ASSET_KEYS = [
  'candles_daily',
  'option_contracts',
  'option_bars',
  'options_snapshots',
  'options_flow',
  'derived_daily',
  'briefing_markdown',
  'briefing_json',
  'dashboard_view',
] as const;
export type AssetKey = (typeof ASSET_KEYS)[number];

export const ASSET_KINDS = ['table', 'file', 'view'] as const;
export type AssetKind = (typeof ASSET_KINDS)[number];

/** `triggered_by` of a run; it only supplies arguments, never changes what a job does. */
export const TRIGGERS = ['cli', 'api', 'schedule', 'backfill'] as const;
export type Trigger = (typeof TRIGGERS)[number];

/** job_name of the orchestrator's per-partition run, the parent of the job runs it starts (DOMAIN.md §11). */
export const DAILY_GRAPH_JOB = 'daily_graph';
export type DailyGraphJob = typeof DAILY_GRAPH_JOB;

export const ASSET_KIND_BY_KEY: Readonly<Record<AssetKey, AssetKind>> = {
  candles_daily: 'table',
  option_contracts: 'table',
  option_bars: 'table',
  options_snapshots: 'table',
  options_flow: 'table',
  derived_daily: 'table',
  briefing_markdown: 'file',
  briefing_json: 'file',
  dashboard_view: 'view',
};

export interface JobAssetWrite {
  readonly assetKey: AssetKey;
  readonly assetKind: AssetKind;
  /** False when the job writes the asset only in some modes (the briefing updates derived rows only when asked). */
  readonly always: boolean;
}

export interface JobDefinition {
  readonly jobName: JobName;
  /** The CLI command after `options-helper`. */
  readonly cliCommand: string;
  /** Assets the job logs events for, in the order it writes them. */
  readonly writes: readonly JobAssetWrite[];
}

const write = (assetKey: AssetKey, always = true): JobAssetWrite => ({
  assetKey,
  assetKind: ASSET_KIND_BY_KEY[assetKey],
  always,
});

/** DOMAIN.md §0.4. `snapshot_options` also refreshes contract open interest, deliberately without an event. */
export const JOB_DEFINITIONS: Readonly<Record<JobName, JobDefinition>> = {
  ingest_candles: { jobName: 'ingest_candles', cliCommand: 'ingest candles', writes: [write('candles_daily')] },
  ingest_options_bars: {
    jobName: 'ingest_options_bars',
    cliCommand: 'ingest options-bars',
    writes: [write('option_contracts'), write('option_bars')],
  },
  snapshot_options: {
    jobName: 'snapshot_options',
    cliCommand: 'snapshot-options',
    writes: [write('options_snapshots')],
  },
  compute_flow: { jobName: 'compute_flow', cliCommand: 'flow', writes: [write('options_flow')] },
  compute_derived: { jobName: 'compute_derived', cliCommand: 'derived update', writes: [write('derived_daily')] },
  build_briefing: {
    jobName: 'build_briefing',
    cliCommand: 'briefing',
    writes: [write('briefing_markdown'), write('briefing_json'), write('derived_daily', false)],
  },
  build_dashboard: { jobName: 'build_dashboard', cliCommand: 'dashboard', writes: [write('dashboard_view')] },
};

export function isJobName(value: unknown): value is JobName {
  return typeof value === 'string' && (JOB_NAMES as readonly string[]).includes(value);
}

export function isAssetKey(value: unknown): value is AssetKey {
  return typeof value === 'string' && (ASSET_KEYS as readonly string[]).includes(value);
}

export function isAssetKind(value: unknown): value is AssetKind {
  return typeof value === 'string' && (ASSET_KINDS as readonly string[]).includes(value);
}

export function isTrigger(value: unknown): value is Trigger {
  return typeof value === 'string' && (TRIGGERS as readonly string[]).includes(value);
}
