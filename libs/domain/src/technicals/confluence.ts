import type { WeeklyTrend } from './technicals';

// Confluence score (DOMAIN.md §6.3): a few signals, each −1, 0 or +1, weighted; components without inputs are left
// out of the score and lower the coverage.

export interface ConfluenceConfig {
  weekly_trend: { weight: number };
  extension_percentile: { weight: number; high: number; low: number };
  flow: { weight: number };
  iv_rv: { weight: number; cheap_below: number; rich_above: number };
  rsi: { weight: number; oversold: number; overbought: number };
}

export const DEFAULT_CONFLUENCE_CONFIG: ConfluenceConfig = Object.freeze({
  weekly_trend: { weight: 25 },
  extension_percentile: { weight: 10, high: 90, low: 10 },
  flow: { weight: 20 },
  iv_rv: { weight: 10, cheap_below: 0.8, rich_above: 1.2 },
  rsi: { weight: 5, oversold: 30, overbought: 70 },
});

export type ConfluenceComponentName = keyof ConfluenceConfig;

export interface ConfluenceInputs {
  weekly_trend: WeeklyTrend | null;
  extension_percentile: number | null;
  /** Net flow ΔOI$ of calls minus puts. */
  flow_net_calls_minus_puts: number | null;
  iv_rv_20d: number | null;
  rsi: number | null;
}

export interface ConfluenceComponent {
  name: ConfluenceComponentName;
  weight: number;
  /** −1, 0 or +1; null when the input is missing. */
  score: number | null;
  input: string | number | null;
}

export interface ConfluenceScore {
  /** Σ weight × score over the components with inputs, rounded. */
  total: number;
  /** Σ weights with inputs / Σ weights × 100. */
  coverage_pct: number;
  components: ConfluenceComponent[];
}

/** Merges a partial config (e.g. `config/confluence.json`) over the defaults; non-numbers are errors naming the path. */
export function parseConfluenceConfig(raw: unknown): ConfluenceConfig {
  const out = JSON.parse(JSON.stringify(DEFAULT_CONFLUENCE_CONFIG)) as ConfluenceConfig;
  if (raw === null || raw === undefined) return out;
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new Error('confluence config: must be a JSON object');
  for (const [name, defaults] of Object.entries(out) as [ConfluenceComponentName, Record<string, number>][]) {
    const given = (raw as Record<string, unknown>)[name];
    if (given === undefined) continue;
    if (given === null || typeof given !== 'object' || Array.isArray(given)) throw new Error(`confluence config: $.${name} must be an object`);
    for (const key of Object.keys(defaults)) {
      const v = (given as Record<string, unknown>)[key];
      if (v === undefined) continue;
      if (typeof v !== 'number' || !Number.isFinite(v) || (key === 'weight' && v < 0)) throw new Error(`confluence config: $.${name}.${key} must be a ${key === 'weight' ? 'number ≥ 0' : 'number'}`);
      defaults[key] = v;
    }
  }
  return out;
}

function finite(v: number | null): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

export function confluenceScore(inputs: ConfluenceInputs, config: ConfluenceConfig = DEFAULT_CONFLUENCE_CONFIG): ConfluenceScore {
  const c = config;
  const trend = inputs.weekly_trend;
  const ext = inputs.extension_percentile;
  const flow = inputs.flow_net_calls_minus_puts;
  const ivrv = inputs.iv_rv_20d;
  const rsi = inputs.rsi;
  const components: ConfluenceComponent[] = [
    { name: 'weekly_trend', weight: c.weekly_trend.weight, input: trend, score: trend === null ? null : trend === 'up' ? 1 : trend === 'down' ? -1 : 0 },
    { name: 'extension_percentile', weight: c.extension_percentile.weight, input: ext, score: !finite(ext) ? null : ext >= c.extension_percentile.high ? -1 : ext <= c.extension_percentile.low ? 1 : 0 },
    { name: 'flow', weight: c.flow.weight, input: flow, score: !finite(flow) ? null : Math.sign(flow) + 0 },
    { name: 'iv_rv', weight: c.iv_rv.weight, input: ivrv, score: !finite(ivrv) ? null : ivrv < c.iv_rv.cheap_below ? 1 : ivrv > c.iv_rv.rich_above ? -1 : 0 },
    { name: 'rsi', weight: c.rsi.weight, input: rsi, score: !finite(rsi) ? null : rsi < c.rsi.oversold ? 1 : rsi > c.rsi.overbought ? -1 : 0 },
  ];
  const allWeights = components.reduce((a, x) => a + x.weight, 0);
  const withInputs = components.filter((x) => x.score !== null);
  const total = Math.round(withInputs.reduce((a, x) => a + x.weight * (x.score as number), 0));
  const covered = withInputs.reduce((a, x) => a + x.weight, 0);
  return { total: total + 0, coverage_pct: allWeights > 0 ? (covered / allWeights) * 100 : 0, components };
}
