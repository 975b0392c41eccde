import type { ChainReportRow } from './chain-report';
import { buildChainReport } from './chain-report';

const SNAP = '2026-01-02';
const EXP = '2026-01-16';

function row(type: 'call' | 'put', strike: number, fields: Partial<ChainReportRow> = {}, expiry = EXP): ChainReportRow {
  return {
    contract_symbol: `X${expiry}${type === 'call' ? 'C' : 'P'}${strike}`,
    option_type: type,
    expiry,
    strike,
    bid: null,
    ask: null,
    last_price: null,
    volume: null,
    open_interest: null,
    implied_volatility: null,
    delta: null,
    gamma: null,
    ...fields,
  };
}

// Toy chain, spot 100, one expiry. Marks are mids: (bid + ask) / 2.
const TOY: ChainReportRow[] = [
  row('call', 95, { bid: 6.0, ask: 6.2, volume: 10, open_interest: 100, implied_volatility: 0.3, delta: 0.7, gamma: 0.02 }), // mark 6.1
  row('call', 100, { bid: 2.0, ask: 2.2, volume: 50, open_interest: 300, implied_volatility: 0.25, delta: 0.5, gamma: 0.05 }), // mark 2.1
  row('call', 105, { bid: 0.6, ask: 0.8, volume: 40, open_interest: 500, implied_volatility: 0.22, delta: 0.25, gamma: 0.03 }), // mark 0.7
  row('put', 95, { bid: 0.5, ask: 0.7, volume: 30, open_interest: 400, implied_volatility: 0.32, delta: -0.25, gamma: 0.03 }), // mark 0.6
  row('put', 100, { bid: 1.8, ask: 2.0, volume: 60, open_interest: 200, implied_volatility: 0.27, delta: -0.5, gamma: 0.05 }), // mark 1.9
  row('put', 105, { bid: 5.5, ask: 5.7, volume: 5, open_interest: 50, implied_volatility: 0.24, delta: -0.75, gamma: 0.02 }), // mark 5.6
];

describe('buildChainReport (DOMAIN §5.1) on a 6-row toy chain, spot 100', () => {
  const report = buildChainReport({ snapshotDate: SNAP, spot: 100, rows: TOY });

  it('totals OI, volume, P/C ratios and volume notionals over the snapshot', () => {
    // calls OI 100 + 300 + 500 = 900; puts OI 400 + 200 + 50 = 650 ⇒ P/C 650 / 900 = 0.7222…
    // calls volume 10 + 50 + 40 = 100; puts 30 + 60 + 5 = 95 ⇒ P/C 0.95
    // call notional 10×6.1×100 + 50×2.1×100 + 40×0.7×100 = 6100 + 10500 + 2800 = 19400
    // put notional 30×0.6×100 + 60×1.9×100 + 5×5.6×100 = 1800 + 11400 + 2800 = 16000
    expect(report.totals).toEqual({
      calls_oi: 900,
      puts_oi: 650,
      calls_volume: 100,
      puts_volume: 95,
      pc_oi_ratio: expect.closeTo(650 / 900, 12),
      pc_volume_ratio: expect.closeTo(0.95, 12),
      calls_volume_notional: expect.closeTo(19400, 6),
      puts_volume_notional: expect.closeTo(16000, 6),
    });
    expect(report.warnings).toEqual([]);
  });

  it('ranks call walls at or above spot and put walls at or below spot by OI', () => {
    // calls ≥ 100: 105 (500), 100 (300); the 95 call is below spot. puts ≤ 100: 95 (400), 100 (200).
    expect(report.walls.calls).toEqual([{ strike: 105, open_interest: 500 }, { strike: 100, open_interest: 300 }]);
    expect(report.walls.puts).toEqual([{ strike: 95, open_interest: 400 }, { strike: 100, open_interest: 200 }]);
  });

  it('sums gamma exposure per strike, calls and puts both positive, and peaks at the largest', () => {
    // factor 100 × 100² × 0.01 = 10000 per unit of gamma × OI
    // K95: 0.02×100 + 0.03×400 = 2 + 12 = 14 ⇒ 140000; K100: 0.05×300 + 0.05×200 = 25 ⇒ 250000; K105: 0.03×500 + 0.02×50 = 16 ⇒ 160000
    expect(report.gamma.by_strike.map((g) => g.strike)).toEqual([100, 105, 95]);
    expect(report.gamma.by_strike.map((g) => g.gamma_1pct)).toEqual([expect.closeTo(250000, 6), expect.closeTo(160000, 6), expect.closeTo(140000, 6)]);
    expect(report.gamma.peak_strike).toBe(100);
  });

  it('reads ATM straddle, expected move, ATM IV and 25-delta skew off the expiry', () => {
    const [e] = report.expiries;
    expect(report.expiries).toHaveLength(1);
    expect(e.expiry).toBe(EXP);
    expect(e.atm_strike).toBe(100);
    expect(e.straddle).toBeCloseTo(4.0, 12); // 2.10 + 1.90
    expect(e.expected_move_pct).toBeCloseTo(0.04, 12); // 4.00 / 100 = 4%
    expect(e.atm_iv).toBeCloseTo(0.26, 12); // (0.25 + 0.27) / 2
    expect(e.skew_25d_pp).toBeCloseTo(10, 9); // (0.32 put −0.25Δ − 0.22 call +0.25Δ) × 100
    expect(e.pc_oi_ratio).toBeCloseTo(650 / 900, 12);
    expect(e.walls.calls[0]).toEqual({ strike: 105, open_interest: 500 });
  });

  it('keeps only the top N walls, ties in OI going to the lower strike', () => {
    const rows = [row('call', 110, { open_interest: 7 }), row('call', 120, { open_interest: 7 }), row('call', 130, { open_interest: 9 })];
    const r = buildChainReport({ snapshotDate: SNAP, spot: 100, rows, top: 2 });
    expect(r.walls.calls).toEqual([{ strike: 130, open_interest: 9 }, { strike: 110, open_interest: 7 }]);
  });
});

describe('buildChainReport edge cases', () => {
  it('breaks an ATM distance tie toward the lower strike', () => {
    // spot 102.5: strikes 100 and 105 are both 2.5 away ⇒ 100; straddle 2.10 + 1.90 = 4.00 ⇒ 4.00 / 102.5
    const rows = [
      row('call', 100, { bid: 2.0, ask: 2.2 }),
      row('put', 100, { bid: 1.8, ask: 2.0 }),
      row('call', 105, { bid: 1.0, ask: 1.2 }),
      row('put', 105, { bid: 3.0, ask: 3.2 }),
    ];
    const [e] = buildChainReport({ snapshotDate: SNAP, spot: 102.5, rows }).expiries;
    expect(e.atm_strike).toBe(100);
    expect(e.expected_move_pct).toBeCloseTo(4 / 102.5, 12);
  });

  it('needs both a call and a put mark at the ATM strike', () => {
    // 100 has a call mark only (the put has no quote), so 105 — 5 away — is the ATM strike.
    const rows = [row('call', 100, { bid: 2, ask: 2.2 }), row('put', 100), row('call', 105, { last_price: 1 }), row('put', 105, { ask: 3 })];
    const [e] = buildChainReport({ snapshotDate: SNAP, spot: 100, rows }).expiries;
    expect(e.atm_strike).toBe(105);
    expect(e.straddle).toBeCloseTo(4, 12); // last 1 + ask 3
  });

  it('breaks a 25-delta tie toward the lower strike', () => {
    // puts at −0.20 (K 90, IV 0.40) and −0.30 (K 95, IV 0.35) are both 0.05 from −0.25 ⇒ K 90, IV 0.40; call IV 0.20
    const rows = [
      row('put', 95, { delta: -0.3, implied_volatility: 0.35 }),
      row('put', 90, { delta: -0.2, implied_volatility: 0.4 }),
      row('call', 110, { delta: 0.25, implied_volatility: 0.2 }),
    ];
    const [e] = buildChainReport({ snapshotDate: SNAP, spot: 100, rows }).expiries;
    expect(e.skew_25d_pp).toBeCloseTo(20, 9); // (0.40 − 0.20) × 100
  });

  it('gives null ATM IV and skew when IVs are missing', () => {
    const rows = TOY.map((r) => ({ ...r, implied_volatility: null }));
    const [e] = buildChainReport({ snapshotDate: SNAP, spot: 100, rows }).expiries;
    expect(e.atm_strike).toBe(100);
    expect(e.atm_iv).toBeNull();
    expect(e.skew_25d_pp).toBeNull();
  });

  it('with zero OI everywhere has no P/C OI ratio, no walls and no gamma peak', () => {
    const r = buildChainReport({ snapshotDate: SNAP, spot: 100, rows: TOY.map((x) => ({ ...x, open_interest: 0 })) });
    expect(r.totals.pc_oi_ratio).toBeNull(); // calls_oi 0 ≤ 0
    expect(r.walls).toEqual({ calls: [], puts: [] });
    expect(r.gamma).toEqual({ peak_strike: null, by_strike: [] });
  });

  it('with no calls has null P/C ratios, no call walls and no ATM strike', () => {
    const r = buildChainReport({ snapshotDate: SNAP, spot: 100, rows: TOY.filter((x) => x.option_type === 'put') });
    expect(r.totals.pc_oi_ratio).toBeNull();
    expect(r.totals.pc_volume_ratio).toBeNull();
    expect(r.walls.calls).toEqual([]);
    expect(r.expiries[0].atm_strike).toBeNull();
    expect(r.expiries[0].straddle).toBeNull();
  });

  it('includes the first 4 expiries on or after the snapshot date and skips expired ones', () => {
    const expiries = ['2025-12-26', '2026-01-02', '2026-01-09', '2026-01-16', '2026-01-23', '2026-01-30'];
    const rows = expiries.map((e) => row('call', 100, { open_interest: 1 }, e));
    const r = buildChainReport({ snapshotDate: SNAP, spot: 100, rows });
    expect(r.expiries.map((e) => e.expiry)).toEqual(['2026-01-02', '2026-01-09', '2026-01-16', '2026-01-23']);
    expect(r.totals.calls_oi).toBe(6); // totals stay whole-snapshot, expired rows included
  });

  it('gives an empty report with warning empty_snapshot', () => {
    const r = buildChainReport({ snapshotDate: SNAP, spot: 100, rows: [] });
    expect(r.warnings).toEqual(['empty_snapshot']);
    expect(r.expiries).toEqual([]);
    expect(r.totals.pc_oi_ratio).toBeNull();
    expect(r.gamma.peak_strike).toBeNull();
  });

  it('rejects a non-positive spot', () => {
    expect(() => buildChainReport({ snapshotDate: SNAP, spot: 0, rows: TOY })).toThrow(RangeError);
  });
});
