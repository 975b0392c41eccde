import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';

/** A bad environment: the message lists every variable that is wrong and why. */
export class EnvValidationError extends Error {
  override readonly name = 'EnvValidationError';
  constructor(readonly problems: string[]) {
    super(`invalid environment:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

function describe(errors: ValidationError[]): string[] {
  return errors.flatMap((e) => Object.values(e.constraints ?? {}).map((c) => `${e.property}: ${c} (got ${JSON.stringify(e.value)})`));
}

/**
 * Validates process environment into a typed settings class (class-validator decorators, defaults as
 * property initialisers). Blank variables count as unset. Throws EnvValidationError naming each bad variable.
 */
export function loadEnv<T extends object>(cls: new () => T, env: Record<string, string | undefined> = process.env): T {
  const defined: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined && value.trim() !== '') defined[key] = value;
  const instance = plainToInstance(cls, defined, { enableImplicitConversion: true, exposeDefaultValues: true });
  const errors = validateSync(instance, { whitelist: false, forbidUnknownValues: false });
  if (errors.length) throw new EnvValidationError(describe(errors));
  return instance;
}
