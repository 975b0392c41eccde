import { JsonValue, sortKeysDeep, toJsonSafe } from '../json';
import { BRIEFING_DISCLAIMER, BriefingReport } from './briefing.types';

// The briefing JSON (DOMAIN.md §6.4): sorted keys, non-finite numbers as null. Schema: docs/schemas/briefing.schema.json.

export const BRIEFING_SCHEMA_VERSION = 1;
/** Gamma levels kept per section in the JSON (the full per-strike list would dwarf the rest). */
export const BRIEFING_GAMMA_LEVELS = 10;

export function buildBriefingJson(report: BriefingReport): JsonValue {
  return sortKeysDeep(
    toJsonSafe({
      schema_version: BRIEFING_SCHEMA_VERSION,
      generated_at: report.generated_at,
      as_of: report.report_date,
      disclaimer: BRIEFING_DISCLAIMER,
      report_date: report.report_date,
      portfolio_path: report.portfolio_path,
      symbols: report.symbols,
      top: report.top,
      technicals: { source: 'candles_daily', config_path: report.technicals_config_path },
      portfolio: { exposure: report.exposure, stress: report.stress },
      portfolio_rows: report.portfolio_rows,
      symbol_sources: report.symbol_sources,
      watchlists: report.watchlists,
      sections: report.sections.map((s) => ({
        ...s,
        chain: s.chain ? { ...s.chain, gamma: { ...s.chain.gamma, by_strike: s.chain.gamma.by_strike.slice(0, BRIEFING_GAMMA_LEVELS) } } : null,
      })),
    }),
  );
}

/** Pretty-printed with a trailing newline, as written to `{date}.json`. */
export function briefingJsonText(report: BriefingReport): string {
  return `${JSON.stringify(buildBriefingJson(report), null, 2)}\n`;
}
