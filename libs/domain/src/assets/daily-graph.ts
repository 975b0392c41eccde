import { AssetKey, JobName } from './asset-names';

/** The assets the orchestrator materialises per session partition, in dependency order (DOMAIN.md §11). */
export const DAILY_GRAPH_ASSET_KEYS = [
  'candles_daily',
  'option_bars',
  'options_snapshots',
  'options_flow',
  'derived_daily',
  'briefing_markdown',
  'dashboard_view',
] as const satisfies readonly AssetKey[];
export type DailyGraphAssetKey = (typeof DAILY_GRAPH_ASSET_KEYS)[number];

export interface DailyGraphNode {
  readonly assetKey: DailyGraphAssetKey;
  /** The asset that must have been attempted first; null for the root. */
  readonly upstream: DailyGraphAssetKey | null;
  readonly jobName: JobName;
  /** Other assets the same job run writes (not graph nodes of their own). */
  readonly alsoWrites: readonly AssetKey[];
  /** The asset check evaluated after each materialisation, if any. */
  readonly assetCheck: string | null;
}

export const DAILY_GRAPH_NODES: readonly DailyGraphNode[] = [
  {
    assetKey: 'candles_daily',
    upstream: null,
    jobName: 'ingest_candles',
    alsoWrites: [],
    assetCheck: 'candles_daily_quality',
  },
  {
    assetKey: 'option_bars',
    upstream: 'candles_daily',
    jobName: 'ingest_options_bars',
    alsoWrites: ['option_contracts'],
    assetCheck: 'option_bars_quality',
  },
  {
    assetKey: 'options_snapshots',
    upstream: 'option_bars',
    jobName: 'snapshot_options',
    alsoWrites: [],
    assetCheck: 'options_snapshots_quality',
  },
  {
    assetKey: 'options_flow',
    upstream: 'options_snapshots',
    jobName: 'compute_flow',
    alsoWrites: [],
    assetCheck: 'options_flow_quality',
  },
  {
    assetKey: 'derived_daily',
    upstream: 'options_flow',
    jobName: 'compute_derived',
    alsoWrites: [],
    assetCheck: 'derived_daily_quality',
  },
  {
    assetKey: 'briefing_markdown',
    upstream: 'derived_daily',
    jobName: 'build_briefing',
    alsoWrites: ['briefing_json'],
    assetCheck: 'briefing_markdown_nonempty',
  },
  {
    assetKey: 'dashboard_view',
    upstream: 'briefing_markdown',
    jobName: 'build_dashboard',
    alsoWrites: [],
    assetCheck: null,
  },
];

export function isDailyGraphAssetKey(value: unknown): value is DailyGraphAssetKey {
  return typeof value === 'string' && (DAILY_GRAPH_ASSET_KEYS as readonly string[]).includes(value);
}

export function dailyGraphNode(assetKey: DailyGraphAssetKey): DailyGraphNode {
  const node = DAILY_GRAPH_NODES.find((n) => n.assetKey === assetKey);
  if (!node) throw new RangeError(`${assetKey} is not in the daily asset graph`);
  return node;
}

/** Every node that depends on `assetKey`, directly or not, in graph order. */
export function downstreamOf(assetKey: DailyGraphAssetKey): DailyGraphAssetKey[] {
  const out: DailyGraphAssetKey[] = [];
  const reached = new Set<DailyGraphAssetKey>([assetKey]);
  for (const node of DAILY_GRAPH_NODES) {
    if (node.upstream !== null && reached.has(node.upstream)) {
      reached.add(node.assetKey);
      out.push(node.assetKey);
    }
  }
  return out;
}
