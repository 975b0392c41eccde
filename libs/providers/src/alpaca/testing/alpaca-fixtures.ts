import type { AlpacaBar, AlpacaOptionContract } from '../alpaca-wire.types';
import type { FakeAlpacaData } from './fake-alpaca.server';

// Shared test data in Alpaca's wire format. Daily bars are stamped at midnight New York: 05:00Z in winter (EST),
// 04:00Z from 2026-03-08 (EDT).

export const FAKE_KEY_ID = 'PKTESTKEYID';
export const FAKE_SECRET = 'sk-test-9f8e7d6c5b4a';

export function dailyBar(date: string, close: number, extra: Partial<AlpacaBar> = {}): AlpacaBar {
  const utcHour = date >= '2026-03-08' && date < '2026-11-01' ? '04' : '05';
  return { t: `${date}T${utcHour}:00:00Z`, o: close - 1, h: close + 2, l: close - 3, c: close, v: 1_000_000, vw: close - 0.5, n: 5000, ...extra };
}

export function contract(
  symbol: string,
  fields: Partial<AlpacaOptionContract> & Pick<AlpacaOptionContract, 'expiration_date' | 'type' | 'strike_price'>,
): AlpacaOptionContract {
  return {
    id: `id-${symbol}`,
    symbol,
    name: symbol,
    status: 'active',
    tradable: true,
    root_symbol: 'SPY',
    underlying_symbol: 'SPY',
    style: 'american',
    multiplier: '100',
    size: '100',
    open_interest: null,
    open_interest_date: null,
    close_price: null,
    close_price_date: null,
    ...fields,
  };
}

/** SPY on 2026-03-10 (a Tuesday): a week of candles, a few contracts, one expiry's snapshots and option bars. */
export function spyMarket(): Partial<FakeAlpacaData> {
  return {
    stockBars: {
      SPY: [
        dailyBar('2026-03-02', 590),
        dailyBar('2026-03-03', 591),
        dailyBar('2026-03-04', 592),
        dailyBar('2026-03-05', 593),
        dailyBar('2026-03-06', 594),
        dailyBar('2026-03-09', 595),
        dailyBar('2026-03-10', 596),
      ],
      QQQ: [dailyBar('2026-03-06', 500), dailyBar('2026-03-09', 503.5)],
    },
    latestTrades: { SPY: { t: '2026-03-10T14:59:59.987654321Z', p: 601.25, s: 100, x: 'V' } },
    contracts: [
      contract('SPY260320C00600000', {
        expiration_date: '2026-03-20',
        type: 'call',
        strike_price: '600',
        open_interest: '1500',
        open_interest_date: '2026-03-09',
        close_price: '12.5',
        close_price_date: '2026-03-09',
      }),
      contract('SPY260320P00600000', {
        expiration_date: '2026-03-20',
        type: 'put',
        strike_price: '600',
        open_interest: '900',
        open_interest_date: '2026-03-09',
        close_price: '8.05',
        close_price_date: '2026-03-09',
      }),
      contract('SPY260327C00600000', { expiration_date: '2026-03-27', type: 'call', strike_price: '600' }),
      contract('SPY260417P00550000', { expiration_date: '2026-04-17', type: 'put', strike_price: '550' }),
      contract('SPY260306C00600000', { expiration_date: '2026-03-06', type: 'call', strike_price: '600', status: 'inactive' }),
    ],
    snapshots: {
      SPY: {
        SPY260320C00600000: {
          latestQuote: { t: '2026-03-10T14:59:58.123456789Z', bp: 12.1, ap: 12.3, bs: 10, as: 12, bx: 'C', ax: 'C', c: 'A' },
          latestTrade: { t: '2026-03-10T14:58:00Z', p: 12.2, s: 1, x: 'C' },
          dailyBar: dailyBar('2026-03-10', 12.2, { v: 0 }),
          impliedVolatility: 0.185,
          greeks: { delta: 0.52, gamma: 0.011, theta: -0.35, vega: 0.48, rho: 0.09 },
        },
        SPY260320P00600000: {
          latestQuote: { t: '2026-03-10T14:59:57Z', bp: 7.9, ap: 8.1 },
          latestTrade: { t: '2026-03-09T19:30:00Z', p: 8.0 },
          dailyBar: dailyBar('2026-03-10', 8.0, { v: 75, vw: 8.02, n: 20 }),
          impliedVolatility: 0.21,
          greeks: { delta: -0.47, gamma: 0.012, theta: -0.3, vega: 0.47, rho: -0.08 },
        },
        // Listed by the snapshot feed but not (yet) by the contracts API: metadata comes from the OSI symbol.
        SPY260320C00610000: { impliedVolatility: 0.17 },
        SPY260327C00600000: { latestQuote: { t: '2026-03-10T14:59:57Z', bp: 14, ap: 14.4 } },
      },
    },
    optionBars: {
      SPY260320C00600000: [
        dailyBar('2026-03-09', 11.4, { v: 500, vw: 11.3, n: 120 }),
        dailyBar('2026-03-10', 12.2, { v: 340, vw: 12.15, n: 88 }),
      ],
      SPY260320P00600000: [dailyBar('2026-03-10', 8.0, { v: 80, vw: 8.03, n: 21 })],
    },
  };
}
