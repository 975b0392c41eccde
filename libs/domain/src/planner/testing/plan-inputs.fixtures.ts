import { seededRandom } from '../../util/seeded-random';
// Builders for planner inputs, shared by the planner specs (excluded from builds with the other `testing/` folders).
import type { CheckRecord, LatestRunRow, WatermarkRecord } from '../../ledger/ledger.types';
import type { GapPlanInput } from '../gap-planner';

export function watermark(assetKey: string, scopeKey: string, stalenessDays: number | null, stalenessSessions: number | null): WatermarkRecord {
  return {
    asset_key: assetKey,
    scope_key: scopeKey,
    watermark_ts: '2026-11-20T00:00:00.000Z',
    updated_at: '2026-11-20T22:00:00.000Z',
    last_run_id: null,
    staleness_days: stalenessDays,
    staleness_sessions: stalenessSessions,
  };
}

export const fresh = (assetKey: string, scopeKey = 'ALL'): WatermarkRecord => watermark(assetKey, scopeKey, 0, 0);

/** A fresh ALL watermark for every required asset, so a test sees only the issues it adds. */
export const FRESH_REQUIRED: WatermarkRecord[] = ['candles_daily', 'options_snapshots', 'options_flow', 'derived_daily'].map((a) => fresh(a));

export const run = (jobName: string, status: LatestRunRow['status']): Pick<LatestRunRow, 'job_name' | 'status'> => ({ job_name: jobName, status });

export const failedCheck = (
  assetKey: string,
  partitionKey: string | null,
  checkName: string,
): Pick<CheckRecord, 'asset_key' | 'partition_key' | 'check_name'> => ({ asset_key: assetKey, partition_key: partitionKey, check_name: checkName });

export function planInput(partial: Partial<GapPlanInput>): GapPlanInput {
  return { watermarks: [...FRESH_REQUIRED], latestRuns: [], failedChecks: [], ...partial };
}

/** Deterministic PRNG (mulberry32) for shuffles and generated inputs. */
/** The shared seeded generator, under the name these fixtures' tests use. */
export const mulberry32 = seededRandom;

export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

export const pick = <T>(items: readonly T[], random: () => number): T => items[Math.floor(random() * items.length)];
