export * from './job-harness';
