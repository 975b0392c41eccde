import * as path from 'node:path';
import { configuredLedgerUrl, DEFAULT_LEDGER_URL, duckdbPath, Env } from '@options-helper/domain';
import { EmbeddedLedgerAdapter } from './embedded/embedded-ledger.adapter';
import { HttpLedgerAdapter, probeLedger } from './http/http-ledger.adapter';
import { LedgerPort } from './ledger-port';

export interface ConnectLedgerOptions {
  env?: Env;
  /** --ledger-url */
  ledgerUrl?: string | null;
  /** --duckdb-path */
  duckdbPath?: string | null;
  /** Skip looking for a ledger on the default URL (embedded unless a URL is configured). */
  probeDefault?: boolean;
  migrationsDir?: string;
}

/**
 * Picks the adapter the way DOMAIN.md §1.1 says: HTTP when a ledger URL is configured, or when a ledger
 * answers on the default URL and serves the same file this command would open; embedded otherwise.
 */
export async function connectLedger(options: ConnectLedgerOptions = {}): Promise<LedgerPort> {
  const env = options.env ?? process.env;
  const token = env['OPTIONS_HELPER_LEDGER_TOKEN'] || null;
  const url = configuredLedgerUrl(env, options.ledgerUrl);
  if (url) return new HttpLedgerAdapter({ baseUrl: url, token });

  const file = path.resolve(options.duckdbPath?.trim() || duckdbPath(env));
  if (options.probeDefault !== false) {
    const info = await probeLedger(DEFAULT_LEDGER_URL);
    if (info && path.resolve(info.database_path) === file) {
      const adapter = new HttpLedgerAdapter({ baseUrl: DEFAULT_LEDGER_URL, token });
      adapter.databasePath = info.database_path;
      return adapter;
    }
  }
  return new EmbeddedLedgerAdapter({ path: file, migrationsDir: options.migrationsDir });
}
