import { createHash } from 'node:crypto';
import {
  ABANDONED_ERROR_TYPE,
  ABANDONED_MESSAGE,
  ABANDONED_STACK_HASH,
  errorMessage,
  errorStackHash,
  errorType,
} from './error-info';

const sha = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');

class JobExitError extends Error {}
class NamedError extends Error {
  override readonly name = 'CustomName';
}

describe('errorType', () => {
  it('is the class name, even when the subclass did not set name', () => {
    expect(errorType(new Error('x'))).toBe('Error');
    expect(errorType(new RangeError('x'))).toBe('RangeError');
    expect(errorType(new JobExitError('x'))).toBe('JobExitError');
    expect(errorType(new NamedError('x'))).toBe('NamedError');
  });

  it('is Error for thrown non-Error values', () => {
    expect(errorType('boom')).toBe('Error');
    expect(errorType(42)).toBe('Error');
    expect(errorType(null)).toBe('Error');
    expect(errorType({ message: 'looks like an error' })).toBe('Error');
  });
});

describe('errorMessage', () => {
  it('is the message of an Error and the string form of anything else', () => {
    expect(errorMessage(new Error('disk full'))).toBe('disk full');
    expect(errorMessage('boom')).toBe('boom');
    expect(errorMessage(42)).toBe('42');
    expect(errorMessage(undefined)).toBe('undefined');
    expect(errorMessage(Object.create(null))).toBe('[object Object]');
  });
});

describe('errorStackHash', () => {
  it('hashes the trimmed stack, which starts with "{name}: {message}"', () => {
    const err = new Error('disk full');
    expect(err.stack?.startsWith('Error: disk full')).toBe(true);
    expect(errorStackHash(err)).toBe(sha((err.stack ?? '').trim()));
  });

  it('hashes "{type}: {message}" when there is no stack', () => {
    const err = new JobExitError('2 symbols failed');
    err.stack = undefined;
    expect(errorStackHash(err)).toBe(sha('JobExitError: 2 symbols failed'));
    expect(errorStackHash('boom')).toBe(sha('Error: boom'));
  });

  it('hashes a supplied stack text instead, trimmed', () => {
    const text = 'ValueError: bad symbol\n    at ingest (jobs.ts:10:5)';
    expect(errorStackHash(new Error('ignored'), `  ${text}\n`)).toBe(sha(text));
    const noStack = Object.assign(new Error('x'), { stack: undefined });
    expect(errorStackHash(noStack, '   ')).toBe(sha('Error: x')); // a blank text counts as not supplied
    expect(errorStackHash(noStack, null)).toBe(sha('Error: x'));
  });

  it('gives one hash for one recurring failure and different hashes for different ones', () => {
    // Same throw site ⇒ same stack text ⇒ same hash.
    const hashes = [1, 2].map(() => errorStackHash(new Error('provider timeout')));
    expect(hashes[0]).toBe(hashes[1]);
    expect(errorStackHash(new Error('provider timeout'), 'a')).not.toBe(errorStackHash(new Error('provider timeout'), 'b'));
  });
});

describe('abandoned runs', () => {
  it('carry fixed fields so they group together', () => {
    expect(ABANDONED_ERROR_TYPE).toBe('Abandoned');
    expect(ABANDONED_MESSAGE).toBe('run was still started when the ledger reopened the database');
    expect(ABANDONED_STACK_HASH).toBe(sha('Abandoned'));
    expect(ABANDONED_STACK_HASH).toMatch(/^[0-9a-f]{64}$/);
  });
});
