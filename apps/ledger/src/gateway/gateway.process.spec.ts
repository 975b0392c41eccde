import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { tempDir } from '@options-helper/ledger/testing';
import { freePort, spawnLedgerProcess, waitForExit } from '@options-helper/ledger-client/testing';
import { upsertUser } from '@options-helper/pg-gateway';
import { Client } from 'pg';
import { LedgerGatewayService } from './ledger-gateway.service';
import { startGatewayServer } from './testing/gateway-test-server';

jest.setTimeout(120_000);

// The gateway as the ledger service runs it: configured from the environment, drained on SIGTERM.
describe('Postgres gateway in the ledger process', () => {
  it('listens on OPTIONS_HELPER_GATEWAY_PORT with the credentials file from the environment, and stops on SIGTERM', async () => {
    const dir = tempDir('oh-gw-proc-');
    const credentials = path.join(dir, 'users.json');
    upsertUser(credentials, 'ops', 'ops password');
    const port = await freePort();
    const ledger = await spawnLedgerProcess(path.join(dir, 'ledger.duckdb'), {
      OPTIONS_HELPER_GATEWAY_PORT: String(port),
      OPTIONS_HELPER_GATEWAY_CREDENTIALS: credentials,
      OPTIONS_HELPER_GATEWAY_STATEMENT_TIMEOUT_MS: '1234',
    });
    try {
      const c = new Client({ host: '127.0.0.1', port, user: 'ops', password: 'ops password', database: 'options_helper' });
      await c.connect();
      expect((await c.query('SHOW statement_timeout')).rows).toEqual([{ statement_timeout: '1234' }]);
      expect((await c.query(`SELECT count(*)::INTEGER AS n FROM information_schema.tables WHERE table_schema = 'meta'`)).rows[0].n).toBeGreaterThan(3);
      const ended = new Promise((resolve) => c.on('error', resolve));
      ledger.child.kill('SIGTERM');
      expect(await waitForExit(ledger.child)).toBe(0);
      expect(await ended).toMatchObject({ code: '57P01' });
    } finally {
      if (ledger.child.exitCode === null) ledger.child.kill('SIGKILL');
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses to boot with TLS on and no certificate, naming the variable', async () => {
    const dir = tempDir('oh-gw-proc-');
    try {
      await expect(
        spawnLedgerProcess(path.join(dir, 'ledger.duckdb'), { OPTIONS_HELPER_GATEWAY_PORT: String(await freePort()), OPTIONS_HELPER_GATEWAY_TLS: 'required' }, 30_000),
      ).rejects.toThrow(/OPTIONS_HELPER_GATEWAY_TLS_CERT is required/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps the ledger running (without the gateway) when the gateway port is taken', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const taken = (blocker.address() as net.AddressInfo).port;
    const server = await startGatewayServer({ port: taken });
    try {
      expect(server.app.get(LedgerGatewayService).port).toBe(0);
      expect((await fetch(`${server.url}/health/ready`)).status).toBe(200);
    } finally {
      await server.stop();
      blocker.close();
    }
  });
});
