import { describeLedgerPortContract } from '@options-helper/ledger-client/testing';
import { HttpLedgerAdapter } from '@options-helper/ledger-client';
import { startInProcessLedger } from './testing/ledger-server';

// The same contract the embedded adapter passes, through real HTTP to the ledger service.
describeLedgerPortContract('http', async () => {
  const server = await startInProcessLedger({ token: 'contract-token' });
  return {
    port: new HttpLedgerAdapter({ baseUrl: server.url, token: 'contract-token' }),
    teardown: () => server.stop(),
  };
});
