#!/usr/bin/env node
// Runs a TypeScript entry point straight from source: SWC transpiles on load (with decorator
// metadata for NestJS) and resolves the workspace path aliases from tsconfig.base.json.
'use strict';
const path = require('node:path');

const root = path.resolve(__dirname, '..');

function registerTypeScript() {
  if (!process.env.SWC_NODE_PROJECT) process.env.SWC_NODE_PROJECT = path.join(root, 'tsconfig.base.json');
  require('@swc-node/register');
}

module.exports = { registerTypeScript, root };

if (require.main === module) {
  const entry = process.argv[2];
  if (!entry) {
    process.stderr.write('usage: run-ts.js <file.ts> [args…]\n');
    process.exit(2);
  }
  process.argv.splice(1, 1);
  process.argv[1] = path.resolve(entry);
  registerTypeScript();
  require(process.argv[1]);
}
