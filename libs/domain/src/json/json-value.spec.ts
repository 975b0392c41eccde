import { compareJsonValues, sortKeysDeep, toJsonSafe } from './json-value';

describe('toJsonSafe', () => {
  it('replaces non-finite numbers with null at any depth, keeping key order', () => {
    const out = toJsonSafe({ z: Number.NaN, a: [1, Infinity, { iv: -Infinity, ok: 0.25 }] });
    expect(out).toEqual({ z: null, a: [1, null, { iv: null, ok: 0.25 }] });
    expect(Object.keys(out as object)).toEqual(['z', 'a']);
  });

  it('produces values JSON.stringify can write', () => {
    const value = { when: new Date('2026-01-16T21:00:00Z'), n: BigInt(7), tags: new Set(['b', 'a']), skip: undefined };
    expect(JSON.stringify(toJsonSafe(value))).toBe('{"when":"2026-01-16T21:00:00.000Z","n":7,"tags":["a","b"]}');
  });

  it('maps a top-level undefined to null', () => {
    expect(toJsonSafe(undefined)).toBeNull();
  });

  it('turns typed arrays into arrays', () => {
    expect(toJsonSafe(new Float64Array([1.5, Number.NaN]))).toEqual([1.5, null]);
  });
});

describe('sortKeysDeep', () => {
  it('sorts plain-object keys recursively without touching arrays order', () => {
    const sorted = sortKeysDeep({ b: { d: 1, c: 2 }, a: [{ y: 1, x: 2 }] });
    expect(JSON.stringify(sorted)).toBe('{"a":[{"x":2,"y":1}],"b":{"c":2,"d":1}}');
  });

  it('returns non-plain values unchanged', () => {
    const d = new Date('2026-01-01T00:00:00Z');
    expect(sortKeysDeep(d)).toBe(d);
    expect(sortKeysDeep(3)).toBe(3);
  });

  it('gives stable pretty output for artifacts', () => {
    expect(JSON.stringify(sortKeysDeep(toJsonSafe({ b: Number.NaN, a: 1 })), null, 2)).toBe('{\n  "a": 1,\n  "b": null\n}');
  });
});

describe('compareJsonValues', () => {
  it('orders by type, then numbers numerically and strings by code unit', () => {
    const values = ['b', 10, null, 'B', 9, true, false, [1], { a: 1 }];
    expect([...values].sort(compareJsonValues)).toEqual([null, false, true, 9, 10, 'B', 'b', [1], { a: 1 }]);
  });
});
