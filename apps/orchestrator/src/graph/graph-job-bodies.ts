import type { DailyGraphAssetKey, IsoDate } from '@options-helper/domain';

/**
 * The job arguments each asset is materialised with for a partition (DOMAIN.md §11 table), as the request bodies of
 * the job services. Everything else stays at the job's defaults.
 */
export function graphJobBody(asset: DailyGraphAssetKey, partition: IsoDate, extra: GraphJobArgs = {}): Record<string, unknown> {
  return { ...(extra[asset] ?? {}), ...baseBody(asset, partition) };
}

/**
 * Extra arguments per asset from OPTIONS_HELPER_GRAPH_JOB_ARGS, e.g. `{"option_bars": {"contracts_status": "active",
 * "max_expiries": 4}}` for a quick demo: the §3.2 defaults discover every contract of 10+ years on every run. The
 * partition-bound arguments above always win.
 */
export type GraphJobArgs = Partial<Record<DailyGraphAssetKey, Record<string, unknown>>>;

function baseBody(asset: DailyGraphAssetKey, partition: IsoDate): Record<string, unknown> {
  switch (asset) {
    case 'candles_daily':
      return { watchlists: ['positions', 'monitor'] };
    case 'option_bars':
      return { run_day: partition };
    case 'options_snapshots':
      return { full_chain: true, all_expiries: true, as_of: partition, require_data_date: partition };
    case 'options_flow':
      return { window: 1, group_by: 'contract', top: 10, as_of: partition, persist: true };
    case 'derived_daily':
      return { as_of: partition };
    case 'briefing_markdown':
      return { as_of: partition, compare: '-1', top: 3, update_derived: false };
    case 'dashboard_view':
      return { date: partition };
  }
}
