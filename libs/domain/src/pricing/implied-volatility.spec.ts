import { seededRandom as random } from '../util/seeded-random';
import { blackScholesPrice } from './black-scholes';
import { impliedVolatility, isUsableIv, IV_UPPER_BOUND } from './implied-volatility';

describe('impliedVolatility', () => {
  it('recovers 20% from the textbook call price 10.4506 (S=K=100, t=1, r=5%)', () => {
    const iv = impliedVolatility({ price: 10.4505835721856, spot: 100, strike: 100, t: 1, rate: 0.05, type: 'call' });
    expect(iv).toBeCloseTo(0.2, 7);
  });

  it('round-trips price → IV → price within the 1e-6 tolerance over random contracts', () => {
    const u = random(7);
    let checked = 0;
    for (let i = 0; i < 2000; i++) {
      const spot = 5 + u() * 995;
      const input = {
        spot,
        strike: spot * Math.exp((u() - 0.5) * 1.2),
        t: 1 / 365 + u() * 2.5,
        rate: u() * 0.08,
        type: (i % 2 ? 'call' : 'put') as 'call' | 'put',
      };
      const vol = 0.05 + u() * 1.45;
      const price = blackScholesPrice({ ...input, vol }) as number;
      // No information left when the price is (almost) all intrinsic value or (almost) zero.
      const timeValue = price - (blackScholesPrice({ ...input, vol: 1e-4 }) as number);
      if (price < 1e-4 || timeValue < 1e-4) continue;
      const iv = impliedVolatility({ ...input, price });
      expect(iv).not.toBeNull();
      const back = blackScholesPrice({ ...input, vol: iv as number }) as number;
      expect(Math.abs(back - price)).toBeLessThan(1e-6);
      checked += 1;
    }
    expect(checked).toBeGreaterThan(1500);
  });

  it('is null when the price is outside the model prices at the bounds', () => {
    const base = { spot: 100, strike: 90, t: 0.25, rate: 0.04, type: 'call' as const };
    // below the discounted intrinsic value 100 − 90·e^(−0.01) = 10.8955: no volatility explains it
    expect(impliedVolatility({ ...base, price: 10.5 })).toBeNull();
    // above the price at σ = 5 (and above the spot itself)
    const atUpper = blackScholesPrice({ ...base, vol: IV_UPPER_BOUND }) as number;
    expect(impliedVolatility({ ...base, price: atUpper + 0.01 })).toBeNull();
    expect(impliedVolatility({ ...base, price: 101 })).toBeNull();
  });

  it('is null on or after expiry and for unusable prices', () => {
    const base = { spot: 100, strike: 100, rate: 0.04, type: 'put' as const };
    expect(impliedVolatility({ ...base, t: 0, price: 1 })).toBeNull();
    expect(impliedVolatility({ ...base, t: -0.01, price: 1 })).toBeNull();
    expect(impliedVolatility({ ...base, t: 0.1, price: 0 })).toBeNull();
    expect(impliedVolatility({ ...base, t: 0.1, price: Number.NaN })).toBeNull();
  });

  it('finds high vols for short-dated, far out-of-the-money options', () => {
    // 2 days, 20% OTM put priced at 0.05: needs a volatility far above 100%
    const iv = impliedVolatility({ price: 0.05, spot: 100, strike: 80, t: 2 / 365, rate: 0.04, type: 'put' });
    expect(iv).not.toBeNull();
    expect(iv as number).toBeGreaterThan(1);
    expect(blackScholesPrice({ spot: 100, strike: 80, t: 2 / 365, rate: 0.04, vol: iv as number, type: 'put' })).toBeCloseTo(0.05, 6);
  });
});

describe('isUsableIv', () => {
  it('accepts finite values above 1e-4 only', () => {
    expect(isUsableIv(0.25)).toBe(true);
    expect(isUsableIv(2e-4)).toBe(true);
    expect(isUsableIv(1e-4)).toBe(false);
    expect(isUsableIv(0)).toBe(false);
    expect(isUsableIv(-0.2)).toBe(false);
    expect(isUsableIv(Number.NaN)).toBe(false);
    expect(isUsableIv(Number.POSITIVE_INFINITY)).toBe(false);
    expect(isUsableIv(null)).toBe(false);
    expect(isUsableIv(undefined)).toBe(false);
  });
});
