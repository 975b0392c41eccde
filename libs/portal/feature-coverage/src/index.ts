// Public API of @options-helper/portal/feature-coverage: the Coverage page (/coverage) and its heatmap.
export * from './lib/coverage-page.component';
export * from './lib/coverage-heatmap.component';
