import path from 'node:path';
import { allRuleFiles, existsInRepo, PATHS, readYaml, rulesOf } from './deploy-files';

interface ScrapeConfig {
  job_name: string;
  scrape_interval?: string;
  metrics_path?: string;
  honor_labels?: boolean;
  static_configs?: { targets: string[] }[];
}

interface PrometheusConfig {
  global?: { scrape_interval?: string; evaluation_interval?: string };
  rule_files?: string[];
  alerting?: { alertmanagers?: { static_configs?: { targets: string[] }[] }[] };
  scrape_configs: ScrapeConfig[];
}

/** The compose service names and ports of ARCHITECTURE.md §2. */
const SERVICES: Record<string, string> = {
  ledger: 'ledger:7410',
  ingest: 'ingest:7411',
  compute: 'compute:7412',
  checks: 'checks:7413',
  orchestrator: 'orchestrator:7414',
};

const config = readYaml<PrometheusConfig>(PATHS.prometheusConfig);

describe('prometheus.yml', () => {
  it('scrapes every service by its compose name, one scrape job per service', () => {
    const targets = Object.fromEntries(config.scrape_configs.map((s) => [s.job_name, (s.static_configs ?? []).flatMap((c) => c.targets)]));
    expect(targets).toEqual(Object.fromEntries(Object.entries(SERVICES).map(([job, target]) => [job, [target]])));
  });

  it.each(Object.keys(SERVICES))('scrapes %s every 15s at /metrics', (job) => {
    const scrape = config.scrape_configs.find((s) => s.job_name === job);
    expect(scrape?.scrape_interval ?? config.global?.scrape_interval).toBe('15s');
    expect(scrape?.metrics_path ?? '/metrics').toBe('/metrics');
  });

  it('keeps the exported `job` label (pipeline job), which every per-job rule and panel reads', () => {
    // Without honor_labels the pipeline job would land in `exported_job` and `job` would be the scrape job.
    expect(config.scrape_configs.map((s) => [s.job_name, s.honor_labels])).toEqual(Object.keys(SERVICES).map((job) => [job, true]));
  });

  it('loads every rule file, and only existing ones', () => {
    const loaded = (config.rule_files ?? []).map((f) => path.posix.normalize(path.posix.join(path.posix.dirname(PATHS.prometheusConfig), f)));
    for (const f of loaded) expect(existsInRepo(f)).toBe(true);
    expect(loaded.sort()).toEqual(allRuleFiles());
  });

  it('sends alerts to alertmanager:9093', () => {
    const targets = (config.alerting?.alertmanagers ?? []).flatMap((a) => (a.static_configs ?? []).flatMap((c) => c.targets));
    expect(targets).toContain('alertmanager:9093');
  });

  it('selects `up` only by scrape job names that exist', () => {
    const jobs = new Set(config.scrape_configs.map((s) => s.job_name));
    const selected = allRuleFiles().flatMap(rulesOf).flatMap((r) => [...r.expr.matchAll(/\bup\{[^}]*\bjob="([^"]+)"/g)].map((m) => m[1]));
    expect(selected.length).toBeGreaterThan(0);
    for (const job of selected) expect(jobs).toContain(job);
  });
});
