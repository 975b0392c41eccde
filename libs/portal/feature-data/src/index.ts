// Public API of @options-helper/portal/feature-data: the Data Explorer page (/data).
export * from './lib/data-page.component';
