import { addDays, IsoDate, OptionBarsMetaRecord } from '@options-helper/domain';
import type { ContractRow } from '@options-helper/providers';

export interface BarsPlanEntry {
  contractSymbol: string;
  expiry: IsoDate;
  fetchStart: IsoDate;
  fetchEnd: IsoDate;
  /** The contract had bars coverage before this run (no rows now is then ok, not not_found). */
  covered: boolean;
}

export interface BarsPlan {
  entries: BarsPlanEntry[];
  skipped: number;
  skippedReasons: Record<string, number>;
  expiries: number;
}

const MIN_START: IsoDate = '2000-01-01';
const LIVE_LOOKBACK_DAYS = 30;
const COVERED_OVERLAP_DAYS = 3;

function addYears(d: IsoDate, years: number): IsoDate {
  const y = Number(d.slice(0, 4)) + years;
  const candidate = `${String(y).padStart(4, '0')}${d.slice(4)}`;
  return candidate.endsWith('-02-29') && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)) ? `${y}-02-28` : candidate;
}

const max = (a: IsoDate, b: IsoDate) => (a > b ? a : b);
const min = (a: IsoDate, b: IsoDate) => (a < b ? a : b);

/** Contracts to fetch: usable rows, newest `maxExpiries` expiries, expiry desc then symbol, capped (§3.2 step 3). */
export function prepareContracts(contracts: ContractRow[], maxExpiries: number | null, maxContracts: number | null): ContractRow[] {
  const unique = new Map(contracts.filter((c) => c.expiry && c.contractSymbol).map((c) => [c.contractSymbol, c]));
  let list = [...unique.values()];
  if (maxExpiries !== null) {
    const keep = new Set([...new Set(list.map((c) => c.expiry))].sort().reverse().slice(0, maxExpiries));
    list = list.filter((c) => keep.has(c.expiry));
  }
  list.sort((a, b) => (a.expiry !== b.expiry ? (a.expiry < b.expiry ? 1 : -1) : a.contractSymbol < b.contractSymbol ? -1 : a.contractSymbol > b.contractSymbol ? 1 : 0));
  return maxContracts !== null ? list.slice(0, maxContracts) : list;
}

/**
 * The fetch plan (DOMAIN.md §3.2 step 4). Per expiry: end = min(run day, expiry), start = max(2000-01-01,
 * min(run day, expiry − lookback)). Per contract, with its option_bars_meta row when resuming: forbidden,
 * expired-and-settled, attempted today, and live-and-covered contracts are skipped; live contracts fetch
 * only the last 30 days, or from 3 days before their covered end.
 */
export function planBars(contracts: ContractRow[], meta: Map<string, OptionBarsMetaRecord>, runDay: IsoDate, lookbackYears: number, resume: boolean): BarsPlan {
  const entries: BarsPlanEntry[] = [];
  const skippedReasons: Record<string, number> = {};
  const skip = (reason: string) => (skippedReasons[reason] = (skippedReasons[reason] ?? 0) + 1);
  const expiries = new Set<IsoDate>();
  for (const c of contracts) {
    const end = min(runDay, c.expiry);
    const start = max(MIN_START, min(runDay, addYears(c.expiry, -lookbackYears)));
    if (start > end) {
      skip('window_empty');
      continue;
    }
    expiries.add(c.expiry);
    const m = resume ? meta.get(c.contractSymbol) : undefined;
    const expired = c.expiry < runDay;
    const covered = !!m && (m.status === 'ok' || m.status === 'partial');
    if (m?.status === 'forbidden') {
      skip('forbidden');
      continue;
    }
    if (expired && m && ['ok', 'partial', 'not_found', 'forbidden'].includes(m.status)) {
      skip('expired_done');
      continue;
    }
    if (m?.last_attempt_at && m.last_attempt_at.slice(0, 10) === runDay) {
      skip('attempted_today');
      continue;
    }
    if (!expired && covered && m?.end_ts && m.end_ts.slice(0, 10) >= end) {
      skip('up_to_date');
      continue;
    }
    let fetchStart: IsoDate;
    if (expired) fetchStart = start;
    else {
      const recent = max(start, addDays(end, -LIVE_LOOKBACK_DAYS));
      fetchStart = covered && m?.end_ts ? max(recent, addDays(m.end_ts.slice(0, 10), -COVERED_OVERLAP_DAYS)) : recent;
    }
    entries.push({ contractSymbol: c.contractSymbol, expiry: c.expiry, fetchStart: min(fetchStart, end), fetchEnd: end, covered });
  }
  return { entries, skipped: Object.values(skippedReasons).reduce((a, b) => a + b, 0), skippedReasons, expiries: expiries.size };
}

/** Groups plan entries with the same window into batches of `size` contracts. */
export function batchPlan(entries: BarsPlanEntry[], size: number): BarsPlanEntry[][] {
  const byWindow = new Map<string, BarsPlanEntry[]>();
  for (const e of entries) {
    const key = `${e.fetchStart}|${e.fetchEnd}`;
    const list = byWindow.get(key) ?? [];
    list.push(e);
    byWindow.set(key, list);
  }
  const batches: BarsPlanEntry[][] = [];
  for (const list of byWindow.values()) for (let i = 0; i < list.length; i += size) batches.push(list.slice(i, i + size));
  return batches;
}
