// The MinHash inner loop in WebAssembly SIMD: four permutations per instruction (i32x4 multiply,
// add and unsigned minimum are exactly the 32-bit a·x + b mod 2^32 and `<` of minhash.ts), sixteen
// kept in registers over one pass of the shingles. It is the single largest cost of a parse
// worker's fingerprints, and this runs it several times faster than the best JavaScript loop.
//
// The module is small enough to write out here, instruction by instruction, rather than ship a
// binary. Memory (one 64 KiB page): coefficients from 0 (per group of 16 permutations, 16 `a`
// then 16 `b`), the minima from MINIMA, the shingle hashes from SHINGLES. Where WebAssembly SIMD
// is missing, or the permutations are not a multiple of 16, minhash.ts uses its own loop.

const GROUP = 16;
const COEFFICIENTS = 0;
const MINIMA = 4096;
const SHINGLES = 8192;
const PAGE = 65536;
/** The most shingles one call takes (the rest of the page). */
const MAX_SHINGLES = (PAGE - SHINGLES) / 4;
/** The most permutations the coefficient and minima regions hold. */
const MAX_PERMUTATIONS = (MINIMA - COEFFICIENTS) / 8;

/** Whether the kernel takes a signature of this many permutations over this many shingles. */
export function simdFits(permutations: number, shingles: number): boolean {
  return permutations % GROUP === 0 && permutations <= MAX_PERMUTATIONS && shingles <= MAX_SHINGLES;
}

// Opcodes (WebAssembly core and SIMD specifications).
const LOCAL_GET = 0x20;
const LOCAL_SET = 0x21;
const I32_CONST = 0x41;
const I32_LOAD = 0x28;
const I32_ADD = 0x6a;
const I32_SHL = 0x74;
const I32_GE_U = 0x4f;
const BLOCK = 0x02;
const LOOP = 0x03;
const BR = 0x0c;
const BR_IF = 0x0d;
const END = 0x0b;
const EMPTY = 0x40;
const SIMD = 0xfd;
const V128_LOAD = [SIMD, 0x00];
const V128_STORE = [SIMD, 0x0b];
const V128_CONST = [SIMD, 0x0c];
const I32X4_SPLAT = [SIMD, 0x11];
const I32X4_ADD = [SIMD, 0xae, 0x01];
const I32X4_MUL = [SIMD, 0xb5, 0x01];
const I32X4_MIN_U = [SIMD, 0xb7, 0x01];
const I32 = 0x7f;
const V128 = 0x7b;

// Locals: the parameters (shingles, count, coefficients, minima, groups), then these.
const [XS, N, AB, OUT, GROUPS] = [0, 1, 2, 3, 4];
const [G, P, STOP, BASE] = [5, 6, 7, 8];
const A = 9; // a0..a3
const B = 13; // b0..b3
const M = 17; // m0..m3
const X = 21;

/** The function body: for each group of 16 permutations, the minima over every shingle. */
function body(): number[] {
  const code: number[] = [];
  const get = (local: number) => code.push(LOCAL_GET, local);
  const set = (local: number) => code.push(LOCAL_SET, local);
  const constant = (value: number) => code.push(I32_CONST, value); // small non-negative values only
  constant(0), set(G);
  code.push(BLOCK, EMPTY, LOOP, EMPTY);
  get(G), get(GROUPS), code.push(I32_GE_U, BR_IF, 1);
  // base = coefficients + g * 128: this group's 16 a, then 16 b.
  get(AB), get(G), constant(7), code.push(I32_SHL, I32_ADD), set(BASE);
  for (let k = 0; k < 8; k++) get(BASE), code.push(...V128_LOAD, 4, 16 * k), set(A + k);
  for (let k = 0; k < 4; k++) code.push(...V128_CONST, ...new Array<number>(16).fill(0xff)), set(M + k);
  get(XS), set(P);
  get(XS), get(N), constant(2), code.push(I32_SHL, I32_ADD), set(STOP);
  code.push(BLOCK, EMPTY, LOOP, EMPTY);
  get(P), get(STOP), code.push(I32_GE_U, BR_IF, 1);
  get(P), code.push(I32_LOAD, 2, 0, ...I32X4_SPLAT), set(X);
  for (let k = 0; k < 4; k++) {
    get(M + k), get(A + k), get(X), code.push(...I32X4_MUL), get(B + k), code.push(...I32X4_ADD, ...I32X4_MIN_U), set(M + k);
  }
  get(P), constant(4), code.push(I32_ADD), set(P);
  code.push(BR, 0, END, END);
  // minima + g * 64
  for (let k = 0; k < 4; k++) get(OUT), get(G), constant(6), code.push(I32_SHL, I32_ADD), get(M + k), code.push(...V128_STORE, 4, 16 * k);
  get(G), constant(1), code.push(I32_ADD), set(G);
  code.push(BR, 0, END, END, END);
  return [2, 4, I32, 13, V128, ...code];
}

function section(id: number, content: number[]): number[] {
  return [id, ...uleb(content.length), ...content];
}

function uleb(value: number): number[] {
  const out: number[] = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value !== 0) byte |= 0x80;
    out.push(byte);
  } while (value !== 0);
  return out;
}

function moduleBytes(): Uint8Array<ArrayBuffer> {
  const name = (text: string) => [text.length, ...Array.from(text, (c) => c.charCodeAt(0))];
  const code = body();
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, [1, 0x60, 5, I32, I32, I32, I32, I32, 0]),
    ...section(3, [1, 0]),
    ...section(5, [1, 0x00, 1]),
    ...section(7, [2, ...name('memory'), 0x02, 0, ...name('minhash'), 0x00, 0]),
    ...section(10, [1, ...uleb(code.length), ...code]),
  ]);
}

export interface SimdMinhash {
  /** Where to write the shingle hashes before calling `run` (a view of the module's memory). */
  shingles: Uint32Array;
  /** Minima of `count` shingles under the permutations `a`, `b` (a multiple of 16 of them) into `signature`. */
  run(signature: Uint32Array, count: number, a: Uint32Array, b: Uint32Array): void;
}

/** The SIMD kernel, or null where WebAssembly SIMD is not available. */
export function simdMinhash(): SimdMinhash | null {
  let instance: WebAssembly.Instance;
  try {
    instance = new WebAssembly.Instance(new WebAssembly.Module(moduleBytes()));
  } catch {
    return null;
  }
  const { memory, minhash } = instance.exports as { memory: WebAssembly.Memory; minhash: (xs: number, n: number, ab: number, out: number, groups: number) => void };
  const words = new Uint32Array(memory.buffer);
  const shingles = words.subarray(SHINGLES / 4);
  let loadedA: Uint32Array | null = null;
  let loadedB: Uint32Array | null = null;
  return {
    shingles,
    run(signature, count, a, b) {
      const permutations = signature.length;
      if (!simdFits(permutations, count)) throw new RangeError('minhash: outside the SIMD kernel (see simdFits)');
      if (a !== loadedA || b !== loadedB) {
        for (let g = 0; g < permutations / GROUP; g++) {
          words.set(a.subarray(g * GROUP, (g + 1) * GROUP), (COEFFICIENTS + g * 128) / 4);
          words.set(b.subarray(g * GROUP, (g + 1) * GROUP), (COEFFICIENTS + g * 128 + 64) / 4);
        }
        loadedA = a;
        loadedB = b;
      }
      minhash(SHINGLES, count, COEFFICIENTS, MINIMA, permutations / GROUP);
      signature.set(words.subarray(MINIMA / 4, MINIMA / 4 + permutations));
    },
  };
}
