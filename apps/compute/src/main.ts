import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { DEFAULT_LEDGER_URL, dataDir, portfolioPath, watchlistsPath } from '@options-helper/domain';
import { httpChecksHook } from '@options-helper/jobs';
import { HttpLedgerAdapter } from '@options-helper/ledger-client';
import { createProvider } from '@options-helper/providers';
import { loadEnv } from '@options-helper/server';
import { ComputeEnv } from './compute.env';
import { createComputeApp } from './compute.app';

async function main(): Promise<void> {
  const env = loadEnv(ComputeEnv);
  const ledger = new HttpLedgerAdapter({ baseUrl: env.OPTIONS_HELPER_LEDGER_URL ?? DEFAULT_LEDGER_URL, token: env.OPTIONS_HELPER_LEDGER_TOKEN ?? null });
  const app = await createComputeApp(
    {
      service: 'compute',
      ledger,
      provider: () => createProvider(env.OPTIONS_HELPER_PROVIDER, { seed: env.OPTIONS_HELPER_SYNTHETIC_SEED, csvDir: env.OPTIONS_HELPER_CSV_DIR }),
      timeZone: env.OPTIONS_HELPER_TZ,
      paths: { dataDir: dataDir(process.env), watchlists: watchlistsPath(process.env), portfolio: portfolioPath(process.env) },
      appVersion: process.env['npm_package_version'] ?? '0.1.0',
      checks: env.OPTIONS_HELPER_CHECKS_URL ? httpChecksHook(env.OPTIONS_HELPER_CHECKS_URL) : undefined,
    },
    env.OPTIONS_HELPER_LOG_LEVEL,
  );
  await app.listen(env.OPTIONS_HELPER_COMPUTE_PORT, env.OPTIONS_HELPER_COMPUTE_HOST);
  const logger = new Logger('compute');
  logger.log({ url: (await app.getUrl()).replace('[::1]', '127.0.0.1'), provider: env.OPTIONS_HELPER_PROVIDER }, 'compute ready');
  const stop = async (signal: string) => {
    logger.log({ signal }, 'compute stopping');
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err: unknown) => {
  process.stderr.write(`Error: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
