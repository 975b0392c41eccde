import { blackScholes } from './black-scholes';
import { effectiveGreeks } from './greeks';

describe('effectiveGreeks', () => {
  const bs = blackScholes({ spot: 100, strike: 100, t: 1, rate: 0.05, vol: 0.2, type: 'call' });

  it('uses all four provider greeks when present', () => {
    const g = effectiveGreeks({ delta: 0.5, gamma: 0.02, theta: -0.03, vega: 0.4 }, bs);
    expect(g).toEqual({ delta: 0.5, gamma: 0.02, thetaPerDay: -0.03, vega: 0.4, source: 'provider' });
  });

  it('computes all four when the provider has none', () => {
    const g = effectiveGreeks({}, bs);
    expect(g.source).toBe('black_scholes');
    expect(g.delta).toBeCloseTo(0.636830651175619, 12);
    expect(g.thetaPerDay).toBe(bs?.thetaPerDay);
  });

  it('mixes per greek; non-finite provider values count as missing', () => {
    const g = effectiveGreeks({ delta: 0.61, gamma: null, theta: Number.NaN, vega: 0.37 }, bs);
    expect(g.source).toBe('mixed');
    expect(g.delta).toBe(0.61);
    expect(g.gamma).toBe(bs?.gamma);
    expect(g.thetaPerDay).toBe(bs?.thetaPerDay);
    expect(g.vega).toBe(0.37);
  });

  it('is mixed when the provider has some greeks and the model none (expired or no IV)', () => {
    expect(effectiveGreeks({ delta: 1 }, null)).toEqual({ delta: 1, gamma: null, thetaPerDay: null, vega: null, source: 'mixed' });
  });

  it('has no source when no greek is known', () => {
    expect(effectiveGreeks({ delta: null }, null)).toEqual({ delta: null, gamma: null, thetaPerDay: null, vega: null, source: null });
  });
});
