/** An error the gateway reports to the client as an ErrorResponse with a SQLSTATE. */
export class GatewayError extends Error {
  override readonly name = 'GatewayError';
  constructor(
    readonly code: string,
    message: string,
    readonly extra: { position?: number; detail?: string; hint?: string; severity?: 'ERROR' | 'FATAL' } = {},
  ) {
    super(message);
  }
}

export const SQLSTATE = {
  syntaxError: '42601',
  undefinedTable: '42P01',
  undefinedColumn: '42703',
  undefinedFunction: '42883',
  undefinedObject: '42704',
  readOnly: '25006',
  insufficientPrivilege: '42501',
  queryCanceled: '57014',
  tooManyConnections: '53300',
  invalidPassword: '28P01',
  invalidAuthorization: '28000',
  featureNotSupported: '0A000',
  protocolViolation: '08P01',
  invalidParameterValue: '22023',
  invalidTextRepresentation: '22P02',
  programLimitExceeded: '54000',
  outOfMemory: '53200',
  adminShutdown: '57P01',
  invalidSqlStatementName: '26000',
  invalidCursorName: '34000',
  inFailedTransaction: '25P02',
  divisionByZero: '22012',
  internal: 'XX000',
} as const;

// DuckDB's error classes, by message prefix, refined to the SQLSTATE Postgres would use.
const BY_MESSAGE: Array<[RegExp, string]> = [
  [/^Parser Error/, SQLSTATE.syntaxError],
  [/^Catalog Error: Table (Function )?with name .* does not exist/, SQLSTATE.undefinedTable],
  [/^Catalog Error: (Scalar |Aggregate |Table )?Function with name/, SQLSTATE.undefinedFunction],
  [/^Catalog Error: Type with name/, SQLSTATE.undefinedObject],
  [/^Catalog Error: Schema with name/, '3F000'],
  [/^Binder Error: Referenced column .* not found/, SQLSTATE.undefinedColumn],
  [/^Binder Error: Values list .* does not have a column named/, SQLSTATE.undefinedColumn],
  [/^Binder Error: No function matches/, SQLSTATE.undefinedFunction],
  [/^Binder Error/, '42804'],
  [/^Conversion Error/, SQLSTATE.invalidTextRepresentation],
  [/^Invalid Input Error/, SQLSTATE.invalidTextRepresentation],
  [/^Out of Range Error/, '22003'],
  [/^Out of Memory Error/, SQLSTATE.outOfMemory],
  [/^INTERRUPT Error/, SQLSTATE.queryCanceled],
  [/^Permission Error/, SQLSTATE.insufficientPrivilege],
  [/^Not implemented Error/, SQLSTATE.featureNotSupported],
  [/Division by zero/i, SQLSTATE.divisionByZero],
];

/** DuckDB marks the error position as "LINE n: …" with a caret; Postgres wants a 1-based character offset. */
function positionFromMessage(message: string, sql: string | undefined): number | undefined {
  if (!sql) return undefined;
  const m = /LINE (\d+): (.*)\n( *)\^/.exec(message);
  if (!m) return undefined;
  const line = Number(m[1]);
  const shown = m[2];
  const caret = m[3].length - `LINE ${m[1]}: `.length;
  const lines = sql.split('\n');
  const lineText = lines[line - 1] ?? '';
  // DuckDB may show a window of the line starting with "..."; find it in the line to get the offset.
  const window = shown.startsWith('...') ? shown.slice(3) : shown;
  const start = lineText.indexOf(window.replace(/\.\.\.$/, '').slice(0, 20));
  const column = (start < 0 ? 0 : start) + caret - (shown.startsWith('...') ? 3 : 0);
  const before = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
  return before + Math.max(column, 0) + 1;
}

function firstLine(message: string): string {
  return message.replace(/^(Error: )+/, '').split('\n')[0];
}

/** Any error from the backend as a GatewayError with the best SQLSTATE for it. */
export function toGatewayError(error: unknown, sql?: string): GatewayError {
  if (error instanceof GatewayError) return error;
  const raw = error instanceof Error ? error.message : String(error);
  const message = raw.replace(/^(Error: )+/, '');
  const e = error as { sqlstate?: unknown; position?: unknown };
  let code = typeof e?.sqlstate === 'string' ? e.sqlstate : SQLSTATE.internal;
  if (code === SQLSTATE.internal || code === '42601') {
    const found = BY_MESSAGE.find(([re]) => re.test(message));
    if (found && (code === SQLSTATE.internal || found[1] === SQLSTATE.syntaxError)) code = found[1];
  }
  const position = typeof e?.position === 'number' ? e.position + 1 : positionFromMessage(message, sql);
  return new GatewayError(code, firstLine(message), { position });
}
