import 'reflect-metadata';
import { serveJobService } from '@options-helper/job-service';
import { loadEnv } from '@options-helper/server';
import { createIngestApp } from './ingest.app';
import { IngestEnv } from './ingest.env';

async function main(): Promise<void> {
  const env = loadEnv(IngestEnv);
  await serveJobService('ingest', env, { host: env.OPTIONS_HELPER_INGEST_HOST, port: env.OPTIONS_HELPER_INGEST_PORT }, createIngestApp);
}

main().catch((err: unknown) => {
  process.stderr.write(`Error: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
