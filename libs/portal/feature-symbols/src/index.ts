// Public API of @options-helper/portal/feature-symbols: the Symbol Explorer page (/symbols).
export * from './lib/symbols-page.component';
