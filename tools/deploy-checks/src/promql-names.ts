/**
 * Metric names referenced by a PromQL expression. Not a PromQL parser: it blanks what can never be a metric
 * name (strings, label matchers, ranges, grouping label lists, Grafana variables), then keeps identifiers that
 * are neither keywords nor function calls. promtool checks the syntax; this only answers "which metrics".
 */
const KEYWORDS = new Set([
  'by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool',
  'and', 'or', 'unless', 'atan2', 'offset', 'inf', 'nan',
]);

export function metricNamesIn(expr: string): string[] {
  const blanked = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, '""')
    .replace(/\{[^}]*\}/g, '{}')
    .replace(/\[[^\]]*\]/g, '[]')
    // Drop grouping lists entirely, so that `sum by (job) (x)` reads as the call `sum (x)`.
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/gi, ' ')
    .replace(/\$\{?\w+\}?/g, ' ');
  const names = new Set<string>();
  for (const m of blanked.matchAll(/(?<![\w.:$])[a-zA-Z_:][a-zA-Z0-9_:]*(?![\w:])/g)) {
    const name = m[0];
    const rest = blanked.slice((m.index ?? 0) + name.length);
    if (/^\s*\(/.test(rest)) continue; // a function call
    if (KEYWORDS.has(name.toLowerCase())) continue;
    names.add(name);
  }
  return [...names].sort();
}
