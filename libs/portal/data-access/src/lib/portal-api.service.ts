import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  DbInfo,
  GapPlan,
  HealthSnapshot,
  PortalColumns,
  PortalCoverage,
  PortalDerivedHistory,
  PortalDerivedSnippet,
  PortalFlowPartitions,
  PortalFlowRows,
  PortalFlowSymbols,
  PortalMeta,
  PortalPortfolio,
  PortalPreview,
  PortalRunDetail,
  PortalRunFacets,
  PortalRunsPage,
  PortalSchemas,
  PortalSnapshotResponse,
  PortalSqlResult,
  PortalSymbols,
  PortalTables,
  PortalCandles,
} from '@options-helper/domain';
import { firstValueFrom, Observable } from 'rxjs';
import { toApiError } from './api-error';

/** Query values; null/undefined/'' are left out of the request. */
export type ApiQuery = Record<string, string | number | boolean | null | undefined>;

export interface HealthParams {
  days: number;
  stale_days: number;
  limit: number;
}

export interface RunsParams {
  job?: string | null;
  status?: string | null;
  triggered_by?: string | null;
  parent_run_id?: string | null;
  /** Case-insensitive substring of run_id, job_name, error_type, error_message or args. */
  text?: string | null;
  limit: number;
  offset?: number;
  /** The previous page's next_cursor (then offset is ignored). */
  cursor?: string | null;
}

export interface FlowRowsParams {
  as_of: string;
  from_date: string;
  to_date: string;
  window: number;
  group_by: string;
  top: number;
}

export interface CoverageParams {
  /** Last session (default: the last completed one). */
  to?: string | null;
  /** How many sessions ending at `to` (default 30, 1–400). */
  sessions?: number | null;
  from?: string | null;
  /** Comma list of asset keys (default: the daily graph's nodes). */
  assets?: string | null;
}

export function toHttpParams(query: ApiQuery): HttpParams {
  let params = new HttpParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === null || value === undefined || value === '') continue;
    params = params.set(key, String(value));
  }
  return params;
}

const seg = encodeURIComponent;

/**
 * The ledger's read API, typed with libs/domain. Only GET requests, plus POST /api/v1/sql which runs on the
 * ledger's read-only executor: nothing here can change data. Every call rejects with an ApiError.
 */
@Injectable({ providedIn: 'root' })
export class PortalApi {
  private readonly http = inject(HttpClient);
  /** Same origin: the ledger serves the portal at `/`; `nx serve portal` proxies /api to it. */
  readonly base = '/api/v1';

  private async call<T>(request: Observable<T>): Promise<T> {
    try {
      return await firstValueFrom(request);
    } catch (err) {
      throw toApiError(err);
    }
  }

  get<T>(path: string, query: ApiQuery = {}): Promise<T> {
    return this.call(this.http.get<T>(`${this.base}${path}`, { params: toHttpParams(query) }));
  }

  meta(): Promise<PortalMeta> {
    return this.get('/portal/meta');
  }

  info(): Promise<DbInfo> {
    return this.get('/info');
  }

  healthSnapshot(p: HealthParams): Promise<HealthSnapshot> {
    return this.get('/health/snapshot', { days: p.days, stale_days: p.stale_days, limit: p.limit });
  }

  backfillPlan(p: { stale_days: number; days: number; portfolio_path?: string | null }): Promise<GapPlan> {
    return this.get('/backfill/plan', p);
  }

  runs(p: RunsParams): Promise<PortalRunsPage> {
    return this.get('/portal/runs', { ...p });
  }

  runFacets(): Promise<PortalRunFacets> {
    return this.get('/portal/runs/facets');
  }

  run(runId: string): Promise<PortalRunDetail> {
    return this.get(`/portal/runs/${seg(runId)}`);
  }

  portfolio(p: { portfolio_path?: string | null; reports_dir?: string | null }): Promise<PortalPortfolio> {
    return this.get('/portal/portfolio', p);
  }

  symbols(): Promise<PortalSymbols> {
    return this.get('/portal/symbols');
  }

  candles(symbol: string, limit = 365): Promise<PortalCandles> {
    return this.get(`/portal/symbols/${seg(symbol)}/candles`, { limit });
  }

  snapshot(symbol: string): Promise<PortalSnapshotResponse> {
    return this.get(`/portal/symbols/${seg(symbol)}/snapshot`);
  }

  derivedSnippet(symbol: string): Promise<PortalDerivedSnippet> {
    return this.get(`/portal/symbols/${seg(symbol)}/derived`);
  }

  derivedHistory(symbol: string, windowDays: number): Promise<PortalDerivedHistory> {
    return this.get(`/portal/symbols/${seg(symbol)}/derived/history`, { window_days: windowDays });
  }

  flowSymbols(): Promise<PortalFlowSymbols> {
    return this.get('/portal/flow/symbols');
  }

  flowPartitions(symbol: string, p: { group_by: string; from?: string | null; to?: string | null }): Promise<PortalFlowPartitions> {
    return this.get(`/portal/flow/${seg(symbol)}/partitions`, p);
  }

  flowRows(symbol: string, p: FlowRowsParams): Promise<PortalFlowRows> {
    return this.get(`/portal/flow/${seg(symbol)}/rows`, { ...p });
  }

  schemas(): Promise<PortalSchemas> {
    return this.get('/portal/data/schemas');
  }

  tables(schema: string): Promise<PortalTables> {
    return this.get(`/portal/data/schemas/${seg(schema)}/tables`);
  }

  columns(schema: string, table: string): Promise<PortalColumns> {
    return this.get(`/portal/data/schemas/${seg(schema)}/tables/${seg(table)}/columns`);
  }

  preview(schema: string, table: string, limit: number): Promise<PortalPreview> {
    return this.get(`/portal/data/schemas/${seg(schema)}/tables/${seg(table)}/preview`, { limit });
  }

  /** Runs one statement on the ledger's read-only executor; a refused statement rejects with its reason. */
  sql(sql: string, maxRows = 500): Promise<PortalSqlResult> {
    return this.call(this.http.post<PortalSqlResult>(`${this.base}/sql`, { sql, max_rows: maxRows }));
  }

  coverage(p: CoverageParams): Promise<PortalCoverage> {
    return this.get('/portal/coverage', { ...p });
  }
}
