import { AlpacaProvider } from './alpaca/alpaca.provider';
import { CsvProvider } from './csv/csv.provider';
import type { AlpacaOptions, SyntheticOptions } from './provider-options';
import { PROVIDER_NAMES, type MarketDataProvider, type ProviderName } from './provider.types';
import { SyntheticProvider } from './synthetic/synthetic.provider';

export interface CreateProviderOptions {
  env?: Record<string, string | undefined>;
  seed?: number;
  csvDir?: string;
  now?: () => Date;
  alpaca?: Partial<AlpacaOptions>;
  synthetic?: Partial<SyntheticOptions>;
}

/** The one place that maps a provider name to its class (Ghostfolio-style dispatcher). */
export function createProvider(name: string, options: CreateProviderOptions = {}): MarketDataProvider {
  const env = options.env ?? process.env;
  switch (name as ProviderName) {
    case 'synthetic':
      return new SyntheticProvider({
        seed: options.seed ?? Number(env['OPTIONS_HELPER_SYNTHETIC_SEED'] || 42),
        now: options.now,
        faults: env['OPTIONS_HELPER_SYNTHETIC_FAULTS'] ? JSON.parse(env['OPTIONS_HELPER_SYNTHETIC_FAULTS']) : undefined,
        ...options.synthetic,
      });
    case 'csv':
      return new CsvProvider({ dir: options.csvDir ?? env['OPTIONS_HELPER_CSV_DIR'] ?? `${env['OPTIONS_HELPER_DATA_DIR'] || 'data'}/import` });
    case 'alpaca': {
      const keyId = options.alpaca?.keyId ?? env['APCA_API_KEY_ID'];
      const secretKey = options.alpaca?.secretKey ?? env['APCA_API_SECRET_KEY'];
      if (!keyId || !secretKey) throw new Error('alpaca provider needs APCA_API_KEY_ID and APCA_API_SECRET_KEY');
      const buffer = env['OPTIONS_HELPER_ALPACA_RECENT_BARS_BUFFER_MINUTES'];
      return new AlpacaProvider({
        recentBarsBufferMinutes: buffer ? Number(buffer) : undefined,
        dataBaseUrl: env['OPTIONS_HELPER_ALPACA_DATA_URL'] || undefined,
        tradingBaseUrl: env['OPTIONS_HELPER_ALPACA_TRADING_URL'] || undefined,
        stockFeed: env['OPTIONS_HELPER_ALPACA_STOCK_FEED'] || undefined,
        optionsFeed: env['OPTIONS_HELPER_ALPACA_OPTIONS_FEED'] || undefined,
        now: options.now,
        ...options.alpaca,
        keyId,
        secretKey,
      });
    }
    default:
      throw new Error(`unknown provider ${JSON.stringify(name)}: must be one of ${PROVIDER_NAMES.join(', ')}`);
  }
}
