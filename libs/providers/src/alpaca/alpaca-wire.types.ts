// Payload shapes of the public Alpaca REST APIs used here (market data v2, options v1beta1, trading v2). Only the
// fields the provider reads are typed; everything is optional at runtime and checked by the mappers.

/** A bar of /v2/stocks/bars or /v1beta1/options/bars (`t` RFC-3339; daily bars stamp midnight New York). */
export interface AlpacaBar {
  t: string;
  o: number;
  h: number;
  l: number;
  c: number;
  v: number;
  /** Volume-weighted average price. */
  vw?: number;
  /** Trade count. */
  n?: number;
}

export interface AlpacaBarsResponse {
  bars: Record<string, AlpacaBar[]> | null;
  next_page_token?: string | null;
}

export interface AlpacaTrade {
  t: string;
  p: number;
  s?: number;
  x?: string;
  c?: string | string[];
}

/** /v2/stocks/{symbol}/trades/latest */
export interface AlpacaLatestTradeResponse {
  symbol?: string;
  trade: AlpacaTrade | null;
}

/** Trading API /v2/options/contracts item. Decimals arrive as strings. */
export interface AlpacaOptionContract {
  id?: string;
  symbol: string;
  name?: string;
  status?: 'active' | 'inactive' | string;
  tradable?: boolean;
  expiration_date?: string;
  root_symbol?: string;
  underlying_symbol?: string;
  type?: 'call' | 'put' | string;
  style?: string;
  strike_price?: string;
  multiplier?: string;
  size?: string;
  open_interest?: string | null;
  open_interest_date?: string | null;
  close_price?: string | null;
  close_price_date?: string | null;
}

export interface AlpacaContractsResponse {
  option_contracts: AlpacaOptionContract[] | null;
  next_page_token?: string | null;
}

export interface AlpacaOptionQuote {
  t?: string;
  bp?: number;
  ap?: number;
  bs?: number;
  as?: number;
  bx?: string;
  ax?: string;
  c?: string;
}

export interface AlpacaGreeks {
  delta?: number;
  gamma?: number;
  /** Per calendar day (Alpaca's reading). */
  theta?: number;
  /** Per 1 percentage point of IV (Alpaca's reading). */
  vega?: number;
  rho?: number;
}

/** One contract of /v1beta1/options/snapshots/{underlying}. */
export interface AlpacaOptionSnapshot {
  latestQuote?: AlpacaOptionQuote | null;
  latestTrade?: AlpacaTrade | null;
  minuteBar?: AlpacaBar | null;
  dailyBar?: AlpacaBar | null;
  prevDailyBar?: AlpacaBar | null;
  impliedVolatility?: number | null;
  greeks?: AlpacaGreeks | null;
}

export interface AlpacaSnapshotsResponse {
  snapshots: Record<string, AlpacaOptionSnapshot> | null;
  next_page_token?: string | null;
}
