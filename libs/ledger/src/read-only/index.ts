export {
  ReadOnlyQueryError,
  type ReadOnlyQueryErrorReason,
  type ReadOnlySqlState,
  type ReadOnlyQueryErrorOptions,
} from './read-only-error';
export { assertReadOnlySql, type GuardResult } from './read-only-guard';
export {
  ReadOnlyExecutor,
  type ReadOnlyConnectionSource,
  type ReadOnlyExecutorOptions,
  type ReadOnlyExecuteOptions,
  type ReadOnlyParam,
  type ReadOnlyColumn,
  type ReadOnlyQueryResult,
} from './read-only-executor';
export type { JsonSafeValue } from './read-only-values';
