import { lowerBound, upperBound } from './sorted-search';

describe('sorted search', () => {
  it('counts elements below and up to x, matching a linear scan (property)', () => {
    let seed = 5;
    const rand = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let t = 0; t < 200; t++) {
      const values = Int32Array.from(Array.from({ length: Math.floor(rand() * 30) }, () => Math.floor(rand() * 20)).sort((a, b) => a - b));
      const x = Math.floor(rand() * 24) - 2;
      expect(lowerBound(values, x)).toBe(values.filter((v) => v < x).length);
      expect(upperBound(values, x)).toBe(values.filter((v) => v <= x).length);
    }
  });
});
