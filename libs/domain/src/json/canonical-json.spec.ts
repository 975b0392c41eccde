import { canonicalJson } from './canonical-json';

class RunArgs {
  constructor(
    readonly symbols: string[],
    readonly asOf: string,
    readonly optional?: number,
  ) {}
  get derived(): string {
    return 'not an own property';
  }
}

describe('canonicalJson', () => {
  it('sorts keys recursively and drops whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x y' } })).toBe('{"a":{"c":"x y","d":[3,{"y":2,"z":1}]},"b":1}');
  });

  it('sorts integer-like keys as strings, unlike JSON.stringify', () => {
    // JSON.stringify({ '10': 1, '9': 2, a: 3 }) would write "9" first; sorted text order is "10" < "9" < "a".
    expect(canonicalJson({ a: 3, '9': 2, '10': 1 })).toBe('{"10":1,"9":2,"a":3}');
  });

  it('gives the same text for a string of JSON and the equivalent object', () => {
    expect(canonicalJson('{"b": 1, "a": [1, 2]}')).toBe('{"a":[1,2],"b":1}');
    expect(canonicalJson({ b: 1, a: [1, 2] })).toBe(canonicalJson('{"b":1,"a":[1,2]}'));
    expect(canonicalJson('42')).toBe('42');
    expect(canonicalJson('true')).toBe('true');
    expect(canonicalJson('"quoted"')).toBe('"quoted"');
  });

  it('stores a non-JSON string as a JSON string', () => {
    expect(canonicalJson('SPY')).toBe('"SPY"');
    expect(canonicalJson('2026-01-16')).toBe('"2026-01-16"');
    expect(canonicalJson('{not json')).toBe('"{not json"');
    expect(canonicalJson('say "hi"')).toBe('"say \\"hi\\""');
  });

  it('returns SQL NULL for null, undefined and blank strings', () => {
    expect(canonicalJson(null)).toBeNull();
    expect(canonicalJson(undefined)).toBeNull();
    expect(canonicalJson('')).toBeNull();
    expect(canonicalJson('   ')).toBeNull();
  });

  it('writes instants as ISO-8601 UTC and keeps dates as YYYY-MM-DD strings', () => {
    expect(canonicalJson({ started: new Date('2026-03-09T20:00:00-04:00'), as_of: '2026-03-09' })).toBe(
      '{"as_of":"2026-03-09","started":"2026-03-10T00:00:00.000Z"}',
    );
    expect(canonicalJson({ bad: new Date('nope') })).toBe('{"bad":null}');
  });

  it('turns sets into sorted arrays and maps into objects', () => {
    expect(canonicalJson({ s: new Set(['MSFT', 'AAPL', 'SPY']) })).toBe('{"s":["AAPL","MSFT","SPY"]}');
    expect(canonicalJson(new Set([10, 9, 100]))).toBe('[9,10,100]'); // numeric, not text, order
    expect(canonicalJson(new Map<string, number>([['b', 2], ['a', 1]]))).toBe('{"a":1,"b":2}');
    expect(canonicalJson(new Map([[1, 'one']]))).toBe('{"1":"one"}');
  });

  it('turns class instances into plain objects of their own enumerable properties', () => {
    expect(canonicalJson(new RunArgs(['SPY'], '2026-01-16'))).toBe('{"asOf":"2026-01-16","symbols":["SPY"]}');
  });

  it('uses toJSON where an object defines it (URL, paths, decimals)', () => {
    expect(canonicalJson({ url: new URL('http://127.0.0.1:7410/api') })).toBe('{"url":"http://127.0.0.1:7410/api"}');
  });

  it('converts bigint to a number when safe, else to a string', () => {
    expect(canonicalJson({ n: BigInt(42) })).toBe('{"n":42}');
    expect(canonicalJson({ n: BigInt('9007199254740993') })).toBe('{"n":"9007199254740993"}');
  });

  it('writes non-finite numbers as null and drops undefined properties', () => {
    expect(canonicalJson({ a: Number.NaN, b: Infinity, c: -Infinity, d: undefined, e: [undefined, 1] })).toBe(
      '{"a":null,"b":null,"c":null,"e":[null,1]}',
    );
    expect(canonicalJson(Number.NaN)).toBe('null');
  });

  it('writes functions, symbols, regexes and errors as their string form', () => {
    expect(canonicalJson({ s: Symbol('x'), r: /a+/g, e: new RangeError('bad') })).toBe(
      '{"e":"RangeError: bad","r":"/a+/g","s":"Symbol(x)"}',
    );
    const fn = function named(): number {
      return 1;
    };
    expect(JSON.parse(canonicalJson({ fn }) ?? 'null')).toEqual({ fn: String(fn) });
  });

  it('is stable: equal values in any key order give equal text', () => {
    const a = { symbols: ['SPY', 'QQQ'], window: 1, opts: { top: 10, group_by: 'contract' } };
    const b = { opts: { group_by: 'contract', top: 10 }, window: 1, symbols: ['SPY', 'QQQ'] };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(JSON.parse(canonicalJson(a) ?? 'null'))).toBe(canonicalJson(a)); // idempotent
  });

  it('allows shared references but rejects cycles', () => {
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: shared })).toBe('{"a":{"x":1},"b":{"x":1}}');
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow(/circular/);
  });

  it('keeps a "__proto__" key as data', () => {
    expect(canonicalJson(JSON.parse('{"__proto__":{"x":1},"a":1}'))).toBe('{"__proto__":{"x":1},"a":1}');
  });
});
