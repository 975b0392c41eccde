import type { INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createRegistry, createValidationPipe, LogLevel, setupSwagger } from '@options-helper/server';
import { Logger } from 'nestjs-pino';
import type { JobServiceConfig } from './job-launch.service';
import { JobServiceModule } from './job-service.module';

/** A job service app (not listening yet): its jobs controller on the shared host, pino logs, validation, Swagger. */
export async function createJobServiceApp(
  name: string,
  jobsController: Type<unknown>,
  config: JobServiceConfig,
  logLevel: LogLevel,
  openApi: (app: INestApplication) => Parameters<typeof setupSwagger>[1],
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(
    JobServiceModule.forRoot(name, jobsController, { config, registry: createRegistry(name, config.appVersion ?? '0.1.0'), logLevel }),
    { bufferLogs: true },
  );
  app.useLogger(app.get(Logger));
  app.useGlobalPipes(createValidationPipe());
  setupSwagger(app, openApi(app));
  return app;
}
