module.exports = { ...require('../../jest.preset.js'), displayName: 'ingest-service', rootDir: __dirname };
