import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { PartitionKeyError, RangePlanError } from '@options-helper/domain';
import { BackfillLedgerError } from './clients/backfill-ledger.client';
import { MaterializationBusyError } from './graph/materialization-locks';

/** A bad partition ⇒ 400, a busy one ⇒ 409, the ledger's own answers pass through, anything else ⇒ 500. */
@Catch()
export class OrchestratorErrorsFilter implements ExceptionFilter {
  private readonly logger = new Logger('OrchestratorErrorsFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<{ status(code: number): { json(body: unknown): void } }>();
    const send = (status: number, error: string, message: string) => res.status(status).json({ statusCode: status, error, message });
    if (exception instanceof HttpException) {
      const body = exception.getResponse();
      res.status(exception.getStatus()).json(typeof body === 'string' ? { statusCode: exception.getStatus(), message: body } : body);
    } else if (exception instanceof PartitionKeyError || exception instanceof RangePlanError) {
      send(HttpStatus.BAD_REQUEST, 'Bad Request', exception.message);
    } else if (exception instanceof MaterializationBusyError) {
      send(HttpStatus.CONFLICT, 'Conflict', exception.message);
    } else if (exception instanceof BackfillLedgerError) {
      send(exception.status, exception.status === 503 ? 'Service Unavailable' : 'Ledger Error', exception.message);
    } else {
      const err = exception instanceof Error ? exception : new Error(String(exception));
      this.logger.error(err.stack ?? err.message);
      send(HttpStatus.INTERNAL_SERVER_ERROR, 'Internal Server Error', err.message);
    }
  }
}
