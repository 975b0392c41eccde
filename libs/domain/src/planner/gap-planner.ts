// The gap backfill planner (DOMAIN.md §9.3): a pure, deterministic function from health data to backfill steps.
import { canonicalJson } from '../json';
import { sha256Hex } from '../errors/sha256';
import { DEFAULT_STALE_DAYS, isStale } from '../ledger/health-verdict';
import { ALL_SCOPE, type CheckRecord, type LatestRunRow, type WatermarkRecord } from '../ledger/ledger.types';
import { compareText, sortedUnique } from '../symbols/text-order';
import {
  DEFAULT_PLAN_PORTFOLIO_PATH,
  normalizePlanScope,
  PLAN_ASSET_PRIORITY,
  PLAN_JOB_ASSET,
  PLAN_REQUIRED_ASSETS,
  PLAN_UPSTREAM,
  planAssetOf,
  planCommand,
  type PlanAsset,
} from './gap-plan.rules';

export interface GapPlanInput {
  watermarks: WatermarkRecord[];
  latestRuns: Pick<LatestRunRow, 'job_name' | 'status'>[];
  failedChecks: Pick<CheckRecord, 'asset_key' | 'partition_key' | 'check_name'>[];
  /** Stale threshold in calendar days (default 3); must be a finite number ≥ 0. */
  staleDays?: number;
  /** Substituted for `{portfolio}` in commands (default `data/portfolio.json`). */
  portfolioPath?: string;
}

export interface GapPlanStep {
  step: number;
  priority: number;
  asset_key: string;
  scope_key: string;
  reason: string;
  command: string;
}

export interface GapPlan {
  steps: GapPlanStep[];
  /** SHA-256 hex of the canonical JSON of `{stale_days, steps}`: equal inputs ⇒ equal hash. */
  hash: string;
  stale_days: number;
}

const MISSING = 'missing_watermark';
const STALE = 'stale_watermark:';
const FAILED_CHECK = 'failed_check';
const FAILED_RUN = 'latest_run_failed:';
const DEPENDENCY = 'dependency:';
const NAMED_CHECKS_SHOWN = 3;

/** (asset, scope) → reason tokens. */
type Issues = Map<PlanAsset, Map<string, Set<string>>>;

export function planGapBackfill(input: GapPlanInput): GapPlan {
  const staleDays = input.staleDays ?? DEFAULT_STALE_DAYS;
  if (!Number.isFinite(staleDays) || staleDays < 0) throw new RangeError(`staleDays must be a number >= 0, got ${staleDays}`);
  const portfolioPath = input.portfolioPath ?? DEFAULT_PLAN_PORTFOLIO_PATH;

  const issues: Issues = new Map();
  const add = (asset: PlanAsset | null, scope: string, token: string): void => {
    // Keys outside the priority table are dropped here rather than at the collapse: they have no upstream, so the
    // result is the same and nothing unplannable is carried around.
    if (asset === null) return;
    const scopes = issues.get(asset) ?? new Map<string, Set<string>>();
    issues.set(asset, scopes);
    const tokens = scopes.get(scope) ?? new Set<string>();
    scopes.set(scope, tokens);
    tokens.add(token);
  };

  const watermarked = new Set(input.watermarks.map((w) => w.asset_key));
  for (const asset of PLAN_REQUIRED_ASSETS) if (!watermarked.has(asset)) add(asset, ALL_SCOPE, MISSING);
  for (const w of input.watermarks) {
    if (isStale(w, staleDays)) add(planAssetOf(w.asset_key), normalizePlanScope(w.scope_key), `${STALE}${w.staleness_days}`);
  }
  for (const c of input.failedChecks) {
    const name = (c.check_name ?? '').trim();
    add(planAssetOf(c.asset_key), normalizePlanScope(c.partition_key), name === '' ? FAILED_CHECK : `${FAILED_CHECK}:${name}`);
  }
  for (const r of input.latestRuns) {
    if (r.status === 'failed') add(PLAN_JOB_ASSET[r.job_name] ?? null, ALL_SCOPE, `${FAILED_RUN}${r.job_name}`);
  }

  // One level only: the snapshot of direct issues is taken before any dependency token is added.
  const direct = [...issues].flatMap(([asset, scopes]) => [...scopes.keys()].map((scope) => [asset, scope] as const));
  for (const [asset, scope] of direct) {
    for (const upstream of PLAN_UPSTREAM[asset] ?? []) add(upstream, scope, `${DEPENDENCY}${asset}`);
  }

  const rows: Omit<GapPlanStep, 'step'>[] = [];
  for (const [asset, scopes] of issues) {
    const merged = scopes.has(ALL_SCOPE) ? new Map([[ALL_SCOPE, new Set([...scopes.values()].flatMap((t) => [...t]))]]) : scopes;
    for (const [scope, tokens] of merged) {
      rows.push({
        priority: PLAN_ASSET_PRIORITY[asset],
        asset_key: asset,
        scope_key: scope,
        reason: planReason(tokens, staleDays),
        command: planCommand(asset, scope, portfolioPath),
      });
    }
  }
  rows.sort(
    (a, b) =>
      a.priority - b.priority ||
      compareText(a.asset_key, b.asset_key) ||
      compareText(a.scope_key, b.scope_key) ||
      compareText(a.command, b.command),
  );
  const steps = rows.map((row, i) => ({ step: i + 1, ...row }));
  return { steps, hash: sha256Hex(canonicalJson({ stale_days: staleDays, steps }) ?? ''), stale_days: staleDays };
}

/** The reason text of one row, in the fixed order of §9.3. */
function planReason(tokens: ReadonlySet<string>, staleDays: number): string {
  const after = (prefix: string): string[] => [...tokens].filter((t) => t.startsWith(prefix)).map((t) => t.slice(prefix.length));
  const parts: string[] = [];

  const staleness = after(STALE).map(Number);
  if (staleness.length > 0) parts.push(`watermark stale (${Math.max(...staleness)}d >= ${staleDays}d)`);
  if (tokens.has(MISSING)) parts.push('watermark missing');

  const checkNames = sortedUnique(after(`${FAILED_CHECK}:`));
  if (checkNames.length > 0) {
    const more = checkNames.length - NAMED_CHECKS_SHOWN;
    parts.push(`failed checks: ${checkNames.slice(0, NAMED_CHECKS_SHOWN).join(', ')}${more > 0 ? `, +${more} more` : ''}`);
  } else if (tokens.has(FAILED_CHECK)) {
    parts.push('failed checks present');
  }

  const jobs = sortedUnique(after(FAILED_RUN));
  if (jobs.length > 0) parts.push(`latest failed run: ${jobs.join(', ')}`);
  const dependents = sortedUnique(after(DEPENDENCY));
  if (dependents.length > 0) parts.push(`upstream for: ${dependents.join(', ')}`);

  return parts.length > 0 ? parts.join('; ') : 'manual review';
}
