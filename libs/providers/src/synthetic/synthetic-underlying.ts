import { addDays, IsoDate, lowerBound, nyseCalendar, toEpochDay, upperBound } from '@options-helper/domain';
import type { CandleRow } from '../provider.types';
import { SeededRandom } from './synthetic-random';
import type { UnderlyingProfile } from './synthetic-universe';

/** First simulated session. */
export const WALK_START: IsoDate = '2015-01-02';
/**
 * The walk passes exactly through each profile's reference level on this session. A fixed date (rather than "the
 * last completed session") keeps every price independent of the clock: advancing `now` appends sessions and never
 * rescales history.
 */
export const ANCHOR_DATE: IsoDate = '2026-10-30';

const TRADING_DAYS_PER_YEAR = 252;
const DT = 1 / TRADING_DAYS_PER_YEAR;
/** Pull of the log price back to its trend (per year): keeps 2015 levels plausible even for 55%-vol names. */
const REVERSION_PER_YEAR = 0.5;
/** Volatility regime: an AR(1) in log-vol with a ~28-session half-life and 30% dispersion. */
const REGIME_PERSISTENCE = Math.exp(-1 / 40);
const REGIME_SD = 0.3;
/** E[exp(v)] for v ~ N(0, REGIME_SD²), so the regime does not raise the average volatility. */
const REGIME_MEAN_CORRECTION = (REGIME_SD * REGIME_SD) / 2;
/** Smoothing of the spot that open interest follows (10-session EMA): OI is sticky, it does not jump with price. */
const EMA_ALPHA = 2 / 11;

/**
 * One underlying's simulated daily history from `WALK_START`: columns as typed arrays, one entry per NYSE session.
 *
 * The close follows a geometric random walk with a stochastic volatility regime and a weak mean reversion towards a
 * trend line `level · e^(drift·(t − t_anchor))`; each session's draws come from the stream
 * `{seed}|{symbol}|candle|{date}`.
 */
export class UnderlyingSeries {
  readonly length: number;

  constructor(
    readonly profile: UnderlyingProfile,
    readonly dates: readonly IsoDate[],
    readonly days: Int32Array,
    readonly open: Float64Array,
    readonly high: Float64Array,
    readonly low: Float64Array,
    readonly close: Float64Array,
    readonly volume: Float64Array,
    readonly vwap: Float64Array,
    readonly tradeCount: Float64Array,
    /** Annualised volatility of the session's regime (what implied vols are built on). */
    readonly sigma: Float64Array,
    /** 10-session exponential moving average of the close. */
    readonly ema: Float64Array,
  ) {
    this.length = dates.length;
  }

  get lastDate(): IsoDate {
    return this.dates[this.length - 1] as IsoDate;
  }

  /** Index of the last session ≤ d; −1 when d is before the first session. */
  indexOnOrBefore(d: IsoDate): number {
    return upperBound(this.days, toEpochDay(d)) - 1;
  }

  /** Index of the first session ≥ d; `length` when d is after the last one. */
  indexOnOrAfter(d: IsoDate): number {
    return lowerBound(this.days, toEpochDay(d));
  }

  /** Index of session d, or −1 when d is not a simulated session. */
  indexOf(d: IsoDate): number {
    const i = this.indexOnOrBefore(d);
    return i >= 0 && this.dates[i] === d ? i : -1;
  }

  candle(i: number): CandleRow {
    return {
      ts: this.dates[i] as IsoDate,
      open: this.open[i],
      high: this.high[i],
      low: this.low[i],
      close: this.close[i],
      volume: this.volume[i],
      vwap: this.vwap[i],
      tradeCount: this.tradeCount[i],
      dividends: 0,
      splits: 0,
      capitalGains: 0,
    };
  }
}

/** Simulates from `WALK_START` through `max(through, ANCHOR_DATE)`. */
export function simulateUnderlying(profile: UnderlyingProfile, seed: number, through: IsoDate): UnderlyingSeries {
  const end = through > ANCHOR_DATE ? through : ANCHOR_DATE;
  const dates = nyseCalendar.sessionsBetween(addDays(WALK_START, -1), end);
  const n = dates.length;
  const days = Int32Array.from(dates, toEpochDay);
  const anchorDay = toEpochDay(ANCHOR_DATE);
  const anchorIndex = lowerBound(days, anchorDay);

  const sigma = new Float64Array(n);
  const deviation = new Float64Array(n);
  const gap = new Float64Array(n);
  const upWick = new Float64Array(n);
  const downWick = new Float64Array(n);
  const volumeShock = new Float64Array(n);
  const absReturnShock = new Float64Array(n);
  const vwapPosition = new Float64Array(n);
  const tradeSize = new Float64Array(n);

  let regime = 0;
  let dev = 0;
  const reversion = 1 - REVERSION_PER_YEAR * DT;
  const regimeInnovation = Math.sqrt(1 - REGIME_PERSISTENCE * REGIME_PERSISTENCE) * REGIME_SD;
  for (let i = 0; i < n; i++) {
    const r = new SeededRandom(`${seed}|${profile.symbol}|candle|${dates[i]}`);
    const zReturn = r.normal();
    const zRegime = r.normal();
    gap[i] = r.normal();
    upWick[i] = Math.abs(r.normal());
    downWick[i] = Math.abs(r.normal());
    volumeShock[i] = r.normal();
    vwapPosition[i] = r.uniform();
    tradeSize[i] = r.uniform();
    if (i > 0) regime = REGIME_PERSISTENCE * regime + regimeInnovation * zRegime;
    const vol = profile.vol * Math.exp(regime - REGIME_MEAN_CORRECTION);
    sigma[i] = vol;
    absReturnShock[i] = Math.abs(zReturn);
    if (i > 0) dev = dev * reversion - 0.5 * vol * vol * DT + vol * Math.sqrt(DT) * zReturn;
    deviation[i] = dev;
  }

  const logLevel = Math.log(profile.level);
  const anchorDeviation = deviation[anchorIndex] as number;
  const close = new Float64Array(n);
  const open = new Float64Array(n);
  const high = new Float64Array(n);
  const low = new Float64Array(n);
  const volume = new Float64Array(n);
  const vwap = new Float64Array(n);
  const tradeCount = new Float64Array(n);
  const ema = new Float64Array(n);
  let previousClose = 0;
  for (let i = 0; i < n; i++) {
    const years = (days[i] - anchorDay) / 365.25;
    const rawClose = Math.exp(logLevel + profile.drift * years + deviation[i] - anchorDeviation);
    const dailyVol = sigma[i] * Math.sqrt(DT);
    const rawOpen = (i === 0 ? rawClose : previousClose) * Math.exp(0.35 * dailyVol * gap[i]);
    const c = cents(rawClose);
    const o = cents(rawOpen);
    // Cent rounding is monotone, so the wick bounds survive it: low ≤ min(open, close), high ≥ max(open, close).
    const h = cents(Math.max(rawOpen, rawClose) * Math.exp(0.6 * dailyVol * upWick[i]));
    const l = cents(Math.min(rawOpen, rawClose) * Math.exp(-0.6 * dailyVol * downWick[i]));
    close[i] = c;
    open[i] = o;
    high[i] = h;
    low[i] = l;
    vwap[i] = cents(l + (h - l) * (0.25 + 0.5 * vwapPosition[i]));
    const shares = profile.avgVolume * Math.exp(0.35 * volumeShock[i] - 0.06) * (0.8 + 0.25 * absReturnShock[i]);
    volume[i] = Math.round(shares);
    tradeCount[i] = Math.max(1, Math.round(shares / (80 + 80 * tradeSize[i])));
    ema[i] = i === 0 ? c : ema[i - 1] + EMA_ALPHA * (c - ema[i - 1]);
    previousClose = rawClose;
  }
  return new UnderlyingSeries(profile, dates, days, open, high, low, close, volume, vwap, tradeCount, sigma, ema);
}

/** Rounds to the cent, never below one cent (a walk far below its trend must not print a zero price). */
function cents(x: number): number {
  return Math.max(0.01, Math.round(x * 100) / 100);
}


