import { CALENDAR_FIRST_YEAR, CALENDAR_LAST_YEAR, nthWeekdayOfMonth, nyseHolidays } from '../calendar';
import { addDays, assertIsoDate, IsoDate, isoDateParts } from '../time';
import { positionSymbols } from './portfolio.metrics';
import { DEFAULT_BASE_CURRENCY, DEFAULT_RISK_PROFILE, Portfolio } from './portfolio.types';
import { Watchlists } from './watchlists.parser';

const FRIDAY = 5;
const DEMO_CASH = 25_000;
const DEMO_MONITOR = ['AMZN', 'GOOGL', 'IWM', 'META', 'MSFT', 'TSLA'];

/**
 * The monthly option expiry `monthsAhead` months after `today`'s month: the third Friday, or the Thursday before when
 * that Friday is an exchange holiday (Good Friday, Juneteenth — e.g. 2026-06-19 ⇒ 2026-06-18).
 */
export function monthlyExpiry(today: IsoDate, monthsAhead: number): IsoDate {
  const { year, month } = isoDateParts(today);
  const index = year * 12 + (month - 1) + monthsAhead;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  const friday = nthWeekdayOfMonth(y, m, FRIDAY, 3);
  const holidays = y >= CALENDAR_FIRST_YEAR && y <= CALENDAR_LAST_YEAR ? nyseHolidays(y).map((h) => h.date) : [];
  return holidays.includes(friday) ? addDays(friday, -1) : friday;
}

/**
 * A small, realistic portfolio for seeding an empty install: long calls and a put hedge, a call debit spread and a put
 * credit spread, on monthly expiries 1–3 months after `today`, so every expiry is at least 15 days ahead. Strikes sit near
 * 2025 price levels. Premium at risk: 1,245 + 0 (credit) + 3,560 + 1,280 + 1,570 = 7,655 dollars.
 */
export function demoPortfolio(today: IsoDate): Portfolio {
  assertIsoDate(today, 'today');
  const m1 = monthlyExpiry(today, 1);
  const m2 = monthlyExpiry(today, 2);
  const m3 = monthlyExpiry(today, 3);
  const opened = (daysAgo: number): IsoDate => addDays(today, -daysAgo);
  return {
    base_currency: DEFAULT_BASE_CURRENCY,
    cash: DEMO_CASH,
    risk_profile: DEFAULT_RISK_PROFILE,
    positions: [
      {
        id: 'aapl-c-230',
        symbol: 'AAPL',
        option_type: 'call',
        expiry: m1,
        strike: 230,
        contracts: 3,
        cost_basis: 4.15,
        opened_at: opened(21),
      },
      {
        id: 'aapl-put-credit',
        symbol: 'AAPL',
        legs: [
          { side: 'short', option_type: 'put', expiry: m1, strike: 215, contracts: 2 },
          { side: 'long', option_type: 'put', expiry: m1, strike: 205, contracts: 2 },
        ],
        net_debit: -1.35,
        opened_at: opened(10),
      },
      {
        id: 'nvda-c-185',
        symbol: 'NVDA',
        option_type: 'call',
        expiry: m3,
        strike: 185,
        contracts: 4,
        cost_basis: 8.9,
        opened_at: opened(35),
      },
      {
        id: 'qqq-call-debit',
        symbol: 'QQQ',
        legs: [
          { side: 'long', option_type: 'call', expiry: m2, strike: 520, contracts: 2 },
          { side: 'short', option_type: 'call', expiry: m2, strike: 540, contracts: 2 },
        ],
        net_debit: 6.4,
        opened_at: opened(14),
      },
      {
        id: 'spy-p-560',
        symbol: 'SPY',
        option_type: 'put',
        expiry: m2,
        strike: 560,
        contracts: 2,
        cost_basis: 7.85,
        opened_at: opened(28),
      },
    ],
  };
}

/** Demo watchlists: `positions` = the demo portfolio's symbols, `monitor` = six liquid names. */
export function demoWatchlists(): Watchlists {
  // The symbols do not depend on the date.
  return { monitor: [...DEMO_MONITOR], positions: positionSymbols(demoPortfolio('2026-01-02')) };
}
