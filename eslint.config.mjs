// Lint is where the architecture is enforced (ARCHITECTURE.md §2): project tags decide who may import whom,
// and only libs/ledger may touch DuckDB.
import nx from '@nx/eslint-plugin';

const noDuckdb = ['@duckdb/*'];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/dist', '**/node_modules', '**/tmp', '**/.nx', '**/test-output', '**/bench-results', '**/*.js', '**/*.mjs'],
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          banTransitiveDependencies: false,
          // The CLI loads libraries lazily to keep --help fast; tests may import them statically.
          checkDynamicDependenciesExceptions: ['@options-helper/ledger-client', '@options-helper/domain', '@options-helper/ledger', '@options-helper/pg-gateway'],
          depConstraints: [
            { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain'], bannedExternalImports: [...noDuckdb, '@nestjs/*', 'node:fs', 'fs', 'node:http', 'http'] },
            { sourceTag: 'type:ledger', onlyDependOnLibsWithTags: ['type:domain', 'type:gateway'] },
            { sourceTag: 'type:ledger-client', onlyDependOnLibsWithTags: ['type:domain', 'type:ledger'], bannedExternalImports: noDuckdb },
            { sourceTag: 'type:providers', onlyDependOnLibsWithTags: ['type:domain'], bannedExternalImports: noDuckdb },
            { sourceTag: 'type:jobs', onlyDependOnLibsWithTags: ['type:domain', 'type:providers', 'type:ledger-client'], bannedExternalImports: noDuckdb },
            { sourceTag: 'type:server', onlyDependOnLibsWithTags: ['type:domain'], bannedExternalImports: noDuckdb },
            { sourceTag: 'type:job-service', onlyDependOnLibsWithTags: ['type:domain', 'type:providers', 'type:ledger-client', 'type:jobs', 'type:server'], bannedExternalImports: noDuckdb },
            { sourceTag: 'type:portal', onlyDependOnLibsWithTags: ['type:domain', 'type:portal'], bannedExternalImports: noDuckdb },
            { sourceTag: 'type:gateway', onlyDependOnLibsWithTags: ['type:domain'], bannedExternalImports: noDuckdb },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:job-service', 'type:domain', 'type:ledger', 'type:ledger-client', 'type:providers', 'type:jobs', 'type:server', 'type:gateway'], bannedExternalImports: noDuckdb },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['apps/ledger/**/*.ts', 'libs/server/**/*.ts', 'libs/ledger/**/*.ts'],
    rules: { 'no-console': 'error' },
  },
];
