import { LedgerNotFoundError } from '../ledger.errors';

export type PortalNotFoundReason = 'unknown_schema' | 'unknown_table' | 'flow_partition_missing' | 'run_missing';

/** A 404 with a machine-readable reason (docs/portal-api.md). */
export class PortalNotFoundError extends LedgerNotFoundError {
  constructor(
    message: string,
    readonly reason: PortalNotFoundReason,
  ) {
    super(message);
  }
}
