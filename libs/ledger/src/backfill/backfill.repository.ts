import type { DuckDBConnection } from '@duckdb/node-api';
import {
  canonicalJson,
  DAILY_GRAPH_JOB,
  DAILY_GRAPH_NODES,
  isIsoDate,
  normalizeRangeRequest,
  PartitionMaterialization,
  PartitionWaiver,
  planRangeBackfill,
  RangePlan,
  RangePlanError,
  RangePlanRequest,
  TradingCalendar,
} from '@options-helper/domain';
import { randomUUID } from 'node:crypto';
import { queryRows } from '../duckdb/duckdb-database';
import { isoSql, parseJsonColumn, toNumber, toSqlTimestamp, toText } from '../duckdb/sql-values';
import type { Ledger } from '../ledger';
import { LedgerNotFoundError, LedgerValidationError } from '../ledger.errors';
import { BACKFILL_STATUSES, BackfillDetail, BackfillPartitionRecord, BackfillRecord, BackfillStatus, MaterializationRunRecord } from './backfill.types';

// Backfills of the daily graph, their partition progress and partition waivers (migration 005). Writes go through the
// ledger's write queue like every other write; reads use reader connections.

const ASSET_BY_JOB = new Map<string, string>(DAILY_GRAPH_NODES.map((n) => [n.jobName, n.assetKey]));

const BACKFILL_SELECT = `b.backfill_id, b.plan_hash, b.plan_json, b.status, b.triggered_by, ${isoSql('b.created_at')}, ${isoSql('b.started_at')},
  ${isoSql('b.ended_at')}, b.partitions_total, b.message,
  (SELECT count(*) FROM meta.backfill_partitions p WHERE p.backfill_id = b.backfill_id AND p.status = 'success') AS partitions_done,
  (SELECT count(*) FROM meta.backfill_partitions p WHERE p.backfill_id = b.backfill_id AND p.status = 'failed') AS partitions_failed`;

const PARTITION_SELECT = `backfill_id, partition_key, seq, assets_json, status, daily_run_id, ${isoSql('started_at')}, ${isoSql('ended_at')}, message`;

function mapBackfill(r: Record<string, unknown>): BackfillRecord {
  return {
    backfill_id: String(r['backfill_id']),
    plan_hash: String(r['plan_hash']),
    plan: parseJsonColumn(r['plan_json']) as RangePlan,
    status: String(r['status']) as BackfillStatus,
    triggered_by: String(r['triggered_by']),
    created_at: String(r['created_at']),
    started_at: toText(r['started_at']),
    ended_at: toText(r['ended_at']),
    partitions_total: toNumber(r['partitions_total']) ?? 0,
    partitions_done: toNumber(r['partitions_done']) ?? 0,
    partitions_failed: toNumber(r['partitions_failed']) ?? 0,
    message: toText(r['message']),
  };
}

function mapPartition(r: Record<string, unknown>): BackfillPartitionRecord {
  return {
    backfill_id: String(r['backfill_id']),
    partition_key: String(r['partition_key']),
    seq: toNumber(r['seq']) ?? 0,
    assets: (parseJsonColumn(r['assets_json']) as string[]) ?? [],
    status: String(r['status']) as BackfillStatus,
    daily_run_id: toText(r['daily_run_id']),
    started_at: toText(r['started_at']),
    ended_at: toText(r['ended_at']),
    message: toText(r['message']),
  };
}

function checkStatus(status: string): BackfillStatus {
  if (!(BACKFILL_STATUSES as readonly string[]).includes(status)) throw new LedgerValidationError('status', `must be one of ${BACKFILL_STATUSES.join(', ')}`);
  return status as BackfillStatus;
}

function checkDate(field: string, value: string): string {
  if (!isIsoDate(value)) throw new LedgerValidationError(field, `must be YYYY-MM-DD, got ${JSON.stringify(value)}`);
  return value;
}

async function hasTable(conn: DuckDBConnection, name: string): Promise<boolean> {
  const rows = await queryRows(conn, `SELECT count(*) AS n FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'meta' AND table_name = $1`, [name]);
  return (toNumber(rows[0]?.['n']) ?? 0) > 0;
}

export class BackfillRepository {
  constructor(private readonly ledger: Ledger) {}

  /**
   * Records a backfill of `plan` with one pending row per partition (one transaction). Applying a plan whose
   * identical backfill is still pending or running returns that backfill instead: a plan never runs twice at once.
   */
  async create(plan: RangePlan, triggeredBy = 'backfill'): Promise<BackfillDetail> {
    if (!plan || plan.kind !== 'range' || !/^[0-9a-f]{64}$/.test(String(plan.hash)) || !Array.isArray(plan.partitions)) {
      throw new LedgerValidationError('plan', 'must be a range plan with a hash and partitions');
    }
    plan.partitions.forEach((p, i) => checkDate(`plan.partitions[${i}].partition_key`, p.partition_key));
    const now = toSqlTimestamp(this.ledger.now());
    const id = await this.ledger.queue.enqueue(async (conn) => {
      const open = await queryRows(conn, `SELECT backfill_id FROM meta.backfills WHERE plan_hash = $1 AND status IN ('pending', 'running') ORDER BY created_at LIMIT 1`, [plan.hash]);
      if (open[0]) return String(open[0]['backfill_id']);
      const backfillId = randomUUID();
      await conn.run(
        `INSERT INTO meta.backfills (backfill_id, plan_hash, plan_json, status, triggered_by, created_at, partitions_total) VALUES ($1, $2, $3, 'pending', $4, CAST($5 AS TIMESTAMP), $6)`,
        [backfillId, plan.hash, canonicalJson(plan) ?? '{}', triggeredBy, now, plan.partitions.length],
      );
      if (plan.partitions.length > 0) {
        const values: string[] = [];
        const params: (string | number)[] = [];
        plan.partitions.forEach((p, i) => {
          const b = params.length;
          values.push(`($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, 'pending')`);
          params.push(backfillId, p.partition_key, i + 1, canonicalJson(p.assets) ?? '[]');
        });
        await conn.run(`INSERT INTO meta.backfill_partitions (backfill_id, partition_key, seq, assets_json, status) VALUES ${values.join(', ')}`, params);
      }
      return backfillId;
    });
    return this.get(id);
  }

  async get(backfillId: string): Promise<BackfillDetail> {
    return this.ledger.db.read(async (conn) => {
      const rows = await queryRows(conn, `SELECT ${BACKFILL_SELECT} FROM meta.backfills b WHERE b.backfill_id = $1`, [backfillId]);
      if (!rows[0]) throw new LedgerNotFoundError(`backfill ${backfillId} does not exist`);
      const parts = await queryRows(conn, `SELECT ${PARTITION_SELECT} FROM meta.backfill_partitions WHERE backfill_id = $1 ORDER BY seq`, [backfillId]);
      return { ...mapBackfill(rows[0]), partitions: parts.map(mapPartition) };
    });
  }

  /** Newest first; `status` filters (e.g. the unfinished ones a restarted orchestrator resumes). */
  async list(query: { status?: string[]; limit?: number } = {}): Promise<BackfillRecord[]> {
    const statuses = (query.status ?? []).map(checkStatus);
    const limit = Math.max(1, Math.min(1000, Math.trunc(query.limit ?? 50)));
    return this.ledger.db.read(async (conn) => {
      if (!(await hasTable(conn, 'backfills'))) return [];
      const where = statuses.length ? `WHERE b.status IN (${statuses.map((_, i) => `$${i + 1}`).join(', ')})` : '';
      const rows = await queryRows(conn, `SELECT ${BACKFILL_SELECT} FROM meta.backfills b ${where} ORDER BY b.created_at DESC, b.backfill_id LIMIT ${limit}`, statuses);
      return rows.map(mapBackfill);
    });
  }

  async setStatus(backfillId: string, status: string, message: string | null = null): Promise<BackfillRecord> {
    checkStatus(status);
    const now = toSqlTimestamp(this.ledger.now());
    const changed = await this.ledger.queue.enqueue(async (conn) => {
      const rows = await queryRows(
        conn,
        `UPDATE meta.backfills SET status = $2, message = $3,
           started_at = CASE WHEN $2 = 'running' AND started_at IS NULL THEN CAST($4 AS TIMESTAMP) ELSE started_at END,
           ended_at = CASE WHEN $2 IN ('success', 'failed') THEN CAST($4 AS TIMESTAMP) ELSE NULL END
         WHERE backfill_id = $1 RETURNING backfill_id`,
        [backfillId, status, message, now],
      );
      return rows.length;
    });
    if (!changed) throw new LedgerNotFoundError(`backfill ${backfillId} does not exist`);
    return this.get(backfillId);
  }

  /** Progress of one partition: running (with its daily_graph run), success or failed. */
  async setPartition(backfillId: string, partitionKey: string, update: { status: string; daily_run_id?: string | null; message?: string | null }): Promise<BackfillPartitionRecord> {
    checkStatus(update.status);
    const now = toSqlTimestamp(this.ledger.now());
    const rows = await this.ledger.queue.enqueue((conn) =>
      queryRows(
        conn,
        `UPDATE meta.backfill_partitions SET status = $3, daily_run_id = coalesce($4, daily_run_id), message = $5,
           started_at = CASE WHEN $3 = 'running' THEN coalesce(started_at, CAST($6 AS TIMESTAMP)) ELSE started_at END,
           ended_at = CASE WHEN $3 IN ('success', 'failed') THEN CAST($6 AS TIMESTAMP) ELSE NULL END
         WHERE backfill_id = $1 AND partition_key = $2 RETURNING ${PARTITION_SELECT}`,
        [backfillId, partitionKey, update.status, update.daily_run_id ?? null, update.message ?? null, now],
      ),
    );
    if (!rows[0]) throw new LedgerNotFoundError(`backfill ${backfillId} has no partition ${partitionKey}`);
    return mapPartition(rows[0]);
  }

  async waive(input: { asset_key: string; partition_key: string; reason: string }): Promise<PartitionWaiver> {
    if (!input.asset_key?.trim()) throw new LedgerValidationError('asset_key', 'is required');
    checkDate('partition_key', input.partition_key);
    if (!input.reason?.trim()) throw new LedgerValidationError('reason', 'is required');
    const now = this.ledger.now();
    await this.ledger.queue.enqueue((conn) =>
      conn.run(
        `INSERT INTO meta.partition_waivers (asset_key, partition_key, reason, waived_at) VALUES ($1, $2, $3, CAST($4 AS TIMESTAMP))
         ON CONFLICT (asset_key, partition_key) DO UPDATE SET reason = excluded.reason, waived_at = excluded.waived_at`,
        [input.asset_key.trim(), input.partition_key, input.reason.trim(), toSqlTimestamp(now)],
      ),
    );
    return { asset_key: input.asset_key.trim(), partition_key: input.partition_key, reason: input.reason.trim(), waived_at: now.toISOString() };
  }

  /** Waivers, optionally within [from, to]; none on a file without migration 005. */
  async waivers(from?: string | null, to?: string | null): Promise<PartitionWaiver[]> {
    const lo = from ? checkDate('from', from) : '0000-01-01';
    const hi = to ? checkDate('to', to) : '9999-12-31';
    return this.ledger.db.read(async (conn) => {
      if (!(await hasTable(conn, 'partition_waivers'))) return [];
      const rows = await queryRows(
        conn,
        `SELECT asset_key, partition_key, reason, ${isoSql('waived_at')} FROM meta.partition_waivers WHERE partition_key BETWEEN $1 AND $2 ORDER BY partition_key, asset_key`,
        [lo, hi],
      );
      return rows.map((r) => ({ asset_key: String(r['asset_key']), partition_key: String(r['partition_key']), reason: String(r['reason']), waived_at: String(r['waived_at']) }));
    });
  }

  /** Every attempt of every graph job for partitions in [from, to] (child runs of `daily_graph` runs), oldest first. */
  async materializationRuns(from: string, to: string): Promise<MaterializationRunRecord[]> {
    checkDate('from', from);
    checkDate('to', to);
    return this.ledger.db.read(async (conn) => {
      const rows = await queryRows(
        conn,
        `WITH parents AS (
           SELECT run_id, json_extract_string(args_json, '$.partition') AS partition_key, json_extract_string(args_json, '$.backfill_id') AS backfill_id
           FROM meta.ingestion_runs WHERE job_name = $1 AND json_extract_string(args_json, '$.partition') BETWEEN $2 AND $3)
         SELECT p.partition_key, c.job_name, c.run_id, c.parent_run_id, c.status, ${isoSql('c.started_at')},
                TRY_CAST(json_extract_string(c.args_json, '$.attempt') AS INTEGER) AS attempt, p.backfill_id
         FROM meta.ingestion_runs c JOIN parents p ON c.parent_run_id = p.run_id
         ORDER BY c.started_at, c.run_id`,
        [DAILY_GRAPH_JOB, from, to],
      );
      return rows.map((r) => ({
        partition_key: String(r['partition_key']),
        job_name: String(r['job_name']),
        run_id: String(r['run_id']),
        parent_run_id: String(r['parent_run_id']),
        status: String(r['status']),
        started_at: String(r['started_at']),
        attempt: toNumber(r['attempt']),
        backfill_id: toText(r['backfill_id']),
      }));
    });
  }

  /**
   * The latest state of each (asset, partition) of the graph in [from, to]: from the job runs the orchestrator
   * started and the `upstream_failed` skips it recorded. Input of the range planner.
   */
  async materializations(from: string, to: string): Promise<PartitionMaterialization[]> {
    const runs = await this.materializationRuns(from, to);
    const skips = await this.ledger.db.read((conn) =>
      queryRows(
        conn,
        `SELECT e.asset_key, e.partition_key, ${isoSql('coalesce(e.started_at, r.started_at)', 'started_at')}
         FROM meta.ingestion_run_assets e JOIN meta.ingestion_runs r ON r.run_id = e.run_id
         WHERE r.job_name = $1 AND e.status = 'skipped' AND e.partition_key BETWEEN $2 AND $3`,
        [DAILY_GRAPH_JOB, from, to],
      ),
    );
    const cells = new Map<string, PartitionMaterialization & { at: string }>();
    const note = (asset: string, partition: string, status: PartitionMaterialization['status'], at: string) => {
      const key = `${asset}|${partition}`;
      const cell = cells.get(key) ?? { asset_key: asset, partition_key: partition, status, succeeded: false, at };
      if (status === 'success') cell.succeeded = true;
      if (at >= cell.at) {
        cell.status = status;
        cell.at = at;
      }
      cells.set(key, cell);
    };
    for (const r of runs) {
      const asset = ASSET_BY_JOB.get(r.job_name);
      if (asset) note(asset, r.partition_key, r.status === 'started' ? 'running' : r.status === 'success' ? 'success' : 'failed', r.started_at);
    }
    for (const s of skips) note(String(s['asset_key']), String(s['partition_key']), 'skipped', String(s['started_at']));
    return [...cells.values()]
      .map(({ at: _at, ...m }) => m)
      .sort((a, b) => (a.partition_key === b.partition_key ? (a.asset_key < b.asset_key ? -1 : 1) : a.partition_key < b.partition_key ? -1 : 1));
  }
}

/** Plans a range against the current state of the ledger (DOMAIN.md §11): read-only, deterministic. */
export async function planRangeFromLedger(repo: BackfillRepository, calendar: TradingCalendar, request: RangePlanRequest, partitionStart?: string): Promise<RangePlan> {
  let normalized;
  try {
    normalized = normalizeRangeRequest(request);
  } catch (err) {
    if (err instanceof RangePlanError) throw new LedgerValidationError(err.field, err.reason);
    throw err;
  }
  const [materializations, waivers] = await Promise.all([repo.materializations(normalized.from, normalized.to), repo.waivers(normalized.from, normalized.to)]);
  return planRangeBackfill({ ...normalized, calendar, materializations, waivers, partitionStart });
}
