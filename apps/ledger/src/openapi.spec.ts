import * as fs from 'node:fs';
import * as path from 'node:path';
import { stableJson } from '@options-helper/server';
import { ledgerOpenApi } from './ledger.app';
import { REPO_ROOT, startInProcessLedger } from './testing/ledger-server';

// The committed spec is the API's contract for other services and tools. Regenerate with `npm run openapi`.
describe('OpenAPI spec', () => {
  it('matches docs/api/ledger.openapi.json', async () => {
    const server = await startInProcessLedger();
    try {
      const generated = stableJson(ledgerOpenApi(server.app));
      const committed = fs.readFileSync(path.join(REPO_ROOT, 'docs/api/ledger.openapi.json'), 'utf8');
      if (generated !== committed) {
        throw new Error('docs/api/ledger.openapi.json is stale: the ledger API changed. Run `npm run openapi` and commit the result.');
      }
    } finally {
      await server.stop();
    }
  });
});
