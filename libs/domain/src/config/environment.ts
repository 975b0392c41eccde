// Where things live by default (ARCHITECTURE.md §6, DOMAIN.md §0.2): every part resolves paths and URLs
// the same way from the same variables.

export type Env = Record<string, string | undefined>;

export const DEFAULT_LEDGER_HOST = '127.0.0.1';
export const DEFAULT_LEDGER_PORT = 7410;
export const DEFAULT_GATEWAY_PORT = 5433;
export const DEFAULT_LEDGER_URL = `http://${DEFAULT_LEDGER_HOST}:${DEFAULT_LEDGER_PORT}`;

function joinPath(dir: string, ...parts: string[]): string {
  return [dir.replace(/\/+$/, ''), ...parts].join('/');
}

export function dataDir(env: Env): string {
  return env['OPTIONS_HELPER_DATA_DIR']?.trim() || 'data';
}

/** The DuckDB file: OPTIONS_HELPER_DUCKDB_PATH, else {data dir}/warehouse/options.duckdb. */
export function duckdbPath(env: Env): string {
  return env['OPTIONS_HELPER_DUCKDB_PATH']?.trim() || joinPath(dataDir(env), 'warehouse', 'options.duckdb');
}

export function portfolioPath(env: Env): string {
  return env['OPTIONS_HELPER_PORTFOLIO_PATH']?.trim() || joinPath(dataDir(env), 'portfolio.json');
}

export function watchlistsPath(env: Env): string {
  return env['OPTIONS_HELPER_WATCHLISTS_PATH']?.trim() || joinPath(dataDir(env), 'watchlists.json');
}

/** The ledger URL when one is configured explicitly (flag or environment), else null. */
export function configuredLedgerUrl(env: Env, flag?: string | null): string | null {
  const value = flag?.trim() || env['OPTIONS_HELPER_LEDGER_URL']?.trim();
  return value ? value : null;
}
