import { optionMark, pricingMark } from './option-mark';

describe('optionMark (glossary "mark")', () => {
  it('is the mid when both sides are quoted', () => {
    expect(optionMark({ bid: 1.2, ask: 1.4, lastPrice: 9 })).toBeCloseTo(1.3, 12); // (1.2 + 1.4)/2
  });

  it('falls back to last, then ask, then bid, then null', () => {
    expect(optionMark({ bid: 0, ask: 1.4, lastPrice: 1.1 })).toBe(1.1);
    expect(optionMark({ bid: 0, ask: 1.4, lastPrice: 0 })).toBe(1.4);
    expect(optionMark({ bid: 0.5, ask: null, lastPrice: null })).toBe(0.5);
    expect(optionMark({ bid: 0, ask: 0, lastPrice: 0 })).toBeNull();
    expect(optionMark({ bid: null, ask: undefined, lastPrice: Number.NaN })).toBeNull();
  });
});

describe('pricingMark (IV inference input, DOMAIN §3.12)', () => {
  it('is the mid when both sides are quoted, whatever the volume', () => {
    expect(pricingMark({ bid: 2, ask: 2.2, lastPrice: 5, volume: 0 })).toBeCloseTo(2.1, 12);
  });

  it('uses the last price only when the contract traded', () => {
    expect(pricingMark({ bid: 0, ask: 2.2, lastPrice: 2.05, volume: 12 })).toBe(2.05);
    expect(pricingMark({ bid: 0, ask: 2.2, lastPrice: 2.05, volume: 0 })).toBeNull();
    expect(pricingMark({ bid: 0, ask: 2.2, lastPrice: 2.05, volume: null })).toBeNull();
    expect(pricingMark({ bid: null, ask: null, lastPrice: 0, volume: 4 })).toBeNull();
  });

  it('never uses a one-sided quote', () => {
    expect(pricingMark({ bid: 0, ask: 0.05, lastPrice: null, volume: 3 })).toBeNull();
    expect(optionMark({ bid: 0, ask: 0.05, lastPrice: null })).toBe(0.05);
  });
});
