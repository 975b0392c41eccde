// Public API of @options-helper/job-service: the NestJS plumbing the job services (ingest, compute) share.
export * from './job-launch.service';
export * from './job-errors.filter';
export * from './job-trigger.dto';
export * from './job-service.module';
export * from './job-service.app';
export * from './job-service.env';
export * from './job-service.main';
