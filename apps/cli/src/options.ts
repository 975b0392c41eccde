import { InvalidArgumentError } from 'commander';

export const PROVIDERS = ['synthetic', 'csv', 'alpaca'] as const;

/** Commander option parser for an integer with a lower bound; the message names the flag. */
export function intAtLeast(flag: string, min: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min) {
      throw new InvalidArgumentError(`${flag} must be an integer >= ${min}, got ${JSON.stringify(value)}`);
    }
    return n;
  };
}

export function oneOf<T extends string>(flag: string, allowed: readonly T[]) {
  return (value: string): T => {
    if (!(allowed as readonly string[]).includes(value)) {
      throw new InvalidArgumentError(`${flag} must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
    }
    return value as T;
  };
}

/** Options every command accepts (DOMAIN.md §0.2). */
export interface GlobalOptions {
  provider: (typeof PROVIDERS)[number];
  duckdbPath?: string;
  ledgerUrl?: string;
  json?: boolean;
  logDir?: string;
  csvDir?: string;
  syntheticSeed: number;
}

export function numberIn(flag: string, min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n < min || n > max) {
      throw new InvalidArgumentError(`${flag} must be a number from ${min} to ${max}, got ${JSON.stringify(value)}`);
    }
    return n;
  };
}

/** Collects a repeatable option; each value may itself be comma-separated. */
export function repeatable(value: string, previous: string[] = []): string[] {
  return [...previous, ...value.split(',').map((v) => v.trim()).filter(Boolean)];
}
