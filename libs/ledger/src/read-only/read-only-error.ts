/** Why a read-only query was refused or failed. */
export type ReadOnlyQueryErrorReason =
  | 'empty'
  | 'multiple_statements'
  | 'not_read_only'
  | 'forbidden_function'
  | 'forbidden_table'
  | 'unknown_function'
  | 'unknown_type'
  | 'syntax_error'
  | 'permission_denied'
  | 'timeout'
  | 'cancelled'
  | 'too_many_rows'
  | 'execution_error';

/** The Postgres SQLSTATE the wire gateway reports for each failure. */
export type ReadOnlySqlState =
  | '25006' // read_only_sql_transaction
  | '42501' // insufficient_privilege
  | '42601' // syntax_error
  | '42704' // undefined_object
  | '42883' // undefined_function
  | '54000' // program_limit_exceeded
  | '57014' // query_canceled
  | 'XX000'; // internal_error

export interface ReadOnlyQueryErrorOptions {
  /** 0-based character offset into the SQL text, when DuckDB reported one. */
  position?: number;
  cause?: unknown;
}

export class ReadOnlyQueryError extends Error {
  override readonly name = 'ReadOnlyQueryError';
  readonly position?: number;

  constructor(
    readonly reason: ReadOnlyQueryErrorReason,
    readonly sqlstate: ReadOnlySqlState,
    message: string,
    options: ReadOnlyQueryErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.position = options.position;
  }
}

/** The prefix every refusal message starts with, so logs and users can tell who said no. */
export const REFUSED = 'read-only executor refused';

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Wraps an error DuckDB raised while preparing or running an accepted statement, keeping its message. */
export function fromDuckDbError(error: unknown): ReadOnlyQueryError {
  if (error instanceof ReadOnlyQueryError) return error;
  // Errors from streamed results arrive as "Error: INTERRUPT Error: …"; the first prefix is noise.
  const message = messageOf(error).replace(/^(Error: )+(?=[A-Za-z ]+ Error)/, '');
  const wrap = (reason: ReadOnlyQueryErrorReason, sqlstate: ReadOnlySqlState) =>
    new ReadOnlyQueryError(reason, sqlstate, message, { cause: error });
  if (message.startsWith('Parser Error')) return wrap('syntax_error', '42601');
  if (message.startsWith('INTERRUPT Error')) return wrap('cancelled', '57014');
  if (message.includes('transaction is launched in read-only mode')) return wrap('not_read_only', '25006');
  if (message.startsWith('Permission Error')) return wrap('permission_denied', '42501');
  return wrap('execution_error', 'XX000');
}
