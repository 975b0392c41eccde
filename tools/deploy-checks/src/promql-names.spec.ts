import { metricNamesIn } from './promql-names';

describe('metricNamesIn', () => {
  it('finds metric and recording-rule names, not functions, keywords, labels or durations', () => {
    const expr = `histogram_quantile(0.95, sum by (service, le) (rate(options_helper_http_request_duration_seconds_bucket{route!="/metrics", job=~"ledger|ingest"}[5m] offset 1h)))
      > on (service) group_left (version) max by (service, version) (options_helper_build_info) * 1e3
      or label_replace(vector(93600), "job", "ingest_candles", "", "")
      unless bool options_helper:job_success_age_seconds`;
    expect(metricNamesIn(expr)).toEqual(['options_helper:job_success_age_seconds', 'options_helper_build_info', 'options_helper_http_request_duration_seconds_bucket']);
  });

  it('ignores Grafana variables and label values that look like metric names', () => {
    expect(metricNamesIn('topk($limit, rate(up{job="not_a_metric"}[$__rate_interval]))')).toEqual(['up']);
  });

  it('returns nothing for a constant expression', () => {
    expect(metricNamesIn('vector(1) + time()')).toEqual([]);
  });
});
