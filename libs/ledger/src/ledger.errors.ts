// Errors the ledger raises on purpose. Hosts map them: validation → 400, not found → 404,
// conflict → 409, locked → exit 1 with the documented message.

export class LedgerValidationError extends Error {
  override readonly name = 'LedgerValidationError';
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}

export class LedgerNotFoundError extends Error {
  override readonly name = 'LedgerNotFoundError';
}

export class LedgerConflictError extends Error {
  override readonly name = 'LedgerConflictError';
}

export const LOCKED_MESSAGE = 'DuckDB database is locked. Avoid concurrent ingestion and retry.';

export class LedgerLockedError extends Error {
  override readonly name = 'LedgerLockedError';
  constructor(readonly detail?: string) {
    super(LOCKED_MESSAGE);
  }
}

export class MigrationError extends Error {
  override readonly name = 'MigrationError';
}
