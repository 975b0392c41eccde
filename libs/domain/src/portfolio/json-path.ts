// Internal helpers for the JSON validators of this folder (not re-exported).
import { isPlainObject } from '../json';
import { ValidationIssue } from './json-validation.errors';

export const ROOT_PATH = '$';

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `$.positions` + 2 ⇒ `$.positions[2]`; `$.watchlists` + `my list` ⇒ `$.watchlists["my list"]`. */
export function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return IDENTIFIER.test(key) ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`;
}

export function hasOwn(record: Readonly<Record<string, unknown>>, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(record, key);
}

/** Collects issues in document order while a validator walks the whole file. */
export class IssueList {
  readonly items: ValidationIssue[] = [];

  add(path: string, reason: string): void {
    this.items.push({ path, reason });
  }

  /** The value as an object, or null after recording `must be an object`. */
  object(value: unknown, path: string): Record<string, unknown> | null {
    if (isPlainObject(value)) return value;
    this.add(path, 'must be an object');
    return null;
  }

  /** Records `unknown field` for every key outside `allowed`: a typo such as `strke` must not pass silently. */
  unknownFields(record: Readonly<Record<string, unknown>>, allowed: readonly string[], path: string): void {
    for (const key of Object.keys(record)) {
      if (!allowed.includes(key)) this.add(childPath(path, key), 'unknown field');
    }
  }
}

/** A value check with the reason reported when it fails. */
export interface Rule<T> {
  readonly test: (value: unknown) => value is T;
  readonly reason: string;
}

export function rule<T>(reason: string, test: (value: unknown) => value is T): Rule<T> {
  return { reason, test };
}

export const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

export function oneOf<T extends string>(values: readonly T[]): Rule<T> {
  return rule(`must be ${values.map((v) => JSON.stringify(v)).join(values.length === 2 ? ' or ' : ', ')}`, (v): v is T =>
    (values as readonly unknown[]).includes(v),
  );
}

export const NUMBER = rule('must be a number', isFiniteNumber);
export const POSITIVE = rule('must be a number > 0', (v): v is number => isFiniteNumber(v) && v > 0);
export const NON_NEGATIVE = rule('must be a number ≥ 0', (v): v is number => isFiniteNumber(v) && v >= 0);
export const COUNT = rule('must be an integer ≥ 1', (v): v is number => Number.isInteger(v) && (v as number) >= 1);
export const WHOLE = rule('must be an integer ≥ 0', (v): v is number => Number.isInteger(v) && (v as number) >= 0);
export const NON_NEGATIVE_OR_NULL = rule(
  'must be a number ≥ 0 or null',
  (v): v is number | null => v === null || (isFiniteNumber(v) && v >= 0),
);

/** Marks a field with no default: absent ⇒ `is required (…)`. */
export const REQUIRED = Symbol('required');

/**
 * Reads `record[key]`: the default when absent, the value when the rule accepts it, else undefined after recording the
 * reason. `fallback: REQUIRED` records `is required (…)` when absent; `fallback: undefined` leaves an optional field out
 * (null counts as absent for those, since JSON writers often emit it for "none").
 */
export function readField<T>(
  issues: IssueList,
  record: Readonly<Record<string, unknown>>,
  key: string,
  path: string,
  check: Rule<T>,
  fallback: T | undefined | typeof REQUIRED,
): T | undefined {
  const at = childPath(path, key);
  const present = hasOwn(record, key) && record[key] !== undefined;
  const value = present ? record[key] : undefined;
  if (!present || (value === null && fallback === undefined)) {
    if (fallback === REQUIRED) issues.add(at, `is required (${check.reason.replace(/^must be /, '')})`);
    return fallback === REQUIRED ? undefined : fallback;
  }
  if (check.test(value)) return value;
  issues.add(at, check.reason);
  return undefined;
}

/** JSON.parse without a leading byte-order mark (Windows editors write one); a syntax error becomes `fail`'s error. */
export function parseJsonText(text: string, fail: (issues: ValidationIssue[]) => Error): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw fail([{ path: ROOT_PATH, reason: `invalid JSON (${detail})` }]);
  }
}
