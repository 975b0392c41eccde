module.exports = { ...require('../../jest.preset.js'), displayName: 'compute-service', rootDir: __dirname };
