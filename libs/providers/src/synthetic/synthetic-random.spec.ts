import { SeededRandom } from './synthetic-random';

describe('SeededRandom', () => {
  it('gives the same stream for the same key and a different one for another key', () => {
    const a = new SeededRandom('42|SPY|candle|2026-11-20');
    const b = new SeededRandom('42|SPY|candle|2026-11-20');
    const c = new SeededRandom('43|SPY|candle|2026-11-20');
    const drawsA = Array.from({ length: 8 }, () => a.nextUint32());
    expect(Array.from({ length: 8 }, () => b.nextUint32())).toEqual(drawsA);
    expect(Array.from({ length: 8 }, () => c.nextUint32())).not.toEqual(drawsA);
  });

  it('draws uniforms strictly inside (0, 1) with mean ≈ 1/2', () => {
    const r = new SeededRandom('uniform');
    let sum = 0;
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      const u = r.uniform();
      expect(u > 0 && u < 1).toBe(true);
      sum += u;
    }
    // standard error of the mean: √(1/12/n) ≈ 0.0009
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(0.005);
  });

  it('draws normals with mean ≈ 0, variance ≈ 1 and Gaussian tails', () => {
    const r = new SeededRandom('normal');
    const n = 200_000;
    let sum = 0;
    let squares = 0;
    let beyond2 = 0;
    for (let i = 0; i < n; i++) {
      const z = r.normal();
      sum += z;
      squares += z * z;
      if (Math.abs(z) > 2) beyond2 += 1;
    }
    expect(Math.abs(sum / n)).toBeLessThan(0.01); // s.e. 0.0022
    expect(Math.abs(squares / n - 1)).toBeLessThan(0.02); // s.e. 0.0032
    // P(|Z| > 2) = 0.0455
    expect(Math.abs(beyond2 / n - 0.0455)).toBeLessThan(0.003);
  });
});
