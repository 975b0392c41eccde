import { DAILY_GRAPH_ASSET_KEYS, DailyGraphAssetKey, isDailyGraphAssetKey } from '../assets';
import type { TradingCalendar } from '../calendar';
import { sha256Hex } from '../errors/sha256';
import { canonicalJson } from '../json';
import { isIsoDate, IsoDate } from '../time';
import { DEFAULT_PARTITION_START } from '../orchestration/daily-schedule';
import { partitionsInRange } from '../orchestration/partitions';

/** The latest state of one (asset, partition) materialisation of the daily graph, read from the ledger. */
export interface PartitionMaterialization {
  asset_key: string;
  partition_key: IsoDate;
  /** Status of the newest attempt: started ⇒ running. */
  status: 'success' | 'failed' | 'skipped' | 'running';
  /** True when any attempt succeeded. */
  succeeded: boolean;
}

export interface PartitionWaiver {
  asset_key: string;
  partition_key: IsoDate;
  reason: string;
  waived_at: string;
}

export const RANGE_PLAN_MODES = ['all', 'only-missing', 'only-failed'] as const;
export type RangePlanMode = (typeof RANGE_PLAN_MODES)[number];

export interface RangePlanRequest {
  from: IsoDate;
  to: IsoDate;
  /** Graph assets to plan (default: all of them). */
  assets?: readonly string[];
  mode?: RangePlanMode;
}

export interface RangePlanPartition {
  partition_key: IsoDate;
  /** In graph (dependency) order. */
  assets: DailyGraphAssetKey[];
}

export interface RangePlan {
  kind: 'range';
  from: IsoDate;
  to: IsoDate;
  assets: DailyGraphAssetKey[];
  mode: RangePlanMode;
  /** Oldest first; partitions with nothing to do are left out. */
  partitions: RangePlanPartition[];
  /** (asset, partition) cells the plan leaves out because they are waived. */
  waived: { asset_key: string; partition_key: IsoDate }[];
  /** SHA-256 of the canonical JSON of everything above: equal inputs ⇒ equal hash. */
  hash: string;
}

/** A bad range request (names the field): exit 2 / 400. */
export class RangePlanError extends Error {
  override readonly name = 'RangePlanError';
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}

export function normalizeRangeRequest(req: RangePlanRequest): Required<Omit<RangePlanRequest, 'assets'>> & { assets: DailyGraphAssetKey[] } {
  if (!isIsoDate(req.from)) throw new RangePlanError('from', `must be YYYY-MM-DD, got ${JSON.stringify(req.from)}`);
  if (!isIsoDate(req.to)) throw new RangePlanError('to', `must be YYYY-MM-DD, got ${JSON.stringify(req.to)}`);
  if (req.to < req.from) throw new RangePlanError('to', `must not be before from (${req.from})`);
  const mode = req.mode ?? 'all';
  if (!(RANGE_PLAN_MODES as readonly string[]).includes(mode)) throw new RangePlanError('mode', `must be one of ${RANGE_PLAN_MODES.join(', ')}`);
  const requested = req.assets && req.assets.length > 0 ? req.assets : DAILY_GRAPH_ASSET_KEYS;
  for (const a of requested) if (!isDailyGraphAssetKey(a)) throw new RangePlanError('assets', `${JSON.stringify(a)} is not an asset of the daily graph (${DAILY_GRAPH_ASSET_KEYS.join(', ')})`);
  const wanted = new Set<string>(requested);
  return { from: req.from, to: req.to, mode, assets: DAILY_GRAPH_ASSET_KEYS.filter((a) => wanted.has(a)) };
}

export interface RangePlanInput extends RangePlanRequest {
  calendar: TradingCalendar;
  materializations: readonly PartitionMaterialization[];
  waivers: readonly Pick<PartitionWaiver, 'asset_key' | 'partition_key'>[];
  partitionStart?: IsoDate;
}

/**
 * Plans the daily graph's partitions in [from, to] (DOMAIN.md §11): a pure, deterministic function of the request and
 * the ledger's materialisation states and waivers. `all` re-materialises every cell, `only-missing` the cells never
 * materialised successfully, `only-failed` those whose latest attempt failed or was skipped; waived cells never.
 */
export function planRangeBackfill(input: RangePlanInput): RangePlan {
  const req = normalizeRangeRequest(input);
  const state = new Map(input.materializations.map((m) => [`${m.asset_key}|${m.partition_key}`, m]));
  const waivedKeys = new Set(input.waivers.map((w) => `${w.asset_key}|${w.partition_key}`));
  const partitions: RangePlanPartition[] = [];
  const waived: RangePlan['waived'] = [];
  for (const partition of partitionsInRange(input.calendar, req.from, req.to, input.partitionStart ?? DEFAULT_PARTITION_START)) {
    const assets: DailyGraphAssetKey[] = [];
    for (const asset of req.assets) {
      const key = `${asset}|${partition}`;
      if (waivedKeys.has(key)) {
        waived.push({ asset_key: asset, partition_key: partition });
        continue;
      }
      const m = state.get(key);
      const wanted = req.mode === 'all' || (req.mode === 'only-missing' ? !m?.succeeded : m !== undefined && (m.status === 'failed' || m.status === 'skipped'));
      if (wanted) assets.push(asset);
    }
    if (assets.length > 0) partitions.push({ partition_key: partition, assets });
  }
  const body = { kind: 'range' as const, from: req.from, to: req.to, assets: req.assets, mode: req.mode, partitions, waived };
  return { ...body, hash: sha256Hex(canonicalJson(body) ?? '') };
}
