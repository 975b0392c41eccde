// `npm test` runs every project's suite in one Jest invocation so the totals cover the whole workspace.
module.exports = {
  projects: ['<rootDir>/libs/*/jest.config.js', '<rootDir>/apps/*/jest.config.js', '<rootDir>/tools/deploy-checks/jest.config.js', '<rootDir>/libs/portal/*/jest.config.js'],
};
