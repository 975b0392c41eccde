export * from './technicals';
export * from './confluence';
