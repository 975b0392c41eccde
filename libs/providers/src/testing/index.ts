// Test-only entry point (@options-helper/providers/testing): fixtures for code that exercises providers.
export * from './csv-import.fixture';
export * from '../alpaca/testing/fake-alpaca.server';
export * from '../alpaca/testing/alpaca-fixtures';
