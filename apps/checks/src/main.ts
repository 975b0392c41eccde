import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { DEFAULT_LEDGER_URL } from '@options-helper/domain';
import { HttpLedgerAdapter } from '@options-helper/ledger-client';
import { createProvider } from '@options-helper/providers';
import { loadEnv } from '@options-helper/server';
import { createChecksApp } from './checks.app';
import { ChecksEnv } from './checks.env';

async function main(): Promise<void> {
  const env = loadEnv(ChecksEnv);
  const ledger = new HttpLedgerAdapter({ baseUrl: env.OPTIONS_HELPER_LEDGER_URL ?? DEFAULT_LEDGER_URL, token: env.OPTIONS_HELPER_LEDGER_TOKEN ?? null });
  const app = await createChecksApp({ ledger, provider: createProvider(env.OPTIONS_HELPER_PROVIDER) }, env.OPTIONS_HELPER_LOG_LEVEL);
  await app.listen(env.OPTIONS_HELPER_CHECKS_PORT, env.OPTIONS_HELPER_CHECKS_HOST);
  const logger = new Logger('checks');
  logger.log({ url: (await app.getUrl()).replace('[::1]', '127.0.0.1') }, 'checks ready');
  const stop = async () => {
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((err: unknown) => {
  process.stderr.write(`Error: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
