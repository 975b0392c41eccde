import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '@options-helper/ledger-client/testing';
import { stableJson } from '@options-helper/server';
import { createOrchestratorApp, orchestratorOpenApi } from './orchestrator.app';
import { offlineOrchestratorConfig } from './testing/orchestrator-fixtures';

describe('orchestrator OpenAPI spec', () => {
  it('matches docs/api/orchestrator.openapi.json (regenerate with `npm run openapi`)', async () => {
    const app = await createOrchestratorApp(offlineOrchestratorConfig(), 'silent');
    try {
      const committed = fs.readFileSync(path.join(REPO_ROOT, 'docs/api/orchestrator.openapi.json'), 'utf8');
      if (stableJson(orchestratorOpenApi(app)) !== committed) throw new Error('docs/api/orchestrator.openapi.json is stale: run `npm run openapi` and commit the result.');
    } finally {
      await app.close();
    }
  });
});
