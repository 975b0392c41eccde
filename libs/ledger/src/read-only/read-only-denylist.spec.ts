import { functionRisk, looksLikeFilePath } from './read-only-denylist';

describe('functionRisk', () => {
  it.each([
    ['read_csv', false, 'files_or_network'],
    ['READ_CSV', false, 'files_or_network'],
    ['read_anything_new', false, 'files_or_network'],
    ['delta_scan', true, 'files_or_network'],
    ['some_future_scan', true, 'files_or_network'],
    ['postgres_query', true, 'files_or_network'],
    ['glob', true, 'files_or_network'],
    ['query', true, 'executes_sql'],
    ['query_table', true, 'executes_sql'],
    ['histogram', true, 'executes_sql'],
    ['nextval', false, 'side_effects'],
    ['enable_logging', true, 'side_effects'],
    ['getenv', false, 'secrets'],
    ['duckdb_secrets', true, 'secrets'],
  ])('%s (table position: %s) → %s', (name, tablePosition, risk) => {
    expect(functionRisk(name, tablePosition)).toBe(risk);
  });

  it.each([
    ['histogram', false], // the aggregate
    ['current_query', false],
    ['sum', false],
    ['duckdb_tables', true],
    ['range', true],
    ['currval', false],
    ['json_serialize_sql', false],
  ])('allows %s (table position: %s)', (name, tablePosition) => {
    expect(functionRisk(name, tablePosition)).toBeNull();
  });
});

describe('looksLikeFilePath', () => {
  it.each([[['/etc/passwd']], [['x.csv']], [['main', 'csv']], [['data', 'parquet']], [['s3://b/k']], [['C:\\data']], [['*']], [['~']]])(
    'treats %j as a file',
    (parts) => {
      expect(looksLikeFilePath(parts)).toBe(true);
    },
  );

  it.each([[['trades']], [['main', 'trades']], [['ledger', 'main', 'trades']], [['csv']], [['information_schema', 'tables']]])(
    'treats %j as a table',
    (parts) => {
      expect(looksLikeFilePath(parts)).toBe(false);
    },
  );
});
