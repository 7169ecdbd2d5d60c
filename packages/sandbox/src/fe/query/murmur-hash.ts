// MurmurHash3 as Doris's BE computes it (be/src/util/murmur_hash3.cpp): the x86 32-bit hash, Doris's own
// 64-bit variant (x64 constants over 8-byte blocks, one lane: murmur_hash3_64), and the first half of the
// x64 128-bit hash (murmur_hash3_64_v2, the value other libraries call mmh3.hash64). Bytes are read
// little-endian, as on the x86/ARM machines Doris runs on. 64-bit arithmetic is BigInt masked to 64 bits.

const MASK64 = (1n << 64n) - 1n;
const C1 = 0x87c37b91114253d5n;
const C2 = 0x4cf5ad432745937fn;

function rotl64(x: bigint, r: bigint): bigint {
  return ((x << r) | (x >> (64n - r))) & MASK64;
}

function mul64(a: bigint, b: bigint): bigint {
  return (a * b) & MASK64;
}

function fmix64(k: bigint): bigint {
  let h = k;
  h ^= h >> 33n;
  h = mul64(h, 0xff51afd7ed558ccdn);
  h ^= h >> 33n;
  h = mul64(h, 0xc4ceb9fe1a85ec53n);
  h ^= h >> 33n;
  return h;
}

/** Little-endian value of bytes [from, to) (at most 8). */
function tailWord(bytes: Uint8Array, from: number, to: number): bigint {
  let k = 0n;
  for (let i = to - 1; i >= from; i--) k = (k << 8n) | BigInt(bytes[i]!);
  return k;
}

function mixK1(k: bigint): bigint {
  return mul64(rotl64(mul64(k, C1), 31n), C2);
}

function mixK2(k: bigint): bigint {
  return mul64(rotl64(mul64(k, C2), 33n), C1);
}

/** Doris's murmur_hash3_x64_64: unsigned 64-bit result. */
export function murmur3x64_64(bytes: Uint8Array, seed: bigint): bigint {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const blocks = Math.floor(bytes.length / 8);
  let h = seed & MASK64;
  for (let i = 0; i < blocks; i++) {
    h ^= mixK1(view.getBigUint64(i * 8, true));
    h = (mul64(rotl64(h, 27n), 5n) + 0x52dce729n) & MASK64;
  }
  if (bytes.length % 8 !== 0) h ^= mixK1(tailWord(bytes, blocks * 8, bytes.length));
  return fmix64(h ^ BigInt(bytes.length));
}

/** The first 64 bits of MurmurHash3_x64_128: unsigned 64-bit result. */
export function murmur3x64_128First(bytes: Uint8Array, seed: bigint): bigint {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const blocks = Math.floor(bytes.length / 16);
  let h1 = seed & MASK64;
  let h2 = seed & MASK64;
  for (let i = 0; i < blocks; i++) {
    h1 ^= mixK1(view.getBigUint64(i * 16, true));
    h1 = (mul64((rotl64(h1, 27n) + h2) & MASK64, 5n) + 0x52dce729n) & MASK64;
    h2 ^= mixK2(view.getBigUint64(i * 16 + 8, true));
    h2 = (mul64((rotl64(h2, 31n) + h1) & MASK64, 5n) + 0x38495ab5n) & MASK64;
  }
  const tail = blocks * 16;
  const rest = bytes.length - tail;
  if (rest > 8) h2 ^= mixK2(tailWord(bytes, tail + 8, bytes.length));
  if (rest > 0) h1 ^= mixK1(tailWord(bytes, tail, tail + Math.min(rest, 8)));
  const length = BigInt(bytes.length);
  h1 ^= length;
  h2 ^= length;
  h1 = (h1 + h2) & MASK64;
  h2 = (h2 + h1) & MASK64;
  h1 = fmix64(h1);
  h2 = fmix64(h2);
  return (h1 + h2) & MASK64;
}

/** MurmurHash3_x86_32: unsigned 32-bit result. */
export function murmur3x86_32(bytes: Uint8Array, seed: number): number {
  const c1 = 0xcc9e2d51;
  const c2 = 0x1b873593;
  const mix = (k: number) => Math.imul(rotl32(Math.imul(k, c1), 15), c2);
  const blocks = bytes.length >> 2;
  let h = seed | 0;
  for (let i = 0; i < blocks; i++) {
    const at = i * 4;
    const k = bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24);
    h ^= mix(k);
    h = (Math.imul(rotl32(h, 13), 5) + 0xe6546b64) | 0;
  }
  let k = 0;
  for (let i = bytes.length - 1; i >= blocks * 4; i--) k = (k << 8) | bytes[i]!;
  if ((bytes.length & 3) !== 0) h ^= mix(k);
  h ^= bytes.length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function rotl32(x: number, r: number): number {
  return (x << r) | (x >>> (32 - r));
}
