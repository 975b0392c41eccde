export * from './candle-checks';
export * from './snapshot-checks';
export * from './option-bar-checks';
export * from './derived-flow-briefing-checks';
