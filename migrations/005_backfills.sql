-- 005: backfills of the daily asset graph and partition waivers (DOMAIN.md §11). A backfill is a plan the
-- orchestrator works partition by partition (oldest first); its progress lives here so a restarted
-- orchestrator resumes without repeating finished partitions. A waiver stops the planner proposing a cell.
CREATE TABLE IF NOT EXISTS meta.backfills (
  backfill_id VARCHAR PRIMARY KEY,
  plan_hash VARCHAR NOT NULL,
  plan_json JSON NOT NULL,
  status VARCHAR NOT NULL,
  triggered_by VARCHAR NOT NULL,
  created_at TIMESTAMP NOT NULL,
  started_at TIMESTAMP,
  ended_at TIMESTAMP,
  partitions_total INTEGER NOT NULL,
  message VARCHAR
);
CREATE INDEX IF NOT EXISTS idx_backfills_status ON meta.backfills (status);

CREATE TABLE IF NOT EXISTS meta.backfill_partitions (
  backfill_id VARCHAR NOT NULL,
  partition_key VARCHAR NOT NULL,
  seq INTEGER NOT NULL,
  assets_json JSON NOT NULL,
  status VARCHAR NOT NULL,
  daily_run_id VARCHAR,
  started_at TIMESTAMP,
  ended_at TIMESTAMP,
  message VARCHAR,
  PRIMARY KEY (backfill_id, partition_key)
);

CREATE TABLE IF NOT EXISTS meta.partition_waivers (
  asset_key VARCHAR,
  partition_key VARCHAR,
  reason VARCHAR,
  waived_at TIMESTAMP,
  PRIMARY KEY (asset_key, partition_key)
);
