import type { PartitionMaterialization, PartitionWaiver, RangePlan, RangePlanRequest } from '@options-helper/domain';
import type { BackfillDetail, BackfillPartitionRecord, BackfillRecord, MaterializationRunRecord } from '@options-helper/ledger';

/** An error answer from the ledger's backfill endpoints. */
export class BackfillLedgerError extends Error {
  override readonly name = 'BackfillLedgerError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The ledger's backfill endpoints (apps/ledger/src/backfill) over HTTP. */
export class BackfillLedgerClient {
  private readonly baseUrl: string;

  constructor(baseUrl: string, private readonly token: string | null = null) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
  }

  rangePlan(request: RangePlanRequest, partitionStart?: string): Promise<RangePlan> {
    const q = new URLSearchParams({ from: request.from, to: request.to });
    if (request.assets?.length) q.set('assets', request.assets.join(','));
    if (request.mode) q.set('mode', request.mode);
    if (partitionStart) q.set('partition_start', partitionStart);
    return this.request('GET', `/api/v1/backfill/range-plan?${q}`);
  }

  materializations(from: string, to: string): Promise<PartitionMaterialization[]> {
    return this.request('GET', `/api/v1/backfill/materializations?${new URLSearchParams({ from, to })}`);
  }

  materializationRuns(from: string, to: string): Promise<MaterializationRunRecord[]> {
    return this.request('GET', `/api/v1/backfill/materialization-runs?${new URLSearchParams({ from, to })}`);
  }

  waivers(from: string, to: string): Promise<PartitionWaiver[]> {
    return this.request('GET', `/api/v1/backfill/waivers?${new URLSearchParams({ from, to })}`);
  }

  create(plan: RangePlan, triggeredBy = 'backfill'): Promise<BackfillDetail> {
    return this.request('POST', '/api/v1/backfills', { plan, triggered_by: triggeredBy });
  }

  list(status?: string[], limit?: number): Promise<BackfillRecord[]> {
    const q = new URLSearchParams();
    if (status?.length) q.set('status', status.join(','));
    if (limit) q.set('limit', String(limit));
    return this.request('GET', `/api/v1/backfills?${q}`);
  }

  get(id: string): Promise<BackfillDetail> {
    return this.request('GET', `/api/v1/backfills/${encodeURIComponent(id)}`);
  }

  setStatus(id: string, status: string, message?: string | null): Promise<BackfillRecord> {
    return this.request('POST', `/api/v1/backfills/${encodeURIComponent(id)}/status`, { status, ...(message ? { message } : {}) });
  }

  setPartition(id: string, partition: string, update: { status: string; daily_run_id?: string; message?: string }): Promise<BackfillPartitionRecord> {
    return this.request('POST', `/api/v1/backfills/${encodeURIComponent(id)}/partitions/${encodeURIComponent(partition)}`, update);
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.token && method !== 'GET') headers['authorization'] = `Bearer ${this.token}`;
    let res: Response;
    try {
      res = await fetch(`${this.baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(30_000) });
    } catch (err) {
      throw new BackfillLedgerError(503, `ledger at ${this.baseUrl} is unreachable (${err instanceof Error ? err.message : String(err)})`);
    }
    const text = await res.text();
    if (!res.ok) {
      let message = text;
      try {
        const parsed = JSON.parse(text) as { message?: unknown };
        message = Array.isArray(parsed.message) ? parsed.message.join('; ') : String(parsed.message ?? text);
      } catch {
        // not JSON
      }
      throw new BackfillLedgerError(res.status, message);
    }
    return JSON.parse(text) as T;
  }
}
