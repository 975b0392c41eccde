import type { Ledger } from '@options-helper/ledger';
import { Counter, Gauge, Registry } from 'prom-client';

/**
 * Ledger gauges derived from meta.* on each scrape. Labels are bounded: job, asset, check, severity, status —
 * never a run id, a date, a symbol or a contract.
 */
export function ledgerMetricsCollector(ledger: Ledger, registry: Registry): () => Promise<void> {
  const g = (name: string, help: string, labelNames: string[] = []) => new Gauge({ name, help, labelNames, registers: [registry] });
  const lastSuccess = g('options_helper_job_last_success_timestamp_seconds', 'End time (unix seconds) of the latest successful run per job.', ['job']);
  const lastStatus = g('options_helper_job_last_run_status', '1 for the status of the latest run per job (success, failed, started), else 0.', ['job', 'status']);
  const runsTotal = g('options_helper_ledger_job_runs', 'Finished runs recorded in the ledger per job and terminal status.', ['job', 'status']);
  const duration = g('options_helper_job_run_duration_seconds', 'Duration of the latest finished run per job.', ['job']);
  const age = g('options_helper_asset_watermark_age_seconds', 'Now minus the watermark of scope ALL, per asset.', ['asset']);
  const sessions = g('options_helper_asset_staleness_sessions', 'Trading sessions completed since the watermark of scope ALL, per asset.', ['asset']);
  const staleAssets = g('options_helper_stale_assets', 'Assets (scope ALL) stale under the rule staleness_days >= 3 and staleness_sessions >= 1.');
  const checkResults = g('options_helper_check_results', 'Check results of the last 7 days per asset, check, severity and status.', ['asset', 'check', 'severity', 'status']);
  const failing = g('options_helper_checks_failing', '1 when the latest result of the check (any partition) is fail.', ['asset', 'check', 'severity']);
  const scrapeSeconds = g('options_helper_ledger_metrics_refresh_seconds', 'Time spent deriving the ledger gauges from meta.* at the last scrape.');
  // The write side (docs/ledger-interface.md, "Checkpoints"): a WAL that keeps growing means checkpoints are failing.
  const queueDepth = g('options_helper_ledger_write_queue_depth', 'Write requests waiting in the ledger queue.');
  const walBytes = g('options_helper_ledger_wal_bytes', 'Size of the DuckDB write-ahead log not yet checkpointed into the file.');
  const checkpointFailing = g('options_helper_ledger_checkpoint_failing', '1 when the latest idle checkpoint failed, else 0.');
  const c = (name: string, help: string) => new Counter({ name, help, registers: [registry] });
  const checkpoints = c('options_helper_ledger_checkpoints_total', 'Idle checkpoints the ledger has run since it started.');
  const checkpointSeconds = c('options_helper_ledger_checkpoint_seconds_total', 'Time spent in idle checkpoints since the ledger started.');
  const counted = { checkpoints: 0, seconds: 0 };

  return async () => {
    const started = process.hrtime.bigint();
    const s = await ledger.metricsSnapshot();
    for (const gauge of [lastSuccess, lastStatus, runsTotal, duration, age, sessions, checkResults, failing]) gauge.reset();
    for (const j of s.jobs) {
      if (j.last_success_ts !== null) lastSuccess.set({ job: j.job }, j.last_success_ts);
      for (const status of ['success', 'failed', 'started']) lastStatus.set({ job: j.job, status }, j.last_status === status ? 1 : 0);
      runsTotal.set({ job: j.job, status: 'success' }, j.success_total);
      runsTotal.set({ job: j.job, status: 'failed' }, j.failed_total);
      if (j.last_duration_s !== null) duration.set({ job: j.job }, j.last_duration_s);
    }
    for (const a of s.assets) {
      age.set({ asset: a.asset }, a.watermark_age_s);
      if (a.staleness_sessions !== null) sessions.set({ asset: a.asset }, a.staleness_sessions);
    }
    staleAssets.set(s.stale_assets);
    for (const c of s.checks) {
      for (const status of ['pass', 'fail', 'skip'] as const) checkResults.set({ asset: c.asset, check: c.check, severity: c.severity, status }, c[status]);
      failing.set({ asset: c.asset, check: c.check, severity: c.severity }, c.failing ? 1 : 0);
    }
    const w = ledger.writeState();
    queueDepth.set(w.queue_depth);
    walBytes.set(w.wal_bytes);
    checkpointFailing.set(w.last_checkpoint_error === null ? 0 : 1);
    checkpoints.inc(w.checkpoints - counted.checkpoints);
    checkpointSeconds.inc(w.checkpoint_seconds - counted.seconds);
    counted.checkpoints = w.checkpoints;
    counted.seconds = w.checkpoint_seconds;
    scrapeSeconds.set(Number(process.hrtime.bigint() - started) / 1e9);
  };
}
