import { isIsoDate } from '../time';

/** What an asset event's session is read from (migration 006; portal Coverage). Timestamps as the ledger stores them
 * (`YYYY-MM-DD HH:MM:SS[.fff]`, UTC) or ISO-8601 with `T`/`Z`. */
export interface EventSessionInput {
  partition_key: string;
  min_event_ts: string | null;
  max_event_ts: string | null;
  run_partition_arg: string | null;
  run_as_of_arg: string | null;
  run_started_at: string;
}

/**
 * The trading session an asset event belongs to: the partition's date (`YYYY-MM-DD` or `KEY|YYYY-MM-DD`), else the
 * event's data timestamp (max, then min), else the run's `partition` / `as_of` argument, else the run's start date —
 * the rule migration 006 applies in SQL to the events written before it.
 */
export function eventSessionDate(e: EventSessionInput): string {
  const key = e.partition_key;
  const bar = key.lastIndexOf('|');
  return (
    dateOrNull(key) ??
    (bar >= 0 ? dateOrNull(key.slice(bar + 1)) : null) ??
    (e.max_event_ts ? e.max_event_ts.slice(0, 10) : null) ??
    (e.min_event_ts ? e.min_event_ts.slice(0, 10) : null) ??
    dateOrNull(e.run_partition_arg) ??
    dateOrNull(e.run_as_of_arg) ??
    e.run_started_at.slice(0, 10)
  );
}

function dateOrNull(value: string | null): string | null {
  return isIsoDate(value) ? value : null;
}
