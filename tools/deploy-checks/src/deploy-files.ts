import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

/** Repository root: tools/deploy-checks/src → ../../.. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

export const PATHS = {
  prometheusDir: 'deploy/prometheus',
  prometheusConfig: 'deploy/prometheus/prometheus.yml',
  rulesDir: 'deploy/prometheus/rules',
  recordingRules: 'deploy/prometheus/rules/recording.rules.yml',
  alertRules: 'deploy/prometheus/rules/alerts.rules.yml',
  ruleTestsDir: 'deploy/prometheus/tests',
  grafanaDatasources: 'deploy/grafana/provisioning/datasources/datasources.yml',
  grafanaDashboardProviders: 'deploy/grafana/provisioning/dashboards/dashboards.yml',
  grafanaDashboardsDir: 'deploy/grafana/dashboards',
  pipelineHealthDashboard: 'deploy/grafana/dashboards/pipeline-health.json',
  runbooksDir: 'docs/runbooks',
} as const;

/**
 * Where docker-compose mounts the deploy folders inside the containers. The compose file is owned elsewhere;
 * these are the paths the provisioning files are written against.
 */
export const CONTAINER_MOUNTS: Record<string, string> = {
  '/etc/prometheus': PATHS.prometheusDir,
  '/etc/grafana/provisioning': 'deploy/grafana/provisioning',
  '/var/lib/grafana/dashboards': PATHS.grafanaDashboardsDir,
};

export function repoPath(relative: string): string {
  return path.join(REPO_ROOT, relative);
}

export function readText(relative: string): string {
  return readFileSync(repoPath(relative), 'utf8');
}

export function readYaml<T>(relative: string): T {
  return parse(readText(relative)) as T;
}

export function readJson<T>(relative: string): T {
  return JSON.parse(readText(relative)) as T;
}

export function existsInRepo(relative: string): boolean {
  return existsSync(repoPath(relative));
}

/** Files of a repository folder whose names end with `suffix`, as repository-relative paths, sorted. */
export function filesIn(relativeDir: string, suffix: string): string[] {
  return readdirSync(repoPath(relativeDir))
    .filter((name) => name.endsWith(suffix))
    .sort()
    .map((name) => path.posix.join(relativeDir, name));
}

export interface PromRule {
  record?: string;
  alert?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface PromRuleFile {
  groups: { name: string; interval?: string; rules: PromRule[] }[];
}

export function rulesOf(relative: string): PromRule[] {
  return readYaml<PromRuleFile>(relative).groups.flatMap((g) => g.rules);
}

export function allRuleFiles(): string[] {
  return filesIn(PATHS.rulesDir, '.yml');
}

export function allRules(): PromRule[] {
  return allRuleFiles().flatMap(rulesOf);
}

export function recordingRuleNames(): string[] {
  return allRules().flatMap((r) => (r.record ? [r.record] : []));
}

export interface RuleTestFile {
  rule_files: string[];
  evaluation_interval?: string;
  tests: {
    interval?: string;
    input_series?: { series: string; values: string }[];
    alert_rule_test?: { eval_time: string; alertname: string; exp_alerts?: { exp_labels?: Record<string, string>; exp_annotations?: Record<string, string> }[] }[];
    promql_expr_test?: { expr: string; eval_time: string; exp_samples?: { labels: string; value: number | string }[] }[];
  }[];
}

export interface GrafanaTarget {
  refId?: string;
  expr?: string;
  datasource?: { type?: string; uid?: string } | string | null;
}

export interface GrafanaPanel {
  id: number;
  type: string;
  title: string;
  datasource?: { type?: string; uid?: string } | string | null;
  gridPos: { h: number; w: number; x: number; y: number };
  targets?: GrafanaTarget[];
  panels?: GrafanaPanel[];
}

export interface GrafanaDashboard {
  uid: string;
  title: string;
  panels: GrafanaPanel[];
}

/** Every panel, including those nested in collapsed rows. */
export function allPanels(dashboard: GrafanaDashboard): GrafanaPanel[] {
  return dashboard.panels.flatMap((p) => [p, ...(p.panels ?? [])]);
}

export function dashboardExprs(dashboard: GrafanaDashboard): { panel: GrafanaPanel; target: GrafanaTarget; expr: string }[] {
  return allPanels(dashboard).flatMap((panel) =>
    (panel.targets ?? []).flatMap((target) => (target.expr ? [{ panel, target, expr: target.expr }] : [])),
  );
}
