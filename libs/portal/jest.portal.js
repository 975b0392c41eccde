// Shared Jest settings of the Angular portal libraries: jest-preset-angular (jsdom, zoneless) with
// ts-jest transpiling only; the tsconfig path aliases resolve to library sources like the node preset.
const path = require('node:path');
const { createCjsPreset } = require('jest-preset-angular/presets');
const { compilerOptions } = require('../../tsconfig.base.json');

const root = path.resolve(__dirname, '../..');
const moduleNameMapper = {};
for (const [alias, [target]] of Object.entries(compilerOptions.paths)) {
  moduleNameMapper[`^${alias.replace(/[/]/g, '\\/')}$`] = path.join(root, target);
}

module.exports = function portalJestConfig(projectDir, displayName) {
  return {
    ...createCjsPreset({ tsconfig: path.join(__dirname, 'tsconfig.spec.json'), diagnostics: false }),
    displayName,
    rootDir: projectDir,
    moduleNameMapper,
    setupFilesAfterEnv: [path.join(__dirname, 'test-setup.ts')],
    testMatch: ['<rootDir>/**/*.spec.ts'],
    testPathIgnorePatterns: ['/node_modules/', '/e2e/'],
  };
};
