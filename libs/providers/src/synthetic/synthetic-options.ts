import { blackScholesPrice, diffDays, IsoDate, OptionType } from '@options-helper/domain';
import { SeededRandom } from './synthetic-random';
import type { ExpiryKind, ExpirySpec } from './synthetic-expiries';
import type { UnderlyingSeries } from './synthetic-underlying';
import type { UnderlyingProfile } from './synthetic-universe';

/** Rate the simulator prices with (the snapshot job's `--risk-free-rate` is separate and defaults to 0). */
export const SYNTHETIC_RISK_FREE_RATE = 0.04;
/** Half-width of the strike range around the spot, in log-moneyness, per expiry kind. */
const STRIKE_HALF_WIDTH: Record<ExpiryKind, number> = { weekly: 0.25, monthly: 0.4, leaps: 0.6 };
/** Share of a popular monthly's open interest that each kind attracts. */
const OI_KIND_FACTOR: Record<ExpiryKind, number> = { weekly: 0.35, monthly: 1, leaps: 0.6 };
/** Days (calendar) over which open interest builds up after a strike is listed. */
const OI_BUILD_DAYS: Record<ExpiryKind, number> = { weekly: 4, monthly: 12, leaps: 30 };
/** On expiry day a contract still has a few hours of life: price it with a quarter of a day left. */
const MIN_PRICING_YEARS = 0.25 / 365;

/** Strike spacing by the underlying's price when the expiry is listed. */
export function strikeStep(price: number): number {
  if (price < 25) return 0.5;
  if (price < 100) return 1;
  if (price < 250) return 2.5;
  if (price < 1000) return 5;
  return 10;
}

/**
 * The strikes of one expiry as of a session: multiples of the step fixed at listing, covering
 * [close·e^(−w), close·e^(+w)] of every session since listing. Strikes are added as the price moves and never removed,
 * like an exchange does, so a contract, once listed, exists on every later session until expiry.
 */
export interface StrikeLadder {
  step: number;
  /** Lowest strike as a multiple of the step. */
  firstMultiple: number;
  /** Per strike (ascending), the series index of the session it was listed on. */
  listedIndex: Int32Array;
}

/** The ladder through series index `throughIndex`, or null when the expiry is not listed by then. */
export function strikeLadder(series: UnderlyingSeries, spec: ExpirySpec, throughIndex: number): StrikeLadder | null {
  const first = Math.max(0, series.indexOnOrAfter(spec.listedOn));
  if (first > throughIndex) return null;
  const step = strikeStep(series.close[first]);
  const width = Math.exp(STRIKE_HALF_WIDTH[spec.kind]);
  const below: number[] = []; // listing indexes of strikes added below the range, nearest first
  const above: number[] = [];
  let lo = 0;
  let hi = -1;
  for (let i = first; i <= throughIndex; i++) {
    const c = series.close[i];
    const dayLo = Math.max(1, Math.ceil(c / width / step));
    const dayHi = Math.floor((c * width) / step);
    if (i === first) {
      lo = dayLo;
      hi = dayHi;
      for (let m = lo; m <= hi; m++) above.push(i);
      continue;
    }
    for (; lo > dayLo; lo--) below.push(i);
    for (; hi < dayHi; hi++) above.push(i);
  }
  const listedIndex = new Int32Array(below.length + above.length);
  for (let k = 0; k < below.length; k++) listedIndex[below.length - 1 - k] = below[k] as number;
  listedIndex.set(above, below.length);
  return { step, firstMultiple: lo, listedIndex };
}

/** Strike of the k-th rung, rounded to the OSI's thousandths so 2.5-steps print exactly. */
export function ladderStrike(ladder: StrikeLadder, k: number): number {
  return Math.round((ladder.firstMultiple + k) * ladder.step * 1000) / 1000;
}

/** The rung of a strike, or −1 when the strike is not on the ladder. */
export function ladderRung(ladder: StrikeLadder, strike: number): number {
  const multiple = strike / ladder.step;
  const rounded = Math.round(multiple);
  if (Math.abs(multiple - rounded) > 1e-9) return -1;
  const k = rounded - ladder.firstMultiple;
  return k >= 0 && k < ladder.listedIndex.length ? k : -1;
}

/**
 * Implied volatility surface. ATM level: a term structure from the current regime vol (short end) to the long-run
 * vol (long end), both with a ~10% premium over realised. Smile: quadratic in x = ln(K/S)/√t (clipped to ±1) with a
 * negative slope, i.e. higher IV for lower strikes; steeper for index products.
 */
export function surfaceVol(profile: UnderlyingProfile, regimeVol: number, spot: number, strike: number, t: number): number {
  const longRun = profile.vol * 1.08;
  const shortRun = regimeVol * 1.12;
  const atm = longRun + (shortRun - longRun) * Math.exp(-t / 0.25);
  const x = Math.max(-1, Math.min(1, Math.log(strike / spot) / Math.sqrt(Math.max(t, 1 / 52))));
  const [slope, curvature] = profile.skew === 'index' ? [0.9, 1.0] : [0.35, 0.6];
  return Math.max(0.03, Math.min(4, atm * (1 - slope * x + curvature * x * x)));
}

/** One contract's identity within the simulator. */
export interface SimContract {
  osi: string;
  type: OptionType;
  strike: number;
  spec: ExpirySpec;
  /** Multiple of the step (for the round-strike bonus in open interest). */
  multiple: number;
  /** Series index of the session the strike was listed on. */
  listedIndex: number;
}

/** A contract on one session: its quote, its day's trading (the option bar) and open interest. */
export interface ContractDay {
  iv: number;
  theo: number;
  bid: number;
  ask: number;
  /** Last trade price: today's close when it traded today, else the last print of `tradeIndex`. */
  last: number;
  /** Series index of the session of the last trade. */
  tradeIndex: number;
  volume: number;
  openInterest: number;
  open: number;
  high: number;
  low: number;
  vwap: number;
  tradeCount: number;
}

interface ContractTraits {
  openInterestScale: number;
  volumeScale: number;
  wavePeriod: number;
  wavePhase: number;
}

/**
 * Prices contracts of one underlying. Per-contract traits (stream `{seed}|{symbol}|contract|{osi}`) are cached; the
 * day's draws come from `{seed}|{symbol}|quote|{osi}|{date}`, so a contract-day is the same in a chain, in
 * `listContracts` and in its option bar.
 */
export class ContractPricer {
  private readonly traits = new Map<string, ContractTraits>();

  constructor(
    private readonly seed: number,
    private readonly series: UnderlyingSeries,
  ) {}

  day(c: SimContract, index: number): ContractDay {
    const { series } = this;
    const profile = series.profile;
    const date = series.dates[index] as IsoDate;
    const spot = series.close[index];
    const daysToExpiry = diffDays(c.spec.expiry, date);
    const t = Math.max(daysToExpiry / 365, MIN_PRICING_YEARS);
    const iv = surfaceVol(profile, series.sigma[index], spot, c.strike, t);
    const theo =
      blackScholesPrice({ spot, strike: c.strike, t, rate: SYNTHETIC_RISK_FREE_RATE, vol: iv, type: c.type }) ?? 0;
    const traits = this.traitsOf(c);
    // Fixed draw order: every field below always consumes the same draws.
    const r = new SeededRandom(`${this.seed}|${profile.symbol}|quote|${c.osi}|${date}`);
    const zSpread = r.normal();
    const zVolume = r.normal();
    const uTrade = r.uniform();
    const zOpenInterest = r.normal();
    const uStale = r.uniform();
    const zOpen = r.normal();
    const zHigh = r.normal();
    const zLow = r.normal();
    const uTradeSize = r.uniform();

    // Standardised moneyness: how many standard deviations to expiry the strike is away.
    const moneyness = Math.log(c.strike / spot) / (iv * Math.sqrt(t));

    // Spread: a tick plus a share of the price that grows away from the money, plus a floor that dominates for
    // cheap contracts, so the relative spread widens both away from the money and as the price falls.
    const relative = Math.min(0.5, profile.spreadBase * (1 + 0.6 * Math.abs(moneyness)));
    const half = (0.005 + theo * relative + 0.02 / (1 + theo)) * Math.exp(0.2 * zSpread);
    const bid = Math.max(0, floorCents(theo - half));
    const ask = Math.max(roundCents(bid + 0.01), ceilCents(theo + half));

    // Volume: concentrated near the money and in short tenors.
    const activity = Math.exp(-0.5 * moneyness * moneyness) * (0.15 + Math.exp(-t / 0.08)) + 0.003;
    const volume = Math.floor(profile.optionVolume * traits.volumeScale * activity * Math.exp(0.9 * zVolume - 0.405));

    // A contract that did not trade today keeps an older print (some of them more than 5 sessions old: stale).
    const tradedToday = volume > 0;
    const last = tradedToday
      ? Math.max(0.01, roundCents(bid + (ask - bid) * uTrade))
      : Math.max(0.01, roundCents(theo * Math.exp(0.1 * zOpen)));
    const tradeIndex = tradedToday ? index : Math.max(c.listedIndex, index - 1 - Math.floor(uStale * 12));
    let open = last;
    let high = last;
    let low = last;
    let vwap = last;
    let tradeCount = 0;
    if (tradedToday) {
      // Cent rounding is monotone and the wicks are floored/ceiled, so low ≤ min(open, close) ≤ max ≤ high holds.
      open = Math.max(0.01, roundCents(last * Math.exp(0.08 * zOpen)));
      high = ceilCents(Math.max(open, last) * (1 + 0.05 * Math.abs(zHigh)));
      low = Math.max(0.01, floorCents(Math.min(open, last) * (1 - 0.05 * Math.abs(zLow))));
      vwap = roundCents((high + low + 2 * last) / 4);
      tradeCount = Math.max(1, Math.round(volume / (2 + 10 * uTradeSize)));
    }

    return {
      iv,
      theo,
      bid,
      ask,
      last,
      tradeIndex,
      volume,
      openInterest: this.openInterest(c, index, daysToExpiry, traits, zOpenInterest),
      open,
      high,
      low,
      vwap,
      tradeCount,
    };
  }

  /**
   * Open interest as a smooth function of the contract's age, its time to expiry and its moneyness against the
   * 10-session average spot, times a slow seeded wave and ±4% daily noise. Reproducible for any date without
   * iterating from listing, and session-to-session changes stay bounded: building while a strike is young or comes
   * into the money zone, unwinding into expiry or as the wave turns.
   */
  private openInterest(c: SimContract, index: number, daysToExpiry: number, traits: ContractTraits, z: number): number {
    const { series } = this;
    const listedDate = series.dates[c.listedIndex] as IsoDate;
    const age = diffDays(series.dates[index] as IsoDate, listedDate);
    const build = 1 - Math.exp(-(age + 1) / OI_BUILD_DAYS[c.spec.kind]);
    const rollOff = 0.3 + 0.7 * (1 - Math.exp(-Math.max(0, daysToExpiry) / 4));
    const life = Math.max(diffDays(c.spec.expiry, listedDate), 7) / 365;
    const centre = c.type === 'call' ? 0.25 : -0.25;
    const m = Math.log(c.strike / series.ema[index]) / (series.profile.vol * Math.sqrt(life)) - centre;
    const concentration = 0.04 + Math.exp(-0.5 * (m / 0.9) ** 2);
    const roundStrike = c.multiple % 10 === 0 ? 1.6 : c.multiple % 5 === 0 ? 1.25 : 1;
    const wave = 1 + 0.2 * Math.sin((2 * Math.PI * age) / traits.wavePeriod + traits.wavePhase);
    const noise = 1 + 0.02 * Math.max(-2, Math.min(2, z));
    const scale = series.profile.openInterest * OI_KIND_FACTOR[c.spec.kind] * traits.openInterestScale;
    return Math.round(scale * build * rollOff * concentration * roundStrike * wave * noise);
  }

  private traitsOf(c: SimContract): ContractTraits {
    let traits = this.traits.get(c.osi);
    if (!traits) {
      const r = new SeededRandom(`${this.seed}|${this.series.profile.symbol}|contract|${c.osi}`);
      traits = {
        openInterestScale: Math.exp(0.5 * r.normal() - 0.125),
        volumeScale: Math.exp(0.4 * r.normal() - 0.08),
        wavePeriod: 20 + 40 * r.uniform(),
        wavePhase: 2 * Math.PI * r.uniform(),
      };
      if (this.traits.size > 200_000) this.traits.clear();
      this.traits.set(c.osi, traits);
    }
    return traits;
  }
}

function roundCents(x: number): number {
  return Math.round(x * 100) / 100;
}

// The 1e-9 guards keep binary noise (0.29·100 = 28.999999999999996) from moving a price a whole cent.
function floorCents(x: number): number {
  return Math.floor(x * 100 + 1e-9) / 100;
}

function ceilCents(x: number): number {
  return Math.ceil(x * 100 - 1e-9) / 100;
}
