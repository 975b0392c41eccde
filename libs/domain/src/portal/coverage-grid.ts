import type { CoverageState, PortalCoverageAsset, PortalCoverageCell } from './portal-api.types';

/** Events of one (asset, session), aggregated by the ledger. */
export interface CoverageEventSummary {
  asset_key: string;
  session: string;
  events: number;
  /** Newest success event's run, null when there is none. */
  success_run_id: string | null;
  /** The newest event of any status. */
  latest_status: 'success' | 'failed' | 'skipped';
  latest_run_id: string;
  latest_detail: string | null;
}

export interface CoverageWatermark {
  asset_key: string;
  scope_key: string;
  /** `YYYY-MM-DD` of watermark_ts. */
  watermark_date: string;
  last_run_id: string | null;
}

export interface CoverageWaiver {
  asset_key: string;
  partition_key: string;
  reason: string | null;
}

export interface CoverageGridInput {
  sessions: readonly string[];
  assets: readonly string[];
  events: readonly CoverageEventSummary[];
  watermarks: readonly CoverageWatermark[];
  waivers: readonly CoverageWaiver[];
}

export function emptyCoverageCounts(): Record<CoverageState, number> {
  return { materialized: 0, failed: 0, skipped: 0, missing: 0, waived: 0 };
}

/**
 * The Coverage grid (DOMAIN.md §10, docs/portal-api.md): per asset and session, the first rule that applies —
 * a success event ⇒ materialized; a waiver ⇒ waived; the newest event failed/skipped ⇒ failed/skipped; the asset's
 * watermark (ALL scope, else the newest of any scope) on or after the session ⇒ materialized; else missing.
 */
export function coverageGrid(input: CoverageGridInput): PortalCoverageAsset[] {
  const events = new Map(input.events.map((e) => [`${e.asset_key}\u0000${e.session}`, e]));
  const waivers = new Map(input.waivers.map((w) => [`${w.asset_key}\u0000${w.partition_key}`, w]));
  const marks = coverageWatermarks(input.watermarks);
  return input.assets.map((asset) => {
    const counts = emptyCoverageCounts();
    const mark = marks.get(asset) ?? null;
    const cells = input.sessions.map((session): PortalCoverageCell => {
      const cell = coverageCell(session, events.get(`${asset}\u0000${session}`) ?? null, waivers.get(`${asset}\u0000${session}`) ?? null, mark);
      counts[cell.state] += 1;
      return cell;
    });
    return { asset_key: asset, cells, counts };
  });
}

function coverageCell(session: string, ev: CoverageEventSummary | null, waiver: CoverageWaiver | null, mark: CoverageWatermark | null): PortalCoverageCell {
  const events = ev?.events ?? 0;
  if (ev?.success_run_id) return { session, state: 'materialized', run_id: ev.success_run_id, basis: 'event', events, detail: null };
  if (waiver) return { session, state: 'waived', run_id: ev?.latest_run_id ?? null, basis: 'waiver', events, detail: waiver.reason };
  if (ev && (ev.latest_status === 'failed' || ev.latest_status === 'skipped')) {
    return { session, state: ev.latest_status, run_id: ev.latest_run_id, basis: 'event', events, detail: ev.latest_detail };
  }
  if (mark && mark.watermark_date >= session) return { session, state: 'materialized', run_id: mark.last_run_id, basis: 'watermark', events, detail: null };
  return { session, state: 'missing', run_id: null, basis: null, events, detail: null };
}

/** Per asset: the ALL-scope watermark, else the newest watermark of any scope. */
function coverageWatermarks(watermarks: readonly CoverageWatermark[]): Map<string, CoverageWatermark> {
  const out = new Map<string, CoverageWatermark>();
  for (const w of watermarks) {
    const current = out.get(w.asset_key);
    if (!current) out.set(w.asset_key, w);
    else if (current.scope_key !== 'ALL' && (w.scope_key === 'ALL' || w.watermark_date > current.watermark_date)) out.set(w.asset_key, w);
  }
  return out;
}
