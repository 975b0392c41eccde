import { collectDefaultMetrics, Registry } from 'prom-client';

/**
 * The metric names the services export (the contract the ledger and the job services implement). Rules and
 * dashboards may use only these, recording-rule names and standard metrics.
 */
export const EXPORTED_METRICS = {
  gauges: [
    'options_helper_job_last_success_timestamp_seconds',
    'options_helper_job_last_run_status',
    'options_helper_job_run_duration_seconds',
    'options_helper_asset_watermark_age_seconds',
    'options_helper_asset_staleness_sessions',
    'options_helper_stale_assets',
    'options_helper_check_results',
    'options_helper_checks_failing',
    'options_helper_build_info',
    // Finished runs recorded in the ledger per job and status (a gauge: the job services count with a counter).
    'options_helper_ledger_job_runs',
    'options_helper_ledger_metrics_refresh_seconds',
    // The ledger's write side: queue depth, the WAL not yet checkpointed, whether the latest idle checkpoint failed.
    'options_helper_ledger_write_queue_depth',
    'options_helper_ledger_wal_bytes',
    'options_helper_ledger_checkpoint_failing',
  ],
  // A gauge of ledger rows on the ledger and a counter on the job services: filter by `service`.
  counters: ['options_helper_job_runs_total', 'options_helper_ledger_checkpoints_total', 'options_helper_ledger_checkpoint_seconds_total'],
  histograms: ['options_helper_http_request_duration_seconds', 'options_helper_job_duration_seconds'],
} as const;

/** Series Prometheus itself writes for every target. */
export const SCRAPE_METRICS = ['up', 'scrape_duration_seconds', 'scrape_samples_scraped', 'scrape_samples_post_metric_relabeling', 'scrape_series_added'];

const HISTOGRAM_SUFFIXES = ['_bucket', '_sum', '_count'];

/** prom-client's default (process and Node.js) metrics, which every service registers. */
export async function processMetricNames(): Promise<string[]> {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const metrics = await registry.getMetricsAsJSON();
  return metrics.flatMap((m) => (String(m.type) === 'histogram' ? HISTOGRAM_SUFFIXES.map((s) => m.name + s) : [m.name]));
}

export async function allowedMetricNames(recordingRules: string[]): Promise<Set<string>> {
  return new Set([
    ...EXPORTED_METRICS.gauges,
    ...EXPORTED_METRICS.counters,
    ...EXPORTED_METRICS.histograms.flatMap((h) => HISTOGRAM_SUFFIXES.map((s) => h + s)),
    ...SCRAPE_METRICS,
    ...(await processMetricNames()),
    ...recordingRules,
  ]);
}
