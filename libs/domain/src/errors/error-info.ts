import { sha256Hex } from './sha256';

/** Ledger fields for runs found still `started` when the ledger reopens the database (DOMAIN.md §2.1). */
export const ABANDONED_ERROR_TYPE = 'Abandoned';
export const ABANDONED_MESSAGE = 'run was still started when the ledger reopened the database';
/** Every abandoned run shares this hash so they group as one recurring failure. */
export const ABANDONED_STACK_HASH = sha256Hex(ABANDONED_ERROR_TYPE);

/** error_type of a run whose job returned a non-zero exit code in a strict mode (DOMAIN.md §2.3). */
export const JOB_EXIT_ERROR_TYPE = 'JobExitError';
/** error_type of a daily-graph job run whose materialisation rule failed (DOMAIN.md §11). */
export const ASSET_MATERIALIZATION_ERROR_TYPE = 'AssetMaterializationError';

/**
 * The error's class name (`JobExitError`, `RangeError`), or `Error` for a thrown non-Error value. The constructor
 * name wins over `err.name` because subclasses often forget to set `name`, and the ledger groups failures by type.
 */
export function errorType(err: unknown): string {
  if (!isErrorLike(err)) return 'Error';
  const ctorName = (err as { constructor?: { name?: unknown } }).constructor?.name;
  if (typeof ctorName === 'string' && ctorName !== '' && ctorName !== 'Object') return ctorName;
  return typeof err.name === 'string' && err.name !== '' ? err.name : 'Error';
}

/** The error's message, or the string form of a thrown non-Error value. */
export function errorMessage(err: unknown): string {
  if (isErrorLike(err)) return typeof err.message === 'string' ? err.message : safeString(err.message);
  return safeString(err);
}

/**
 * SHA-256 hex grouping recurrences of one failure: of `stackText` when supplied, else of the error's trimmed stack
 * (which starts `{name}: {message}`), else of `{type}: {message}`.
 */
export function errorStackHash(err: unknown, stackText?: string | null): string {
  if (typeof stackText === 'string' && stackText.trim() !== '') return sha256Hex(stackText.trim());
  const stack = isErrorLike(err) && typeof err.stack === 'string' ? err.stack.trim() : '';
  return sha256Hex(stack !== '' ? stack : `${errorType(err)}: ${errorMessage(err)}`);
}

// instanceof fails for errors from another realm (vm contexts, worker bridges), so check the tag too.
function isErrorLike(err: unknown): err is Error {
  return err instanceof Error || Object.prototype.toString.call(err) === '[object Error]';
}

function safeString(value: unknown): string {
  try {
    return String(value);
  } catch {
    // Objects with a null prototype or a throwing toString.
    return Object.prototype.toString.call(value);
  }
}
