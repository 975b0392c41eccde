// Writes the ledger's OpenAPI document to docs/api/ledger.openapi.json (the OpenAPI drift test compares it).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { stableJson } from '@options-helper/server';
import { ledgerOpenApi } from '../../apps/ledger/src/ledger.app';
import { REPO_ROOT, startInProcessLedger } from '../../apps/ledger/src/testing/ledger-server';

async function main(): Promise<void> {
  const server = await startInProcessLedger();
  try {
    const target = path.join(REPO_ROOT, 'docs/api/ledger.openapi.json');
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, stableJson(ledgerOpenApi(server.app)));
    process.stdout.write(`wrote ${path.relative(REPO_ROOT, target)}\n`);
  } finally {
    await server.stop();
  }
}

void main();
