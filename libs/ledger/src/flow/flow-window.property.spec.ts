import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  aggregateFlow,
  computePairFlow,
  FLOW_GROUP_BYS,
  FlowGroupBy,
  FlowNetRow,
  FlowSnapshotRow,
  flowRowKeys,
  IsoDate,
  seededRandom as mulberry32,
  SnapshotRowInput,
} from '@options-helper/domain';
import { Ledger } from '../ledger';
import { tempDir } from '../testing';

// The flow window's SQL (flow-window.sql.ts) against the domain's reference functions (DOMAIN.md §4.2–§4.5), on chains
// generated to hit every rule: OSI fallback when the contract symbol changes or its OI is missing, contracts only on one
// side, padded symbols and OSIs (trimmed on write), null OI / volume / delta / type / expiry / strike, one-sided and
// zero quotes, strikes that format to the same key (the |index rule), empty days. Both sides read the same stored rows:
// the reference reads them with a plain SELECT (storedRows).

const DATES: IsoDate[] = ['2026-11-18', '2026-11-19', '2026-11-20', '2026-11-23', '2026-11-24'];
const EXPIRIES = ['2026-12-18', '2027-01-15', null];
// 600.000000001 and 600.000000002 both format to "600": the row keys collide and take the |index rule.
const STRIKES = [600, 610, 412.5, 600.000000001, 600.000000002, 7.25, null];
const CASES = 12;

function generateDay(random: () => number, symbol: string): SnapshotRowInput[] {
  const pick = <T,>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const maybe = <T,>(value: T, p = 0.15): T | null => (random() < p ? null : value);
  const price = () => Math.round(random() * 4000) / 1000 + 0.001;
  const rows = new Map<string, SnapshotRowInput>();
  const count = 5 + Math.floor(random() * 30);
  for (let i = 0; i < count; i++) {
    // A small pool of contracts so days overlap; some keep their OSI under another contract symbol (vendor ids).
    const n = Math.floor(random() * 24);
    const renamed = random() < 0.15;
    const contract = `${symbol}${renamed ? 'V' : 'C'}${n}${random() < 0.1 ? ' ' : ''}`;
    const osiKind = random();
    const osi = osiKind < 0.6 ? `${random() < 0.1 ? ' ' : ''}${symbol}OSI${n}` : osiKind < 0.8 ? null : osiKind < 0.9 ? '  ' : `${symbol}C${n}`;
    const bid = maybe(random() < 0.1 ? 0 : price(), 0.2);
    rows.set(contract.trim(), {
      contract_symbol: contract,
      osi,
      option_type: maybe(pick(['call', 'put'] as const), 0.08),
      expiry: maybe(pick(EXPIRIES), 0.05),
      strike: maybe(pick(STRIKES), 0.05),
      bid,
      ask: maybe(bid === null ? price() : bid + Math.round(random() * 500) / 1000, 0.2),
      last_price: maybe(price(), 0.4),
      volume: maybe(Math.floor(random() * 900), 0.2),
      open_interest: maybe(Math.floor(random() * 5000), 0.15),
      in_the_money: null,
      implied_volatility: null,
      iv_source: 'missing',
      bs_price: null,
      delta: maybe(Math.round((random() * 2 - 1) * 10_000) / 10_000, 0.2),
      gamma: null,
      theta_per_day: null,
      vega: null,
      greeks_source: null,
    });
  }
  return [...rows.values()];
}

const header = (symbol: string, date: string, spot: number) => ({
  symbol, snapshot_date: date, provider: 'prop', spot, risk_free_rate: 0, missing_bid_ask_count: 0, missing_bid_ask_pct: 0,
  spread_pct_median: null, spread_pct_worst: null, stale_quotes: 0, stale_pct: 0, meta_json: {},
});

function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

function expectSameRow(actual: FlowNetRow, expected: FlowNetRow, where: string): void {
  const same =
    actual.contract_symbol === expected.contract_symbol &&
    actual.expiry === expected.expiry &&
    actual.option_type === expected.option_type &&
    actual.strike === expected.strike &&
    actual.n_pairs === expected.n_pairs &&
    close(actual.delta_oi, expected.delta_oi) &&
    close(actual.delta_oi_notional, expected.delta_oi_notional) &&
    close(actual.volume_notional, expected.volume_notional) &&
    close(actual.delta_notional, expected.delta_notional);
  if (!same) throw new Error(`${where}: SQL ${JSON.stringify(actual)} ≠ reference ${JSON.stringify(expected)}`);
}

describe('flow window SQL = the domain reference (DOMAIN.md §4.2–§4.5)', () => {
  let dir: string;
  let ledger: Ledger;
  const symbols: string[] = [];

  beforeAll(async () => {
    dir = tempDir('oh-flow-prop-');
    ledger = await Ledger.open({ path: path.join(dir, 'prop.duckdb') });
    for (let seed = 0; seed < CASES; seed++) {
      const random = mulberry32(seed + 1);
      const symbol = `P${seed}`;
      symbols.push(symbol);
      for (const date of DATES) {
        // Seed 3 has an empty day: its windows that cover it are skipped whole.
        const rows = seed === 3 && date === '2026-11-20' ? [] : generateDay(random, symbol);
        await ledger.saveSnapshot({ header: header(symbol, date, 100 + Math.floor(random() * 500) + 0.25), rows });
      }
    }
    // Hand-made renames, each day: a contract whose OSI is another contract's symbol the day before (found by symbol =
    // today's OSI), and one whose OSI moves between two vendor symbols (found by OSI); both rarer in generated chains.
    symbols.push('PREN');
    const random = mulberry32(99);
    for (const [d, date] of DATES.entries()) {
      const base = generateDay(random, 'PREN');
      const renamed = (contract: string, osi: string, open_interest: number) => ({ ...(base[0] as SnapshotRowInput), contract_symbol: contract, osi, open_interest });
      const extra = d % 2 === 0 ? [renamed('PRENC1', 'PRENC1', 100 + d), renamed('PRENVA', 'PRENO2', 50 + d)] : [renamed('PRENV1', 'PRENC1', 130 + d), renamed('PRENVB', 'PRENO2', 70 + d)];
      await ledger.saveSnapshot({ header: header('PREN', date, 250.5), rows: [...base.filter((r) => !/^PREN(C1|V1|VA|VB)$/.test(r.contract_symbol.trim()) && !['PRENC1', 'PRENO2'].includes(String(r.osi).trim())), ...extra] });
    }
  });
  afterAll(async () => {
    await ledger.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** The stored rows of some dates in the shape the domain functions take, keyed by date, ordered by contract symbol. */
  async function storedRows(symbol: string, dates: IsoDate[]): Promise<Record<string, FlowSnapshotRow[]>> {
    const rows = await ledger.db.read(async (c) =>
      (
        await c.runAndReadAll(
          `SELECT strftime(snapshot_date, '%Y-%m-%d') AS d, contract_symbol, osi, option_type, strftime(expiry, '%Y-%m-%d') AS expiry, strike,
                  bid, ask, last_price, CAST(volume AS DOUBLE) AS volume, CAST(open_interest AS DOUBLE) AS open_interest, delta
           FROM options_snapshot_rows WHERE provider = 'prop' AND symbol = $1`,
          [symbol],
        )
      ).getRowObjectsJS(),
    );
    const out: Record<string, FlowSnapshotRow[]> = Object.fromEntries(dates.map((d) => [d, []]));
    for (const { d, ...row } of rows) out[String(d)]?.push(row as unknown as FlowSnapshotRow);
    for (const list of Object.values(out)) list.sort((a, b) => (a.contract_symbol < b.contract_symbol ? -1 : a.contract_symbol > b.contract_symbol ? 1 : 0));
    return out;
  }

  async function reference(symbol: string, dates: IsoDate[], groupBy: FlowGroupBy) {
    const byDate = await storedRows(symbol, dates);
    const spots = await ledger.db.read(async (c) =>
      (await c.runAndReadAll(`SELECT strftime(snapshot_date, '%Y-%m-%d'), spot FROM options_snapshot_headers WHERE symbol = $1`, [symbol])).getRows(),
    );
    const spot = new Map(spots.map((r) => [String(r[0]), Number(r[1])]));
    let calls = 0;
    let puts = 0;
    const pairs = [];
    for (let i = 1; i < dates.length; i++) {
      const pair = computePairFlow(byDate[dates[i - 1] as string] ?? [], byDate[dates[i] as string] ?? [], spot.get(dates[i] as string) ?? 0);
      calls += pair.callsDeltaOiNotional;
      puts += pair.putsDeltaOiNotional;
      pairs.push(pair.rows);
    }
    const net = aggregateFlow(pairs, groupBy);
    return { net, keys: flowRowKeys(net, groupBy), calls, puts };
  }

  it.each([...FLOW_GROUP_BYS])('group-by %s: net rows, order, totals, row keys and the persisted partition agree', async (groupBy) => {
    for (const windowSize of [1, 2, 4]) {
      const windows = symbols.map((symbol) => ({ symbol, snapshot_dates: DATES.slice(DATES.length - 1 - windowSize) }));
      const result = await ledger.computeFlowWindows({ provider: 'prop', group_by: groupBy, windows, top: 0, all_rows: true, persist: { generated_at: '2026-11-25T23:00:00Z' } });
      expect(result.windows.map((w) => w.symbol)).toEqual(symbols);
      let collided = 0;
      for (const w of result.windows) {
        const where = `${w.symbol} window ${windowSize} ${groupBy}`;
        if (w.symbol === 'P3' && windowSize >= 2) {
          expect(w).toMatchObject({ empty_dates: ['2026-11-20'], net: [], rows_written: 0 });
          continue;
        }
        const ref = await reference(w.symbol, w.snapshot_dates, groupBy);
        expect(w.empty_dates).toEqual([]);
        expect(close(w.calls_delta_oi_notional, ref.calls) && close(w.puts_delta_oi_notional, ref.puts)).toBe(true);
        expect(w.net.length).toBe(ref.net.length);
        expect(w.net_row_count).toBe(ref.net.length);
        w.net.forEach((row, i) => expectSameRow(row, ref.net[i] as FlowNetRow, `${where} row ${i}`));
        const stored = await ledger.db.read(async (c) =>
          (
            await c.runAndReadAll(
              `SELECT row_key, contract_symbol, strftime(expiry, '%Y-%m-%d'), option_type, strike, delta_oi_notional, n_pairs, window_size, snapshot_dates_json
               FROM options_flow WHERE symbol = $1 AND from_date = CAST($2 AS DATE) AND to_date = CAST($3 AS DATE) AND group_by = $4`,
              [w.symbol, w.from_date, w.to_date, groupBy],
            )
          ).getRows(),
        );
        expect(w.rows_written).toBe(ref.net.length);
        expect(stored).toHaveLength(ref.net.length);
        const storedByKey = new Map(stored.map((r) => [String(r[0]), r]));
        ref.keys.forEach((key, i) => {
          const r = storedByKey.get(key);
          if (!r) throw new Error(`${where}: no stored row with the reference key ${key}`);
          const expected = ref.net[i] as FlowNetRow;
          expect([r[1], r[2], r[3], r[4], Number(r[6]), r[7]]).toEqual([expected.contract_symbol, expected.expiry, expected.option_type, expected.strike, expected.n_pairs, windowSize]);
          expect(close(Number(r[5]), expected.delta_oi_notional)).toBe(true);
          expect(JSON.parse(String(r[8]))).toEqual(w.snapshot_dates);
        });
        const keySet = new Set(ref.keys);
        if (ref.keys.some((k) => keySet.has(/^(.*)\|\d+$/.exec(k)?.[1] ?? '\u0000'))) collided++;
      }
      // Two strikes that format alike make strike keys collide, so the |index rule (finished in JS) is exercised.
      if (groupBy === 'strike' || groupBy === 'expiry-strike') expect(collided).toBeGreaterThan(0);
    }
  });

  it('without persist nothing is written; top limits the rows returned; a re-run replaces the partition', async () => {
    const windows = [{ symbol: 'P0', snapshot_dates: DATES.slice(2) }];
    const count = () => ledger.db.read(async (c) => Number((await c.runAndReadAll(`SELECT count(*) FROM options_flow WHERE symbol = 'P0' AND group_by = 'strike' AND window_size = 2`)).getRows()[0]?.[0]));
    const before = await count();
    const dry = await ledger.computeFlowWindows({ provider: 'prop', group_by: 'strike', windows, top: 3, persist: null });
    expect(dry.windows[0]?.net).toHaveLength(3);
    expect(dry.windows[0]?.rows_written).toBe(0);
    expect(await count()).toBe(before);
    const first = await ledger.computeFlowWindows({ provider: 'prop', group_by: 'strike', windows, top: 3, persist: { generated_at: '2026-11-25T23:00:00Z' } });
    const again = await ledger.computeFlowWindows({ provider: 'prop', group_by: 'strike', windows, top: 3, persist: { generated_at: '2026-11-25T23:30:00Z' } });
    expect(again.windows[0]?.rows_written).toBe(first.windows[0]?.rows_written);
    expect(await count()).toBe(first.windows[0]?.net_row_count);
    // The day changes (a re-run after a corrected snapshot): keys disappear, appear and change values; the stored
    // partition is exactly the new net, nothing stale left (the merge of computeFlowWindows' persist).
    const stored = () =>
      ledger.db.read(async (c) =>
        (await c.runAndReadAll(`SELECT row_key, strike, delta_oi_notional, n_pairs, strftime(generated_at, '%H:%M') FROM options_flow WHERE symbol = 'P0' AND group_by = 'contract' AND window_size = 2 ORDER BY row_key`)).getRows(),
      );
    await ledger.computeFlowWindows({ provider: 'prop', group_by: 'contract', windows, top: 0, persist: { generated_at: '2026-11-25T23:00:00Z' } });
    const keysBefore = (await stored()).map((r) => String(r[0]));
    const last = DATES[DATES.length - 1] as string;
    const rows = generateDay(mulberry32(4242), 'P0');
    await ledger.saveSnapshot({ header: header('P0', last, 333.25), rows });
    const changed = await ledger.computeFlowWindows({ provider: 'prop', group_by: 'contract', windows, top: 0, all_rows: true, persist: { generated_at: '2026-11-26T01:00:00Z' } });
    const ref = await reference('P0', DATES.slice(2), 'contract');
    const expected = ref.keys.map((k, i) => [k, ref.net[i]?.strike, ref.net[i]?.delta_oi_notional, ref.net[i]?.n_pairs, '01:00']).sort((a, b) => String(a[0]).localeCompare(String(b[0]), 'en'));
    const actual = (await stored()).map((r) => [r[0], r[1], r[2], Number(r[3]), r[4]]).sort((a, b) => String(a[0]).localeCompare(String(b[0]), 'en'));
    expect(actual.map((r) => [r[0], r[1], r[3], r[4]])).toEqual(expected.map((r) => [r[0], r[1], r[3], r[4]]));
    // The case covers every branch of the merge: keys kept (updated in place), gone (deleted) and new (inserted).
    const after = new Set(actual.map((r) => String(r[0])));
    expect(keysBefore.some((k) => after.has(k)) && keysBefore.some((k) => !after.has(k)) && [...after].some((k) => !keysBefore.includes(k))).toBe(true);
    actual.forEach((r, i) => expect(close(Number(r[2]), Number(expected[i]?.[2]))).toBe(true));
    expect(changed.windows[0]?.rows_written).toBe(ref.net.length);
  });

  it('refuses a bad request naming the field, before anything runs', async () => {
    const ok = { provider: 'prop', group_by: 'contract' as const, windows: [{ symbol: 'P0', snapshot_dates: DATES.slice(3) }], top: 1, persist: null };
    await expect(ledger.computeFlowWindows({ ...ok, group_by: 'month' as never })).rejects.toThrow(/group_by: must be one of contract, strike, expiry, expiry-strike/);
    await expect(ledger.computeFlowWindows({ ...ok, windows: [{ symbol: 'P0', snapshot_dates: ['2026-11-24', '2026-11-23'] }] })).rejects.toThrow(/windows\[0\]\.snapshot_dates\[1\]: must be later/);
    await expect(ledger.computeFlowWindows({ ...ok, windows: [{ symbol: 'A|B', snapshot_dates: DATES.slice(3) }] })).rejects.toThrow(/windows\[0\]\.symbol: must not contain/);
    await expect(ledger.computeFlowWindows({ ...ok, top: 5000 })).rejects.toThrow(/top: must be an integer from 0 to 1000/);
    await expect(ledger.computeFlowWindows({ ...ok, persist: { generated_at: 'yesterday' } })).rejects.toThrow(/persist\.generated_at/);
  });
});
