import { ALL_SCOPE, AssetEventInput, AssetKindName, WatermarkInput } from '@options-helper/domain';
import type { SymbolOutcome } from './job.types';

/** Asset events from outcomes (DOMAIN.md §3.0): ok ⇒ success, skipped ⇒ skipped with reason, failed ⇒ failed with error. */
export function outcomeEvents(runId: string, assetKey: string, assetKind: AssetKindName, outcomes: SymbolOutcome[]): AssetEventInput[] {
  return outcomes.map((o) => {
    const base = { runId, assetKey, assetKind, partitionKey: o.symbol };
    if (o.status === 'ok') {
      return { ...base, status: 'success' as const, rowsInserted: o.rows ?? null, bytesWritten: o.bytes ?? null, minEventTs: o.dataDate ?? null, maxEventTs: o.dataDate ?? null, extra: o.extra };
    }
    if (o.status === 'skipped') return { ...base, status: 'skipped' as const, extra: { ...o.extra, reason: o.reason } };
    return { ...base, status: 'failed' as const, extra: { ...o.extra, error: o.error?.message ?? o.reason, error_type: o.error?.type ?? 'Error' } };
  });
}

/** SYMBOL = its data date for every ok outcome, and ALL = the greatest of them. */
export function symbolWatermarks(assetKey: string, runId: string, outcomes: SymbolOutcome[]): WatermarkInput[] {
  const ok = outcomes.filter((o) => o.status === 'ok' && o.dataDate);
  if (ok.length === 0) return [];
  const marks: WatermarkInput[] = ok.map((o) => ({ assetKey, scopeKey: o.symbol, watermarkTs: o.dataDate as string, lastRunId: runId }));
  const max = ok.map((o) => o.dataDate as string).sort().at(-1) as string;
  marks.push({ assetKey, scopeKey: ALL_SCOPE, watermarkTs: max, lastRunId: runId });
  return marks;
}

/** The single `skipped` event at ALL when no symbol resolved. */
export function noSymbolsEvent(runId: string, assetKey: string, assetKind: AssetKindName): AssetEventInput {
  return { runId, assetKey, assetKind, partitionKey: ALL_SCOPE, status: 'skipped', extra: { reason: 'no_symbols' } };
}
