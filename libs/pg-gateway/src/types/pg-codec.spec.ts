import { decodeBinary, decodeNumeric, encodeBinary, encodeNumeric } from './pg-binary';
import { decodeText, encodeText, formatInterval, parseArrayLiteral } from './pg-text';
import { pgType, typeFromOid, typeOid } from './pg-types';
import { PgDate, PgInterval, PgNumeric, PgTime, PgTimestamp } from './pg-values';

const t = (name: Parameters<typeof pgType>[0], array = false) => pgType(name, array);

describe('type OIDs', () => {
  it('uses Postgres OIDs for scalars and their arrays', () => {
    expect([typeOid(t('bool')), typeOid(t('int8')), typeOid(t('text')), typeOid(t('timestamptz')), typeOid(t('numeric')), typeOid(t('uuid'))]).toEqual([16, 20, 25, 1184, 1700, 2950]);
    expect([typeOid(t('int4', true)), typeOid(t('text', true)), typeOid(t('float8', true))]).toEqual([1007, 1009, 1022]);
    expect(typeFromOid(1016)).toEqual(t('int8', true));
    expect(typeFromOid(0)).toBeNull();
  });
});

describe('text format', () => {
  it('prints values the way Postgres does', () => {
    expect(encodeText(true, t('bool'))).toBe('t');
    expect(encodeText(NaN, t('float8'))).toBe('NaN');
    expect(encodeText(-Infinity, t('float4'))).toBe('-Infinity');
    expect(encodeText(new Uint8Array([0, 15, 255]), t('bytea'))).toBe('\\x000fff');
    // 19_782 days after 1970-01-01 is 2024-02-29
    expect(encodeText(new PgDate(19_782), t('date'))).toBe('2024-02-29');
    expect(encodeText(new PgDate(Infinity), t('date'))).toBe('infinity');
    // 1 µs before the epoch
    expect(encodeText(new PgTimestamp(-1n), t('timestamp'))).toBe('1969-12-31 23:59:59.999999');
    expect(encodeText(new PgTimestamp(1_709_214_330_500_000n), t('timestamptz'))).toBe('2024-02-29 13:45:30.5+00');
    expect(encodeText(new PgTime(45_930_250_000n), t('time'))).toBe('12:45:30.25');
    expect(encodeText(new PgNumeric('-12.50'), t('numeric'))).toBe('-12.50');
    expect(encodeText([1, null, 3], t('int4', true))).toBe('{1,NULL,3}');
    expect(encodeText(['a b', 'c,"d"', '', 'NULL'], t('text', true))).toBe('{"a b","c,\\"d\\"","","NULL"}');
  });

  it('prints intervals in the postgres IntervalStyle', () => {
    // 14 months = 1 year 2 mons; 14,706,500,000 µs = 4 h 5 min 6.5 s
    expect(formatInterval(new PgInterval(14, 3, 14_706_500_000n))).toBe('1 year 2 mons 3 days 04:05:06.5');
    expect(formatInterval(new PgInterval(0, -1, -3_600_000_000n))).toBe('-1 days -01:00:00');
    expect(formatInterval(new PgInterval(0, 0, 0n))).toBe('00:00:00');
  });

  it('decodes text parameters of number, bool and array types', () => {
    expect(decodeText(' 42 ', t('int4'))).toBe(42);
    expect(decodeText('9007199254740993', t('int8'))).toBe(9_007_199_254_740_993n);
    expect(decodeText('on', t('bool'))).toBe(true);
    expect(decodeText('-Infinity', t('float8'))).toBe(-Infinity);
    expect(decodeText('2024-01-01', t('date'))).toBe('2024-01-01');
    expect(decodeText('{1,NULL,"3"}', t('int4', true))).toEqual([1, null, 3]);
    expect(() => decodeText('4x', t('int4'))).toThrow('invalid input syntax for type int4');
    expect(parseArrayLiteral('{"a\\"b",c , NULL,""}')).toEqual(['a"b', 'c', null, '']);
    expect(() => parseArrayLiteral('{{1},{2}}')).toThrow('one-dimensional');
  });
});

describe('binary format', () => {
  it('encodes numeric as base-10000 digits with weight, sign and scale', () => {
    // 12345.6789 → digits [1, 2345, 6789], weight 1, positive, dscale 4
    expect(encodeNumeric('12345.6789').toString('hex')).toBe('0003' + '0001' + '0000' + '0004' + '0001' + '0929' + '1a85');
    // -0.0001 → one digit 1 at weight -1, negative, dscale 4
    expect(encodeNumeric('-0.0001').toString('hex')).toBe('0001' + 'ffff' + '4000' + '0004' + '0001');
    // 1e6 → digit 100 at weight 1, dscale 0
    expect(encodeNumeric('1000000').toString('hex')).toBe('0001' + '0001' + '0000' + '0000' + '0064');
    expect(encodeNumeric('0').toString('hex')).toBe('0000000000000000');
    expect(encodeNumeric('NaN').toString('hex')).toBe('00000000c0000000');
    for (const n of ['12345.6789', '-0.0001', '1000000', '0', '0.50', '-98765432109876543210.123']) expect(decodeNumeric(encodeNumeric(n))).toBe(n);
  });

  it('counts dates and timestamps from 2000-01-01', () => {
    expect(encodeBinary(new PgDate(10_957), t('date')).toString('hex')).toBe('00000000');
    expect(encodeBinary(new PgDate(10_956), t('date')).readInt32BE(0)).toBe(-1);
    expect(encodeBinary(new PgTimestamp(946_684_800_000_001n), t('timestamptz')).readBigInt64BE(0)).toBe(1n);
    expect(encodeBinary(new PgTimestamp(0n, 1), t('timestamp')).toString('hex')).toBe('7fffffffffffffff');
  });

  it('round-trips every listed type', () => {
    const cases: Array<[unknown, ReturnType<typeof t>]> = [
      [true, t('bool')],
      [-2, t('int2')],
      [2_147_483_647, t('int4')],
      [-9_007_199_254_740_993n, t('int8')],
      [1.5, t('float4')],
      [-0.1, t('float8')],
      [new PgNumeric('-12.50'), t('numeric')],
      ['héllo', t('text')],
      [new Uint8Array([0, 255]), t('bytea')],
      [new PgDate(19_782), t('date')],
      [new PgTime(45_930_250_000n), t('time')],
      [new PgTimestamp(1_709_214_330_123_456n), t('timestamp')],
      [new PgTimestamp(-1n), t('timestamptz')],
      [new PgInterval(14, 3, 14_706_500_000n), t('interval')],
      ['a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', t('uuid')],
      ['{"a":1}', t('json')],
      ['{"a":1}', t('jsonb')],
      [[1, null, 3], t('int4', true)],
      [['x', null], t('text', true)],
    ];
    for (const [value, type] of cases) {
      expect([type, decodeBinary(encodeBinary(value as never, type), type)]).toEqual([type, value]);
    }
  });
});
