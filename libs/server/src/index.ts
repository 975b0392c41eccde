export * from './env/load-env';
export * from './env/common.env';
export * from './logging/logger.module';
export * from './metrics/metrics';
export * from './swagger/swagger';
export * from './auth/write-token.guard';
export * from './http/validation';
export * from './probes/probes.controller';
