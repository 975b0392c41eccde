import type { RangePlan } from '@options-helper/domain';

export const BACKFILL_STATUSES = ['pending', 'running', 'success', 'failed'] as const;
export type BackfillStatus = (typeof BACKFILL_STATUSES)[number];

export interface BackfillPartitionRecord {
  backfill_id: string;
  partition_key: string;
  seq: number;
  assets: string[];
  status: BackfillStatus;
  daily_run_id: string | null;
  started_at: string | null;
  ended_at: string | null;
  message: string | null;
}

export interface BackfillRecord {
  backfill_id: string;
  plan_hash: string;
  plan: RangePlan;
  status: BackfillStatus;
  triggered_by: string;
  created_at: string;
  started_at: string | null;
  ended_at: string | null;
  partitions_total: number;
  partitions_done: number;
  partitions_failed: number;
  message: string | null;
}

export interface BackfillDetail extends BackfillRecord {
  partitions: BackfillPartitionRecord[];
}

/** One attempt of one graph job for a partition: a child run of a `daily_graph` run. */
export interface MaterializationRunRecord {
  partition_key: string;
  job_name: string;
  run_id: string;
  parent_run_id: string;
  status: string;
  started_at: string;
  attempt: number | null;
  backfill_id: string | null;
}
