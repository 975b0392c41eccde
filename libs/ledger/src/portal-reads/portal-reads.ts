import {
  COVERAGE_STATES,
  coverageGrid,
  DAILY_GRAPH_ASSET_KEYS,
  emptyCoverageCounts,
  FlowGroupBy,
  PortalColumns,
  PortalCoverage,
  PortalDerivedHistory,
  PortalDerivedSnippet,
  PortalFlowPartitions,
  PortalFlowRows,
  PortalCandles,
  PortalPreview,
  PortalRunDetail,
  PortalRunFacets,
  PortalRunsPage,
  PortalSnapshotResponse,
  PortalTables,
} from '@options-helper/domain';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Ledger } from '../ledger';
import { LedgerValidationError } from '../ledger.errors';
import { hasObservabilityTables } from '../health/health.repository';
import * as catalog from './portal-catalog.reads';
import * as coverage from './portal-coverage.reads';
import * as flow from './portal-flow.reads';
import * as market from './portal-market.reads';
import * as runs from './portal-runs.reads';

export const PORTAL_COVERAGE_DEFAULT_SESSIONS = 30;
export const PORTAL_COVERAGE_MAX_SESSIONS = 400;
export const PORTAL_PREVIEW_MAX_ROWS = 500;

export interface PortalCoverageQuery {
  from?: string;
  to?: string;
  sessions?: number;
  assets?: readonly string[];
}

/**
 * Every read behind the portal (docs/portal-api.md), on the ledger's reader connections. Nothing here writes:
 * the SQL is SELECTs on catalog or ledger tables, and outside SQL (the preview) goes through the read-only executor.
 */
export class PortalReads {
  constructor(private readonly ledger: Ledger) {}

  private read<T>(task: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
    return this.ledger.db.read(task);
  }

  /** Empty answers instead of errors while the meta tables are missing (a fresh or foreign file). */
  observabilityReady(): Promise<boolean> {
    return this.read((conn) => hasObservabilityTables(conn));
  }

  async runs(query: runs.PortalRunsQuery): Promise<PortalRunsPage> {
    if (!(await this.observabilityReady())) return { items: [], total: 0, limit: query.limit ?? 50, offset: query.offset ?? 0, next_cursor: null };
    return this.read((conn) => runs.listPortalRuns(conn, query));
  }

  async runFacets(): Promise<PortalRunFacets> {
    if (!(await this.observabilityReady())) return { jobs: [], statuses: ['started', 'success', 'failed'], triggers: ['cli', 'api', 'schedule', 'backfill'], first_started_at: null, last_started_at: null };
    return this.read((conn) => runs.portalRunFacets(conn));
  }

  async runDetail(runId: string): Promise<PortalRunDetail | null> {
    if (!(await this.observabilityReady())) return null;
    return this.read((conn) => runs.portalRunDetail(conn, runId));
  }

  symbols(): Promise<string[]> {
    return this.read((conn) => market.portalSymbols(conn));
  }

  candles(symbol: string, limit?: number): Promise<PortalCandles> {
    return this.read((conn) => market.portalCandles(conn, symbol, limit));
  }

  snapshot(symbol: string): Promise<PortalSnapshotResponse> {
    return this.read((conn) => market.portalSnapshot(conn, symbol));
  }

  derivedSnippet(symbol: string): Promise<PortalDerivedSnippet> {
    return this.read((conn) => market.portalDerivedSnippet(conn, symbol));
  }

  derivedHistory(symbol: string, windowDays: number): Promise<PortalDerivedHistory> {
    return this.read((conn) => market.portalDerivedHistory(conn, symbol, windowDays));
  }

  flowSymbols(): Promise<string[]> {
    return this.read((conn) => flow.portalFlowSymbols(conn));
  }

  flowPartitions(symbol: string, groupBy: FlowGroupBy, range: { from?: string; to?: string }): Promise<PortalFlowPartitions> {
    if (range.from && range.to && range.from > range.to) throw new LedgerValidationError('from', `must be on or before to (${range.to})`);
    return this.read((conn) => flow.portalFlowPartitions(conn, symbol, groupBy, range));
  }

  flowRows(symbol: string, key: flow.FlowPartitionKey, top: number): Promise<PortalFlowRows> {
    return this.read((conn) => flow.portalFlowRows(conn, symbol, key, top));
  }

  schemas(): Promise<string[]> {
    return this.read((conn) => catalog.portalSchemas(conn));
  }

  async tables(schema: string): Promise<PortalTables> {
    return { schema, tables: await this.read((conn) => catalog.portalTables(conn, schema)) };
  }

  async columns(schema: string, table: string): Promise<PortalColumns> {
    return { schema, table, columns: await this.read((conn) => catalog.portalColumns(conn, schema, table)) };
  }

  /** Rows of a catalog table through the read-only executor (the same path as the SQL box). */
  async preview(schema: string, table: string, limit: number): Promise<PortalPreview> {
    const n = Math.min(Math.max(Math.trunc(limit), 1), PORTAL_PREVIEW_MAX_ROWS);
    const t = await this.read((conn) => catalog.catalogTable(conn, schema, table));
    const snippet = catalog.previewSnippet(t.schema, t.table, n);
    const result = await this.ledger.query(snippet.replace(/;$/, ''), { maxRows: n });
    return { schema: t.schema, table: t.table, limit: n, snippet, columns: result.columns, rows: result.rows, row_count: result.rowCount };
  }

  /** The asset × session grid; sessions from the ledger's trading calendar. */
  async coverage(query: PortalCoverageQuery = {}): Promise<PortalCoverage> {
    const calendar = this.ledger.calendar;
    let to: string;
    let sessions: string[];
    try {
      to = query.to ?? calendar.lastCompletedSession(this.ledger.now());
      sessions = this.coverageSessions(to, query.from, query.sessions);
    } catch (err) {
      // The trading calendar covers a fixed span of years and says so with a RangeError.
      if (err instanceof RangeError) throw new LedgerValidationError(query.from !== undefined ? 'from' : 'to', err.message);
      throw err;
    }
    const assets = [...(query.assets ?? DAILY_GRAPH_ASSET_KEYS)];
    const first = sessions[0] ?? to;
    const last = sessions[sessions.length - 1] ?? to;
    const ready = await this.observabilityReady();
    const data = await this.read(async (conn) => {
      if (!ready) return { events: [], watermarks: [], waivers: [], waiversAvailable: false };
      const waiversAvailable = await coverage.hasWaiversTable(conn);
      return {
        events: await coverage.coverageEvents(conn, assets, first, last),
        watermarks: await coverage.coverageWatermarks(conn, assets),
        waivers: waiversAvailable ? await coverage.coverageWaivers(conn, assets, first, last) : [],
        waiversAvailable,
      };
    });
    const grid = coverageGrid({ sessions, assets, events: data.events, watermarks: data.watermarks, waivers: data.waivers });
    const counts = emptyCoverageCounts();
    for (const a of grid) for (const s of COVERAGE_STATES) counts[s] += a.counts[s];
    return { sessions, from: first, to: last, assets: grid, counts, waivers_available: data.waiversAvailable };
  }

  private coverageSessions(to: string, from: string | undefined, count: number | undefined): string[] {
    const calendar = this.ledger.calendar;
    if (from !== undefined) {
      if (from > to) throw new LedgerValidationError('from', `must be on or before to (${to})`);
      const n = calendar.countSessionsBetween(from, to) + (calendar.isSession(from) ? 1 : 0);
      if (n > PORTAL_COVERAGE_MAX_SESSIONS) throw new LedgerValidationError('from', `spans ${n} sessions; at most ${PORTAL_COVERAGE_MAX_SESSIONS}`);
      return [...(calendar.isSession(from) ? [from] : []), ...calendar.sessionsBetween(from, to)];
    }
    const wanted = count ?? PORTAL_COVERAGE_DEFAULT_SESSIONS;
    if (!Number.isInteger(wanted) || wanted < 1 || wanted > PORTAL_COVERAGE_MAX_SESSIONS) {
      throw new LedgerValidationError('sessions', `must be an integer from 1 to ${PORTAL_COVERAGE_MAX_SESSIONS}`);
    }
    const out: string[] = [];
    let d = calendar.isSession(to) ? to : calendar.previousSession(to);
    for (let i = 0; i < wanted; i += 1) {
      out.push(d);
      if (i + 1 < wanted) d = calendar.previousSession(d);
    }
    return out.reverse();
  }
}
