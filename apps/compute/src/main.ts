import 'reflect-metadata';
import { serveJobService } from '@options-helper/job-service';
import { loadEnv } from '@options-helper/server';
import { createComputeApp } from './compute.app';
import { ComputeEnv } from './compute.env';

async function main(): Promise<void> {
  const env = loadEnv(ComputeEnv);
  await serveJobService('compute', env, { host: env.OPTIONS_HELPER_COMPUTE_HOST, port: env.OPTIONS_HELPER_COMPUTE_PORT }, createComputeApp);
}

main().catch((err: unknown) => {
  process.stderr.write(`Error: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
