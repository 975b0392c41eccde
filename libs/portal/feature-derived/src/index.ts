// Public API of @options-helper/portal/feature-derived: the Derived History page (/derived).
export * from './lib/derived-page.component';
