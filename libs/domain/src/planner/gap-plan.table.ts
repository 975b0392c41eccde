import type { GapPlan } from './gap-planner';

const COLUMNS = ['step', 'priority', 'asset_key', 'scope_key', 'reason', 'command'] as const;

/** The plan as a plain-text table: a header, then one row per step, columns padded and separated by two spaces. */
export function renderPlanTable(plan: Pick<GapPlan, 'steps'>): string {
  const rows = [[...COLUMNS], ...plan.steps.map((s) => COLUMNS.map((c) => String(s[c])))];
  const widths = COLUMNS.map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd()).join('\n');
}
