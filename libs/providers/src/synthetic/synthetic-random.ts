const TWO_PI = 2 * Math.PI;
const UINT32_RANGE = 4_294_967_296;

/**
 * A deterministic random stream: xoshiro128** seeded with the 128-bit MurmurHash3 (x86_128, seed 0) of the key's
 * UTF-16LE bytes.
 *
 * Every draw of the simulator comes from a stream keyed `{seed}|{symbol}|{stream}|{date or contract}` (DOMAIN.md
 * §3.8), so a value never depends on what else was generated before it, in which order, or for which date range.
 * Hashing the key (rather than mixing a counter into one global generator) is what makes a chain for 2026-11-20
 * identical whether or not 2026-11-19 was asked for first.
 *
 * Why MurmurHash3 and not SHA-256: a full SPY chain opens ~4,000 streams, and `node:crypto` SHA-256 cost ~4 µs plus
 * garbage per key (more than all the pricing); MurmurHash3 has full avalanche, allocates nothing and costs ~0.3 µs.
 * Nothing here needs a cryptographic hash.
 */
export class SeededRandom {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spareNormal: number | null = null;

  constructor(key: string) {
    murmur3Into(key, HASH);
    this.s0 = HASH[0] as number;
    this.s1 = HASH[1] as number;
    this.s2 = HASH[2] as number;
    this.s3 = HASH[3] as number;
    // The all-zero state is xoshiro's only fixed point.
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** The next 32-bit unsigned integer (xoshiro128**, Blackman & Vigna 2018). */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform on the open interval (0, 1): never exactly 0, so `log(u)` is always finite. */
  uniform(): number {
    return (this.nextUint32() + 0.5) / UINT32_RANGE;
  }

  /** Standard normal by Box–Muller; the second value of each pair is kept for the next call. */
  normal(): number {
    if (this.spareNormal !== null) {
      const z = this.spareNormal;
      this.spareNormal = null;
      return z;
    }
    const r = Math.sqrt(-2 * Math.log(this.uniform()));
    const angle = TWO_PI * this.uniform();
    this.spareNormal = r * Math.sin(angle);
    return r * Math.cos(angle);
  }
}

/** Scratch output of the hash: streams are opened thousands of times per chain, so the seed allocates nothing. */
const HASH = new Uint32Array(4);
const C1 = 0x239b961b;
const C2 = 0xab0e9789;
const C3 = 0x38b34ae5;
const C4 = 0xa1e38b93;

/**
 * MurmurHash3_x86_128 (A. Appleby, public domain) with seed 0, over the UTF-16LE bytes of `key`, read straight from
 * the string: each 32-bit little-endian word is two UTF-16 code units. Returns four unsigned 32-bit words.
 */
export function murmur3x86x128(key: string): [number, number, number, number] {
  const out = new Uint32Array(4);
  murmur3Into(key, out);
  return [out[0] as number, out[1] as number, out[2] as number, out[3] as number];
}

function murmur3Into(key: string, out: Uint32Array): void {
  const units = key.length;
  const byteLength = units * 2;
  const blockUnits = units & ~7; // 16-byte blocks = 8 code units
  let h1 = 0;
  let h2 = 0;
  let h3 = 0;
  let h4 = 0;
  for (let i = 0; i < blockUnits; i += 8) {
    h1 ^= mixK(word(key, i), C1, 15, C2);
    h1 = (Math.imul(rotl(h1, 19) + h2, 5) + 0x561ccd1b) | 0;
    h2 ^= mixK(word(key, i + 2), C2, 16, C3);
    h2 = (Math.imul(rotl(h2, 17) + h3, 5) + 0x0bcaa747) | 0;
    h3 ^= mixK(word(key, i + 4), C3, 17, C4);
    h3 = (Math.imul(rotl(h3, 15) + h4, 5) + 0x96cd1c35) | 0;
    h4 ^= mixK(word(key, i + 6), C4, 18, C1);
    h4 = (Math.imul(rotl(h4, 13) + h1, 5) + 0x32ac3b17) | 0;
  }
  const tailBytes = byteLength - blockUnits * 2;
  if (tailBytes > 12) h4 ^= mixK(word(key, blockUnits + 6), C4, 18, C1);
  if (tailBytes > 8) h3 ^= mixK(word(key, blockUnits + 4), C3, 17, C4);
  if (tailBytes > 4) h2 ^= mixK(word(key, blockUnits + 2), C2, 16, C3);
  if (tailBytes > 0) h1 ^= mixK(word(key, blockUnits), C1, 15, C2);

  h1 ^= byteLength;
  h2 ^= byteLength;
  h3 ^= byteLength;
  h4 ^= byteLength;
  h1 = (h1 + h2 + h3 + h4) | 0;
  h2 = (h2 + h1) | 0;
  h3 = (h3 + h1) | 0;
  h4 = (h4 + h1) | 0;
  h1 = fmix32(h1);
  h2 = fmix32(h2);
  h3 = fmix32(h3);
  h4 = fmix32(h4);
  h1 = (h1 + h2 + h3 + h4) | 0;
  h2 = (h2 + h1) | 0;
  h3 = (h3 + h1) | 0;
  h4 = (h4 + h1) | 0;
  out[0] = h1;
  out[1] = h2;
  out[2] = h3;
  out[3] = h4;
}

/** The little-endian 32-bit word of code units `unit` and `unit + 1`; code units past the end are the zero padding. */
function word(s: string, unit: number): number {
  const lo = unit < s.length ? s.charCodeAt(unit) : 0;
  const hi = unit + 1 < s.length ? s.charCodeAt(unit + 1) : 0;
  return lo | (hi << 16);
}

function mixK(k: number, a: number, r: number, b: number): number {
  return Math.imul(rotl(Math.imul(k, a), r), b);
}

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
