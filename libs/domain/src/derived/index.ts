export * from './chain-report';
export * from './derived-row';
export * from './derived-stats';
