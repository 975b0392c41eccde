export * from './daily-schedule';
export * from './retry-policy';
export * from './partitions';
export * from './materialization-rules';
