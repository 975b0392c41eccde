import { allRules, dashboardExprs, GrafanaDashboard, PATHS, readJson, recordingRuleNames } from './deploy-files';
import { allowedMetricNames, EXPORTED_METRICS } from './metric-catalog';
import { metricNamesIn } from './promql-names';

/** Names used by an expression that are neither exported by the services, recorded, nor standard. */
async function unknownNames(exprs: { where: string; expr: string }[]): Promise<string[]> {
  const allowed = await allowedMetricNames(recordingRuleNames());
  return exprs.flatMap(({ where, expr }) => metricNamesIn(expr).filter((n) => !allowed.has(n)).map((n) => `${where}: ${n}`));
}

describe('metric names', () => {
  it('in rules are exported metrics, recording rules or standard metrics', async () => {
    const exprs = allRules().map((r) => ({ where: r.record ?? r.alert ?? '?', expr: r.expr }));
    expect(exprs.length).toBeGreaterThan(0);
    expect(await unknownNames(exprs)).toEqual([]);
  });

  it('in the dashboard are exported metrics, recording rules or standard metrics', async () => {
    const dashboard = readJson<GrafanaDashboard>(PATHS.pipelineHealthDashboard);
    const exprs = dashboardExprs(dashboard).map(({ panel, target, expr }) => ({ where: `panel ${panel.id} "${panel.title}" ${target.refId}`, expr }));
    expect(exprs.length).toBeGreaterThan(0);
    expect(await unknownNames(exprs)).toEqual([]);
  });

  it('flag a name outside the catalog', async () => {
    expect(await unknownNames([{ where: 'probe', expr: 'sum(options_helper_job_runs) + up' }])).toEqual(['probe: options_helper_job_runs']);
  });

  it('never read the runs counter without choosing a service, since ledger and job services export it differently', () => {
    const dashboard = readJson<GrafanaDashboard>(PATHS.pipelineHealthDashboard);
    const exprs = [...allRules().map((r) => r.expr), ...dashboardExprs(dashboard).map((d) => d.expr)];
    const [counter] = EXPORTED_METRICS.counters;
    for (const expr of exprs.filter((e) => metricNamesIn(e).includes(counter))) {
      expect(expr).toMatch(new RegExp(`${counter}\\{[^}]*\\bservice=`));
    }
  });
});
