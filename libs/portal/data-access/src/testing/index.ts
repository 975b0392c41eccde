// @options-helper/portal/data-access/testing: fixtures for the portal's unit tests (not for app code).
export * from './portal-fixtures';
