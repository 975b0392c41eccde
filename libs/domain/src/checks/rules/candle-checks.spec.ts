import { nyseCalendar } from '../../calendar';
import { candleChecks, CandleCheckRow } from './candle-checks';

const row = (date: string | null, close = 100): CandleCheckRow => ({ date, open: close, high: close + 1, low: close - 1, close });

describe('candle checks (DOMAIN.md §8)', () => {
  // A window ending Friday 2026-11-27 (an early close, still a session) spans Thanksgiving, 2026-11-26.
  const sessions = nyseCalendar.sessionsBetween('2026-10-28', '2026-11-27');

  it('passes the gap check around a market holiday when every session has a row', () => {
    expect(sessions).not.toContain('2026-11-26');
    const [, , , gap] = candleChecks('SPY', sessions.map((d) => row(d)), nyseCalendar);
    // Window [2026-10-29, 2026-11-27]: 21 sessions, Thanksgiving and weekends excluded.
    expect(gap).toMatchObject({ check_name: 'candles_gap_days_last_30', severity: 'warn', status: 'pass', metrics: { gap_days: 0, latest_date: '2026-11-27' } });
  });

  it('fails the gap check with gap_days 1 when one session is missing', () => {
    const rows = sessions.filter((d) => d !== '2026-11-20').map((d) => row(d));
    const [, , , gap] = candleChecks('SPY', rows, nyseCalendar);
    expect(gap).toMatchObject({ status: 'fail', metrics: { gap_days: 1, missing_sessions_sample: ['2026-11-20'] }, message: '1 missing session(s) in trailing 30-day window.' });
  });

  it('flags duplicate dates (every row involved), decreasing dates, invalid dates and negative prices', () => {
    const rows = [row('2026-11-20'), row('2026-11-20'), row('2026-11-19'), row(null), { ...row('2026-11-23'), low: -1, close: -0.5 }];
    const [unique, monotonic, negative] = candleChecks('SPY', rows, nyseCalendar);
    expect(unique).toMatchObject({ status: 'fail', metrics: { rows_checked: 5, duplicate_date_rows: 2, invalid_date_rows: 1 } });
    expect(monotonic).toMatchObject({ status: 'fail', metrics: { out_of_order_pairs: 1, invalid_date_rows: 1 } });
    expect(negative).toMatchObject({ status: 'fail', metrics: { negative_rows: 1, negative_cells: 2 } });
    const clean = candleChecks('SPY', sessions.map((d) => row(d)), nyseCalendar);
    expect(clean.map((c) => c.status)).toEqual(['pass', 'pass', 'pass', 'pass']);
    expect(candleChecks('SPY', [], nyseCalendar)[3]).toMatchObject({ status: 'skip', metrics: { reason: 'no_rows' } });
  });
});
