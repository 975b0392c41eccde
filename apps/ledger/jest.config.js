module.exports = { ...require('../../jest.preset.js'), displayName: 'ledger-service', rootDir: __dirname };
