// Constructor options of each provider. The dispatcher (create-provider.ts) fills them from CLI flags and
// environment; tests construct providers directly.

export interface SyntheticOptions {
  /** Same seed, symbol and session ⇒ byte-identical output. Default 42. */
  seed?: number;
  /** Injectable clock: decides which sessions are complete (lastCompletedSession(now)). */
  now?: () => Date;
  /** Fault injection, parsed from OPTIONS_HELPER_SYNTHETIC_FAULTS (see synthetic/synthetic-faults.ts). */
  faults?: unknown;
}

export interface CsvOptions {
  /** Import root with candles/{SYMBOL}.csv and chains/{SYMBOL}/{YYYY-MM-DD}.csv. Default data/import. */
  dir: string;
}

export interface AlpacaOptions {
  keyId: string;
  secretKey: string;
  /** Market-data API base, default https://data.alpaca.markets (tests point it at a local server). */
  dataBaseUrl?: string;
  /** Trading API base (option contracts), default https://paper-api.alpaca.markets. */
  tradingBaseUrl?: string;
  stockFeed?: string;
  optionsFeed?: string;
  maxRequestsPerSecond?: number;
  maxRetries?: number;
  timeoutMs?: number;
  /** Open-ended requests end this many minutes before now (OPTIONS_HELPER_ALPACA_RECENT_BARS_BUFFER_MINUTES, default 16). */
  recentBarsBufferMinutes?: number;
  now?: () => Date;
  /** Sleep used between retries (tests make it instant). */
  sleep?: (ms: number) => Promise<void>;
  /** Jitter source in [0, 1) for backoff (tests make it deterministic). */
  random?: () => number;
}
