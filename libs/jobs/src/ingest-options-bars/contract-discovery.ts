import { errorMessage, IsoDate, parseOsi } from '@options-helper/domain';
import type { ContractRow, MarketDataProvider } from '@options-helper/providers';

export interface DiscoveryOptions {
  rootSymbols: string[];
  symbolPrefix: string | null;
  expStart: IsoDate;
  expEnd: IsoDate;
  status: 'all' | 'active' | 'inactive';
  pageLimit: number;
  maxContracts: number | null;
  runDay: IsoDate;
  acquire: () => Promise<void>;
}

export interface DiscoveryResult {
  underlying: string;
  contracts: ContractRow[];
  yearsScanned: number;
  emptyYears: number;
  error?: { type: string; message: string };
}

const MAX_EMPTY_PAST_WINDOWS = 3;
const MAX_PAGES_PER_WINDOW = 10_000;

/**
 * Contract discovery for one underlying (DOMAIN.md §3.2 step 1): yearly expiry windows from the end year back
 * to the start year, paged, per status; a target stops after 3 consecutive empty windows that start on or
 * before the run day (empty future windows do not count), on an error, or at max-contracts.
 */
export async function discoverContracts(provider: MarketDataProvider, underlying: string, o: DiscoveryOptions): Promise<DiscoveryResult> {
  const merged = new Map<string, ContractRow>();
  let yearsScanned = 0;
  let emptyYears = 0;
  const statuses: ('active' | 'inactive')[] = o.status === 'all' ? ['active', 'inactive'] : [o.status];
  const targets: { underlyings?: string[]; rootSymbols?: string[] }[] = [{ underlyings: [underlying] }, ...o.rootSymbols.map((r) => ({ rootSymbols: [r] }))];
  const startYear = Number(o.expStart.slice(0, 4));
  const endYear = Number(o.expEnd.slice(0, 4));
  try {
    for (const target of targets) {
      let consecutiveEmpty = 0;
      for (let year = endYear; year >= startYear; year--) {
        const gte = `${year}-01-01` < o.expStart ? o.expStart : `${year}-01-01`;
        const lte = `${year}-12-31` > o.expEnd ? o.expEnd : `${year}-12-31`;
        yearsScanned += 1;
        let found = 0;
        for (const status of statuses) {
          let pageToken: string | undefined;
          for (let page = 0; page < MAX_PAGES_PER_WINDOW; page++) {
            await o.acquire();
            const res = await provider.listContracts({ ...target, expirationGte: gte, expirationLte: lte, status, limit: o.pageLimit, pageToken });
            for (const c of res.contracts) {
              const filled = fillFromOsi(c);
              if (!filled) continue;
              if (o.symbolPrefix && !filled.contractSymbol.startsWith(o.symbolPrefix)) continue;
              merged.set(filled.contractSymbol, filled);
              found += 1;
            }
            if (o.maxContracts !== null && merged.size >= o.maxContracts) break;
            pageToken = res.nextPageToken;
            if (!pageToken) break;
          }
          if (o.maxContracts !== null && merged.size >= o.maxContracts) break;
        }
        if (o.maxContracts !== null && merged.size >= o.maxContracts) break;
        if (found === 0) {
          emptyYears += 1;
          if (gte <= o.runDay) consecutiveEmpty += 1;
          if (consecutiveEmpty >= MAX_EMPTY_PAST_WINDOWS) break;
        } else consecutiveEmpty = 0;
      }
    }
  } catch (err) {
    return { underlying, contracts: sorted(merged), yearsScanned, emptyYears, error: { type: err instanceof Error ? err.constructor.name : 'Error', message: errorMessage(err) } };
  }
  let contracts = sorted(merged);
  if (o.maxContracts !== null) contracts = contracts.slice(0, o.maxContracts);
  return { underlying, contracts, yearsScanned, emptyYears };
}

function sorted(map: Map<string, ContractRow>): ContractRow[] {
  return [...map.values()].sort((a, b) => (a.contractSymbol < b.contractSymbol ? -1 : a.contractSymbol > b.contractSymbol ? 1 : 0));
}

/** Missing expiry/type/strike/underlying come from the OSI symbol; rows that cannot be completed are dropped. */
export function fillFromOsi(c: ContractRow): ContractRow | null {
  const symbol = c.contractSymbol?.trim();
  if (!symbol) return null;
  const osi = parseOsi(symbol);
  const expiry = c.expiry || osi?.expiry;
  const optionType = c.optionType || osi?.optionType;
  const strike = Number.isFinite(c.strike) && c.strike > 0 ? c.strike : osi?.strike;
  const underlying = c.underlying || osi?.root;
  if (!expiry || !optionType || !strike || !underlying) return null;
  return { ...c, contractSymbol: symbol, expiry, optionType, strike, underlying: underlying.toUpperCase(), multiplier: c.multiplier || 100 };
}
