import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { assertRetryPolicy, DEFAULT_LEDGER_URL, isDailyGraphAssetKey, isValidTimeZone, nyseCalendar } from '@options-helper/domain';
import { HttpLedgerAdapter } from '@options-helper/ledger-client';
import { EnvValidationError, loadEnv } from '@options-helper/server';
import { createOrchestratorApp } from './orchestrator.app';
import type { OrchestratorConfig } from './orchestrator.config';
import { OrchestratorEnv } from './orchestrator.env';

async function main(): Promise<void> {
  const env = loadEnv(OrchestratorEnv);
  if (!isValidTimeZone(env.OPTIONS_HELPER_SCHEDULE_TZ)) throw new EnvValidationError([`OPTIONS_HELPER_SCHEDULE_TZ: not a time zone (got ${JSON.stringify(env.OPTIONS_HELPER_SCHEDULE_TZ)})`]);
  const retry = { maxAttempts: env.OPTIONS_HELPER_RETRY_MAX_ATTEMPTS, baseDelayMs: env.OPTIONS_HELPER_RETRY_BASE_MS, maxDelayMs: env.OPTIONS_HELPER_RETRY_MAX_MS, jitter: env.OPTIONS_HELPER_RETRY_JITTER };
  try {
    assertRetryPolicy(retry);
  } catch (err) {
    throw new EnvValidationError([`OPTIONS_HELPER_RETRY_*: ${(err as Error).message}`]);
  }
  const graphJobArgs = env.OPTIONS_HELPER_GRAPH_JOB_ARGS ? (JSON.parse(env.OPTIONS_HELPER_GRAPH_JOB_ARGS) as Record<string, unknown>) : {};
  const unknownAssets = Object.keys(graphJobArgs).filter((k) => !isDailyGraphAssetKey(k));
  if (unknownAssets.length) throw new EnvValidationError([`OPTIONS_HELPER_GRAPH_JOB_ARGS: ${unknownAssets.join(', ')} not graph assets`]);
  const ledgerUrl = env.OPTIONS_HELPER_LEDGER_URL ?? DEFAULT_LEDGER_URL;
  const token = env.OPTIONS_HELPER_LEDGER_TOKEN ?? null;
  const config: OrchestratorConfig = {
    ledger: new HttpLedgerAdapter({ baseUrl: ledgerUrl, token }),
    ledgerUrl,
    ledgerToken: token,
    services: { ingest: env.OPTIONS_HELPER_INGEST_URL, compute: env.OPTIONS_HELPER_COMPUTE_URL },
    calendar: nyseCalendar,
    schedule: { enabled: env.OPTIONS_HELPER_SCHEDULE_ENABLED, cron: env.OPTIONS_HELPER_SCHEDULE_CRON, timeZone: env.OPTIONS_HELPER_SCHEDULE_TZ, delayMinutes: env.OPTIONS_HELPER_SCHEDULE_DELAY_MINUTES },
    retry,
    partitionStart: env.OPTIONS_HELPER_PARTITION_START,
    pollMs: env.OPTIONS_HELPER_ORCHESTRATOR_POLL_MS,
    lostAfterMs: env.OPTIONS_HELPER_JOB_LOST_AFTER_MS,
    jobTimeoutMs: env.OPTIONS_HELPER_JOB_TIMEOUT_MS,
    serviceWaitMs: env.OPTIONS_HELPER_SERVICE_WAIT_MS,
    graphJobArgs: graphJobArgs as OrchestratorConfig['graphJobArgs'],
    appVersion: process.env['npm_package_version'] ?? '0.1.0',
  };
  const app = await createOrchestratorApp(config, env.OPTIONS_HELPER_LOG_LEVEL);
  await app.listen(env.OPTIONS_HELPER_ORCHESTRATOR_PORT, env.OPTIONS_HELPER_ORCHESTRATOR_HOST);
  const logger = new Logger('orchestrator');
  logger.log({ url: (await app.getUrl()).replace('[::1]', '127.0.0.1'), ingest: config.services.ingest, compute: config.services.compute }, 'orchestrator ready');
  const stop = async (signal: string) => {
    logger.log({ signal }, 'orchestrator stopping');
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
