import { erfc, normCdf, normPdf } from './normal';

// Reference values from mpmath at 40 significant digits (ncdf, npdf, erfc), written as the nearest double.
const CDF: Array<[number, number]> = [
  [-37, 5.725571222524577e-300],
  [-20, 2.7536241186062337e-89],
  [-10, 7.619853024160525e-24],
  [-5, 2.866515718791939e-7],
  [-3, 0.0013498980316300946],
  [-1.96, 0.024997895148220435],
  [-1, 0.15865525393145705],
  [-0.5, 0.3085375387259869],
  [-0.1, 0.460172162722971],
  [0, 0.5],
  [0.1, 0.539827837277029],
  [0.35, 0.6368306511756191],
  [0.5, 0.6914624612740131],
  [1, 0.8413447460685429],
  [1.2345, 0.8914916766373299],
  [2, 0.9772498680518208],
  [3, 0.9986501019683699],
  [5, 0.9999997133484281],
  [8, 0.9999999999999993],
];

const PDF: Array<[number, number]> = [
  [-10, 7.694598626706419e-23],
  [-1, 0.24197072451914334],
  [0, 0.3989422804014327],
  [0.35, 0.37524034691693786],
  [2, 0.05399096651318805],
  [8, 5.052271083536892e-15],
];

const ERFC: Array<[number, number]> = [
  [0.3, 0.6713732405408726],
  [0.46875, 0.507386526782062], // the boundary between Cody's first and second interval
  [0.5, 0.4795001221869535],
  [1, 0.15729920705028513],
  [2, 0.004677734981047266],
  [3, 0.00002209049699858544],
  [4, 1.541725790028002e-8], // boundary between the second and third interval
  [4.5, 1.9661604415428876e-10],
  [5, 1.537459794428035e-12],
  [10, 2.088487583762545e-45],
  [26, 5.663192408856143e-296],
];

function relativeError(actual: number, expected: number): number {
  return expected === 0 ? Math.abs(actual) : Math.abs(actual - expected) / Math.abs(expected);
}

describe('normCdf', () => {
  it.each(CDF)('N(%p) matches the 40-digit reference to 1e-12 relative', (x, expected) => {
    expect(relativeError(normCdf(x), expected)).toBeLessThan(1e-12);
  });

  it('is symmetric: N(x) + N(−x) = 1', () => {
    for (let x = -8; x <= 8; x += 0.0625) {
      expect(Math.abs(normCdf(x) + normCdf(-x) - 1)).toBeLessThan(1e-15);
    }
  });

  it('is monotone across the approximation intervals (no seams at |x|/√2 = 0.46875 or 4)', () => {
    let previous = 0;
    for (let x = -9; x <= 9; x += 1 / 1024) {
      const value = normCdf(x);
      expect(value).toBeGreaterThanOrEqual(previous);
      previous = value;
    }
  });

  it('saturates at 0 and 1 far in the tails and passes NaN through', () => {
    expect(normCdf(-40)).toBe(0);
    expect(normCdf(40)).toBe(1);
    expect(normCdf(Number.NEGATIVE_INFINITY)).toBe(0);
    expect(normCdf(Number.POSITIVE_INFINITY)).toBe(1);
    expect(normCdf(Number.NaN)).toBeNaN();
  });
});

describe('normPdf', () => {
  it.each(PDF)('φ(%p) matches the reference to 1e-13 relative', (x, expected) => {
    expect(relativeError(normPdf(x), expected)).toBeLessThan(1e-13);
  });
});

describe('erfc', () => {
  it.each(ERFC)('erfc(%p) matches the reference to 1e-13 relative', (x, expected) => {
    expect(relativeError(erfc(x), expected)).toBeLessThan(1e-13);
  });

  it('reflects: erfc(−x) = 2 − erfc(x)', () => {
    for (const [x, expected] of ERFC) expect(Math.abs(erfc(-x) - (2 - expected))).toBeLessThan(1e-15);
  });

  it('is 1 at 0 and underflows to 0 beyond 26.543', () => {
    expect(erfc(0)).toBe(1);
    expect(erfc(27)).toBe(0);
  });
});
