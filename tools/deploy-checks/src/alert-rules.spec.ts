import { existsInRepo, filesIn, PATHS, PromRule, readText, rulesOf } from './deploy-files';

const EXPECTED_ALERTS = [
  'OptionsHelperAssetStale',
  'OptionsHelperErrorChecksFailing',
  'OptionsHelperJobFailed',
  'OptionsHelperJobNotSucceeding',
  'OptionsHelperLedgerDown',
];

const alerts = rulesOf(PATHS.alertRules).filter((r): r is PromRule & { alert: string } => Boolean(r.alert));
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

describe('alert rules', () => {
  it('define exactly the documented alerts', () => {
    expect(alerts.map((a) => a.alert).sort()).toEqual(EXPECTED_ALERTS);
  });

  it('contain only alerts (recording rules live in recording.rules.yml)', () => {
    expect(rulesOf(PATHS.alertRules).filter((r) => !r.alert)).toEqual([]);
  });

  describe.each(alerts.map((a) => [a.alert, a] as const))('%s', (name, alert) => {
    it('has a severity of critical or warning', () => {
      expect(['critical', 'warning']).toContain(alert.labels?.severity);
    });

    it('has a summary and a description', () => {
      expect(alert.annotations?.summary?.trim()).toBeTruthy();
      expect(alert.annotations?.description?.trim()).toBeTruthy();
    });

    it('links its runbook, which exists', () => {
      const url = alert.annotations?.runbook_url;
      expect(url).toBe(`${PATHS.runbooksDir}/${name}.md`);
      expect(existsInRepo(url ?? '')).toBe(true);
    });

    it('has a runbook that shows the rule and how to confirm it with the CLI', () => {
      const runbook = readText(`${PATHS.runbooksDir}/${name}.md`);
      expect(runbook.startsWith(`# ${name}\n`)).toBe(true);
      expect(squash(runbook)).toContain(squash(alert.expr));
      expect(runbook).toContain('options-helper db health');
      expect(runbook).toContain('options-helper backfill plan');
    });
  });

  it('have one runbook each, all listed in the runbook index', () => {
    const runbooks = filesIn(PATHS.runbooksDir, '.md').filter((f) => !f.endsWith('/README.md'));
    expect(runbooks).toEqual(EXPECTED_ALERTS.map((a) => `${PATHS.runbooksDir}/${a}.md`));
    const index = readText(`${PATHS.runbooksDir}/README.md`);
    for (const name of EXPECTED_ALERTS) expect(index).toContain(`(${name}.md)`);
  });
});
