import * as path from 'node:path';
import { dataDir, Env, portfolioPath } from '@options-helper/domain';

/** Where the portal's defaults and built files live (README: Configuration). */
export interface PortalConfig {
  /** OPTIONS_HELPER_DATA_DIR (default `data`). */
  dataDir: string;
  /** Default portfolio file: OPTIONS_HELPER_PORTFOLIO_PATH, else {dataDir}/portfolio.json. */
  portfolioPath: string;
  /** Default reports folder: {dataDir}/reports. */
  reportsDir: string;
  /** The built Angular portal: OPTIONS_HELPER_PORTAL_DIR, else dist/apps/portal/browser of the repository. */
  portalDir: string;
}

export const REPO_ROOT = path.resolve(__dirname, '../../../..');
export const DEFAULT_PORTAL_DIR = path.join(REPO_ROOT, 'dist', 'apps', 'portal', 'browser');
export const PORTAL_CONFIG = Symbol('PORTAL_CONFIG');

export function portalConfigFromEnv(env: Env = process.env): PortalConfig {
  const data = dataDir(env);
  return {
    dataDir: data,
    portfolioPath: portfolioPath(env),
    reportsDir: `${data.replace(/\/+$/, '')}/reports`,
    portalDir: env['OPTIONS_HELPER_PORTAL_DIR']?.trim() || DEFAULT_PORTAL_DIR,
  };
}
