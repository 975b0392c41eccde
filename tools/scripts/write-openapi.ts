// Writes every service's OpenAPI document to docs/api/*.openapi.json (drift tests compare against them).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HttpLedgerAdapter } from '@options-helper/ledger-client';
import { createProvider } from '@options-helper/providers';
import { stableJson } from '@options-helper/server';
import { checksOpenApi, createChecksApp } from '../../apps/checks/src/checks.app';
import { computeOpenApi, createComputeApp } from '../../apps/compute/src/compute.app';
import { createIngestApp, ingestOpenApi } from '../../apps/ingest/src/ingest.app';
import { ledgerOpenApi } from '../../apps/ledger/src/ledger.app';
import { createOrchestratorApp, orchestratorOpenApi } from '../../apps/orchestrator/src/orchestrator.app';
import { offlineOrchestratorConfig } from '../../apps/orchestrator/src/testing/orchestrator-fixtures';
import { REPO_ROOT, startInProcessLedger } from '../../apps/ledger/src/testing/ledger-server';

function write(name: string, text: string): void {
  const target = path.join(REPO_ROOT, 'docs/api', name);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, text);
  process.stdout.write(`wrote ${path.relative(REPO_ROOT, target)}\n`);
}

async function main(): Promise<void> {
  const server = await startInProcessLedger();
  try {
    write('ledger.openapi.json', stableJson(ledgerOpenApi(server.app)));
  } finally {
    await server.stop();
  }
  const ingest = await createIngestApp(
    { service: 'ingest', ledger: new HttpLedgerAdapter({ baseUrl: 'http://127.0.0.1:9' }), provider: () => createProvider('synthetic'), paths: { dataDir: 'data', watchlists: 'data/watchlists.json', portfolio: 'data/portfolio.json' } },
    'silent',
  );
  try {
    write('ingest.openapi.json', stableJson(ingestOpenApi(ingest)));
  } finally {
    await ingest.close();
  }
  const checks = await createChecksApp({ ledger: new HttpLedgerAdapter({ baseUrl: 'http://127.0.0.1:9' }), provider: createProvider('synthetic') }, 'silent');
  try {
    write('checks.openapi.json', stableJson(checksOpenApi(checks)));
  } finally {
    await checks.close();
  }
  const compute = await createComputeApp(
    { service: 'compute', ledger: new HttpLedgerAdapter({ baseUrl: 'http://127.0.0.1:9' }), provider: () => createProvider('synthetic'), paths: { dataDir: 'data', watchlists: 'data/watchlists.json', portfolio: 'data/portfolio.json' } },
    'silent',
  );
  try {
    write('compute.openapi.json', stableJson(computeOpenApi(compute)));
  } finally {
    await compute.close();
  }
  const orchestrator = await createOrchestratorApp(offlineOrchestratorConfig(), 'silent');
  try {
    write('orchestrator.openapi.json', stableJson(orchestratorOpenApi(orchestrator)));
  } finally {
    await orchestrator.close();
  }
}

void main();
