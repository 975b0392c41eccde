// @nestjs/schedule 12 ships ES modules only: Node loads them with require(esm), Jest needs them transpiled to CommonJS.
const preset = require('../../jest.preset.js');

module.exports = {
  ...preset,
  displayName: 'orchestrator-service',
  rootDir: __dirname,
  transform: {
    ...preset.transform,
    '/node_modules/@nestjs/schedule/.+\\.js$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!@nestjs/schedule/)'],
};
