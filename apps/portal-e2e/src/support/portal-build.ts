import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '@options-helper/ledger-client/testing';

export const PORTAL_DIST = path.join(REPO_ROOT, 'dist/apps/portal/browser');

/** The built portal; builds it (`nx run portal:build`) when dist is missing. */
export function ensurePortalBuild(): string {
  if (fs.existsSync(path.join(PORTAL_DIST, 'index.html'))) return PORTAL_DIST;
  const nx = path.join(REPO_ROOT, 'node_modules/nx/bin/nx.js');
  const result = spawnSync(process.execPath, [nx, 'run', 'portal:build', '--skip-nx-cache'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    timeout: 15 * 60_000,
    env: { ...process.env, NX_DAEMON: 'false', NX_TUI: 'false' },
  });
  if (result.status !== 0 || !fs.existsSync(path.join(PORTAL_DIST, 'index.html'))) {
    throw new Error(`portal build failed (${result.status}): ${result.stdout}\n${result.stderr}`);
  }
  return PORTAL_DIST;
}
