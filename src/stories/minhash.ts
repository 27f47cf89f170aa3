// MinHash signatures over token shingles, in exact 32-bit integer arithmetic.
//
// Each permutation is a universal hash h(x) = (a·x + b) mod 2^32 with odd a (Math.imul keeps it
// exact), applied to a shingle hash that was first avalanched (murmur3's fmix32), so the linear
// family sees well-spread inputs. Where WebAssembly SIMD is there (Node has it), the minima are
// taken by minhash-simd.ts, with the same arithmetic.

import { simdFits, simdMinhash } from './minhash-simd.js';

/** Coefficients of `count` permutations from a fixed seed (splitmix32). */
export function permutationCoefficients(count: number, seed: number): { a: Uint32Array; b: Uint32Array } {
  const a = new Uint32Array(count);
  const b = new Uint32Array(count);
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  for (let i = 0; i < count; i++) {
    a[i] = (next() | 1) >>> 0;
    b[i] = next();
  }
  return { a, b };
}

/** murmur3's 32-bit finaliser. */
export function fmix32(value: number): number {
  let h = value;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Flips the top bit: (x ^ SIGN) | 0 orders as signed int32 the way x orders as uint32. */
const SIGN = 0x80000000 | 0;
const INT_MAX = 0x7fffffff;

/** Shingle hashes of the text being signed, reused between calls (grown as needed). */
let scratch = new Uint32Array(4096);

/** The WebAssembly SIMD kernel (minhash-simd.ts), when this runtime has it. */
const simd = simdMinhash();

/** Writes the MinHash of the `size`-token shingles of `hashes[0..count)` into `signature`; returns
 * the number of shingles. A text shorter than one shingle is hashed as one shingle. */
export function minhashInto(
  signature: Uint32Array,
  hashes: Uint32Array,
  count: number,
  size: number,
  a: Uint32Array,
  b: Uint32Array,
): number {
  const permutations = signature.length;
  const shingles = count >= size ? count - size + 1 : count > 0 ? 1 : 0;
  const kernel = simd !== null && simdFits(permutations, shingles) ? simd : null;
  if (!kernel && scratch.length < shingles) scratch = new Uint32Array(Math.max(shingles, scratch.length * 2));
  const xs = kernel ? kernel.shingles : scratch;
  for (let start = 0; start < shingles; start++) {
    let x = 0x811c9dc5;
    const end = Math.min(count, start + size);
    for (let t = start; t < end; t++) x = Math.imul(x ^ hashes[t]!, 0x01000193);
    xs[start] = fmix32(x);
  }
  if (kernel) {
    kernel.run(signature, shingles, a, b);
    return shingles;
  }
  // Permutation-major, four at a time: the minima stay in registers over one pass of the
  // shingles, and a pass reads each shingle once for four permutations (twice the speed of one).
  // Values are kept as signed int32 offset by 2^31, which orders them as unsigned and spares V8
  // the conversion of large unsigned values to doubles.
  let p = 0;
  for (; p + 4 <= permutations; p += 4) {
    const a0 = a[p]! | 0, a1 = a[p + 1]! | 0, a2 = a[p + 2]! | 0, a3 = a[p + 3]! | 0;
    const b0 = b[p]! ^ SIGN, b1 = b[p + 1]! ^ SIGN, b2 = b[p + 2]! ^ SIGN, b3 = b[p + 3]! ^ SIGN;
    let m0 = INT_MAX, m1 = INT_MAX, m2 = INT_MAX, m3 = INT_MAX;
    for (let s = 0; s < shingles; s++) {
      const x = xs[s]! | 0;
      const v0 = (Math.imul(a0, x) + b0) | 0;
      const v1 = (Math.imul(a1, x) + b1) | 0;
      const v2 = (Math.imul(a2, x) + b2) | 0;
      const v3 = (Math.imul(a3, x) + b3) | 0;
      if (v0 < m0) m0 = v0;
      if (v1 < m1) m1 = v1;
      if (v2 < m2) m2 = v2;
      if (v3 < m3) m3 = v3;
    }
    signature[p] = m0 ^ SIGN;
    signature[p + 1] = m1 ^ SIGN;
    signature[p + 2] = m2 ^ SIGN;
    signature[p + 3] = m3 ^ SIGN;
  }
  for (; p < permutations; p++) {
    const ap = a[p]!;
    const bp = b[p]!;
    let min = 0xffffffff;
    for (let s = 0; s < shingles; s++) {
      const v = (Math.imul(ap, xs[s]!) + bp) >>> 0;
      if (v < min) min = v;
    }
    signature[p] = min;
  }
  return shingles;
}

/** The estimated Jaccard similarity of two signatures: the share of equal minima. */
export function estimatedJaccard(left: Uint32Array, right: Uint32Array): number {
  let equal = 0;
  const n = left.length;
  for (let i = 0; i < n; i++) if (left[i] === right[i]) equal++;
  return equal / n;
}
