import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { HttpLedgerAdapter } from '@options-helper/ledger-client';
import { spawnLedgerProcess, waitForExit } from '@options-helper/ledger-client/testing';

jest.setTimeout(120_000);

// `promtool check metrics` on a live ledger's /metrics, after a failed run, a stale watermark and a failing check.
describe('live /metrics', () => {
  it('passes promtool check metrics and reflects a failed run on the next scrape', async () => {
    const which = spawnSync('which', ['promtool']);
    if (which.status !== 0) throw new Error('promtool not found: install the Debian package `prometheus` (apt-get install -y prometheus)');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oh-live-metrics-'));
    const service = await spawnLedgerProcess(path.join(dir, 'l.duckdb'));
    try {
      const port = new HttpLedgerAdapter({ baseUrl: service.url });
      const ok = await port.startRun({ jobName: 'compute_flow' });
      await port.finalizeSuccess({ runId: ok.run_id });
      await port.upsertWatermark({ assetKey: 'options_flow', watermarkTs: '2026-01-05' });
      await port.persistCheck({ assetKey: 'options_flow', checkName: 'flow_no_null_primary_keys', severity: 'error', status: 'fail' });
      const before = await (await fetch(`${service.url}/metrics`)).text();
      expect(before).toMatch(/options_helper_job_last_run_status\{[^}]*job="compute_flow"[^}]*status="success"[^}]*\} 1/);
      const bad = await port.startRun({ jobName: 'compute_flow' });
      await port.finalizeFailure({ runId: bad.run_id, error: new Error('chain missing') });
      const text = await (await fetch(`${service.url}/metrics`)).text();
      expect(text).toMatch(/options_helper_job_last_run_status\{[^}]*job="compute_flow"[^}]*status="failed"[^}]*\} 1/);
      expect(text).toMatch(/options_helper_ledger_job_runs\{[^}]*job="compute_flow"[^}]*status="failed"[^}]*\} 1/);
      const check = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
      expect({ status: check.status, out: `${check.stdout}${check.stderr}`.trim() }).toEqual({ status: 0, out: '' });
    } finally {
      service.child.kill('SIGTERM');
      await waitForExit(service.child);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
