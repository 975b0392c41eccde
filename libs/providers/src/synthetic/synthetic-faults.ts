import { IsoDate, isIsoDate } from '@options-helper/domain';

/**
 * Fault injection for the synthetic provider: `OPTIONS_HELPER_SYNTHETIC_FAULTS`, a JSON object in which every field
 * is optional and every symbol is an underlying (trimmed, upper-cased):
 *
 * ```json
 * {
 *   "negative_prices":       ["SPY"],                  // some candles and option bars get a negative open and low
 *   "duplicate_bars":        ["SPY"],                  // every option bar of the underlying's contracts comes twice
 *   "missing_sessions":      {"SPY": ["2026-11-20"]},  // these sessions are dropped from the candles
 *   "unparseable_contracts": ["AAPL"],                 // every 10th chain row gets a contract symbol that is not OSI
 *   "missing_iv":            ["QQQ"],                  // 4 chain rows in 5: no IV, a one-sided quote and no volume
 *   "provider_error":        ["TSLA"]                  // every call about the symbol throws ProviderError
 * }
 * ```
 *
 * Each fault makes one data-quality check of DOMAIN.md §8 fail: candles_no_negative_prices and
 * options_bars_no_negative_prices, options_bars_duplicate_pk, candles_gap_days_last_30 (when the date is within the
 * last 30 days), snapshot_parseable_contract_symbol, snapshot_null_iv_ratio. `missing_iv` also strips the bid and the
 * volume: with a two-sided quote the snapshot job would simply infer the IV from the mid (§3.12) and nothing would
 * fail; with only an ask and a stale last price the row still has a positive mark but no usable IV.
 */
export interface SyntheticFaults {
  readonly negativePrices: ReadonlySet<string>;
  readonly duplicateBars: ReadonlySet<string>;
  readonly missingSessions: ReadonlyMap<string, ReadonlySet<IsoDate>>;
  readonly unparseableContracts: ReadonlySet<string>;
  readonly missingIv: ReadonlySet<string>;
  readonly providerError: ReadonlySet<string>;
}

export const NO_FAULTS: SyntheticFaults = {
  negativePrices: new Set(),
  duplicateBars: new Set(),
  missingSessions: new Map(),
  unparseableContracts: new Set(),
  missingIv: new Set(),
  providerError: new Set(),
};

/** A fault specification that cannot be used; the message names the offending field. */
export class SyntheticFaultsError extends Error {
  override readonly name = 'SyntheticFaultsError';
}

const SYMBOL_LIST_FIELDS = {
  negative_prices: 'negativePrices',
  duplicate_bars: 'duplicateBars',
  unparseable_contracts: 'unparseableContracts',
  missing_iv: 'missingIv',
  provider_error: 'providerError',
} as const;
const FIELDS = [...Object.keys(SYMBOL_LIST_FIELDS), 'missing_sessions'];
const PREFIX = 'OPTIONS_HELPER_SYNTHETIC_FAULTS';

/**
 * Validates the parsed JSON (or the JSON text) of `OPTIONS_HELPER_SYNTHETIC_FAULTS`. `undefined`, `null` and `""`
 * mean no faults. Throws `SyntheticFaultsError` naming the bad field, e.g.
 * `OPTIONS_HELPER_SYNTHETIC_FAULTS.missing_sessions.SPY[0] must be a YYYY-MM-DD date, got "2026-13-01"`.
 */
export function parseSyntheticFaults(value: unknown): SyntheticFaults {
  if (value === undefined || value === null || value === '') return NO_FAULTS;
  let spec: unknown = value;
  if (typeof spec === 'string') {
    try {
      spec = JSON.parse(spec) as unknown;
    } catch (e) {
      throw new SyntheticFaultsError(`${PREFIX} is not valid JSON: ${(e as Error).message}`);
    }
  }
  if (!isPlainObject(spec)) throw new SyntheticFaultsError(`${PREFIX} must be a JSON object, got ${describe(spec)}`);
  for (const key of Object.keys(spec)) {
    if (!FIELDS.includes(key)) {
      throw new SyntheticFaultsError(`${PREFIX} has an unknown field "${key}" (expected ${FIELDS.join(', ')})`);
    }
  }
  const lists = Object.fromEntries(
    Object.entries(SYMBOL_LIST_FIELDS).map(([field, prop]) => [prop, symbolSet(spec[field], `${PREFIX}.${field}`)]),
  ) as Record<(typeof SYMBOL_LIST_FIELDS)[keyof typeof SYMBOL_LIST_FIELDS], Set<string>>;
  return { ...lists, missingSessions: sessionMap(spec['missing_sessions'], `${PREFIX}.missing_sessions`) };
}

function symbolSet(value: unknown, path: string): Set<string> {
  if (value === undefined) return new Set();
  if (!Array.isArray(value)) throw new SyntheticFaultsError(`${path} must be an array of symbols, got ${describe(value)}`);
  return new Set(value.map((item, i) => symbol(item, `${path}[${i}]`)));
}

function sessionMap(value: unknown, path: string): Map<string, Set<IsoDate>> {
  const out = new Map<string, Set<IsoDate>>();
  if (value === undefined) return out;
  if (!isPlainObject(value)) {
    throw new SyntheticFaultsError(`${path} must be an object of symbol → array of dates, got ${describe(value)}`);
  }
  for (const [key, dates] of Object.entries(value)) {
    const sym = symbol(key, `${path} key`);
    if (!Array.isArray(dates)) {
      throw new SyntheticFaultsError(`${path}.${key} must be an array of YYYY-MM-DD dates, got ${describe(dates)}`);
    }
    const set = out.get(sym) ?? new Set<IsoDate>();
    dates.forEach((d, i) => {
      if (!isIsoDate(d)) throw new SyntheticFaultsError(`${path}.${key}[${i}] must be a YYYY-MM-DD date, got ${describe(d)}`);
      set.add(d);
    });
    out.set(sym, set);
  }
  return out;
}

function symbol(value: unknown, path: string): string {
  const s = typeof value === 'string' ? value.trim().toUpperCase() : '';
  if (!s) throw new SyntheticFaultsError(`${path} must be a non-empty symbol, got ${describe(value)}`);
  return s;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (v === undefined) return 'undefined';
  return Array.isArray(v) ? 'an array' : JSON.stringify(v);
}
