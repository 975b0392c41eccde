module.exports = { ...require('../../jest.preset.js'), displayName: 'checks-service', rootDir: __dirname };
