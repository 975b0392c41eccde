// Public API of @options-helper/portal/feature-runs: the runs list (/runs) and run detail (/runs/:runId) pages.
export * from './lib/runs-page.component';
export * from './lib/run-detail-page.component';
