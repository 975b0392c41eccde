import type { ChainReport } from '../derived/chain-report';
import type { DerivedDailyRow } from '../derived/derived-row';
import type { FlowNetRow } from '../flow/flow.types';
import type { PortfolioExposure, StressResult } from '../portfolio/exposure';
import type { ConfluenceScore } from '../technicals/confluence';
import type { Technicals } from '../technicals/technicals';
import type { IsoDate } from '../time';
import type { BriefingPortfolioRow } from './briefing-portfolio.table';
import type { CompareReport } from './compare-report';

// The briefing model (DOMAIN.md §6.1, §6.4): what the job computes per symbol, rendered as Markdown and JSON.

export const BRIEFING_DISCLAIMER = 'Not financial advice. For informational/educational use only.';

/** The snapshot header's quote-quality fields. */
export interface QuoteQuality {
  contracts: number | null;
  missing_bid_ask_count: number | null;
  missing_bid_ask_pct: number | null;
  spread_pct_median: number | null;
  spread_pct_worst: number | null;
  stale_quotes: number | null;
  stale_pct: number | null;
}

export interface BriefingSection {
  symbol: string;
  /** The resolved snapshot date; null when none was found. */
  as_of: IsoDate | null;
  errors: string[];
  warnings: string[];
  derived_updated: boolean;
  next_earnings_date: IsoDate | null;
  technicals: Technicals | null;
  confluence: ConfluenceScore | null;
  chain: ChainReport | null;
  derived: DerivedDailyRow | null;
  compare: CompareReport | null;
  /** Net flow of one pair (compare date → as-of) aggregated by strike; empty when compare is off. */
  flow_net: FlowNetRow[];
  quote_quality: QuoteQuality | null;
}

export interface SymbolSources {
  symbol: string;
  /** `portfolio`, `watchlist:{name}` or `manual`. */
  sources: string[];
}

export interface BriefingReport {
  generated_at: string;
  report_date: IsoDate;
  portfolio_path: string | null;
  symbols: string[];
  top: number;
  technicals_config_path: string | null;
  exposure: PortfolioExposure | null;
  stress: StressResult[];
  portfolio_rows: BriefingPortfolioRow[];
  symbol_sources: SymbolSources[];
  watchlists: { name: string; symbols: string[] }[];
  sections: BriefingSection[];
}

/** An empty section, to fill in step by step. */
export function emptySection(symbol: string): BriefingSection {
  return {
    symbol,
    as_of: null,
    errors: [],
    warnings: [],
    derived_updated: false,
    next_earnings_date: null,
    technicals: null,
    confluence: null,
    chain: null,
    derived: null,
    compare: null,
    flow_net: [],
    quote_quality: null,
  };
}

/** The report date: the greatest resolved as-of across sections (null when none resolved). */
export function briefingReportDate(sections: readonly BriefingSection[]): IsoDate | null {
  return sections.map((s) => s.as_of).filter((d): d is IsoDate => d !== null).sort().at(-1) ?? null;
}

/** Net flow ΔOI$ of calls minus puts (the confluence flow input); null without rows. */
export function flowCallsMinusPuts(rows: readonly FlowNetRow[]): number | null {
  if (rows.length === 0) return null;
  return rows.reduce((sum, r) => sum + (r.option_type === 'call' ? r.delta_oi_notional : r.option_type === 'put' ? -r.delta_oi_notional : 0), 0);
}
