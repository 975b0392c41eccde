import { describeStatements, explainPrefixLength } from './read-only-sql-text';

describe('describeStatements', () => {
  it.each([
    ['COPY t TO \'x.csv\'', ['COPY']],
    ['create or replace temp table x as select 1', ['CREATE TABLE']],
    ['DROP TABLE IF EXISTS t', ['DROP TABLE']],
    ['force checkpoint', ['FORCE CHECKPOINT']],
    ["EXPORT DATABASE 'dir'", ['EXPORT DATABASE']],
    ['UPDATE t SET a = 1', ['UPDATE']],
    ['WITH s AS (SELECT 1) DELETE FROM t', ['DELETE']],
    ['(SELECT 1)', ['SELECT']],
    ['SELECT 1; DROP TABLE t', ['SELECT', 'DROP TABLE']],
    ["SELECT ';'; SELECT \"a;b\" FROM t", ['SELECT', 'SELECT']],
    ["SELECT E'\\';' ; SELECT 2", ['SELECT', 'SELECT']],
    ['SELECT $tag$ ; $tag$, $1; COPY t TO \'x\'', ['SELECT', 'COPY']],
    ['SELECT 1 /* a /* nested ; */ comment ; */ ; VACUUM', ['SELECT', 'VACUUM']],
    ['SELECT 1 -- ; not a statement\n', ['SELECT']],
    [';; -- nothing\n /* at all */ ;', []],
  ])('%j → %j', (sql, labels) => {
    expect(describeStatements(sql)).toEqual(labels);
  });
});

describe('explainPrefixLength', () => {
  it('measures a plain EXPLAIN or EXPLAIN ANALYZE prefix', () => {
    expect(explainPrefixLength('EXPLAIN SELECT 1')).toBe('EXPLAIN '.length);
    expect(explainPrefixLength('  explain analyze\n SELECT 1')).toBe('  explain analyze\n '.length);
    expect(explainPrefixLength('EXPLAIN ANALYSE SELECT 1')).toBe('EXPLAIN ANALYSE '.length);
  });

  it('ignores anything else', () => {
    expect(explainPrefixLength('SELECT explain FROM t')).toBe(0);
    expect(explainPrefixLength('/* c */ EXPLAIN SELECT 1')).toBe(0);
    expect(explainPrefixLength('EXPLAIN(SELECT 1)')).toBe(0);
    expect(explainPrefixLength('EXPLAIN ANALYZE(SELECT 1)')).toBe('EXPLAIN '.length);
  });
});
