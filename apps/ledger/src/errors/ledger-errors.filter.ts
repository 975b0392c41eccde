import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { LedgerConflictError, LedgerLockedError, LedgerNotFoundError, LedgerValidationError } from '@options-helper/ledger';

/** Ledger input names are camelCase; the API's fields are snake_case. */
function apiField(field: string): string {
  return field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** Maps the ledger's deliberate errors to HTTP answers; anything else is a 500 with a logged stack. */
@Catch()
export class LedgerErrorsFilter implements ExceptionFilter {
  private readonly logger = new Logger('LedgerErrorsFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<{ status(code: number): { json(body: unknown): void } }>();
    if (exception instanceof HttpException) {
      const body = exception.getResponse();
      res.status(exception.getStatus()).json(typeof body === 'string' ? { statusCode: exception.getStatus(), message: body } : body);
      return;
    }
    const send = (status: number, error: string, message: string, extra: Record<string, unknown> = {}) =>
      res.status(status).json({ statusCode: status, error, message, ...extra });
    if (exception instanceof LedgerValidationError) {
      const field = apiField(exception.field);
      send(HttpStatus.BAD_REQUEST, 'Bad Request', `${field}: ${exception.reason}`, { field });
    } else if (exception instanceof LedgerNotFoundError) {
      send(HttpStatus.NOT_FOUND, 'Not Found', exception.message);
    } else if (exception instanceof LedgerConflictError) {
      send(HttpStatus.CONFLICT, 'Conflict', exception.message);
    } else if (exception instanceof LedgerLockedError) {
      send(HttpStatus.SERVICE_UNAVAILABLE, 'Service Unavailable', exception.message);
    } else if (isReadOnlyQueryError(exception)) {
      send(HttpStatus.BAD_REQUEST, 'Bad Request', exception.message, { reason: exception.reason, sqlstate: exception.sqlstate });
    } else {
      this.logger.error(exception instanceof Error ? exception.stack ?? exception.message : String(exception));
      send(HttpStatus.INTERNAL_SERVER_ERROR, 'Internal Server Error', exception instanceof Error ? exception.message : 'internal error');
    }
  }
}

function isReadOnlyQueryError(e: unknown): e is Error & { reason: string; sqlstate: string } {
  return e instanceof Error && e.name === 'ReadOnlyQueryError';
}
