import type { PgType } from './pg-types';
import { PgDate, PgInterval, PgNumeric, PgTime, PgTimestamp, type PgValue } from './pg-values';

const MICROS_PER_DAY = 86_400_000_000n;

function pad(n: number | bigint, width: number): string {
  return String(n).padStart(width, '0');
}

/** 'YYYY-MM-DD' (with ' BC' before year 1), from days since 1970-01-01. */
export function formatDate(days: number): string {
  if (days === Infinity) return 'infinity';
  if (days === -Infinity) return '-infinity';
  const d = new Date(days * 86_400_000);
  const year = d.getUTCFullYear();
  const body = `${pad(year > 0 ? year : 1 - year, 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
  return year > 0 ? body : `${body} BC`;
}

/** 'HH:MM:SS[.ffffff]' with trailing zeros of the fraction dropped, as Postgres prints it. */
export function formatTime(micros: bigint): string {
  const totalSeconds = micros / 1_000_000n;
  const frac = micros % 1_000_000n;
  const h = totalSeconds / 3600n;
  const m = (totalSeconds / 60n) % 60n;
  const s = totalSeconds % 60n;
  const base = `${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}`;
  return frac === 0n ? base : `${base}.${pad(frac, 6).replace(/0+$/, '')}`;
}

const dateCache = new Map<number, string>();

function cachedDate(days: number): string {
  let text = dateCache.get(days);
  if (text === undefined) {
    text = formatDate(days);
    if (dateCache.size >= 100_000) dateCache.clear();
    dateCache.set(days, text);
  }
  return text;
}

// Years 1–9999, where Date's ISO form is plain YYYY-MM-DD (the fast path for ordinary data).
const FAST_MIN = -62_135_596_800_000_000n;
const FAST_MAX = 253_402_300_799_999_999n;

export function formatTimestamp(value: PgTimestamp, withZone: boolean): string {
  if (value.infinite === 1) return 'infinity';
  if (value.infinite === -1) return '-infinity';
  const us = value.micros;
  const n = Number(us);
  if (Number.isSafeInteger(n)) {
    // Number arithmetic (years 1685–2255) with the date part cached: the hot path of a big scan.
    const days = Math.floor(n / 86_400_000_000);
    let rest = n - days * 86_400_000_000;
    const frac = rest % 1_000_000;
    rest = (rest - frac) / 1_000_000;
    const s = rest % 60;
    const m = ((rest - s) / 60) % 60;
    const h = (rest - s - m * 60) / 3600;
    let text = `${cachedDate(days)} ${h < 10 ? '0' : ''}${h}:${m < 10 ? '0' : ''}${m}:${s < 10 ? '0' : ''}${s}`;
    if (frac !== 0) text += `.${String(frac).padStart(6, '0').replace(/0+$/, '')}`;
    return withZone ? `${text}+00` : text;
  }
  if (us >= FAST_MIN && us <= FAST_MAX) {
    const ms = us >= 0n ? us / 1000n : (us - 999n) / 1000n;
    const frac = Number(us - ms * 1000n) + (Number(ms % 1000n) + 1000) % 1000 * 1000;
    const iso = new Date(Number(ms)).toISOString();
    const base = `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
    const text = frac === 0 ? base : `${base}.${String(frac).padStart(6, '0').replace(/0+$/, '')}`;
    return withZone ? `${text}+00` : text;
  }
  let days = value.micros / MICROS_PER_DAY;
  let rest = value.micros % MICROS_PER_DAY;
  if (rest < 0n) {
    days -= 1n;
    rest += MICROS_PER_DAY;
  }
  const date = formatDate(Number(days));
  const bc = date.endsWith(' BC');
  const text = `${bc ? date.slice(0, -3) : date} ${formatTime(rest)}${withZone ? '+00' : ''}`;
  return bc ? `${text} BC` : text;
}

/** Postgres' default IntervalStyle (postgres): '1 year 2 mons 3 days 04:05:06.5'. */
export function formatInterval(value: PgInterval): string {
  const parts: string[] = [];
  const years = Math.trunc(value.months / 12);
  const months = value.months % 12;
  const unit = (n: number, one: string, many: string) => parts.push(`${n} ${n === 1 ? one : many}`);
  if (years !== 0) unit(years, 'year', 'years');
  if (months !== 0) unit(months, 'mon', 'mons');
  if (value.days !== 0) unit(value.days, 'day', 'days');
  if (value.micros !== 0n || parts.length === 0) {
    const negative = value.micros < 0n;
    const time = formatTime(negative ? -value.micros : value.micros);
    parts.push(`${negative ? '-' : ''}${time}`);
  }
  return parts.join(' ');
}

// Shortest round-trip text of a double costs ~0.4 µs (profiled: the gateway's first cost on a scan with a price column);
// market data repeats its values (prices on a tick grid), so recent conversions are kept, a bounded number of them.
const floatTexts = new Map<number, string>();
const FLOAT_CACHE_SIZE = 4096;

function formatFloat(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value);
  let text = floatTexts.get(value);
  if (text === undefined) {
    text = String(value);
    if (floatTexts.size >= FLOAT_CACHE_SIZE) floatTexts.clear();
    floatTexts.set(value, text);
  }
  return text;
}

function quoteArrayElement(text: string): string {
  if (text === '' || /[{}",\\\s]/.test(text) || text.toUpperCase() === 'NULL') {
    return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  }
  return text;
}

/** The text format of a value of `type` (Postgres' output function). */
export function encodeText(value: Exclude<PgValue, null>, type: PgType): string {
  if (Array.isArray(value)) {
    const element: PgType = { base: type.base, array: false };
    const items = value.map((v) => (v === null ? 'NULL' : quoteArrayElement(encodeText(v, element))));
    return `{${items.join(',')}}`;
  }
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') {
    if (type.base === 'float4' || type.base === 'float8' || type.base === 'numeric') return formatFloat(value);
    return Number.isInteger(value) ? String(value) : formatFloat(value);
  }
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Uint8Array) return `\\x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}`;
  if (value instanceof PgNumeric) return value.text;
  if (value instanceof PgDate) return formatDate(value.days);
  if (value instanceof PgTimestamp) return formatTimestamp(value, type.base === 'timestamptz');
  if (value instanceof PgTime) return formatTime(value.micros);
  if (value instanceof PgInterval) return formatInterval(value);
  return String(value);
}

function parseBool(text: string): boolean {
  const t = text.trim().toLowerCase();
  if (['t', 'true', 'yes', 'y', 'on', '1'].includes(t)) return true;
  if (['f', 'false', 'no', 'n', 'off', '0'].includes(t)) return false;
  throw new RangeError(`invalid input syntax for type boolean: "${text}"`);
}

function parseInteger(text: string, type: string): number {
  const t = text.trim();
  if (!/^[+-]?\d+$/.test(t)) throw new RangeError(`invalid input syntax for type ${type}: "${text}"`);
  return Number(t);
}

/**
 * A parameter sent in text format. Numbers and booleans are decoded so the database binds them
 * with their type; everything else stays text and the database casts it to the parameter's type.
 */
export function decodeText(text: string, type: PgType | null): PgValue {
  if (!type) return text;
  if (type.array) {
    const element: PgType = { base: type.base, array: false };
    return parseArrayLiteral(text).map((item) => (item === null ? null : decodeText(item, element)));
  }
  switch (type.base) {
    case 'bool':
      return parseBool(text);
    case 'int2':
    case 'int4':
    case 'oid':
      return parseInteger(text, type.base);
    case 'int8': {
      const t = text.trim();
      if (!/^[+-]?\d+$/.test(t)) throw new RangeError(`invalid input syntax for type bigint: "${text}"`);
      return BigInt(t);
    }
    case 'float4':
    case 'float8': {
      const t = text.trim();
      const special: Record<string, number> = { nan: NaN, infinity: Infinity, '-infinity': -Infinity, inf: Infinity, '-inf': -Infinity };
      const lower = t.toLowerCase();
      if (lower in special) return special[lower];
      const n = Number(t);
      if (t === '' || Number.isNaN(n)) throw new RangeError(`invalid input syntax for type double precision: "${text}"`);
      return n;
    }
    case 'bytea':
      return text.startsWith('\\x') ? new Uint8Array(Buffer.from(text.slice(2), 'hex')) : new Uint8Array(Buffer.from(text, 'latin1'));
    default:
      return text;
  }
}

/** The elements of a one-dimensional array literal ('{1,NULL,"a b"}'), as text (null for NULL). */
export function parseArrayLiteral(text: string): (string | null)[] {
  const t = text.trim().replace(/^\[[^\]]*\]=/, '');
  if (!t.startsWith('{') || !t.endsWith('}')) throw new RangeError(`malformed array literal: "${text}"`);
  const body = t.slice(1, -1);
  const out: (string | null)[] = [];
  if (body.trim() === '') return out;
  let i = 0;
  while (i <= body.length) {
    while (body[i] === ' ') i++;
    if (body[i] === '"') {
      let value = '';
      i++;
      while (i < body.length && body[i] !== '"') {
        if (body[i] === '\\') i++;
        value += body[i++];
      }
      i++;
      out.push(value);
    } else {
      let j = i;
      while (j < body.length && body[j] !== ',') j++;
      const raw = body.slice(i, j).trim();
      if (raw.startsWith('{')) throw new RangeError('only one-dimensional arrays are supported');
      out.push(raw.toUpperCase() === 'NULL' ? null : raw);
      i = j;
    }
    while (body[i] === ' ') i++;
    if (i >= body.length) break;
    if (body[i] !== ',') throw new RangeError(`malformed array literal: "${text}"`);
    i++;
  }
  return out;
}
