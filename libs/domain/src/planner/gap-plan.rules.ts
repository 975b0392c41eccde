// The fixed tables of the gap backfill planner (DOMAIN.md §9.3). Asset and job names come from §0.4.
import { ALL_SCOPE } from '../ledger/ledger.types';

/** Assets that must have at least one watermark row; none at all ⇒ `missing_watermark` at ALL. */
export const PLAN_REQUIRED_ASSETS = ['candles_daily', 'options_snapshots', 'options_flow', 'derived_daily'] as const;

/** The only assets a plan may contain, with their priority (lower runs first). */
export const PLAN_ASSET_PRIORITY = {
  candles_daily: 10,
  option_bars: 20,
  options_snapshots: 30,
  options_flow: 40,
  derived_daily: 50,
} as const;
export type PlanAsset = keyof typeof PLAN_ASSET_PRIORITY;

/** What each asset is computed from; an issue on the key adds a dependency token to each listed asset. */
export const PLAN_UPSTREAM: Readonly<Partial<Record<PlanAsset, readonly PlanAsset[]>>> = {
  options_snapshots: ['candles_daily'],
  options_flow: ['candles_daily', 'options_snapshots'],
  derived_daily: ['candles_daily', 'options_snapshots'],
};

/** The asset a failed latest run points at. */
export const PLAN_JOB_ASSET: Readonly<Record<string, PlanAsset>> = {
  ingest_candles: 'candles_daily',
  ingest_options_bars: 'option_bars',
  snapshot_options: 'options_snapshots',
  compute_flow: 'options_flow',
  compute_derived: 'derived_daily',
};

/** Asset keys planned as another asset (contracts are refreshed by the same bars backfill). */
export const PLAN_ASSET_ALIASES: Readonly<Record<string, PlanAsset>> = { option_contracts: 'option_bars' };

export const DEFAULT_PLAN_PORTFOLIO_PATH = 'data/portfolio.json';

const SCOPE_PATTERN = /^[A-Z][A-Z0-9._-]{0,15}$/;

/** The planner's asset for a stored asset key, or null when the key is outside the priority table. */
export function planAssetOf(assetKey: string): PlanAsset | null {
  const key = PLAN_ASSET_ALIASES[assetKey] ?? assetKey;
  return Object.hasOwn(PLAN_ASSET_PRIORITY, key) ? (key as PlanAsset) : null;
}

/** A watermark scope or check partition as a plan scope: a symbol, or ALL (dates and junk included). */
export function normalizePlanScope(raw: string | null | undefined): string {
  const upper = (raw ?? '').toUpperCase();
  if (upper.trim() === '' || upper.trim() === ALL_SCOPE) return ALL_SCOPE;
  const symbol = upper.split('|', 1)[0].replace(/[^A-Z0-9._-]/g, '');
  return SCOPE_PATTERN.test(symbol) ? symbol : ALL_SCOPE;
}

/** The command that backfills one (asset, scope) row; never executed by the planner. */
export function planCommand(asset: string, scope: string, portfolioPath: string): string {
  const all = scope === ALL_SCOPE;
  switch (asset) {
    case 'candles_daily':
      return all
        ? 'options-helper ingest candles --watchlist positions --watchlist monitor'
        : `options-helper ingest candles --symbol ${scope}`;
    case 'option_bars':
      return all
        ? 'options-helper ingest options-bars --watchlist positions --watchlist monitor --lookback-years 2 --resume'
        : `options-helper ingest options-bars --symbol ${scope} --lookback-years 2 --resume`;
    case 'options_snapshots':
      return `options-helper snapshot-options ${portfolioPath} --all-expiries --full-chain`;
    case 'options_flow':
      return all
        ? `options-helper flow ${portfolioPath} --window 1 --group-by expiry-strike`
        : `options-helper flow ${portfolioPath} --symbol ${scope} --window 1 --group-by expiry-strike`;
    case 'derived_daily':
      // The ALL form keeps the literal `<SYMBOL>` placeholder: derived update runs one symbol at a time.
      return `options-helper derived update --symbol ${all ? '<SYMBOL>' : scope} --as-of latest`;
    default:
      return 'options-helper --help';
  }
}
