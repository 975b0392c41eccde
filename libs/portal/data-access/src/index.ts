// Public API of @options-helper/portal/data-access: the typed ledger read client and URL-state helpers.
export * from './lib/api-error';
export * from './lib/portal-api.service';
export * from './lib/url-state';
export * from './lib/portal-meta.store';
