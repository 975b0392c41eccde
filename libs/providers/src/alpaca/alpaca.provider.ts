import { addDays, EXCHANGE_TIME_ZONE, zonedTimeToInstant, type IsoDate } from '@options-helper/domain';
import type { AlpacaOptions } from '../provider-options';
import { ForbiddenError, NotFoundError, ProviderError } from '../provider.errors';
import { ProviderStatsRecorder } from '../provider-stats';
import type {
  CandleRow,
  Chain,
  ContractRow,
  ContractsPage,
  ContractsQuery,
  HistoryQuery,
  MarketDataProvider,
  OptionBarRow,
  OptionBarsQuery,
  ProviderCapabilities,
  ProviderStats,
  Quote,
} from '../provider.types';
import { AlpacaHttpClient, type QueryValue } from './alpaca-http';
import {
  barsToCandles,
  barsToOptionBars,
  finiteOrNull,
  fromAlpacaSymbol,
  mergeChainRows,
  toAlpacaSymbol,
  toContractRow,
  toInstant,
} from './alpaca-mappers';
import type { AlpacaBar, AlpacaOptionContract, AlpacaOptionSnapshot } from './alpaca-wire.types';

export const ALPACA_DEFAULTS = {
  dataBaseUrl: 'https://data.alpaca.markets',
  tradingBaseUrl: 'https://paper-api.alpaca.markets',
  maxRequestsPerSecond: 3,
  maxRetries: 3,
  timeoutMs: 15_000,
  recentBarsBufferMinutes: 16,
} as const;

/** Runaway guard for page_token loops: no real listing here comes near it. */
export const ALPACA_MAX_PAGES = 1000;
/** Page sizes at the documented maxima. */
const BARS_PAGE_LIMIT = 10_000;
const CONTRACTS_PAGE_LIMIT = 10_000;
const SNAPSHOTS_PAGE_LIMIT = 1000;
/** Symbols per multi-symbol bars request (keeps URLs short). */
const SYMBOLS_PER_REQUEST = 100;
/** listExpiries looks this far past the as-of date (Alpaca's default window ends next weekend). */
const EXPIRY_HORIZON_DAYS = 5 * 366;
const EPOCH_START: IsoDate = '1970-01-01';

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The Alpaca provider (DOMAIN.md §3.10): stock and option bars and option snapshots from the market-data API,
 * option contracts from the trading API. Chains are live only.
 */
export class AlpacaProvider implements MarketDataProvider {
  readonly name = 'alpaca' as const;
  readonly capabilities: ProviderCapabilities = { chains: 'live_only', contracts: true, optionBars: true };
  readonly version: string;

  private readonly http: AlpacaHttpClient;
  private readonly recorder = new ProviderStatsRecorder();
  private readonly dataUrl: string;
  private readonly tradingUrl: string;
  private readonly bufferMs: number;
  private readonly now: () => Date;

  constructor(private readonly options: AlpacaOptions) {
    if (!options.keyId || !options.secretKey) throw new ProviderError('alpaca provider needs a key id and a secret key');
    this.dataUrl = options.dataBaseUrl ?? ALPACA_DEFAULTS.dataBaseUrl;
    this.tradingUrl = options.tradingBaseUrl ?? ALPACA_DEFAULTS.tradingBaseUrl;
    this.bufferMs = positiveOr(options.recentBarsBufferMinutes, ALPACA_DEFAULTS.recentBarsBufferMinutes, true) * 60_000;
    this.now = options.now ?? (() => new Date());
    this.version = `alpaca-1 stock_feed=${options.stockFeed ?? 'default'} options_feed=${options.optionsFeed ?? 'default'}`;
    this.http = new AlpacaHttpClient({
      keyId: options.keyId,
      secretKey: options.secretKey,
      maxRequestsPerSecond: positiveOr(options.maxRequestsPerSecond, ALPACA_DEFAULTS.maxRequestsPerSecond),
      maxRetries: Math.floor(positiveOr(options.maxRetries, ALPACA_DEFAULTS.maxRetries, true)),
      timeoutMs: positiveOr(options.timeoutMs, ALPACA_DEFAULTS.timeoutMs),
      sleep: options.sleep ?? defaultSleep,
      random: options.random ?? Math.random,
      stats: this.recorder,
    });
  }

  /** Daily bars; adjustment `all` for auto/back adjust (Alpaca has no back-adjust-only mode), else `raw`. */
  async getHistory(symbol: string, q: HistoryQuery): Promise<CandleRow[]> {
    const alpacaSymbol = toAlpacaSymbol(symbol);
    const start = q.start ?? EPOCH_START;
    const end = this.endInstant(q.end);
    if (startOfDay(start) > end) return [];
    const bars = await this.fetchBars('/v2/stocks/bars', [alpacaSymbol], {
      timeframe: '1Day',
      start,
      end: rfc3339(end),
      adjustment: q.autoAdjust || q.backAdjust ? 'all' : 'raw',
      feed: this.options.stockFeed,
    });
    return barsToCandles(bars.get(alpacaSymbol) ?? [], start, q.end);
  }

  async getQuote(symbol: string): Promise<Quote> {
    const trade = await this.latestTrade(toAlpacaSymbol(symbol));
    return { symbol: fromAlpacaSymbol(symbol), last: trade.price, asOf: trade.at };
  }

  /** Distinct expiration dates of active contracts on or after `asOf` (all pages). */
  async listExpiries(symbol: string, asOf: IsoDate): Promise<IsoDate[]> {
    const contracts = await this.allContracts({
      underlying_symbols: toAlpacaSymbol(symbol),
      status: 'active',
      expiration_date_gte: asOf,
      expiration_date_lte: addDays(asOf, EXPIRY_HORIZON_DAYS),
    });
    const expiries = new Set<IsoDate>();
    for (const c of contracts) {
      const row = toContractRow(c);
      if (row && row.expiry >= asOf) expiries.add(row.expiry);
    }
    return [...expiries].sort();
  }

  /**
   * The live chain of one expiry. Contract metadata and option bars only enrich the snapshot rows: when the
   * account may not see them (403/402/404) the chain is still returned, with a warning in the raw payload.
   */
  async getChain(symbol: string, expiry: IsoDate, asOf: IsoDate): Promise<Chain> {
    const underlying = toAlpacaSymbol(symbol);
    const warnings: string[] = [];
    const snapshots = await this.allSnapshots(underlying, expiry);
    const occSymbols = Object.keys(snapshots).sort();

    const contractList = await this.optional(warnings, 'contracts', () =>
      this.allContracts({ underlying_symbols: underlying, expiration_date_gte: expiry, expiration_date_lte: expiry }),
    );
    const contracts = new Map<string, AlpacaOptionContract>();
    for (const c of contractList ?? []) if (typeof c?.symbol === 'string') contracts.set(c.symbol.trim(), c);

    const bars = new Map<string, OptionBarRow>();
    const dayBars = await this.optional(warnings, 'option bars', () =>
      this.getOptionBars({ contractSymbols: occSymbols, start: asOf, end: asOf, interval: '1d' }),
    );
    for (const bar of dayBars ?? []) bars.set(bar.contractSymbol, bar);

    const spot = await this.spot(underlying, asOf, warnings);
    const rows = mergeChainRows({ expiry, asOf, snapshots, contracts, bars });
    const projectSymbol = fromAlpacaSymbol(underlying);
    return {
      underlying: { symbol: projectSymbol, spot },
      rows,
      raw: {
        underlying: { symbol: projectSymbol, spot },
        calls: rows.filter((r) => r.optionType === 'call'),
        puts: rows.filter((r) => r.optionType === 'put'),
        provider_raw: {
          snapshots,
          contracts: [...contracts.values()],
          option_bars: Object.fromEntries(bars),
          warnings,
        },
      },
    };
  }

  /** One page of the trading API's contract listing; `nextPageToken` continues it. */
  async listContracts(q: ContractsQuery): Promise<ContractsPage> {
    if (q.rootSymbols && q.rootSymbols.length > 1) {
      throw new ProviderError('alpaca lists contracts for one root symbol per call');
    }
    const payload = await this.http.getJson(this.tradingUrl, '/v2/options/contracts', {
      ...contractsQuery(q),
      page_token: q.pageToken,
    });
    const page = contractsPage(payload);
    const contracts = page.contracts.map(toContractRow).filter((c): c is ContractRow => c !== null);
    return page.next ? { contracts, nextPageToken: page.next } : { contracts };
  }

  async getOptionBars(q: OptionBarsQuery): Promise<OptionBarRow[]> {
    const symbols = [...new Set(q.contractSymbols.map((s) => s.trim()).filter(Boolean))];
    const end = this.endInstant(q.end);
    if (symbols.length === 0 || startOfDay(q.start) > end) return [];
    const bars = await this.fetchBars('/v1beta1/options/bars', symbols, {
      timeframe: '1Day',
      start: q.start,
      end: rfc3339(end),
    });
    const rows: OptionBarRow[] = [];
    for (const symbol of symbols) rows.push(...barsToOptionBars(symbol, bars.get(symbol) ?? [], q.start, q.end));
    return rows;
  }

  stats(): ProviderStats {
    return this.recorder.snapshot();
  }

  /** End of the requested New York day, never later than now − buffer (recent bars need a paid feed). */
  private endInstant(end?: IsoDate): number {
    const latest = this.now().getTime() - this.bufferMs;
    if (end === undefined) return latest;
    return Math.min(startOfDay(addDays(end, 1)) - 1000, latest);
  }

  /** Multi-symbol bars in batches, every page followed; bars grouped by the symbol Alpaca keys them with. */
  private async fetchBars(
    path: string,
    symbols: readonly string[],
    query: Record<string, QueryValue>,
  ): Promise<Map<string, AlpacaBar[]>> {
    const out = new Map<string, AlpacaBar[]>();
    for (let i = 0; i < symbols.length; i += SYMBOLS_PER_REQUEST) {
      const batch = symbols.slice(i, i + SYMBOLS_PER_REQUEST).join(',');
      await this.eachPage(this.dataUrl, path, { ...query, symbols: batch, limit: BARS_PAGE_LIMIT }, (payload) => {
        const bars = objectField(payload, 'bars', path);
        for (const [symbol, list] of Object.entries(bars ?? {})) {
          if (!Array.isArray(list)) throw malformed(path, `bars.${symbol} is not a list`);
          const into = out.get(symbol) ?? [];
          into.push(...(list as AlpacaBar[]));
          out.set(symbol, into);
        }
        return nextToken(payload);
      });
    }
    return out;
  }

  private async allContracts(query: Record<string, QueryValue>): Promise<AlpacaOptionContract[]> {
    const out: AlpacaOptionContract[] = [];
    await this.eachPage(this.tradingUrl, '/v2/options/contracts', { ...query, limit: CONTRACTS_PAGE_LIMIT }, (payload) => {
      const page = contractsPage(payload);
      out.push(...page.contracts);
      return page.next;
    });
    return out;
  }

  private async allSnapshots(underlying: string, expiry: IsoDate): Promise<Record<string, AlpacaOptionSnapshot>> {
    const path = `/v1beta1/options/snapshots/${encodeURIComponent(underlying)}`;
    const out: Record<string, AlpacaOptionSnapshot> = {};
    const query = { expiration_date: expiry, feed: this.options.optionsFeed, limit: SNAPSHOTS_PAGE_LIMIT };
    await this.eachPage(this.dataUrl, path, query, (payload) => {
      Object.assign(out, objectField(payload, 'snapshots', path) ?? {});
      return nextToken(payload);
    });
    return out;
  }

  /** Follows next_page_token until it is empty; a repeated token or too many pages is an error, not a hang. */
  private async eachPage(
    baseUrl: string,
    path: string,
    query: Record<string, QueryValue>,
    take: (payload: unknown) => string | undefined,
  ): Promise<void> {
    const seen = new Set<string>();
    let token: string | undefined;
    for (let page = 0; page < ALPACA_MAX_PAGES; page++) {
      token = take(await this.http.getJson(baseUrl, path, { ...query, page_token: token }));
      if (!token) return;
      if (seen.has(token)) throw new ProviderError(`GET ${path} repeated page token ${token}`);
      seen.add(token);
    }
    throw new ProviderError(`GET ${path} still had pages after ${ALPACA_MAX_PAGES}`);
  }

  private async latestTrade(alpacaSymbol: string): Promise<{ price: number | null; at: string | null }> {
    const path = `/v2/stocks/${encodeURIComponent(alpacaSymbol)}/trades/latest`;
    const payload = await this.http.getJson(this.dataUrl, path, { feed: this.options.stockFeed });
    const trade = objectField(payload, 'trade', path);
    return { price: finiteOrNull(trade?.['p']), at: toInstant(trade?.['t']) };
  }

  /** Latest trade price, else the last daily close within ten days of `asOf`, else null (the job skips). */
  private async spot(alpacaSymbol: string, asOf: IsoDate, warnings: string[]): Promise<number | null> {
    const trade = await this.optional(warnings, 'latest trade', () => this.latestTrade(alpacaSymbol));
    if (trade?.price !== null && trade?.price !== undefined && trade.price > 0) return trade.price;
    const candles = await this.optional(warnings, 'daily bars', () =>
      this.getHistory(alpacaSymbol, { start: addDays(asOf, -10), interval: '1d', autoAdjust: false, backAdjust: false }),
    );
    const last = candles?.[candles.length - 1];
    return last && last.close > 0 ? last.close : null;
  }

  /** Runs an enrichment; a permission or not-found answer becomes a warning, anything else propagates. */
  private async optional<T>(warnings: string[], what: string, run: () => Promise<T>): Promise<T | null> {
    try {
      return await run();
    } catch (err) {
      if (err instanceof ForbiddenError || err instanceof NotFoundError) {
        warnings.push(`${what} unavailable: ${err.message}`);
        return null;
      }
      throw err;
    }
  }
}

function contractsQuery(q: ContractsQuery): Record<string, QueryValue> {
  return {
    underlying_symbols: q.underlyings?.length ? q.underlyings.map(toAlpacaSymbol).join(',') : undefined,
    root_symbol: q.rootSymbols?.[0]?.trim().toUpperCase(),
    status: q.status,
    expiration_date_gte: q.expirationGte,
    expiration_date_lte: q.expirationLte,
    limit: Math.min(CONTRACTS_PAGE_LIMIT, Math.max(1, Math.floor(q.limit))),
  };
}

function contractsPage(payload: unknown): { contracts: AlpacaOptionContract[]; next: string | undefined } {
  const path = '/v2/options/contracts';
  if (!isObject(payload)) throw malformed(path, 'expected an object');
  const list = payload['option_contracts'];
  if (list !== null && list !== undefined && !Array.isArray(list)) throw malformed(path, 'option_contracts is not a list');
  return { contracts: (list ?? []) as AlpacaOptionContract[], next: nextToken(payload) };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `payload[key]` as an object (null/absent ⇒ null); any other shape is a ProviderError naming the path. */
function objectField(payload: unknown, key: string, path: string): Record<string, unknown> | null {
  if (!isObject(payload)) throw malformed(path, 'expected an object');
  const value = payload[key];
  if (value === null || value === undefined) return null;
  if (!isObject(value)) throw malformed(path, `${key} is not an object`);
  return value;
}

function nextToken(payload: unknown): string | undefined {
  const token = isObject(payload) ? payload['next_page_token'] : undefined;
  return typeof token === 'string' && token !== '' ? token : undefined;
}

function malformed(path: string, what: string): ProviderError {
  return new ProviderError(`GET ${path} returned an unexpected payload: ${what}`);
}

/** Midnight of a New York date, in epoch milliseconds. */
function startOfDay(date: IsoDate): number {
  return zonedTimeToInstant(date, 0, 0, EXCHANGE_TIME_ZONE).getTime();
}

/** RFC-3339 in UTC, whole seconds. */
function rfc3339(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** A finite option value > 0 (or = 0 when allowed), else the default. */
function positiveOr(value: number | undefined, fallback: number, allowZero = false): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return value > 0 || (allowZero && value === 0) ? value : fallback;
}
