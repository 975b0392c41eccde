import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus } from '@nestjs/common';
import { PortalNotFoundError } from '@options-helper/ledger';

/** A portal 404 carries its machine-readable reason (docs/portal-api.md); other errors go to the ledger's filter. */
@Catch(PortalNotFoundError)
export class PortalErrorsFilter implements ExceptionFilter {
  catch(exception: PortalNotFoundError, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<{ status(code: number): { json(body: unknown): void } }>();
    res.status(HttpStatus.NOT_FOUND).json({ statusCode: HttpStatus.NOT_FOUND, error: 'Not Found', message: exception.message, reason: exception.reason });
  }
}
