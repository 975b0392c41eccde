import { typeInfo, typeOid, type PgType } from './pg-types';
import { PgDate, PgInterval, PgNumeric, PgTime, PgTimestamp, type PgValue } from './pg-values';

// Postgres counts dates and timestamps from 2000-01-01.
const PG_EPOCH_DAYS = 10_957;
const PG_EPOCH_MICROS = 946_684_800_000_000n;
const INT64_MAX = 9_223_372_036_854_775_807n;
const INT64_MIN = -9_223_372_036_854_775_808n;
const NUMERIC_NEG = 0x4000;
const NUMERIC_NAN = 0xc000;
const NUMERIC_PINF = 0xd000;
const NUMERIC_NINF = 0xf000;

function int16(n: number): Buffer {
  const b = Buffer.allocUnsafe(2);
  b.writeInt16BE(n);
  return b;
}
function int32(n: number): Buffer {
  const b = Buffer.allocUnsafe(4);
  b.writeInt32BE(n);
  return b;
}
function int64(n: bigint): Buffer {
  const b = Buffer.allocUnsafe(8);
  b.writeBigInt64BE(n);
  return b;
}

/** numeric's binary form: base-10000 digits with weight, sign and display scale. */
export function encodeNumeric(text: string): Buffer {
  const t = text.trim();
  const lower = t.toLowerCase();
  const special = lower === 'nan' ? NUMERIC_NAN : lower === 'infinity' ? NUMERIC_PINF : lower === '-infinity' ? NUMERIC_NINF : null;
  if (special !== null) return Buffer.concat([int16(0), int16(0), Buffer.from([special >> 8, 0]), int16(0)]);
  const m = /^([+-])?(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i.exec(t);
  if (!m) throw new RangeError(`invalid input syntax for type numeric: "${text}"`);
  let intPart = m[2] || '0';
  let fracPart = m[3] ?? '';
  const exp = Number(m[4] ?? 0);
  if (exp > 0) {
    fracPart = fracPart.padEnd(exp, '0');
    intPart += fracPart.slice(0, exp);
    fracPart = fracPart.slice(exp);
  } else if (exp < 0) {
    intPart = intPart.padStart(-exp + 1, '0');
    fracPart = intPart.slice(intPart.length + exp) + fracPart;
    intPart = intPart.slice(0, intPart.length + exp);
  }
  const dscale = fracPart.length;
  intPart = intPart.replace(/^0+/, '');
  const intPadded = intPart.padStart(Math.ceil(intPart.length / 4) * 4, '0');
  const fracPadded = fracPart.padEnd(Math.ceil(fracPart.length / 4) * 4, '0');
  const digits: number[] = [];
  for (let i = 0; i < intPadded.length; i += 4) digits.push(Number(intPadded.slice(i, i + 4)));
  let weight = digits.length - 1;
  for (let i = 0; i < fracPadded.length; i += 4) digits.push(Number(fracPadded.slice(i, i + 4)));
  while (digits.length > 0 && digits[0] === 0) {
    digits.shift();
    weight -= 1;
  }
  while (digits.length > 0 && digits[digits.length - 1] === 0) digits.pop();
  if (digits.length === 0) weight = 0;
  const sign = m[1] === '-' && digits.length > 0 ? NUMERIC_NEG : 0;
  const out = Buffer.allocUnsafe(8 + digits.length * 2);
  out.writeInt16BE(digits.length, 0);
  out.writeInt16BE(weight, 2);
  out.writeUInt16BE(sign, 4);
  out.writeInt16BE(dscale, 6);
  digits.forEach((d, i) => out.writeInt16BE(d, 8 + i * 2));
  return out;
}

export function decodeNumeric(buf: Buffer): string {
  const ndigits = buf.readInt16BE(0);
  const weight = buf.readInt16BE(2);
  const sign = buf.readUInt16BE(4);
  const dscale = buf.readInt16BE(6);
  if (sign === NUMERIC_NAN) return 'NaN';
  if (sign === NUMERIC_PINF) return 'Infinity';
  if (sign === NUMERIC_NINF) return '-Infinity';
  const digits: number[] = [];
  for (let i = 0; i < ndigits; i++) digits.push(buf.readInt16BE(8 + i * 2));
  let intText = '';
  for (let w = 0; w <= weight; w++) intText += String(digits[w] ?? 0).padStart(4, '0');
  intText = intText.replace(/^0+/, '') || '0';
  let fracText = '';
  for (let k = weight + 1; fracText.length < dscale; k++) {
    fracText += String(k < 0 ? 0 : (digits[k] ?? 0)).padStart(4, '0');
  }
  fracText = fracText.slice(0, dscale);
  const text = dscale > 0 ? `${intText}.${fracText}` : intText;
  return sign === NUMERIC_NEG ? `-${text}` : text;
}

function uuidBytes(text: string): Buffer {
  const hex = text.replace(/[-{}]/g, '');
  if (!/^[0-9a-f]{32}$/i.test(hex)) throw new RangeError(`invalid input syntax for type uuid: "${text}"`);
  return Buffer.from(hex, 'hex');
}

function timestampMicros(value: PgTimestamp): bigint {
  if (value.infinite === 1) return INT64_MAX;
  if (value.infinite === -1) return INT64_MIN;
  return value.micros - PG_EPOCH_MICROS;
}

function encodeArray(values: PgValue[], type: PgType): Buffer {
  const element: PgType = { base: type.base, array: false };
  const hasNull = values.some((v) => v === null);
  const parts: Buffer[] = [int32(1), int32(hasNull ? 1 : 0), int32(typeOid(element)), int32(values.length), int32(1)];
  for (const v of values) {
    if (v === null) parts.push(int32(-1));
    else {
      const body = encodeBinary(v, element);
      parts.push(int32(body.length), body);
    }
  }
  return Buffer.concat(parts);
}

/** The binary format of a value of `type` (Postgres' send function). */
export function encodeBinary(value: Exclude<PgValue, null>, type: PgType): Buffer {
  if (type.array) return encodeArray(Array.isArray(value) ? value : [value], type);
  switch (type.base) {
    case 'bool':
      return Buffer.from([value ? 1 : 0]);
    case 'int2':
      return int16(Number(value));
    case 'int4':
    case 'oid':
    case 'regproc':
      return int32(Number(value));
    case 'int8':
      return int64(BigInt(typeof value === 'number' || typeof value === 'bigint' ? value : String(value)));
    case 'float4': {
      const b = Buffer.allocUnsafe(4);
      b.writeFloatBE(Number(value));
      return b;
    }
    case 'float8': {
      const b = Buffer.allocUnsafe(8);
      b.writeDoubleBE(Number(value));
      return b;
    }
    case 'numeric':
      return encodeNumeric(value instanceof PgNumeric ? value.text : String(value));
    case 'bytea':
      return value instanceof Uint8Array ? Buffer.from(value.buffer, value.byteOffset, value.byteLength) : Buffer.from(String(value));
    case 'date': {
      const days = value instanceof PgDate ? value.days : NaN;
      if (days === Infinity) return int32(0x7fffffff);
      if (days === -Infinity) return int32(-0x80000000);
      return int32(days - PG_EPOCH_DAYS);
    }
    case 'time':
      return int64(value instanceof PgTime ? value.micros : 0n);
    case 'timestamp':
    case 'timestamptz':
      return int64(value instanceof PgTimestamp ? timestampMicros(value) : 0n);
    case 'interval': {
      const iv = value instanceof PgInterval ? value : new PgInterval(0, 0, 0n);
      return Buffer.concat([int64(iv.micros), int32(iv.days), int32(iv.months)]);
    }
    case 'uuid':
      return uuidBytes(String(value));
    case 'jsonb':
      return Buffer.concat([Buffer.from([1]), Buffer.from(String(value))]);
    case 'char':
      return Buffer.from(String(value).slice(0, 1));
    default:
      return Buffer.from(typeof value === 'string' ? value : String(value));
  }
}

function decodeArray(buf: Buffer): PgValue[] {
  const ndim = buf.readInt32BE(0);
  const elementOid = buf.readInt32BE(8);
  if (ndim === 0) return [];
  if (ndim !== 1) throw new RangeError('only one-dimensional arrays are supported');
  const length = buf.readInt32BE(12);
  const element = scalarOf(elementOid);
  const out: PgValue[] = [];
  let offset = 20;
  for (let i = 0; i < length; i++) {
    const len = buf.readInt32BE(offset);
    offset += 4;
    if (len < 0) out.push(null);
    else {
      out.push(decodeBinary(buf.subarray(offset, offset + len), element));
      offset += len;
    }
  }
  return out;
}

function scalarOf(oid: number): PgType | null {
  for (const name of ['bool', 'int2', 'int4', 'int8', 'float4', 'float8', 'numeric', 'text', 'varchar', 'bytea', 'date', 'time', 'timestamp', 'timestamptz', 'interval', 'uuid', 'json', 'jsonb'] as const) {
    if (typeInfo(name).oid === oid) return { base: name, array: false };
  }
  return null;
}

/** A parameter sent in binary format; `type` is what the client declared (binary needs a known type). */
export function decodeBinary(buf: Buffer, type: PgType | null): PgValue {
  if (!type) throw new RangeError('a binary parameter needs a declared type');
  if (type.array) return decodeArray(buf);
  switch (type.base) {
    case 'bool':
      return buf[0] !== 0;
    case 'int2':
      return buf.readInt16BE(0);
    case 'int4':
    case 'oid':
    case 'regproc':
      return buf.readInt32BE(0);
    case 'int8':
      return buf.readBigInt64BE(0);
    case 'float4':
      return buf.readFloatBE(0);
    case 'float8':
      return buf.readDoubleBE(0);
    case 'numeric':
      return new PgNumeric(decodeNumeric(buf));
    case 'bytea':
      return new Uint8Array(buf);
    case 'date': {
      const d = buf.readInt32BE(0);
      return new PgDate(d === 0x7fffffff ? Infinity : d === -0x80000000 ? -Infinity : d + PG_EPOCH_DAYS);
    }
    case 'time':
      return new PgTime(buf.readBigInt64BE(0));
    case 'timestamp':
    case 'timestamptz': {
      const us = buf.readBigInt64BE(0);
      if (us === INT64_MAX) return new PgTimestamp(0n, 1);
      if (us === INT64_MIN) return new PgTimestamp(0n, -1);
      return new PgTimestamp(us + PG_EPOCH_MICROS);
    }
    case 'interval':
      return new PgInterval(buf.readInt32BE(12), buf.readInt32BE(8), buf.readBigInt64BE(0));
    case 'uuid': {
      const h = buf.toString('hex');
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
    }
    case 'jsonb':
      return buf.subarray(1).toString('utf8');
    default:
      return buf.toString('utf8');
  }
}
