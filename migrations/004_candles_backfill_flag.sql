-- 004: candles full-history flag (DOMAIN.md §1.6). TRUE once the full history from 1970-01-01 was fetched.
ALTER TABLE candles_meta ADD COLUMN IF NOT EXISTS max_backfill_complete BOOLEAN DEFAULT FALSE;
UPDATE candles_meta SET max_backfill_complete = FALSE WHERE max_backfill_complete IS NULL;
