import type { LedgerPort } from '@options-helper/ledger-client';
import type { GlobalOptions } from './options';

/**
 * The ledger for this command: over HTTP when a ledger URL is configured or a ledger on the default URL
 * serves the same file, else the DuckDB file opened in-process. Loaded lazily so `--help` stays quick.
 */
export async function openLedger(options: GlobalOptions): Promise<LedgerPort> {
  const { connectLedger } = await import('@options-helper/ledger-client');
  return connectLedger({ ledgerUrl: options.ledgerUrl, duckdbPath: options.duckdbPath });
}

export async function withLedger<T>(options: GlobalOptions, work: (ledger: LedgerPort) => Promise<T>): Promise<T> {
  const ledger = await openLedger(options);
  try {
    return await work(ledger);
  } finally {
    await ledger.close();
  }
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
