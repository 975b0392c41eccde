import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseOsi } from '@options-helper/domain';
import type {
  AlpacaBar,
  AlpacaBarsResponse,
  AlpacaContractsResponse,
  AlpacaLatestTradeResponse,
  AlpacaOptionContract,
  AlpacaOptionSnapshot,
  AlpacaSnapshotsResponse,
  AlpacaTrade,
} from '../alpaca-wire.types';

// A local stand-in for Alpaca's market-data and trading APIs: serves the documented JSON shapes from in-memory data,
// pages with next_page_token, checks the auth headers, and plays scripted failures. Listens on 127.0.0.1 only.

export interface FakeAlpacaData {
  stockBars: Record<string, AlpacaBar[]>;
  latestTrades: Record<string, AlpacaTrade>;
  contracts: AlpacaOptionContract[];
  /** Underlying ⇒ OCC symbol ⇒ snapshot. */
  snapshots: Record<string, Record<string, AlpacaOptionSnapshot>>;
  optionBars: Record<string, AlpacaBar[]>;
}

/** A canned answer. `delayMs` holds the response back (the client may time out first). */
export interface ScriptedResponse {
  status?: number;
  headers?: Record<string, string>;
  /** JSON body; ignored when rawBody is set. */
  body?: unknown;
  rawBody?: string;
  delayMs?: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  /** Milliseconds since the server started. */
  at: number;
}

export interface FakeAlpacaOptions {
  keyId: string;
  secretKey: string;
  data?: Partial<FakeAlpacaData>;
  /** Upper bound on items per page whatever `limit` asks for (forces pagination in tests). */
  maxPageSize?: number;
}

interface Route {
  re: RegExp;
  handle: (match: RegExpExecArray, query: Record<string, string>) => ScriptedResponse;
}

export class FakeAlpacaServer {
  readonly requests: RecordedRequest[] = [];
  readonly data: FakeAlpacaData;
  maxPageSize: number;

  private readonly once = new Map<string, ScriptedResponse[]>();
  private readonly always = new Map<string, ScriptedResponse>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly started = Date.now();
  private readonly routes: Route[];

  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly options: FakeAlpacaOptions,
  ) {
    this.data = {
      stockBars: {},
      latestTrades: {},
      contracts: [],
      snapshots: {},
      optionBars: {},
      ...options.data,
    };
    this.maxPageSize = options.maxPageSize ?? 10_000;
    this.routes = [
      { re: /^\/v2\/stocks\/bars$/, handle: (_m, q) => this.bars(this.data.stockBars, q) },
      { re: /^\/v1beta1\/options\/bars$/, handle: (_m, q) => this.bars(this.data.optionBars, q) },
      { re: /^\/v2\/stocks\/([^/]+)\/trades\/latest$/, handle: (m) => this.latestTrade(decodeURIComponent(m[1] ?? '')) },
      { re: /^\/v2\/options\/contracts$/, handle: (_m, q) => this.contracts(q) },
      { re: /^\/v1beta1\/options\/snapshots\/([^/]+)$/, handle: (m, q) => this.snapshots(decodeURIComponent(m[1] ?? ''), q) },
    ];
  }

  static async start(options: FakeAlpacaOptions): Promise<FakeAlpacaServer> {
    let fake: FakeAlpacaServer | null = null;
    const server = createServer((req, res) => fake?.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    fake = new FakeAlpacaServer(server, `http://127.0.0.1:${port}`, options);
    return fake;
  }

  /** Answer the next requests whose path starts with `pathPrefix` with these responses, one each, in order. */
  script(pathPrefix: string, ...responses: ScriptedResponse[]): void {
    this.once.set(pathPrefix, [...(this.once.get(pathPrefix) ?? []), ...responses]);
  }

  /** Answer every request under `pathPrefix` with `response` (null removes it). */
  setAlways(pathPrefix: string, response: ScriptedResponse | null): void {
    if (response) this.always.set(pathPrefix, response);
    else this.always.delete(pathPrefix);
  }

  requestsTo(pathPrefix: string): RecordedRequest[] {
    return this.requests.filter((r) => r.path.startsWith(pathPrefix));
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', this.url);
    const query = Object.fromEntries(url.searchParams.entries());
    this.requests.push({ method: req.method ?? 'GET', path: url.pathname, query, headers: req.headers, at: Date.now() - this.started });

    const response = this.respond(req, url.pathname, query);
    const send = () => {
      if (res.destroyed) return;
      const body = response.rawBody ?? JSON.stringify(response.body ?? null);
      res.writeHead(response.status ?? 200, { 'content-type': 'application/json', ...response.headers });
      res.end(body);
    };
    if (!response.delayMs) return send();
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      send();
    }, response.delayMs);
    this.timers.add(timer);
    res.on('close', () => {
      clearTimeout(timer);
      this.timers.delete(timer);
    });
  }

  private respond(req: IncomingMessage, path: string, query: Record<string, string>): ScriptedResponse {
    if (req.method !== 'GET') return { status: 405, body: { message: 'method not allowed' } };
    if (req.headers['apca-api-key-id'] !== this.options.keyId || req.headers['apca-api-secret-key'] !== this.options.secretKey) {
      return { status: 401, body: { message: 'unauthorized.' } };
    }
    for (const [prefix, queue] of this.once) {
      if (path.startsWith(prefix) && queue.length > 0) {
        const next = queue.shift() as ScriptedResponse;
        // A scripted delay without a status only slows the normal answer down.
        return next.status === undefined && next.body === undefined && next.rawBody === undefined
          ? { ...this.route(path, query), delayMs: next.delayMs }
          : next;
      }
    }
    for (const [prefix, response] of this.always) {
      if (path.startsWith(prefix)) {
        return response.status === undefined && response.body === undefined && response.rawBody === undefined
          ? { ...this.route(path, query), delayMs: response.delayMs }
          : response;
      }
    }
    return this.route(path, query);
  }

  private route(path: string, query: Record<string, string>): ScriptedResponse {
    for (const route of this.routes) {
      const match = route.re.exec(path);
      if (match) return route.handle(match, query);
    }
    return { status: 404, body: { message: 'Not Found' } };
  }

  private bars(source: Record<string, AlpacaBar[]>, q: Record<string, string>): ScriptedResponse {
    if (!q['symbols']) return invalid('symbols is required');
    if (q['timeframe'] !== '1Day') return invalid(`unsupported timeframe ${q['timeframe']}`);
    const start = q['start'] ? Date.parse(q['start']) : Number.NEGATIVE_INFINITY;
    const end = q['end'] ? Date.parse(q['end']) : Number.POSITIVE_INFINITY;
    if (Number.isNaN(start) || Number.isNaN(end)) return invalid('invalid start or end');
    if (start > end) return invalid('end should not be before start');
    const items: Array<[string, AlpacaBar]> = [];
    for (const symbol of q['symbols'].split(',')) {
      for (const bar of source[symbol] ?? []) {
        const t = Date.parse(bar.t);
        if (t >= start && t <= end) items.push([symbol, bar]);
      }
    }
    const page = this.page(items, q);
    if ('error' in page) return page.error;
    const bars: Record<string, AlpacaBar[]> = {};
    for (const [symbol, bar] of page.items) (bars[symbol] ??= []).push(bar);
    const body: AlpacaBarsResponse = { bars, next_page_token: page.next };
    return { body };
  }

  private latestTrade(symbol: string): ScriptedResponse {
    const trade = this.data.latestTrades[symbol];
    if (!trade) return { status: 404, body: { code: 40410000, message: `no trade found for ${symbol}` } };
    const body: AlpacaLatestTradeResponse = { symbol, trade };
    return { body };
  }

  private contracts(q: Record<string, string>): ScriptedResponse {
    const underlyings = q['underlying_symbols']?.split(',');
    // Like Alpaca: without a status filter only active contracts are listed.
    const status = q['status'] ?? 'active';
    const items = this.data.contracts.filter(
      (c) =>
        (!underlyings || underlyings.includes(c.underlying_symbol ?? '')) &&
        (!q['root_symbol'] || c.root_symbol === q['root_symbol']) &&
        c.status === status &&
        (!q['expiration_date_gte'] || (c.expiration_date ?? '') >= q['expiration_date_gte']) &&
        (!q['expiration_date_lte'] || (c.expiration_date ?? '') <= q['expiration_date_lte']),
    );
    const page = this.page(items, q);
    if ('error' in page) return page.error;
    const body: AlpacaContractsResponse = { option_contracts: page.items, next_page_token: page.next };
    return { body };
  }

  private snapshots(underlying: string, q: Record<string, string>): ScriptedResponse {
    const all = this.data.snapshots[underlying];
    if (!all) return { status: 404, body: { message: `underlying ${underlying} not found` } };
    const items = Object.entries(all).filter(
      ([occ]) => !q['expiration_date'] || parseOsi(occ)?.expiry === q['expiration_date'],
    );
    const page = this.page(items, q);
    if ('error' in page) return page.error;
    const body: AlpacaSnapshotsResponse = { snapshots: Object.fromEntries(page.items), next_page_token: page.next };
    return { body };
  }

  /** Offset pagination behind an opaque token, `limit` capped by maxPageSize. */
  private page<T>(items: T[], q: Record<string, string>): { items: T[]; next: string | null } | { error: ScriptedResponse } {
    const size = Math.max(1, Math.min(Number(q['limit'] ?? 1000) || 1000, this.maxPageSize));
    let offset = 0;
    if (q['page_token']) {
      offset = Number(Buffer.from(q['page_token'], 'base64url').toString('utf8').replace(/^offset:/, ''));
      if (!Number.isInteger(offset) || offset < 0) return { error: invalid('invalid page_token') };
    }
    const end = offset + size;
    return {
      items: items.slice(offset, end),
      next: end < items.length ? Buffer.from(`offset:${end}`).toString('base64url') : null,
    };
  }
}

function invalid(message: string): ScriptedResponse {
  return { status: 422, body: { code: 42210000, message } };
}
