import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import {
  allPanels, CONTAINER_MOUNTS, dashboardExprs, existsInRepo, GrafanaDashboard, GrafanaPanel, PATHS, readJson, readYaml, repoPath,
} from './deploy-files';
import { metricNamesIn } from './promql-names';

interface Datasource {
  name: string;
  uid: string;
  type: string;
  url: string;
  user?: string;
  password?: string;
  jsonData?: Record<string, unknown>;
  secureJsonData?: Record<string, unknown>;
}

interface DashboardProvider {
  name: string;
  type: string;
  options: { path: string };
}

const PROMETHEUS_UID = 'options-helper-prometheus';
const GATEWAY_UID = 'options-helper-gateway';
const DASHBOARD_UID = 'options-helper-pipeline-health';

const datasources = readYaml<{ apiVersion: number; datasources: Datasource[] }>(PATHS.grafanaDatasources);
const providers = readYaml<{ apiVersion: number; providers: DashboardProvider[] }>(PATHS.grafanaDashboardProviders);
const dashboard = readJson<GrafanaDashboard>(PATHS.pipelineHealthDashboard);
const provisionedUids = new Set(datasources.datasources.map((d) => d.uid));

/** Maps a path inside the Grafana or Prometheus container to the repository folder mounted there. */
function repoPathOfContainerPath(containerPath: string): string | undefined {
  const mount = Object.keys(CONTAINER_MOUNTS).find((m) => containerPath === m || containerPath.startsWith(`${m}/`));
  return mount === undefined ? undefined : path.posix.join(CONTAINER_MOUNTS[mount], containerPath.slice(mount.length));
}

const uidOf = (ds: GrafanaPanel['datasource']) => (typeof ds === 'object' && ds !== null ? ds.uid : ds);

describe('Grafana data sources', () => {
  it('have unique uids', () => {
    expect(datasources.apiVersion).toBe(1);
    expect(provisionedUids.size).toBe(datasources.datasources.length);
  });

  it('provision Prometheus with a stable uid', () => {
    expect(datasources.datasources.find((d) => d.uid === PROMETHEUS_UID)).toMatchObject({ type: 'prometheus', url: 'http://prometheus:9090' });
  });

  it('provision the ledger Postgres gateway with the password from the environment', () => {
    const gateway = datasources.datasources.find((d) => d.uid === GATEWAY_UID);
    expect(gateway).toMatchObject({ url: 'ledger:5433', user: 'grafana', jsonData: { database: 'options_helper', sslmode: 'disable' } });
    expect(['postgres', 'grafana-postgresql-datasource']).toContain(gateway?.type);
    expect(gateway?.secureJsonData?.password).toBe('$OPTIONS_HELPER_GATEWAY_GRAFANA_PASSWORD');
    expect(gateway?.password).toBeUndefined();
  });
});

describe('Grafana dashboard provider', () => {
  it('reads dashboards from a mounted repository folder that holds the pipeline-health dashboard', () => {
    expect(providers.apiVersion).toBe(1);
    expect(providers.providers.length).toBeGreaterThan(0);
    for (const provider of providers.providers) {
      expect(provider.type).toBe('file');
      const folder = repoPathOfContainerPath(provider.options.path);
      expect(folder).toBe(PATHS.grafanaDashboardsDir);
      expect(existsInRepo(folder ?? '')).toBe(true);
    }
    expect(existsInRepo(PATHS.pipelineHealthDashboard)).toBe(true);
  });

  it('serves only dashboards that parse, with unique uids', () => {
    const files = readdirSync(repoPath(PATHS.grafanaDashboardsDir)).filter((f) => f.endsWith('.json'));
    const uids = files.map((f) => readJson<GrafanaDashboard>(`${PATHS.grafanaDashboardsDir}/${f}`).uid);
    expect(uids.every((u) => typeof u === 'string' && u.length > 0)).toBe(true);
    expect(new Set(uids).size).toBe(uids.length);
  });
});

describe('pipeline-health dashboard', () => {
  const panels = allPanels(dashboard);
  const queryPanels = panels.filter((p) => p.type !== 'row');

  it('keeps its stable uid', () => {
    expect(dashboard.uid).toBe(DASHBOARD_UID);
  });

  it('has unique panel ids', () => {
    expect(new Set(panels.map((p) => p.id)).size).toBe(panels.length);
  });

  it('queries only provisioned data sources, the Prometheus one', () => {
    expect(queryPanels.length).toBeGreaterThan(0);
    for (const panel of queryPanels) {
      expect([panel.title, uidOf(panel.datasource)]).toEqual([panel.title, PROMETHEUS_UID]);
      expect(panel.targets?.length).toBeGreaterThan(0);
      for (const target of panel.targets ?? []) expect([panel.title, uidOf(target.datasource)]).toEqual([panel.title, PROMETHEUS_UID]);
    }
    for (const uid of panels.map((p) => uidOf(p.datasource)).filter((u) => u != null)) expect(provisionedUids).toContain(uid);
  });

  it('lays panels out on the 24-column grid without overlaps', () => {
    for (const p of panels) expect(p.gridPos.x + p.gridPos.w).toBeLessThanOrEqual(24);
    const overlaps = (a: GrafanaPanel['gridPos'], b: GrafanaPanel['gridPos']) =>
      a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
    const top = dashboard.panels;
    const clashes = top.flatMap((a, i) => top.slice(i + 1).filter((b) => overlaps(a.gridPos, b.gridPos)).map((b) => `${a.title} / ${b.title}`));
    expect(clashes).toEqual([]);
  });

  const used = (metric: string, type?: string) =>
    dashboardExprs(dashboard).some(({ panel, expr }) => metricNamesIn(expr).includes(metric) && (type === undefined || panel.type === type));

  it.each([
    ['job last success age', 'options_helper:job_success_age_seconds', undefined],
    ['latest run status', 'options_helper_job_last_run_status', 'table'],
    ['run durations', 'options_helper_job_run_duration_seconds', undefined],
    ['stale assets', 'options_helper:stale_assets:max', undefined],
    ['watermark age per asset', 'options_helper_asset_watermark_age_seconds', undefined],
    ['staleness sessions per asset', 'options_helper:asset_staleness_sessions:max', undefined],
    ['failing checks table', 'options_helper_checks_failing', 'table'],
    ['HTTP p95 by service', 'options_helper:http_request_duration_seconds:p95_by_service_5m', undefined],
    ['up per service', 'up', undefined],
  ])('shows %s', (_what, metric, type) => {
    expect(used(metric, type)).toBe(true);
  });
});

// docker-compose.yml is owned elsewhere; when it exists it must mount the folders these files are written against.
const composeFile = ['docker-compose.yml', 'compose.yml', 'docker-compose.yaml', 'compose.yaml'].find((f) => existsSync(repoPath(f)));
(composeFile ? describe : describe.skip)(`compose mounts (${composeFile ?? 'no compose file yet'})`, () => {
  type Volume = string | { source?: string; target?: string };
  const services = composeFile ? readYaml<{ services: Record<string, { volumes?: Volume[] }> }>(composeFile).services : {};
  const mounts = (service: string) =>
    (services[service]?.volumes ?? []).map((v) => {
      const [source, target] = typeof v === 'string' ? v.split(':') : [v.source ?? '', v.target ?? ''];
      return { source: path.posix.normalize(source.replace(/^\.\//, '')).replace(/\/$/, ''), target };
    });

  it.each([
    ['prometheus', '/etc/prometheus'],
    ['grafana', '/etc/grafana/provisioning'],
    ['grafana', '/var/lib/grafana/dashboards'],
  ])('%s mounts %s from the repository', (service, target) => {
    expect(mounts(service)).toContainEqual({ source: CONTAINER_MOUNTS[target], target });
  });
});
