import * as fs from 'node:fs';
import * as path from 'node:path';
import { Ledger } from '@options-helper/ledger';
import { tempDir } from '@options-helper/ledger/testing';
import { log, round, timeIt } from './bench-stats';

// What one day's compute_flow write costs as options_flow's history grows (issue 4's follow-up). DuckDB's ART keeps a
// key's row ids together, and DOMAIN.md §1.5's indexes on group_by (4 values) and expiry (tens of values) give a few keys
// millions of row ids. The first write into such a key after the index was loaded or checkpointed has been measured to
// cost time in proportion to the history; the ledger checkpoints in every quiet spell, so that is every daily run.
// Here: the migrated options_flow (the real key and indexes) filled with H rows of history, then a new 77k-row
// partition written after a CHECKPOINT, another without one, and the same after dropping the two low-cardinality
// indexes (what removing them from §1.5 would give).

const PARTITION_ROWS = 77_000;
const SECONDARY = ['idx_options_flow_symbol_dates', 'idx_options_flow_as_of', 'idx_options_flow_group_by', 'idx_options_flow_expiry'];
const LOW_CARDINALITY = ['idx_options_flow_group_by', 'idx_options_flow_expiry'];

/** `rows` flow rows of day `day` (days after 2025-01-01), 20 symbols, 60 rolling expiries, group-by contract. */
function flowRowsSql(rows: number, firstRow: number, day: number): string {
  const d = `(DATE '2025-01-01' + CAST(${day} AS INTEGER))`;
  return `INSERT INTO options_flow (symbol, as_of, from_date, to_date, window_size, group_by, row_key, contract_symbol, expiry, option_type,
            strike, delta_oi, delta_oi_notional, volume_notional, delta_notional, n_pairs, snapshot_dates_json, generated_at, updated_at)
          SELECT 'SYM' || (i % 20), ${d}, ${d} - 7, ${d}, 5, 'contract', 'C' || i || '|' || strftime(${d} + CAST(i % 60 AS INTEGER) * 7, '%Y-%m-%d') || '|call|100',
                 'C' || i, ${d} + CAST(i % 60 AS INTEGER) * 7, 'call', 100, 1, 1, 1, 1, 5, '["d1","d2","d3","d4","d5","d6"]', TIMESTAMP '2026-11-26 00:00:00', TIMESTAMP '2026-11-26 00:00:00'
          FROM range(${firstRow}, ${firstRow} + ${rows}) t(i)`;
}

async function oneSize(history: number) {
  const dir = tempDir('oh-bench-flow-index-');
  try {
    // Checkpoints are placed by hand here, so the queue's idle ones are off.
    const ledger = await Ledger.open({ path: path.join(dir, 'flow.duckdb'), idleCheckpointMs: null });
    try {
      const days = Math.ceil(history / PARTITION_ROWS);
      const fill = await timeIt(() =>
        ledger.queue.enqueue(async (conn) => {
          // Bulk-load without the secondary indexes, then build them in one pass each (as CREATE INDEX does).
          for (const name of SECONDARY) await conn.run(`DROP INDEX ${name}`);
          for (let day = 0; day < days; day++) await conn.run(flowRowsSql(PARTITION_ROWS, day * PARTITION_ROWS, day));
        }),
      );
      await ledger.queue.enqueue(async (conn) => {
        await conn.run(`CREATE INDEX idx_options_flow_symbol_dates ON options_flow (symbol, from_date, to_date)`);
        await conn.run(`CREATE INDEX idx_options_flow_as_of ON options_flow (as_of)`);
        await conn.run(`CREATE INDEX idx_options_flow_group_by ON options_flow (group_by)`);
        await conn.run(`CREATE INDEX idx_options_flow_expiry ON options_flow (expiry)`);
      });
      log(`flow index: ${days * PARTITION_ROWS} rows of history in ${round(fill.ms / 1000, 1)} s`);
      let day = days;
      const checkpoint = () => ledger.queue.enqueue((conn) => conn.run('CHECKPOINT'), { exclusive: true });
      const writeDay = async () => {
        const d = day++;
        return (await timeIt(() => ledger.queue.enqueue((conn) => conn.run(flowRowsSql(PARTITION_ROWS, d * PARTITION_ROWS, d))))).ms;
      };
      await checkpoint();
      const afterCheckpoint = await writeDay();
      const warm = await writeDay();
      await checkpoint();
      const afterCheckpointAgain = await writeDay();
      await ledger.queue.enqueue(async (conn) => {
        for (const name of LOW_CARDINALITY) await conn.run(`DROP INDEX ${name}`);
      });
      await checkpoint();
      const withoutLowCardinality = await writeDay();
      return {
        history_rows: days * PARTITION_ROWS,
        // Seconds to write (insert + commit) one day's 77k new rows.
        new_partition_after_checkpoint_seconds: [round(afterCheckpoint / 1000, 3), round(afterCheckpointAgain / 1000, 3)],
        new_partition_without_checkpoint_seconds: round(warm / 1000, 3),
        new_partition_after_checkpoint_without_group_by_and_expiry_indexes_seconds: round(withoutLowCardinality / 1000, 3),
      };
    } finally {
      await ledger.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function flowIndexBenchmark(options: { quick: boolean }) {
  const sizes = options.quick ? [1_000_000] : [1_000_000, 3_000_000];
  const results = [];
  for (const size of sizes) {
    log(`flow index: ${size} rows of options_flow history`);
    results.push(await oneSize(size));
  }
  return { partition_rows: PARTITION_ROWS, by_history: results };
}
