// The portal end-to-end suite: a real ledger filled by the synthetic pipeline, the built portal served by that
// ledger, and Debian's Chromium driven by playwright-core (node environment, like the service tests).
module.exports = { ...require('../../jest.preset.js'), displayName: 'portal-e2e', rootDir: __dirname, testTimeout: 600_000 };
