import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import {
  allRuleFiles, dashboardExprs, filesIn, GrafanaDashboard, PATHS, PromRule, readJson, readYaml, REPO_ROOT, rulesOf, RuleTestFile,
} from './deploy-files';
import { metricNamesIn } from './promql-names';

const TIMEOUT_MS = 180_000;

/** Runs promtool from the repository root. A missing promtool fails the test: these checks must not be skipped. */
function promtool(args: string[]): { status: number | null; output: string } {
  const run = spawnSync('promtool', args, { cwd: REPO_ROOT, encoding: 'utf8', timeout: TIMEOUT_MS - 10_000 });
  if (run.error) {
    if ((run.error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error('promtool not found on PATH. Install the Debian `prometheus` package (apt-get update && apt-get install -y prometheus), which provides promtool.');
    }
    throw run.error;
  }
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

const ruleTestFiles = filesIn(PATHS.ruleTestsDir, '.test.yml');

describe('promtool', () => {
  it('accepts prometheus.yml and the rule files it loads', () => {
    expect(promtool(['check', 'config', PATHS.prometheusConfig])).toEqual({ status: 0, output: expect.stringContaining('SUCCESS') });
  }, TIMEOUT_MS);

  it('accepts every rule file', () => {
    expect(allRuleFiles().length).toBeGreaterThan(0);
    expect(promtool(['check', 'rules', ...allRuleFiles()])).toEqual({ status: 0, output: expect.stringContaining('SUCCESS') });
  }, TIMEOUT_MS);

  it('passes the rule unit tests', () => {
    expect(ruleTestFiles.length).toBeGreaterThan(0);
    const result = promtool(['test', 'rules', ...ruleTestFiles]);
    expect(result).toEqual({ status: 0, output: expect.not.stringContaining('FAILED') });
  }, TIMEOUT_MS);

  it('parses every dashboard query', () => {
    const dashboard = readJson<GrafanaDashboard>(PATHS.pipelineHealthDashboard);
    // Grafana expands its interval variables before the query reaches Prometheus.
    const rules = dashboardExprs(dashboard).map(({ panel, target, expr }) => ({
      record: `dashboard:panel_${panel.id}_${target.refId ?? 'A'}`,
      expr: expr.replace(/\$__(rate_interval|interval|range)/g, '5m'),
    }));
    expect(rules.length).toBeGreaterThan(0);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'deploy-checks-'));
    try {
      const file = path.join(dir, 'dashboard.rules.yml');
      writeFileSync(file, stringify({ groups: [{ name: 'dashboard', rules }] }));
      expect(promtool(['check', 'rules', file])).toEqual({ status: 0, output: expect.stringContaining(`SUCCESS: ${rules.length} rules found`) });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, TIMEOUT_MS);
});

describe('rule unit-test coverage', () => {
  const tests = ruleTestFiles.flatMap((file) => readYaml<RuleTestFile>(file).tests.map((t) => ({ file, test: t })));
  const alertCases = tests.flatMap(({ test }) => test.alert_rule_test ?? []);
  const exprCases = tests.flatMap(({ test }) => test.promql_expr_test ?? []);

  it('load rule files that exist, relative to the test file', () => {
    for (const file of ruleTestFiles) {
      const ruleFiles = readYaml<RuleTestFile>(file).rule_files.map((r) => path.posix.normalize(path.posix.join(path.posix.dirname(file), r)));
      for (const r of ruleFiles) expect(allRuleFiles()).toContain(r);
    }
  });

  const alerts = rulesOf(PATHS.alertRules).filter((r): r is PromRule & { alert: string } => Boolean(r.alert));
  it.each(alerts.map((a) => a.alert))('%s is tested firing and not firing', (alertname) => {
    const cases = alertCases.filter((c) => c.alertname === alertname);
    expect(cases.some((c) => (c.exp_alerts ?? []).length > 0)).toBe(true);
    expect(cases.some((c) => (c.exp_alerts ?? []).length === 0)).toBe(true);
  });

  const records = allRuleFiles().flatMap(rulesOf).flatMap((r) => (r.record ? [r.record] : []));
  it.each(records)('%s has an expression test with expected samples', (record) => {
    const cases = exprCases.filter((c) => metricNamesIn(c.expr).includes(record));
    expect(cases.some((c) => (c.exp_samples ?? []).length > 0)).toBe(true);
  });
});
