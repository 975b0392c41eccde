import * as fs from 'node:fs';
import * as path from 'node:path';
import { HttpLedgerAdapter } from '@options-helper/ledger-client';
import { REPO_ROOT } from '@options-helper/ledger-client/testing';
import { createProvider } from '@options-helper/providers';
import { stableJson } from '@options-helper/server';
import { createComputeApp, computeOpenApi } from './compute.app';

/** Builds the app without listening (nothing is contacted) to render its OpenAPI document. */
async function computeSpecText(): Promise<string> {
  const app = await createComputeApp(
    { service: 'compute', ledger: new HttpLedgerAdapter({ baseUrl: 'http://127.0.0.1:9' }), provider: () => createProvider('synthetic'), paths: { dataDir: 'data', watchlists: 'data/watchlists.json', portfolio: 'data/portfolio.json' } },
    'silent',
  );
  try {
    return stableJson(computeOpenApi(app));
  } finally {
    await app.close();
  }
}

describe('compute OpenAPI spec', () => {
  it('matches docs/api/compute.openapi.json (regenerate with `npm run openapi`)', async () => {
    const committed = fs.readFileSync(path.join(REPO_ROOT, 'docs/api/compute.openapi.json'), 'utf8');
    if ((await computeSpecText()) !== committed) throw new Error('docs/api/compute.openapi.json is stale: run `npm run openapi` and commit the result.');
  });
});
