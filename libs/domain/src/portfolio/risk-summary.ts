/**
 * Portfolio risk summary for the portal (DOMAIN.md §7.3). Pure: the caller reads the files.
 *
 * Stable API (the ledger's portal endpoints call it):
 *   riskSummary(portfolio: Portfolio, latest: LatestBriefing | null): RiskSummary
 *     `latest` = the newest briefing JSON in `data/reports/daily/` (greatest ISO-named `{date}.json`):
 *     `{ date, json }` when it was read and parsed, `{ date, error }` when reading or parsing failed, null when
 *     there is none. The result is the computed summary, merged with the briefing's exposure and stress when it
 *     has them (`source: "briefing"`), else the computed summary with `note` saying why.
 *   computeRiskSummary(portfolio): RiskSummary               — the computed part alone (`source: "computed"`).
 *   mergeBriefingRiskSummary(computed, briefingJson): RiskSummary | null — null when the JSON has neither.
 */
import type { IsoDate } from '../time';
import type { StressResult } from './exposure';
import { capitalCostBasis, nextExpiry, positionSymbols, premiumAtRisk } from './portfolio.metrics';
import type { Portfolio } from './portfolio.types';

export interface RiskSummary {
  source: 'computed' | 'briefing';
  cash: number;
  position_count: number;
  symbol_count: number;
  premium_at_risk: number;
  capital_cost_basis: number;
  next_expiry: IsoDate | null;
  max_portfolio_risk_pct: number | null;
  max_portfolio_risk_dollars: number | null;
  max_single_position_risk_pct: number | null;
  max_single_position_risk_dollars: number | null;
  take_profit_pct: number | null;
  stop_loss_pct: number | null;
  total_delta_shares: number | null;
  total_theta_dollars_per_day: number | null;
  total_vega_dollars_per_iv: number | null;
  missing_greeks: number | null;
  stress: StressResult[];
  warnings: string[];
  /** Set when merged with a briefing. */
  report_date: IsoDate | null;
  as_of: IsoDate | null;
  generated_at: string | null;
  portfolio_path: string | null;
  /** Why the briefing was not merged (null when it was). */
  note: string | null;
}

export interface LatestBriefing {
  /** The report date (the file stem). */
  date: IsoDate | null;
  /** The parsed briefing JSON. */
  json?: unknown;
  /** Why it could not be read or parsed. */
  error?: string;
}

function dollars(base: number, pct: number | null): number | null {
  return pct === null ? null : Math.round(base * pct * 100) / 100;
}

export function computeRiskSummary(portfolio: Portfolio): RiskSummary {
  const capital = capitalCostBasis(portfolio);
  const rp = portfolio.risk_profile;
  return {
    source: 'computed',
    cash: portfolio.cash,
    position_count: portfolio.positions.length,
    symbol_count: positionSymbols(portfolio).length,
    premium_at_risk: premiumAtRisk(portfolio),
    capital_cost_basis: capital,
    next_expiry: nextExpiry(portfolio),
    max_portfolio_risk_pct: rp.max_portfolio_risk_pct,
    max_portfolio_risk_dollars: dollars(capital, rp.max_portfolio_risk_pct),
    max_single_position_risk_pct: rp.max_single_position_risk_pct,
    max_single_position_risk_dollars: dollars(capital, rp.max_single_position_risk_pct),
    take_profit_pct: rp.take_profit_pct,
    stop_loss_pct: rp.stop_loss_pct,
    total_delta_shares: null,
    total_theta_dollars_per_day: null,
    total_vega_dollars_per_iv: null,
    missing_greeks: null,
    stress: [],
    warnings: [],
    report_date: null,
    as_of: null,
    generated_at: null,
    portfolio_path: null,
    note: null,
  };
}

function record(v: unknown): Record<string, unknown> | null {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}
function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}
function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}
function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [];
}

function stressList(v: unknown): StressResult[] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((item): StressResult[] => {
    const r = record(item);
    if (!r || typeof r['label'] !== 'string') return [];
    return [{ label: r['label'], pnl: num(r['pnl']), pnl_pct: num(r['pnl_pct']), warnings: strings(r['warnings']) }];
  });
}

/**
 * The computed summary merged with a briefing JSON (§7.3): source, report_date, as_of, generated_at,
 * portfolio_path, stress and warnings always from the briefing; position_count (distinct exposure position ids),
 * the totals and missing_greeks only when non-null there. Null when the briefing has neither exposure nor stress.
 */
export function mergeBriefingRiskSummary(computed: RiskSummary, briefingJson: unknown): RiskSummary | null {
  const briefing = record(briefingJson);
  const portfolio = record(briefing?.['portfolio']);
  const exposure = record(portfolio?.['exposure']);
  const stress = stressList(portfolio?.['stress']);
  if (!briefing || (!exposure && stress.length === 0)) return null;
  const merged: RiskSummary = {
    ...computed,
    source: 'briefing',
    report_date: str(briefing['report_date']),
    as_of: str(exposure?.['as_of']),
    generated_at: str(briefing['generated_at']),
    portfolio_path: str(briefing['portfolio_path']),
    stress,
    warnings: [...strings(exposure?.['warnings']), ...[...new Set(stress.flatMap((s) => s.warnings))]],
    note: null,
  };
  const positions = Array.isArray(exposure?.['positions']) ? (exposure?.['positions'] as unknown[]) : null;
  if (positions) merged.position_count = new Set(positions.map((p) => str(record(p)?.['id']) ?? '')).size;
  for (const key of ['total_delta_shares', 'total_theta_dollars_per_day', 'total_vega_dollars_per_iv', 'missing_greeks'] as const) {
    const value = num(exposure?.[key]);
    if (value !== null) merged[key] = value;
  }
  return merged;
}

export function riskSummary(portfolio: Portfolio, latest: LatestBriefing | null): RiskSummary {
  const computed = computeRiskSummary(portfolio);
  if (!latest) return { ...computed, note: 'Briefing summary unavailable (no briefing JSON found)' };
  if (latest.error !== undefined || latest.json === undefined) {
    return { ...computed, note: `Briefing summary unavailable (${latest.error ?? 'not loaded'})` };
  }
  const merged = mergeBriefingRiskSummary(computed, latest.json);
  if (merged) return merged;
  return { ...computed, note: `Latest briefing ${latest.date ?? 'unknown'} does not include portfolio exposure.` };
}
