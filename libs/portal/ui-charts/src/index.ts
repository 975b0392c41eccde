// Public API of @options-helper/portal/ui-charts: chart components (lightweight-charts). Only lazy pages import
// this library, so the charting code stays out of the initial bundle.
export * from './lib/chart-theme';
export * from './lib/price-chart.component';
export * from './lib/time-chart.component';
export * from './lib/bar-list.component';
