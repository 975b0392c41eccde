// Public API of @options-helper/portal/feature-health: the Health page (lazy route /health).
export * from './lib/health-page.component';
