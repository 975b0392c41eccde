export * from './calendar-overrides';
export * from './nyse-rules';
export * from './trading-calendar';
