import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Ledger } from '@options-helper/ledger';
import { tempDir } from '@options-helper/ledger/testing';
export { freePort, REPO_ROOT, spawnLedgerProcess, waitForExit } from '@options-helper/ledger-client/testing';
import { createLedgerApp } from '../ledger.app';
import type { PortalConfig } from '../portal/portal.config';

export interface InProcessLedger {
  app: INestApplication;
  ledger: Ledger;
  url: string;
  dir: string;
  stop(): Promise<void>;
}

/** The ledger service in this process, listening on a free loopback port. */
export async function startInProcessLedger(options: { token?: string; file?: string; portal?: Partial<PortalConfig> } = {}): Promise<InProcessLedger> {
  const dir = tempDir('oh-ledger-app-');
  const ledger = await Ledger.open({ path: options.file ?? path.join(dir, 'ledger.duckdb') });
  const app = await createLedgerApp({ ledger, token: options.token ?? null, logLevel: 'silent', portal: options.portal });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as net.AddressInfo;
  return {
    app,
    ledger,
    dir,
    url: `http://127.0.0.1:${address.port}`,
    stop: async () => {
      await app.close();
      await ledger.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

