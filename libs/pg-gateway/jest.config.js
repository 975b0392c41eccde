module.exports = { ...require('../../jest.preset.js'), displayName: 'pg-gateway', rootDir: __dirname };
