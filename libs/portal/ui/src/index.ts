// Public API of @options-helper/portal/ui: presentational components and formatting shared by the pages.
export * from './lib/format';
export * from './lib/copy-button.component';
export * from './lib/command.component';
export * from './lib/state.component';
export * from './lib/kpi.component';
export * from './lib/data-table.component';
export * from './lib/resource-errors';
export * from './lib/symbol-picker.component';
export * from './lib/derived-columns';
