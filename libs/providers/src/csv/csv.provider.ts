import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  EXCHANGE_TIME_ZONE,
  isIsoDate,
  nyseCalendar,
  zonedTimeToInstant,
  type IsoDate,
} from '@options-helper/domain';
import type { CsvOptions } from '../provider-options';
import { CapabilityError, ProviderError } from '../provider.errors';
import type {
  CandleRow,
  Chain,
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
import { readCandlesCsv, selectCandles, type CsvCandle } from './csv-candles.reader';
import { readChainCsv, type CsvChainEntry } from './csv-chain.reader';
import { CsvValidationError } from './csv-validation.error';

export { CsvValidationError } from './csv-validation.error';

const CHAIN_FILE_RE = /^(\d{4}-\d{2}-\d{2})\.csv$/i;
const CSV_FILE_RE = /^(.+)\.csv$/i;

/** Project symbol rule (DOMAIN.md §0.2): trimmed, upper-case, `.` → `-`. Applied to file names too. */
export function normaliseCsvSymbol(symbol: string): string {
  return symbol.trim().toUpperCase().replace(/\./g, '-');
}

interface ChainFile {
  file: string;
  entries: CsvChainEntry[];
}

interface SymbolData {
  candles: CsvCandle[];
  closeByDate: Map<IsoDate, number>;
  chains: Map<IsoDate, ChainFile>;
  /** Every invalid file of the symbol, by path; the first one is what the symbol's calls throw. */
  errors: CsvValidationError[];
}

interface DirIndex {
  /** Normalised symbol ⇒ relative paths of its candle files (more than one ⇒ ambiguous). */
  candles: Map<string, string[]>;
  /** Normalised symbol ⇒ date ⇒ relative paths of its chain files. */
  chains: Map<string, Map<IsoDate, string[]>>;
}

/**
 * The csv provider (DOMAIN.md §3.9): daily candles and dated chain files from an import directory.
 *
 * Files are parsed once per instance, a whole symbol at a time, so an invalid file is found whichever call touches
 * the symbol first: a failing file contributes nothing and every call for its symbol throws its
 * CsvValidationError, while other symbols import normally.
 */
export class CsvProvider implements MarketDataProvider {
  readonly name = 'csv' as const;
  readonly capabilities: ProviderCapabilities = { chains: 'any_date', contracts: false, optionBars: false };
  readonly version = 'csv-1';

  private index: Promise<DirIndex> | null = null;
  private readonly symbols = new Map<string, Promise<SymbolData>>();
  private readonly counts = { requests: 0, errors: 0 };

  constructor(private readonly options: CsvOptions) {}

  async getHistory(symbol: string, q: HistoryQuery): Promise<CandleRow[]> {
    const data = await this.usable(symbol);
    return selectCandles(data.candles, q);
  }

  async getQuote(symbol: string): Promise<Quote> {
    const data = await this.usable(symbol);
    const last = data.candles[data.candles.length - 1];
    return {
      symbol: normaliseCsvSymbol(symbol),
      last: last ? last.close : null,
      asOf: last ? closeInstant(last.ts) : null,
    };
  }

  /** Distinct expiries of the chain file for `asOf`, ascending; no file ⇒ []. */
  async listExpiries(symbol: string, asOf: IsoDate): Promise<IsoDate[]> {
    const data = await this.usable(symbol);
    const chain = data.chains.get(asOf);
    if (!chain) return [];
    return [...new Set(chain.entries.map((e) => e.row.expiry))].sort();
  }

  /** Rows of the `asOf` chain file with this expiry; spot is the close of the `asOf` candle (null without one). */
  async getChain(symbol: string, expiry: IsoDate, asOf: IsoDate): Promise<Chain> {
    const data = await this.usable(symbol);
    const chain = data.chains.get(asOf);
    const entries = (chain?.entries ?? []).filter((e) => e.row.expiry === expiry);
    return {
      underlying: { symbol: normaliseCsvSymbol(symbol), spot: data.closeByDate.get(asOf) ?? null },
      rows: entries.map((e) => ({ ...e.row })),
      raw: chain ? { source: chain.file, rows: entries.map((e) => e.raw) } : undefined,
    };
  }

  /** Dates that have a chain file for the symbol, ascending. */
  async listChainDates(symbol: string): Promise<IsoDate[]> {
    const data = await this.usable(symbol);
    return [...data.chains.keys()].sort();
  }

  /** Every invalid file found so far for the symbol (loads it if needed); [] when all its files are valid. */
  async validationErrors(symbol: string): Promise<CsvValidationError[]> {
    return [...(await this.load(symbol)).errors];
  }

  async listContracts(_q: ContractsQuery): Promise<ContractsPage> {
    throw new CapabilityError('the csv provider has no option contracts listing (use synthetic or alpaca)');
  }

  async getOptionBars(_q: OptionBarsQuery): Promise<OptionBarRow[]> {
    throw new CapabilityError('the csv provider has no option bars (use synthetic or alpaca)');
  }

  /** File reads, not network requests: latency is not meaningful here. */
  stats(): ProviderStats {
    const { requests, errors } = this.counts;
    return { requests, rateLimited: 0, timeouts: 0, errors, latencyP50Ms: null, latencyP95Ms: null };
  }

  private async usable(symbol: string): Promise<SymbolData> {
    const data = await this.load(symbol);
    const [first] = data.errors;
    if (first) throw first;
    return data;
  }

  private load(symbol: string): Promise<SymbolData> {
    const key = normaliseCsvSymbol(symbol);
    let pending = this.symbols.get(key);
    if (!pending) {
      pending = this.loadSymbol(key);
      this.symbols.set(key, pending);
      // A failed read (I/O, not validation) must not poison the cache: the next call retries.
      pending.catch(() => this.symbols.delete(key));
    }
    return pending;
  }

  private async loadSymbol(symbol: string): Promise<SymbolData> {
    const index = await this.dirIndex();
    const data: SymbolData = { candles: [], closeByDate: new Map(), chains: new Map(), errors: [] };

    const candleFiles = index.candles.get(symbol) ?? [];
    if (candleFiles.length > 1) {
      data.errors.push(ambiguous(candleFiles, symbol));
    } else if (candleFiles[0] !== undefined) {
      const file = candleFiles[0];
      const parsed = await this.parse(data, () => this.readText(file).then((text) => readCandlesCsv(file, text)));
      if (parsed) {
        data.candles = parsed;
        for (const c of parsed) data.closeByDate.set(c.ts, c.close);
      }
    }

    const dates = [...(index.chains.get(symbol)?.entries() ?? [])].sort(([a], [b]) => (a < b ? -1 : 1));
    for (const [date, files] of dates) {
      if (files.length > 1) {
        data.errors.push(ambiguous(files, symbol));
        continue;
      }
      const file = files[0] as string;
      const entries = await this.parse(data, () => this.readText(file).then((text) => readChainCsv(file, text)));
      if (entries) data.chains.set(date, { file, entries });
    }
    data.errors.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    return data;
  }

  /** Runs a file reader; a CsvValidationError is collected (the file contributes nothing), anything else rethrown. */
  private async parse<T>(data: SymbolData, read: () => Promise<T>): Promise<T | null> {
    try {
      return await read();
    } catch (err) {
      if (err instanceof CsvValidationError) {
        data.errors.push(err);
        return null;
      }
      throw err;
    }
  }

  private async readText(file: string): Promise<string> {
    this.counts.requests += 1;
    try {
      return await readFile(join(this.options.dir, ...file.split('/')), 'utf8');
    } catch (err) {
      this.counts.errors += 1;
      throw new ProviderError(`cannot read csv file ${file}: ${(err as Error).message}`);
    }
  }

  private dirIndex(): Promise<DirIndex> {
    if (!this.index) {
      this.index = this.buildIndex();
      this.index.catch(() => (this.index = null));
    }
    return this.index;
  }

  private async buildIndex(): Promise<DirIndex> {
    const root = this.options.dir;
    const rootStat = await stat(root).catch(() => null);
    if (!rootStat?.isDirectory()) throw new ProviderError(`csv import directory not found: ${root}`);

    const index: DirIndex = { candles: new Map(), chains: new Map() };
    for (const entry of await listDir(join(root, 'candles'))) {
      const match = entry.isFile() ? CSV_FILE_RE.exec(entry.name) : null;
      if (!match) continue;
      pushTo(index.candles, normaliseCsvSymbol(match[1] as string), `candles/${entry.name}`);
    }
    for (const dir of await listDir(join(root, 'chains'))) {
      if (!dir.isDirectory()) continue;
      const symbol = normaliseCsvSymbol(dir.name);
      const byDate = index.chains.get(symbol) ?? new Map<IsoDate, string[]>();
      index.chains.set(symbol, byDate);
      for (const entry of await listDir(join(root, 'chains', dir.name))) {
        const match = entry.isFile() ? CHAIN_FILE_RE.exec(entry.name) : null;
        const date = match?.[1];
        if (date === undefined || !isIsoDate(date)) continue;
        pushTo(byDate, date, `chains/${dir.name}/${entry.name}`);
      }
    }
    return index;
  }
}

async function listDir(path: string) {
  try {
    return await readdir(path, { withFileTypes: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new ProviderError(`cannot list csv directory ${path}: ${(err as Error).message}`);
  }
}

function pushTo<K>(map: Map<K, string[]>, key: K, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function ambiguous(files: string[], symbol: string): CsvValidationError {
  const sorted = [...files].sort();
  return new CsvValidationError(sorted[0] as string, 1, 1, `several files map to ${symbol}: ${sorted.join(', ')}`);
}

/** The session close of a candle date as an ISO instant (16:00 New York when the calendar does not know the date). */
function closeInstant(date: IsoDate): string {
  try {
    if (nyseCalendar.isSession(date)) return nyseCalendar.sessionClose(date).toISOString();
  } catch {
    // Outside the calendar's range: fall through to the regular close time.
  }
  return zonedTimeToInstant(date, 16, 0, EXCHANGE_TIME_ZONE).toISOString();
}
