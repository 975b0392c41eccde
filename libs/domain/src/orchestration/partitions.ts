import type { TradingCalendar } from '../calendar';
import { isIsoDate, IsoDate } from '../time';
import { DEFAULT_PARTITION_START } from './daily-schedule';

/** A partition key that is not a trading session (DOMAIN.md §11). */
export class PartitionKeyError extends Error {
  override readonly name = 'PartitionKeyError';
}

/** Validates a partition key: `YYYY-MM-DD`, a session, not before the graph's first partition. */
export function assertPartition(calendar: TradingCalendar, key: string, partitionStart: IsoDate = DEFAULT_PARTITION_START): IsoDate {
  if (!isIsoDate(key)) throw new PartitionKeyError(`partition ${JSON.stringify(key)} must be YYYY-MM-DD`);
  let session: boolean;
  try {
    session = calendar.isSession(key);
  } catch {
    session = false;
  }
  if (!session) throw new PartitionKeyError(`partition ${key} is not a trading session`);
  if (key < calendar.sessionOnOrAfter(partitionStart)) throw new PartitionKeyError(`partition ${key} is before the first partition ${calendar.sessionOnOrAfter(partitionStart)}`);
  return key;
}

/** The graph's partitions from `from` to `to` inclusive (both clipped to sessions, the start clipped to the first partition), oldest first. */
export function partitionsInRange(calendar: TradingCalendar, from: IsoDate, to: IsoDate, partitionStart: IsoDate = DEFAULT_PARTITION_START): IsoDate[] {
  const first = calendar.sessionOnOrAfter(partitionStart);
  const start = from < first ? first : from;
  if (to < start) return [];
  return calendar.sessionsBetween(calendar.previousSession(start), to);
}

/** The last `count` sessions up to and including `latest` (a session), oldest first. */
export function lastSessions(calendar: TradingCalendar, latest: IsoDate, count: number): IsoDate[] {
  const out: IsoDate[] = [];
  let d = calendar.sessionOnOrBefore(latest);
  for (let i = 0; i < count; i++) {
    out.unshift(d);
    d = calendar.previousSession(d);
  }
  return out;
}

/** Backfills work oldest first; duplicates collapse. */
export function orderPartitions(keys: readonly IsoDate[]): IsoDate[] {
  return [...new Set(keys)].sort();
}
