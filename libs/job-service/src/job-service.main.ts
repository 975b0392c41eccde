import { type INestApplication, Logger } from '@nestjs/common';
import { DEFAULT_LEDGER_URL, dataDir, portfolioPath, watchlistsPath } from '@options-helper/domain';
import { httpChecksHook } from '@options-helper/jobs';
import { HttpLedgerAdapter } from '@options-helper/ledger-client';
import { createProvider } from '@options-helper/providers';
import type { LogLevel } from '@options-helper/server';
import type { JobServiceConfig } from './job-launch.service';
import type { JobServiceEnv } from './job-service.env';

/**
 * A job service's process (ingest, compute): the ledger over HTTP, the provider, paths and checks from the validated
 * environment; listens, logs "{name} ready", and closes the app on SIGINT/SIGTERM.
 */
export async function serveJobService(
  name: string,
  env: JobServiceEnv,
  address: { host: string; port: number },
  createApp: (config: JobServiceConfig, logLevel: LogLevel) => Promise<INestApplication>,
): Promise<void> {
  const ledger = new HttpLedgerAdapter({ baseUrl: env.OPTIONS_HELPER_LEDGER_URL ?? DEFAULT_LEDGER_URL, token: env.OPTIONS_HELPER_LEDGER_TOKEN ?? null });
  const app = await createApp(
    {
      service: name,
      ledger,
      provider: () => createProvider(env.OPTIONS_HELPER_PROVIDER, { seed: env.OPTIONS_HELPER_SYNTHETIC_SEED, csvDir: env.OPTIONS_HELPER_CSV_DIR }),
      timeZone: env.OPTIONS_HELPER_TZ,
      paths: { dataDir: dataDir(process.env), watchlists: watchlistsPath(process.env), portfolio: portfolioPath(process.env) },
      appVersion: process.env['npm_package_version'] ?? '0.1.0',
      checks: env.OPTIONS_HELPER_CHECKS_URL ? httpChecksHook(env.OPTIONS_HELPER_CHECKS_URL) : undefined,
    },
    env.OPTIONS_HELPER_LOG_LEVEL,
  );
  await app.listen(address.port, address.host);
  const logger = new Logger(name);
  logger.log({ url: (await app.getUrl()).replace('[::1]', '127.0.0.1'), provider: env.OPTIONS_HELPER_PROVIDER }, `${name} ready`);
  const stop = async (signal: string) => {
    logger.log({ signal }, `${name} stopping`);
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}
