import type { PgType } from '../types/pg-types';
import type { PgValue } from '../types/pg-values';

/**
 * What the gateway needs from a database. The protocol library knows nothing about DuckDB; the ledger
 * implements this on its own instance (libs/ledger/src/gateway-backend).
 */
export interface GatewayBackend {
  openSession(info: { user: string; database: string; applicationName: string }): Promise<BackendSession>;
}

export interface BackendColumn {
  name: string;
  type: PgType;
}

export interface BackendSession {
  /**
   * Checks and prepares one statement (the read-only guard runs here, so a refused statement never
   * runs). `paramTypes` are the client's declared types (null: unspecified).
   */
  prepare(sql: string, paramTypes: readonly (PgType | null)[]): Promise<BackendStatement>;
  /** Opens an explicit read-only transaction block (BEGIN); portals then live until it ends. */
  begin(): Promise<void>;
  /** Ends the transaction block (COMMIT or ROLLBACK: nothing was written either way). */
  end(): Promise<void>;
  /** Stops whatever runs now (cancel request or statement timeout). Safe to call at any time. */
  interrupt(): void;
  /** The statement that may have been interrupted is over: stop interrupting, so the next one runs. */
  statementEnded(): void;
  close(): Promise<void>;
}

export interface BackendStatement {
  /** One per parameter; the type the database inferred (text when it could not). */
  readonly paramTypes: readonly PgType[];
  readonly columns: readonly BackendColumn[];
  /**
   * True while preparing the same text again would give this very statement (the database has committed nothing since
   * it was prepared), so a session may reuse it for a repeated unnamed Parse.
   */
  isCurrent(): boolean;
  /** Runs with the parameters bound; rows are pulled in batches. */
  open(params: readonly PgValue[]): Promise<BackendCursor>;
  close(): void;
}

export interface BackendCursor {
  /** The next rows (at most the database's natural batch size), or null when done. */
  next(): Promise<PgValue[][] | null>;
  close(): Promise<void>;
}
