#!/usr/bin/env node
// The `options-helper` command. Uses the compiled CLI from `npm run build` when present,
// otherwise runs the TypeScript sources directly (so `npx options-helper` works right after `npm ci`).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { registerTypeScript, root } = require('./run-ts.js');

const compiled = path.join(root, 'dist', 'apps', 'cli', 'src', 'main.js');
if (process.env.OPTIONS_HELPER_FROM_DIST === '1' && fs.existsSync(compiled)) {
  require(compiled);
} else {
  registerTypeScript();
  require(path.join(root, 'apps', 'cli', 'src', 'main.ts'));
}
