import 'reflect-metadata';
import { duckdbPath } from '@options-helper/domain';
import { Logger } from '@nestjs/common';
import { Ledger } from '@options-helper/ledger';
import { EnvValidationError, loadEnv } from '@options-helper/server';
import { createLedgerApp } from './ledger.app';
import { LedgerEnv } from './ledger.env';
import { gatewayConfigFromEnv } from './gateway/gateway.config';

async function main(): Promise<void> {
  const env = loadEnv(LedgerEnv);
  const path = env.OPTIONS_HELPER_DUCKDB_PATH ?? duckdbPath(process.env);
  const ledger = await Ledger.open({ path, migrationsDir: env.OPTIONS_HELPER_MIGRATIONS_DIR });
  const app = await createLedgerApp({
    ledger,
    token: env.OPTIONS_HELPER_LEDGER_TOKEN ?? null,
    logLevel: env.OPTIONS_HELPER_LOG_LEVEL,
    gateway: gatewayConfigFromEnv(env),
  });
  const logger = new Logger('ledger');
  const { migration, abandonedRuns } = ledger.openReport;
  await app.listen(env.OPTIONS_HELPER_LEDGER_PORT, env.OPTIONS_HELPER_LEDGER_HOST);
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  logger.log(
    { url, database_path: ledger.databasePath, schema_version: migration?.to, migrations_applied: migration?.applied, abandoned_runs: abandonedRuns },
    'ledger ready',
  );
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log({ signal }, 'ledger stopping');
    await app.close();
    await ledger.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err: unknown) => {
  const message = err instanceof EnvValidationError || err instanceof Error ? err.message : String(err);
  process.stderr.write(`Error: ${message}\n`);
  process.exit(1);
});
