import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';

const USAGE_ERRORS = new Set(['JobUsageError', 'PortfolioValidationError', 'WatchlistsValidationError', 'SymbolError', 'LedgerValidationError']);

/** Bad job arguments found before the run starts ⇒ 400 with the reason; the ledger unreachable ⇒ 503. */
@Catch()
export class JobErrorsFilter implements ExceptionFilter {
  private readonly logger = new Logger('JobErrorsFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<{ status(code: number): { json(body: unknown): void } }>();
    if (exception instanceof HttpException) {
      const body = exception.getResponse();
      res.status(exception.getStatus()).json(typeof body === 'string' ? { statusCode: exception.getStatus(), message: body } : body);
      return;
    }
    const err = exception instanceof Error ? exception : new Error(String(exception));
    if (USAGE_ERRORS.has(err.name)) {
      res.status(HttpStatus.BAD_REQUEST).json({ statusCode: 400, error: 'Bad Request', message: err.message });
    } else if (/ledger at .* is unreachable/.test(err.message)) {
      res.status(HttpStatus.SERVICE_UNAVAILABLE).json({ statusCode: 503, error: 'Service Unavailable', message: err.message });
    } else {
      this.logger.error(err.stack ?? err.message);
      res.status(HttpStatus.INTERNAL_SERVER_ERROR).json({ statusCode: 500, error: 'Internal Server Error', message: err.message });
    }
  }
}
