import * as fs from 'node:fs';
import * as path from 'node:path';
import { HttpLedgerAdapter } from '@options-helper/ledger-client';
import { REPO_ROOT } from '@options-helper/ledger-client/testing';
import { createProvider } from '@options-helper/providers';
import { stableJson } from '@options-helper/server';
import { checksOpenApi, createChecksApp } from './checks.app';

describe('checks OpenAPI spec', () => {
  it('matches docs/api/checks.openapi.json (regenerate with `npm run openapi`)', async () => {
    const app = await createChecksApp({ ledger: new HttpLedgerAdapter({ baseUrl: 'http://127.0.0.1:9' }), provider: createProvider('synthetic') }, 'silent');
    try {
      const committed = fs.readFileSync(path.join(REPO_ROOT, 'docs/api/checks.openapi.json'), 'utf8');
      if (stableJson(checksOpenApi(app)) !== committed) throw new Error('docs/api/checks.openapi.json is stale: run `npm run openapi` and commit the result.');
    } finally {
      await app.close();
    }
  });
});
