#!/usr/bin/env node
// Runs one options-helper service by name (the container image's entry point: one image, one command per
// service): `node bin/service.js ledger|ingest|compute|checks|orchestrator`.
'use strict';
const path = require('node:path');
const { registerTypeScript, root } = require('./run-ts.js');

const SERVICES = {
  ledger: 'apps/ledger/src/main.ts',
  ingest: 'apps/ingest/src/main.ts',
  compute: 'apps/compute/src/main.ts',
  checks: 'apps/checks/src/main.ts',
  orchestrator: 'apps/orchestrator/src/main.ts',
};

module.exports = { SERVICES };

if (require.main === module) {
  const name = process.argv[2];
  if (!name || !SERVICES[name]) {
    process.stderr.write(`usage: service.js <${Object.keys(SERVICES).join('|')}>\n`);
    process.exit(2);
  }
  registerTypeScript();
  require(path.join(root, SERVICES[name]));
}
