import { seededRandom } from '../util/seeded-random';
import type { ChainReportRow } from './chain-report';
import { buildChainReport } from './chain-report';
import { buildDerivedRow, percentileRank, realizedVol } from './derived-row';

const SNAP = '2026-01-02';

function quote(type: 'call' | 'put', expiry: string, strike: number, mark: number, iv: number, oi: number): ChainReportRow {
  return {
    contract_symbol: `X${expiry}${type}${strike}`,
    option_type: type,
    expiry,
    strike,
    bid: mark,
    ask: mark,
    last_price: null,
    volume: 10,
    open_interest: oi,
    implied_volatility: iv,
    delta: type === 'call' ? 0.25 : -0.25,
    gamma: 0.01,
  };
}

// Near expiry: ATM 100, call 2.10 + put 1.90 = 4.00 ⇒ 4% of spot 100; ATM IV (0.25 + 0.27) / 2 = 0.26;
// skew (put 0.27 − call 0.25) × 100 = 2 pp. Second expiry: ATM IV (0.29 + 0.31) / 2 = 0.30.
const ROWS = [
  quote('call', '2026-01-16', 100, 2.1, 0.25, 300),
  quote('put', '2026-01-16', 100, 1.9, 0.27, 600),
  quote('call', '2026-02-20', 100, 3.0, 0.29, 100),
  quote('put', '2026-02-20', 100, 2.8, 0.31, 100),
];

/** Closes alternating 100, 101, 100, … : every log return is ±ln(1.01). */
const alternating = (count: number) => Array.from({ length: count }, (_, i) => (i % 2 === 0 ? 100 : 101));
const candles = (closes: (number | null)[]) => closes.map((close, i) => ({ ts: `2025-${String(1 + Math.floor(i / 28)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`, close }));

describe('realizedVol (DOMAIN §5.2 rv_20d / rv_60d)', () => {
  it('is 0 for a constant-growth series', () => {
    const closes = Array.from({ length: 21 }, (_, i) => 100 * 1.01 ** i); // every return ln(1.01) ⇒ no dispersion
    expect(realizedVol(closes, 20)).toBeCloseTo(0, 12);
  });

  it('works an alternating ±1% series by hand', () => {
    // 21 closes ⇒ 20 returns, 10 × +a and 10 × −a with a = ln(1.01) = 0.0099503…; mean 0
    // sample variance 20a² / 19 ⇒ sd a·√(20/19) = 0.0102089…; × √252 = 0.16206…
    const a = Math.log(1.01);
    expect(realizedVol(alternating(21), 20)).toBeCloseTo(a * Math.sqrt(20 / 19) * Math.sqrt(252), 12);
    expect(realizedVol(alternating(21), 20)).toBeCloseTo(0.16206, 4);
  });

  it('uses only the last W returns', () => {
    // a crash long before the window does not count
    expect(realizedVol([1, 50, ...alternating(21)], 20)).toBeCloseTo(Math.log(1.01) * Math.sqrt((20 / 19) * 252), 12);
  });

  it('is null without W full returns or with a non-positive or missing close in the window', () => {
    expect(realizedVol(alternating(20), 20)).toBeNull(); // 19 returns
    expect(realizedVol([...alternating(20), 0], 20)).toBeNull();
    expect(realizedVol([...alternating(20), null], 20)).toBeNull();
    expect(realizedVol([0, ...alternating(21)], 20)).not.toBeNull(); // the zero is outside the 21 closes used
  });
});

describe('percentileRank (DOMAIN §5.2 atm_iv_near_percentile)', () => {
  it('averages tied ranks', () => {
    // [0.2, 0.2, 0.3], value 0.2: ranks 1 and 2 average 1.5 ⇒ (1.5 − 1) / (3 − 1) × 100 = 25
    expect(percentileRank(0.2, [0.2, 0.2, 0.3])).toBeCloseTo(25, 12);
    expect(percentileRank(0.3, [0.2, 0.2, 0.3])).toBe(100); // rank 3 ⇒ 2 / 2 × 100
  });

  it('gives 100 for a population of one and ignores nulls', () => {
    expect(percentileRank(0.4, [0.4])).toBe(100);
    expect(percentileRank(0.4, [null, 0.4, Number.NaN])).toBe(100);
  });

  it('gives 0 for the smallest of distinct values', () => {
    expect(percentileRank(0.1, [0.3, 0.1, 0.2])).toBe(0);
  });

  it('rejects a value not in the population', () => {
    expect(() => percentileRank(0.5, [0.1, 0.2])).toThrow(RangeError);
  });
});

describe('buildDerivedRow (DOMAIN §5.2)', () => {
  const report = buildChainReport({ snapshotDate: SNAP, spot: 100, rows: ROWS });

  it('fills every column from the report, the closes and the IV history', () => {
    const { row, warnings } = buildDerivedRow({
      symbol: 'SPY',
      date: SNAP,
      spot: 100,
      report,
      closes: [...candles(alternating(61)), { ts: '2026-01-05', close: 500 }], // the later candle is ignored
      // prior non-null [0.2, 0.3, 0.26] plus today's 0.26: sorted 0.2, 0.26, 0.26, 0.3 ⇒ rank (2 + 3) / 2 = 2.5
      // ⇒ (2.5 − 1) / (4 − 1) × 100 = 50
      priorAtmIvs: [0.2, null, 0.3, 0.26],
    });
    const a = Math.log(1.01);
    const rv20 = a * Math.sqrt((20 / 19) * 252); // 0.16206…
    const rv60 = a * Math.sqrt((60 / 59) * 252); // 30 up, 30 down: sd a·√(60/59)
    expect(warnings).toEqual([]);
    expect(row).toEqual({
      symbol: 'SPY',
      date: SNAP,
      spot: 100,
      pc_oi: expect.closeTo(700 / 400, 12), // puts 600 + 100 over calls 300 + 100
      pc_vol: expect.closeTo(1, 12), // 20 / 20
      call_wall: 100, // the 100 calls sum 300 + 100 = 400
      put_wall: 100,
      gamma_peak_strike: 100,
      atm_iv_near: expect.closeTo(0.26, 12),
      em_near_pct: expect.closeTo(0.04, 12), // (2.10 + 1.90) / 100
      skew_near_pp: expect.closeTo(2, 9), // (0.27 − 0.25) × 100
      rv_20d: expect.closeTo(rv20, 12),
      rv_60d: expect.closeTo(rv60, 12),
      iv_rv_20d: expect.closeTo(0.26 / rv20, 12), // 0.26 / 0.16206 = 1.604…
      atm_iv_near_percentile: expect.closeTo(50, 9),
      iv_term_slope: expect.closeTo(0.04, 12), // 0.30 − 0.26
    });
  });

  it('gives percentile 100 on the first day and nulls RV without enough closes', () => {
    const { row } = buildDerivedRow({ symbol: 'SPY', date: SNAP, spot: 100, report, closes: candles(alternating(21)), priorAtmIvs: [] });
    expect(row.atm_iv_near_percentile).toBe(100);
    expect(row.rv_20d).not.toBeNull();
    expect(row.rv_60d).toBeNull(); // 20 returns < 60
  });

  it('nulls iv_rv_20d when RV is 0', () => {
    const closes = candles(Array.from({ length: 21 }, () => 100)); // flat closes ⇒ all returns 0 ⇒ rv 0
    const { row } = buildDerivedRow({ symbol: 'SPY', date: SNAP, spot: 100, report, closes, priorAtmIvs: [] });
    expect(row.rv_20d).toBe(0);
    expect(row.iv_rv_20d).toBeNull();
  });

  it('warns missing_near_expiry and nulls the expiry columns when no expiry is included', () => {
    const expired = buildChainReport({ snapshotDate: '2026-03-01', spot: 100, rows: ROWS }); // every expiry is before
    const { row, warnings } = buildDerivedRow({ symbol: 'SPY', date: '2026-03-01', spot: 100, report: expired, closes: [], priorAtmIvs: [0.2] });
    expect(warnings).toEqual(['missing_near_expiry']);
    expect(row.atm_iv_near).toBeNull();
    expect(row.em_near_pct).toBeNull();
    expect(row.skew_near_pp).toBeNull();
    expect(row.atm_iv_near_percentile).toBeNull();
    expect(row.iv_term_slope).toBeNull();
    expect(row.pc_oi).toBeCloseTo(700 / 400, 12); // totals still cover the whole snapshot
  });

  it('passes the report warnings on for an empty snapshot', () => {
    const empty = buildChainReport({ snapshotDate: SNAP, spot: 100, rows: [] });
    const { row, warnings } = buildDerivedRow({ symbol: 'SPY', date: SNAP, spot: 100, report: empty, closes: [], priorAtmIvs: [] });
    expect(warnings).toEqual(['missing_near_expiry', 'empty_snapshot']);
    expect(row.call_wall).toBeNull();
    expect(row.gamma_peak_strike).toBeNull();
  });

  it('nulls the term slope when only one expiry is included', () => {
    const one = buildChainReport({ snapshotDate: SNAP, spot: 100, rows: ROWS, nearExpiries: 1 });
    const { row } = buildDerivedRow({ symbol: 'SPY', date: SNAP, spot: 100, report: one, closes: [], priorAtmIvs: [] });
    expect(row.iv_term_slope).toBeNull();
  });
});

describe('derived-row laws over generated data', () => {
  const random = seededRandom;

  it('percentileRank is always within [0, 100]', () => {
    const rnd = random(7);
    for (let trial = 0; trial < 500; trial++) {
      // a coarse grid makes ties common
      const values = Array.from({ length: 1 + Math.floor(rnd() * 30) }, () => (rnd() < 0.1 ? null : Math.round(rnd() * 10) / 10));
      const present = values.filter((v): v is number => v !== null);
      if (present.length === 0) continue;
      const p = percentileRank(present[Math.floor(rnd() * present.length)], values);
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThanOrEqual(100);
    }
  });

  it('realizedVol is never negative', () => {
    const rnd = random(11);
    for (let trial = 0; trial < 300; trial++) {
      const closes = Array.from({ length: 2 + Math.floor(rnd() * 80) }, () => 1 + rnd() * 200);
      const window = 2 + Math.floor(rnd() * 60);
      const rv = realizedVol(closes, window);
      if (closes.length < window + 1) expect(rv).toBeNull();
      else expect(rv).toBeGreaterThanOrEqual(0);
    }
  });
});
