import { seededRandom as random } from '../util/seeded-random';
import { blackScholes, blackScholesPrice, BlackScholesInput, intrinsicValue, yearFraction } from './black-scholes';

function randomInput(u: () => number, type: 'call' | 'put'): BlackScholesInput {
  const spot = 5 + u() * 995;
  return {
    spot,
    strike: spot * Math.exp((u() - 0.5) * 1.6), // 45%–220% of spot
    t: 1 / 365 + u() * 3,
    rate: u() * 0.1 - 0.01,
    vol: 0.03 + u() * 1.5,
    type,
  };
}

describe('blackScholes: the textbook case S=100, K=100, t=1, r=5%, σ=20%', () => {
  // d1 = (ln(100/100) + (0.05 + 0.2²/2)·1) / (0.2·√1) = 0.07/0.2 = 0.35;  d2 = 0.35 − 0.2 = 0.15
  // N(0.35) = 0.636830651175619, N(0.15) = 0.559617692, φ(0.35) = 0.375240346916938, K·e^(−rt) = 95.1229424500714
  const base = { spot: 100, strike: 100, t: 1, rate: 0.05, vol: 0.2 };

  it('prices and greeks of the call', () => {
    const call = blackScholes({ ...base, type: 'call' });
    // 100·0.636830651 − 95.122942450·0.559617692 = 63.683065 − 53.232482 = 10.450584
    expect(call?.price).toBeCloseTo(10.4505835721856, 10);
    expect(call?.delta).toBeCloseTo(0.636830651175619, 12); // N(d1)
    // φ(d1)/(S·σ·√t) = 0.375240347/(100·0.2·1) = 0.018762017
    expect(call?.gamma).toBeCloseTo(0.0187620173458469, 12);
    // S·φ(d1)·√t = 100·0.375240347 = 37.524035 per 1.00 of IV
    expect(call?.vega).toBeCloseTo(37.5240346916938, 10);
    // annual θ = −100·0.375240347·0.2/(2·1) − 0.05·95.122942·0.559617692 = −3.752403 − 2.661624 = −6.414028; /365
    expect(call?.thetaPerDay).toBeCloseTo(-6.4140275464382 / 365, 12);
  });

  it('prices and greeks of the put', () => {
    const put = blackScholes({ ...base, type: 'put' });
    // K·e^(−rt)·N(−d2) − S·N(−d1) = 95.122942·0.440382308 − 100·0.363169349 = 41.890461 − 36.316935 = 5.573526
    expect(put?.price).toBeCloseTo(5.57352602225697, 10);
    expect(put?.delta).toBeCloseTo(0.636830651175619 - 1, 12); // N(d1) − 1
    expect(put?.gamma).toBeCloseTo(0.0187620173458469, 12); // same as the call
    expect(put?.vega).toBeCloseTo(37.5240346916938, 10);
    // annual θ = −3.752403 + 0.05·95.122942·0.440382308 = −3.752403 + 2.094523 = −1.657880; /365
    expect(put?.thetaPerDay).toBeCloseTo(-1.65788042393463 / 365, 12);
  });
});

describe('blackScholes: other hand-checked cases (mpmath at 40 digits)', () => {
  it('in-the-money call, S=50, K=40, t=0.25, r=3%, σ=30%', () => {
    // d1 = (ln 1.25 + (0.03 + 0.045)·0.25)/(0.3·0.5) = (0.223144 + 0.01875)/0.15 = 1.612624
    const call = blackScholes({ spot: 50, strike: 40, t: 0.25, rate: 0.03, vol: 0.3, type: 'call' });
    expect(call?.price).toBeCloseTo(10.4781731413753, 10);
    expect(call?.delta).toBeCloseTo(0.946586854186791, 12);
    expect(call?.thetaPerDay).toBeCloseTo(-0.00749575154126618, 12);
  });

  it('deep out-of-the-money call and deep in-the-money put, S=100, K=150, 30 days, σ=25%', () => {
    // d1 = (ln(2/3) + (0.04 + 0.03125)·30/365)/(0.25·√(30/365)) = −5.575464: the call is worth ~1.5e-8
    const input = { spot: 100, strike: 150, t: 30 / 365, rate: 0.04, vol: 0.25 };
    const call = blackScholes({ ...input, type: 'call' });
    const put = blackScholes({ ...input, type: 'put' });
    expect(call?.price).toBeCloseTo(1.48055753874298e-8, 15);
    expect(call?.delta).toBeGreaterThan(0);
    expect(call?.delta).toBeCloseTo(1.2343566205316e-8, 15);
    expect(put?.price).toBeCloseTo(49.5076591008709, 9); // ≈ K·e^(−rt) − S = 149.507659 − 100
    expect(put?.delta).toBeCloseTo(-0.999999987656434, 14);
    // deep ITM put: the +r·K·e^(−rt)·N(−d2) term wins, theta is positive
    expect(put?.thetaPerDay).toBeCloseTo(0.0163843923914053, 12);
  });
});

describe('blackScholes: laws over random inputs', () => {
  it('put-call parity: C − P = S − K·e^(−rt)', () => {
    const u = random(1);
    for (let i = 0; i < 2000; i++) {
      const input = randomInput(u, 'call');
      const call = blackScholes(input);
      const put = blackScholes({ ...input, type: 'put' });
      const forward = input.spot - input.strike * Math.exp(-input.rate * input.t);
      expect(Math.abs((call?.price ?? NaN) - (put?.price ?? NaN) - forward)).toBeLessThan(1e-9 * Math.max(input.spot, input.strike));
      // delta(call) − delta(put) = 1; gamma and vega do not depend on the right
      expect((call?.delta ?? NaN) - (put?.delta ?? NaN)).toBeCloseTo(1, 12);
      expect(call?.gamma).toBe(put?.gamma);
      expect(call?.vega).toBe(put?.vega);
    }
  });

  it('greeks are the derivatives of the price (central differences)', () => {
    const u = random(2);
    for (let i = 0; i < 300; i++) {
      const input = randomInput(u, i % 2 ? 'call' : 'put');
      const g = blackScholes(input);
      const price = (patch: Partial<BlackScholesInput>) => blackScholesPrice({ ...input, ...patch }) as number;
      const h = input.spot * 1e-4;
      const delta = (price({ spot: input.spot + h }) - price({ spot: input.spot - h })) / (2 * h);
      const gamma = (price({ spot: input.spot + h }) - 2 * price({}) + price({ spot: input.spot - h })) / (h * h);
      const vega = (price({ vol: input.vol + 1e-5 }) - price({ vol: input.vol - 1e-5 })) / 2e-5;
      const dt = Math.min(1e-5, input.t / 2);
      const thetaPerDay = -(price({ t: input.t + dt }) - price({ t: input.t - dt })) / (2 * dt) / 365;
      const scale = input.spot;
      expect(Math.abs((g?.delta ?? NaN) - delta)).toBeLessThan(1e-6);
      expect(Math.abs((g?.gamma ?? NaN) - gamma) * scale).toBeLessThan(1e-3);
      expect(Math.abs((g?.vega ?? NaN) - vega)).toBeLessThan(1e-5 * scale);
      expect(Math.abs((g?.thetaPerDay ?? NaN) - thetaPerDay)).toBeLessThan(1e-6 * scale);
    }
  });

  it('prices are never below the discounted intrinsic value nor above the spot (call) / discounted strike (put)', () => {
    const u = random(3);
    for (let i = 0; i < 2000; i++) {
      const input = randomInput(u, i % 2 ? 'call' : 'put');
      const p = blackScholesPrice(input) as number;
      const df = Math.exp(-input.rate * input.t);
      const floor = input.type === 'call' ? input.spot - input.strike * df : input.strike * df - input.spot;
      expect(p).toBeGreaterThanOrEqual(Math.max(0, floor) - 1e-9 * input.spot);
      expect(p).toBeLessThanOrEqual(input.type === 'call' ? input.spot : input.strike * df);
    }
  });
});

describe('blackScholes: edge cases', () => {
  const base = { spot: 100, strike: 90, t: 0.5, rate: 0.04, vol: 0.3, type: 'call' as const };

  it('has no price and no greeks on or after expiry (t ≤ 0), at zero or negative vol, or with bad inputs', () => {
    expect(blackScholes({ ...base, t: 0 })).toBeNull();
    expect(blackScholes({ ...base, t: -1 / 365 })).toBeNull();
    expect(blackScholes({ ...base, vol: 0 })).toBeNull();
    expect(blackScholes({ ...base, vol: -0.2 })).toBeNull();
    expect(blackScholes({ ...base, spot: 0 })).toBeNull();
    expect(blackScholes({ ...base, strike: 0 })).toBeNull();
    expect(blackScholes({ ...base, vol: Number.NaN })).toBeNull();
    expect(blackScholes({ ...base, spot: Number.POSITIVE_INFINITY })).toBeNull();
    expect(blackScholesPrice({ ...base, t: 0 })).toBeNull();
  });

  it('converges to the intrinsic value as t → 0', () => {
    // one minute before expiry: ITM call ≈ 100 − 90 = 10, OTM call ≈ 0, ITM put ≈ 110 − 100 = 10
    const t = 1 / (365 * 24 * 60);
    expect(blackScholes({ ...base, t })?.price).toBeCloseTo(10, 4);
    expect(blackScholes({ ...base, t })?.delta).toBeCloseTo(1, 10);
    expect(blackScholes({ ...base, strike: 110, t })?.price).toBeCloseTo(0, 10);
    expect(blackScholes({ ...base, strike: 110, t, type: 'put' })?.price).toBeCloseTo(10, 4);
  });

  it('converges to the discounted forward payoff as vol → 0', () => {
    // σ = 1e-8: call = max(S − K·e^(−rt), 0) = 100 − 90·e^(−0.02) = 100 − 88.217829 = 11.782171
    expect(blackScholes({ ...base, vol: 1e-8 })?.price).toBeCloseTo(100 - 90 * Math.exp(-0.02), 8);
    expect(blackScholes({ ...base, vol: 1e-8, type: 'put' })?.price).toBeCloseTo(0, 10);
  });

  it('deep in-the-money call behaves like stock: delta → 1, gamma and vega → 0', () => {
    const deep = blackScholes({ ...base, strike: 10 });
    expect(deep?.delta).toBeCloseTo(1, 12);
    expect(deep?.gamma).toBeCloseTo(0, 12);
    expect(deep?.vega).toBeCloseTo(0, 10);
    // price = S − K·e^(−rt) = 100 − 10·e^(−0.02) = 90.198013
    expect(deep?.price).toBeCloseTo(100 - 10 * Math.exp(-0.02), 9);
  });

  it('deep out-of-the-money put keeps a tiny delta instead of rounding N(d1) − 1 to 0', () => {
    // d1 = (ln 10 + (0.04 + 0.045)·0.5)/(0.3·√0.5) = (2.302585 + 0.0425)/0.212132 = 11.05; N(−11.05) ≈ 1e-28
    const far = blackScholes({ ...base, strike: 10, type: 'put' });
    expect(far?.price).toBeGreaterThanOrEqual(0);
    expect(far?.delta).toBeLessThan(0);
    expect(far?.delta).toBeGreaterThan(-1e-12);
  });
});

describe('intrinsicValue and yearFraction', () => {
  it('intrinsic value of calls and puts', () => {
    expect(intrinsicValue({ spot: 105, strike: 100, type: 'call' })).toBe(5);
    expect(intrinsicValue({ spot: 95, strike: 100, type: 'call' })).toBe(0);
    expect(intrinsicValue({ spot: 95, strike: 100, type: 'put' })).toBe(5);
    expect(intrinsicValue({ spot: 105, strike: 100, type: 'put' })).toBe(0);
  });

  it('counts calendar days over 365, across a leap day and a DST switch', () => {
    expect(yearFraction('2026-11-20', '2026-12-18')).toBeCloseTo(28 / 365, 15);
    expect(yearFraction('2028-02-01', '2028-03-31')).toBeCloseTo(59 / 365, 15); // 29 Feb 2028 counts
    expect(yearFraction('2026-03-06', '2026-03-09')).toBeCloseTo(3 / 365, 15); // over the US DST switch
    expect(yearFraction('2026-11-20', '2026-11-20')).toBe(0);
    expect(yearFraction('2026-11-20', '2026-11-19')).toBeCloseTo(-1 / 365, 15);
  });
});
