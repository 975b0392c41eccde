import { canonicalJson } from '../json';
import { sha256Hex } from '../errors/sha256';
import type { GapPlanInput } from './gap-planner';
import { planGapBackfill } from './gap-planner';
import { failedCheck, mulberry32, pick, run, shuffled, watermark } from './testing/plan-inputs.fixtures';

// Laws of the planner (DOMAIN.md §9.3) over generated health data. The oracle below restates the spec's tables
// independently of gap-plan.rules.ts, so a wrong constant there fails here.
const PRIORITY: Record<string, number> = { candles_daily: 10, option_bars: 20, options_snapshots: 30, options_flow: 40, derived_daily: 50 };
const UPSTREAM: Record<string, string[]> = {
  options_snapshots: ['candles_daily'],
  options_flow: ['candles_daily', 'options_snapshots'],
  derived_daily: ['candles_daily', 'options_snapshots'],
};
const JOB_ASSET: Record<string, string> = {
  ingest_candles: 'candles_daily',
  ingest_options_bars: 'option_bars',
  snapshot_options: 'options_snapshots',
  compute_flow: 'options_flow',
  compute_derived: 'derived_daily',
};
const REQUIRED = ['candles_daily', 'options_snapshots', 'options_flow', 'derived_daily'];
const alias = (asset: string) => (asset === 'option_contracts' ? 'option_bars' : asset);

const ASSETS = [...Object.keys(PRIORITY), 'option_contracts', 'briefing_json', 'dashboard_view', 'unknown_asset'];
const SCOPES = ['ALL', '', 'SPY', 'spy|2026-11-20', 'QQQ|2026-11-19', '2026-11-20', 'brk.b', 'IWM', '^VIX', 'TOO_LONG_A_SYMBOL_X'];
const JOBS = [...Object.keys(JOB_ASSET), 'build_briefing', 'build_dashboard', 'daily_graph'];
const STATUSES = ['started', 'success', 'failed'] as const;
const CHECKS = ['', 'a_check', 'b_check', 'c_check', 'd_check', 'e_check'];

function generate(random: () => number): GapPlanInput {
  const count = (max: number) => Math.floor(random() * (max + 1));
  const maybeNull = <T>(value: T): T | null => (random() < 0.1 ? null : value);
  return {
    watermarks: Array.from({ length: count(8) }, () =>
      watermark(pick(ASSETS, random), pick(SCOPES, random), maybeNull(count(12) - 2), maybeNull(count(4))),
    ),
    latestRuns: Array.from({ length: count(4) }, () => run(pick(JOBS, random), pick(STATUSES, random))),
    failedChecks: Array.from({ length: count(6) }, () => failedCheck(pick(ASSETS, random), maybeNull(pick(SCOPES, random)), pick(CHECKS, random))),
    staleDays: pick([0, 1, 3, 5], random),
  };
}

/** Plannable assets with an issue of steps 2–5. */
function directIssueAssets(input: GapPlanInput): Set<string> {
  const n = input.staleDays ?? 3;
  const assets = [
    ...REQUIRED.filter((a) => !input.watermarks.some((w) => w.asset_key === a)),
    ...input.watermarks
      .filter((w) => w.staleness_days !== null && w.staleness_days >= n && (w.staleness_sessions ?? 0) >= 1)
      .map((w) => alias(w.asset_key)),
    ...input.failedChecks.map((c) => alias(c.asset_key)),
    ...input.latestRuns.filter((r) => r.status === 'failed').map((r) => JOB_ASSET[r.job_name] ?? ''),
  ];
  return new Set(assets.filter((a) => a in PRIORITY));
}

const CASES = Array.from({ length: 400 }, (_, seed) => seed);

describe('planGapBackfill laws', () => {
  it('holds for 400 generated inputs', () => {
    let nonEmpty = 0;
    for (const seed of CASES) {
      const random = mulberry32(seed + 1);
      const input = generate(random);
      const plan = planGapBackfill(input);
      if (plan.steps.length > 0) nonEmpty++;

      // Every step's asset is in the priority table, with its priority.
      for (const s of plan.steps) expect(s.priority).toBe(PRIORITY[s.asset_key]);

      // Steps are numbered 1..n in order, sorted by priority, asset_key, scope_key, command.
      expect(plan.steps.map((s) => s.step)).toEqual(plan.steps.map((_, i) => i + 1));
      const key = (s: (typeof plan.steps)[number]) => [String(s.priority).padStart(3, '0'), s.asset_key, s.scope_key, s.command].join('\u0000');
      const keys = plan.steps.map(key);
      expect(keys).toEqual([...keys].sort());

      // A plan never contains an asset with no issue and no dependent issue; and every direct issue is planned.
      const direct = directIssueAssets(input);
      const allowed = new Set([...direct, ...[...direct].flatMap((a) => UPSTREAM[a] ?? [])]);
      for (const s of plan.steps) expect(allowed).toContain(s.asset_key);
      expect(new Set(plan.steps.map((s) => s.asset_key))).toEqual(allowed);

      // One row per (asset, scope); an ALL row is its asset's only row; scopes are ALL or a clean symbol.
      for (const s of plan.steps) {
        const same = plan.steps.filter((t) => t.asset_key === s.asset_key);
        if (s.scope_key === 'ALL') expect(same).toHaveLength(1);
        expect(same.filter((t) => t.scope_key === s.scope_key)).toHaveLength(1);
        expect(s.scope_key).toMatch(/^(ALL|[A-Z][A-Z0-9._-]{0,15})$/);
        expect(s.reason).not.toBe('manual review');
      }

      // Plan identity: the hash is that of {stale_days, steps}, and input order does not matter.
      expect(plan.hash).toBe(sha256Hex(canonicalJson({ stale_days: plan.stale_days, steps: plan.steps }) ?? ''));
      const reordered = planGapBackfill({
        ...input,
        watermarks: shuffled(input.watermarks, random),
        latestRuns: shuffled(input.latestRuns, random),
        failedChecks: shuffled(input.failedChecks, random),
      });
      expect(reordered).toEqual(plan);
    }
    // The generator is not degenerate: most inputs produce work.
    expect(nonEmpty).toBeGreaterThan(CASES.length / 2);
  });
});
