import {
  addDays,
  formatOsi,
  IsoDate,
  isIsoDate,
  nyseCalendar,
  OptionType,
  parseOsi,
} from '@options-helper/domain';
import type { SyntheticOptions } from '../provider-options';
import { CapabilityError, ProviderError } from '../provider.errors';
import { ProviderStatsRecorder } from '../provider-stats';
import type {
  CandleRow,
  Chain,
  ChainRow,
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
import { expiriesBetween, expiryOn, ExpirySpec, listedExpiries, MAX_LISTING_HORIZON_DAYS } from './synthetic-expiries';
import { parseSyntheticFaults, SyntheticFaults } from './synthetic-faults';
import { ContractPricer, ladderRung, ladderStrike, SimContract, StrikeLadder, strikeLadder } from './synthetic-options';
import { murmur3x86x128 } from './synthetic-random';
import { simulateUnderlying, UnderlyingSeries, WALK_START } from './synthetic-underlying';
import { KNOWN_UNDERLYINGS, underlyingProfile } from './synthetic-universe';

const VERSION = 'synthetic-1';
const DEFAULT_SEED = 42;
const CONTRACT_MULTIPLIER = 100;
const OSI_ROOT = /^[A-Z0-9.]{1,6}$/;
const OPTION_TYPES: readonly OptionType[] = ['call', 'put'];
const MAX_CACHED_LADDERS = 5000;

interface Underlying {
  series: UnderlyingSeries;
  pricer: ContractPricer;
}

/** A contract found by `listContracts`, priced only when its page is materialised. */
interface ContractKey {
  underlying: string;
  spec: ExpirySpec;
  ladder: StrikeLadder;
  rung: number;
  type: OptionType;
  /** Series index of the session its OI and close are reported for. */
  asOfIndex: number;
}

/**
 * The default provider: a deterministic market simulator with no network (DOMAIN.md §3.8).
 *
 * - **Underlyings** — NYSE sessions from 2015-01-02 to the last completed session; a mean-reverting geometric walk with
 *   a volatility regime, anchored so each well-known ticker closes exactly at its reference level on 2026-10-30
 *   (`synthetic-universe.ts`); other symbols get parameters drawn from the seed.
 * - **Options** — weeklies (index ETFs and the busiest names) for 8 weeks, monthlies for 52 weeks, January LEAPS two
 *   years ahead, holiday Fridays moved to the session before; strike ladders by price tier that only grow; an IV
 *   surface with skew and term structure; Black–Scholes marks at r = 4%; provider greeks are left out so consumers
 *   compute them (§3.12).
 * - **Determinism** — same seed, symbol and session ⇒ byte-identical output. The clock (`now`) only decides which
 *   sessions are complete. A chain date that is not a session uses the latest session before it.
 * - **Faults** — `faults` (the parsed `OPTIONS_HELPER_SYNTHETIC_FAULTS`) is validated here; format in
 *   `synthetic-faults.ts`: `{"negative_prices": [sym], "duplicate_bars": [sym], "missing_sessions": {sym: [dates]},
 *   "unparseable_contracts": [sym], "missing_iv": [sym], "provider_error": [sym]}`.
 */
export class SyntheticProvider implements MarketDataProvider {
  readonly name = 'synthetic' as const;
  readonly capabilities: ProviderCapabilities = { chains: 'any_date', contracts: true, optionBars: true };
  readonly version: string;

  private readonly seed: number;
  private readonly now: () => Date;
  private readonly faults: SyntheticFaults;
  private readonly recorder = new ProviderStatsRecorder();
  private readonly underlyings = new Map<string, Underlying>();
  private readonly ladders = new Map<string, StrikeLadder | null>();
  private readonly closeInstants = new Map<IsoDate, string>();
  private contractList: { key: string; contracts: ContractKey[] } | null = null;

  constructor(options: SyntheticOptions = {}) {
    const seed = options.seed ?? DEFAULT_SEED;
    if (!Number.isFinite(seed)) throw new RangeError(`synthetic seed must be a finite number, got ${seed}`);
    this.seed = seed;
    this.now = options.now ?? (() => new Date());
    this.faults = parseSyntheticFaults(options.faults);
    this.version = `${VERSION} seed=${seed}`;
  }

  stats(): ProviderStats {
    return this.recorder.snapshot();
  }

  async getHistory(symbol: string, q: HistoryQuery): Promise<CandleRow[]> {
    return this.track(() => {
      const sym = this.symbol(symbol);
      if (q.interval !== '1d') throw new CapabilityError(`synthetic provider only has daily candles, got ${q.interval}`);
      const last = this.lastCompleted();
      const start = maxDate(dateArg(q.start ?? WALK_START, 'start'), WALK_START);
      const end = minDate(dateArg(q.end ?? last, 'end'), last);
      if (start > end) return [];
      const { series } = this.underlying(sym, last);
      const missing = this.faults.missingSessions.get(sym);
      const negative = this.faults.negativePrices.has(sym);
      const rows: CandleRow[] = [];
      for (let i = series.indexOnOrAfter(start), to = series.indexOnOrBefore(end); i <= to; i++) {
        if (missing?.has(series.dates[i] as IsoDate)) continue;
        const row = series.candle(i);
        if (negative && i % 10 === 3) {
          row.open = -row.open;
          row.low = -row.low;
        }
        rows.push(row);
      }
      return rows;
    });
  }

  async getQuote(symbol: string): Promise<Quote> {
    return this.track(() => {
      const sym = this.symbol(symbol);
      const last = this.lastCompleted();
      if (last < WALK_START) return { symbol: sym, last: null, asOf: null };
      const { series } = this.underlying(sym, last);
      return { symbol: sym, last: series.close[series.indexOf(last)], asOf: this.closeInstant(last) };
    });
  }

  async listExpiries(symbol: string, asOf: IsoDate): Promise<IsoDate[]> {
    return this.track(() => {
      const sym = this.symbol(symbol);
      const session = this.sessionFor(dateArg(asOf, 'asOf'));
      if (session === null || osiRoot(sym) === null) return [];
      return listedExpiries(session, underlyingProfile(sym, this.seed).weeklies).map((s) => s.expiry);
    });
  }

  async getChain(symbol: string, expiry: IsoDate, asOf: IsoDate): Promise<Chain> {
    return this.track(() => {
      const sym = this.symbol(symbol);
      dateArg(expiry, 'expiry');
      const session = this.sessionFor(dateArg(asOf, 'asOf'));
      if (session === null) return { underlying: { symbol: sym, spot: null }, rows: [] };
      const u = this.underlying(sym, this.lastCompleted());
      const index = u.series.indexOf(session);
      const spot = u.series.close[index];
      const root = osiRoot(sym);
      const spec = root !== null && expiry >= session ? expiryOn(expiry, u.series.profile.weeklies) : null;
      const ladder = spec && spec.listedOn <= session ? this.ladder(u.series, spec, index) : null;
      if (root === null || spec === null || ladder === null) return { underlying: { symbol: sym, spot }, rows: [] };

      const quoteTime = this.closeInstant(session);
      const rows: ChainRow[] = [];
      for (let rung = 0; rung < ladder.listedIndex.length; rung++) {
        for (const type of OPTION_TYPES) {
          const contract = simContract(root, spec, ladder, rung, type);
          const day = u.pricer.day(contract, index);
          rows.push({
            contractSymbol: contract.osi,
            optionType: type,
            expiry: spec.expiry,
            strike: contract.strike,
            bid: day.bid,
            ask: day.ask,
            lastPrice: day.last,
            volume: day.volume,
            openInterest: day.openInterest,
            impliedVolatility: Math.round(day.iv * 1e4) / 1e4,
            openInterestDate: session,
            inTheMoney: type === 'call' ? contract.strike < spot : contract.strike > spot,
            lastTradeDate: this.closeInstant(u.series.dates[day.tradeIndex] as IsoDate),
            quoteTime,
            vwap: day.volume > 0 ? day.vwap : null,
            tradeCount: day.tradeCount,
          });
        }
      }
      this.injectChainFaults(sym, rows);
      return { underlying: { symbol: sym, spot }, rows };
    });
  }

  async listContracts(q: ContractsQuery): Promise<ContractsPage> {
    return this.track(() => {
      if (!Number.isInteger(q.limit) || q.limit < 1) throw new ProviderError(`limit must be a positive integer, got ${q.limit}`, 400);
      const gte = dateArg(q.expirationGte, 'expirationGte');
      const lte = dateArg(q.expirationLte, 'expirationLte');
      const named = [...(q.underlyings ?? []), ...(q.rootSymbols ?? []).map((r) => r.trim().toUpperCase().replace(/\./g, '-'))];
      const targets = [...new Set(named.map((s) => this.symbol(s)))].sort();
      if (named.length === 0) targets.push(...KNOWN_UNDERLYINGS.filter((s) => !this.faults.providerError.has(s)));
      const last = this.lastCompleted();
      const fingerprint = queryFingerprint(JSON.stringify([targets, gte, lte, q.status ?? 'all']));
      const cacheKey = `${fingerprint}|${last}`;
      if (this.contractList?.key !== cacheKey) {
        this.contractList = { key: cacheKey, contracts: this.enumerateContracts(targets, gte, lte, q.status, last) };
      }
      const all = this.contractList.contracts;
      const offset = q.pageToken ? decodePageToken(q.pageToken, fingerprint) : 0;
      const page = all.slice(offset, offset + q.limit).map((k) => this.contractRow(k, this.underlying(k.underlying, last)));
      const next = offset + q.limit;
      return next < all.length ? { contracts: page, nextPageToken: encodePageToken(next, fingerprint) } : { contracts: page };
    });
  }

  async getOptionBars(q: OptionBarsQuery): Promise<OptionBarRow[]> {
    return this.track(() => {
      if (q.interval !== '1d') throw new CapabilityError(`synthetic provider only has daily option bars, got ${q.interval}`);
      const start = dateArg(q.start, 'start');
      const end = dateArg(q.end, 'end');
      const last = this.lastCompleted();
      const out: OptionBarRow[] = [];
      if (last < WALK_START) return out;
      const seen = new Set<string>();
      for (const requested of q.contractSymbols) {
        const parsed = parseOsi(requested);
        if (!parsed || seen.has(parsed.osi) || parsed.expiry < WALK_START) continue;
        seen.add(parsed.osi);
        const sym = this.symbol(parsed.root.replace(/\./g, '-'));
        const u = this.underlying(sym, last);
        const { series } = u;
        const spec = expiryOn(parsed.expiry, series.profile.weeklies);
        if (!spec || spec.listedOn > last) continue;
        const through = Math.min(series.indexOf(last), series.indexOnOrBefore(spec.expiry));
        const ladder = this.ladder(series, spec, through);
        const rung = ladder ? ladderRung(ladder, parsed.strike) : -1;
        if (!ladder || rung < 0) continue;
        const contract = simContract(parsed.root, spec, ladder, rung, parsed.optionType);
        const negative = this.faults.negativePrices.has(sym);
        const copies = this.faults.duplicateBars.has(sym) ? 2 : 1;
        const from = Math.max(contract.listedIndex, series.indexOnOrAfter(start));
        const to = Math.min(through, series.indexOnOrBefore(end));
        for (let i = from; i <= to; i++) {
          const day = u.pricer.day(contract, i);
          const bar: OptionBarRow = {
            contractSymbol: contract.osi,
            ts: series.dates[i] as IsoDate,
            open: day.open,
            high: day.high,
            low: day.low,
            close: day.last,
            volume: day.volume,
            vwap: day.vwap,
            tradeCount: day.tradeCount,
          };
          if (negative && i % 7 === 2) {
            bar.open = -bar.open;
            bar.low = -bar.low;
          }
          for (let c = 0; c < copies; c++) out.push({ ...bar });
        }
      }
      return out;
    });
  }

  private enumerateContracts(targets: string[], gte: IsoDate, lte: IsoDate, status: ContractsQuery['status'], last: IsoDate): ContractKey[] {
    const out: ContractKey[] = [];
    if (last < WALK_START) return out;
    const from = maxDate(gte, WALK_START);
    const to = minDate(lte, addDays(last, MAX_LISTING_HORIZON_DAYS));
    if (from > to) return out;
    for (const sym of targets) {
      if (osiRoot(sym) === null) continue;
      const { series } = this.underlying(sym, last);
      const lastIndex = series.indexOf(last);
      for (const spec of expiriesBetween(from, to, series.profile.weeklies)) {
        if (spec.listedOn > last) continue;
        const active = spec.expiry >= last;
        if ((status === 'active' && !active) || (status === 'inactive' && active)) continue;
        const asOfIndex = Math.min(lastIndex, series.indexOnOrBefore(spec.expiry));
        const ladder = this.ladder(series, spec, asOfIndex);
        if (!ladder) continue;
        for (const type of OPTION_TYPES) {
          for (let rung = 0; rung < ladder.listedIndex.length; rung++) {
            out.push({ underlying: sym, spec, ladder, rung, type, asOfIndex });
          }
        }
      }
    }
    return out;
  }

  private contractRow(k: ContractKey, u: Underlying): ContractRow {
    const contract = simContract(osiRoot(k.underlying) as string, k.spec, k.ladder, k.rung, k.type);
    const day = u.pricer.day(contract, k.asOfIndex);
    const asOf = u.series.dates[k.asOfIndex] as IsoDate;
    return {
      contractSymbol: contract.osi,
      underlying: k.underlying,
      expiry: k.spec.expiry,
      optionType: k.type,
      strike: contract.strike,
      multiplier: CONTRACT_MULTIPLIER,
      openInterest: day.openInterest,
      openInterestDate: asOf,
      closePrice: day.last,
      closePriceDate: asOf,
    };
  }

  /** `unparseable_contracts`: every 10th row; `missing_iv`: 4 rows in 5 (see synthetic-faults.ts for why the bid goes too). */
  private injectChainFaults(sym: string, rows: ChainRow[]): void {
    const unparseable = this.faults.unparseableContracts.has(sym);
    const missingIv = this.faults.missingIv.has(sym);
    if (!unparseable && !missingIv) return;
    rows.forEach((row, i) => {
      if (unparseable && i % 10 === 4) {
        row.contractSymbol = `${sym}:${row.expiry}:${row.optionType === 'call' ? 'C' : 'P'}:${row.strike}`;
      }
      if (missingIv && i % 5 !== 0) {
        row.impliedVolatility = null;
        row.bid = 0;
        row.volume = 0;
        row.vwap = null;
        row.tradeCount = 0;
      }
    });
  }

  private underlying(sym: string, through: IsoDate): Underlying {
    let u = this.underlyings.get(sym);
    if (!u || u.series.lastDate < through) {
      const series = simulateUnderlying(underlyingProfile(sym, this.seed), this.seed, through);
      u = { series, pricer: new ContractPricer(this.seed, series) };
      this.underlyings.set(sym, u);
    }
    return u;
  }

  private ladder(series: UnderlyingSeries, spec: ExpirySpec, throughIndex: number): StrikeLadder | null {
    const key = `${series.profile.symbol}|${spec.expiry}|${series.dates[throughIndex]}`;
    let ladder = this.ladders.get(key);
    if (ladder === undefined) {
      ladder = strikeLadder(series, spec, throughIndex);
      if (this.ladders.size >= MAX_CACHED_LADDERS) this.ladders.clear();
      this.ladders.set(key, ladder);
    }
    return ladder;
  }

  private lastCompleted(): IsoDate {
    return nyseCalendar.lastCompletedSession(this.now());
  }

  /** The session a date-keyed request is answered for: the latest completed session ≤ `asOf`; null before the data. */
  private sessionFor(asOf: IsoDate): IsoDate | null {
    const last = this.lastCompleted();
    if (last < WALK_START || asOf < WALK_START) return null;
    return asOf >= last ? last : nyseCalendar.sessionOnOrBefore(asOf);
  }

  private closeInstant(session: IsoDate): string {
    let instant = this.closeInstants.get(session);
    if (instant === undefined) {
      instant = nyseCalendar.sessionClose(session).toISOString();
      this.closeInstants.set(session, instant);
    }
    return instant;
  }

  /** Normalises a symbol and applies the `provider_error` fault. */
  private symbol(raw: string): string {
    const sym = typeof raw === 'string' ? raw.trim().toUpperCase() : '';
    if (!sym) throw new ProviderError(`symbol must be a non-empty string, got ${JSON.stringify(raw)}`, 400);
    if (this.faults.providerError.has(sym)) {
      throw new ProviderError(`synthetic fault injected: provider_error for ${sym}`, 500);
    }
    return sym;
  }

  private track<T>(fn: () => T): Promise<T> {
    const started = performance.now();
    try {
      const value = fn();
      this.recorder.record(performance.now() - started);
      return Promise.resolve(value);
    } catch (e) {
      this.recorder.record(performance.now() - started, 'error');
      return Promise.reject(e);
    }
  }
}

function simContract(root: string, spec: ExpirySpec, ladder: StrikeLadder, rung: number, type: OptionType): SimContract {
  const strike = ladderStrike(ladder, rung);
  return {
    osi: formatOsi({ root, expiry: spec.expiry, optionType: type, strike }),
    type,
    strike,
    spec,
    multiple: ladder.firstMultiple + rung,
    listedIndex: ladder.listedIndex[rung] as number,
  };
}

/** The OSI root of an underlying (`BRK-B` ⇒ `BRK.B`), or null when it has no listed options (e.g. `^VIX`). */
function osiRoot(sym: string): string | null {
  const root = sym.replace(/-/g, '.');
  return OSI_ROOT.test(root) ? root : null;
}

function dateArg(value: unknown, what: string): IsoDate {
  if (!isIsoDate(value)) throw new ProviderError(`${what} must be a YYYY-MM-DD date, got ${JSON.stringify(value)}`, 400);
  return value;
}

function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return a > b ? a : b;
}

function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return a < b ? a : b;
}

function queryFingerprint(text: string): string {
  return murmur3x86x128(text)
    .map((w) => w.toString(16).padStart(8, '0'))
    .join('');
}

function encodePageToken(offset: number, fingerprint: string): string {
  return Buffer.from(JSON.stringify({ o: offset, q: fingerprint })).toString('base64url');
}

/** Opaque tokens carry the offset and a fingerprint of the query, so a token cannot be replayed on another query. */
function decodePageToken(token: string, fingerprint: string): number {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  const p = parsed as { o?: unknown; q?: unknown } | null;
  if (!p || typeof p !== 'object' || !Number.isInteger(p.o) || (p.o as number) < 0 || p.q !== fingerprint) {
    throw new ProviderError(`invalid page token for this query: ${JSON.stringify(token)}`, 400);
  }
  return p.o as number;
}
