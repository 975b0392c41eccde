import type {
  ReplaceFlowInput,
  HealthSnapshot,
  GapPlan,
  CandleClose,
  CandleCoverage,
  OptionBarsMetaRecord,
  SaveSnapshotInput,
  SaveSnapshotResult,
  UpsertContractsInput,
  UpsertContractsResult,
  WriteCandlesInput,
  WriteOptionBarsInput,
  WriteOptionBarsResult,
  AssetEventInput,
  AssetEventRecord,
  CheckInput,
  DbInfo,
  FinalizeSuccessInput,
  HealthQuery,
  HealthReport,
  Page,
  RowWriteResult,
  RunListQuery,
  RunRecord,
  StartRunInput,
  WatermarkInput,
  FlowWindowsRequest,
  FlowWindowsResult,
} from '@options-helper/domain';
import { FailRunInput, LedgerPort, MigrateResult, SqlQueryOptions, SqlQueryResult, toErrorInfo } from '../ledger-port';
import { toWire } from './wire';

export interface HttpLedgerOptions {
  baseUrl: string;
  token?: string | null;
  timeoutMs?: number;
}

/** An error answer from the ledger service, with its HTTP status and message. */
export class LedgerHttpError extends Error {
  override readonly name = 'LedgerHttpError';
  constructor(
    readonly status: number,
    message: string,
    readonly body: unknown,
  ) {
    super(message);
  }
}

/** LedgerPort over the ledger service's REST API (/api/v1). */
export class HttpLedgerAdapter implements LedgerPort {
  readonly mode = 'http' as const;
  databasePath: string | null = null;
  private readonly baseUrl: string;

  constructor(private readonly options: HttpLedgerOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
  }

  async startRun(input: StartRunInput): Promise<RunRecord> {
    return this.request<RunRecord>('POST', '/api/v1/runs', toWire(input));
  }

  async logAssetEvent(input: AssetEventInput): Promise<void> {
    await this.logAssetEvents([input]);
  }

  async logAssetEvents(inputs: AssetEventInput[]): Promise<void> {
    if (inputs.length === 0) return;
    await this.request('POST', '/api/v1/events', { events: inputs.map(toWire) });
  }

  async upsertWatermark(input: WatermarkInput): Promise<void> {
    await this.upsertWatermarks([input]);
  }

  async upsertWatermarks(inputs: WatermarkInput[]): Promise<void> {
    if (inputs.length === 0) return;
    await this.request('POST', '/api/v1/watermarks', { watermarks: inputs.map(toWire) });
  }

  async persistCheck(input: CheckInput): Promise<string> {
    const [id] = await this.persistChecks([input]);
    return id as string;
  }

  async persistChecks(inputs: CheckInput[]): Promise<string[]> {
    if (inputs.length === 0) return [];
    const res = await this.request<{ check_ids: string[] }>('POST', '/api/v1/checks', { checks: inputs.map(toWire) });
    return res.check_ids;
  }

  finalizeSuccess(input: FinalizeSuccessInput): Promise<RunRecord> {
    return this.request<RunRecord>('POST', `/api/v1/runs/${encodeURIComponent(input.runId)}/finalize`, toWire({ status: 'success', endedAt: input.endedAt }));
  }

  finalizeFailure(input: FailRunInput): Promise<RunRecord> {
    const error = toErrorInfo(input.error);
    return this.request<RunRecord>(
      'POST',
      `/api/v1/runs/${encodeURIComponent(input.runId)}/finalize`,
      toWire({ status: 'failed', endedAt: input.endedAt, error, stackText: input.stackText }),
    );
  }

  writeRows(table: string, rows: Record<string, unknown>[]): Promise<RowWriteResult> {
    return this.request<RowWriteResult>('POST', `/api/v1/tables/${encodeURIComponent(table)}/rows`, { rows });
  }

  writeCandles(input: WriteCandlesInput): Promise<{ symbol: string; rows_written: number }> {
    return this.request('POST', '/api/v1/market/candles', input);
  }

  saveSnapshot(input: SaveSnapshotInput): Promise<SaveSnapshotResult> {
    return this.request('POST', '/api/v1/market/snapshots', input);
  }

  upsertContracts(input: UpsertContractsInput): Promise<UpsertContractsResult> {
    return this.request('POST', '/api/v1/market/option-contracts', input);
  }

  replaceFlow(input: ReplaceFlowInput): Promise<{ symbol: string; rows_written: number }> {
    return this.request('POST', '/api/v1/market/flow', input);
  }

  writeOptionBars(input: WriteOptionBarsInput): Promise<WriteOptionBarsResult> {
    return this.request('POST', '/api/v1/market/option-bars', input);
  }

  candleCoverage(symbol: string): Promise<CandleCoverage> {
    return this.request('GET', `/api/v1/market/candles/${encodeURIComponent(symbol)}/coverage`);
  }

  candleCloses(symbol: string, start?: string | null, end?: string | null): Promise<CandleClose[]> {
    return this.request('GET', `/api/v1/market/candles/${encodeURIComponent(symbol)}/closes${queryString({ start, end })}`);
  }

  optionBarsMeta(provider: string, contracts: string[]): Promise<OptionBarsMetaRecord[]> {
    if (contracts.length === 0) return Promise.resolve([]);
    return this.request('POST', '/api/v1/market/option-bars/meta/query', { provider, contract_symbols: contracts });
  }

  computeFlowWindows(input: FlowWindowsRequest): Promise<FlowWindowsResult> {
    return this.request('POST', '/api/v1/market/flow/windows', input);
  }

  query(sql: string, options: SqlQueryOptions = {}): Promise<SqlQueryResult> {
    return this.request('POST', '/api/v1/sql', { sql, params: options.params, max_rows: options.maxRows ?? 500, timeout_ms: options.timeoutMs });
  }

  async getRun(runId: string): Promise<RunRecord | null> {
    try {
      return await this.request<RunRecord>('GET', `/api/v1/runs/${encodeURIComponent(runId)}`);
    } catch (err) {
      if (err instanceof LedgerHttpError && err.status === 404) return null;
      throw err;
    }
  }

  listRuns(query: RunListQuery = {}): Promise<Page<RunRecord>> {
    return this.request<Page<RunRecord>>('GET', `/api/v1/runs${queryString(toWire(query) as Record<string, unknown>)}`);
  }

  listRunEvents(runId: string): Promise<AssetEventRecord[]> {
    return this.request<AssetEventRecord[]>('GET', `/api/v1/runs/${encodeURIComponent(runId)}/events`);
  }

  health(query: HealthQuery = {}): Promise<HealthReport> {
    return this.request<HealthReport>('GET', `/api/v1/health${queryString(toWire(query) as Record<string, unknown>)}`);
  }

  healthSnapshot(query: { days?: number; staleDays?: number; limit?: number } = {}): Promise<HealthSnapshot> {
    return this.request<HealthSnapshot>('GET', `/api/v1/health/snapshot${queryString({ days: query.days, stale_days: query.staleDays, limit: query.limit })}`);
  }

  backfillPlan(query: { staleDays?: number; days?: number; portfolioPath?: string } = {}): Promise<GapPlan> {
    return this.request<GapPlan>('GET', `/api/v1/backfill/plan${queryString({ stale_days: query.staleDays, days: query.days, portfolio_path: query.portfolioPath })}`);
  }

  async info(): Promise<DbInfo> {
    const info = await this.request<DbInfo>('GET', '/api/v1/info');
    this.databasePath = info.database_path;
    return info;
  }

  migrate(): Promise<MigrateResult> {
    return this.request<MigrateResult>('POST', '/api/v1/migrations');
  }

  async close(): Promise<void> {
    // Stateless: nothing to release.
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.options.token) headers['authorization'] = `Bearer ${this.options.token}`;
    let res: Response;
    try {
      res = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 60_000),
      });
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      throw new Error(`ledger at ${this.baseUrl} is unreachable: ${reason}`);
    }
    const text = await res.text();
    let parsed: unknown = undefined;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = text;
    }
    if (!res.ok) {
      const message = errorMessageOf(parsed) ?? `${res.status} ${res.statusText}`;
      throw new LedgerHttpError(res.status, message, parsed);
    }
    return parsed as T;
  }
}

function errorMessageOf(body: unknown): string | null {
  if (!body || typeof body !== 'object') return typeof body === 'string' && body ? body : null;
  const message = (body as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : null;
}

function queryString(params: Record<string, unknown>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue;
    search.set(key, value instanceof Date ? value.toISOString() : String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** Probes a ledger service: its info when one answers within the timeout, else null. */
export async function probeLedger(baseUrl: string, timeoutMs = 400): Promise<DbInfo | null> {
  try {
    const res = await fetch(`${baseUrl.replace(/\/+$/, '')}/api/v1/info`, { signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok) return null;
    const body = (await res.json()) as DbInfo;
    return typeof body?.database_path === 'string' ? body : null;
  } catch {
    return null;
  }
}
