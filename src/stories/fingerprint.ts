// A text's fingerprint: everything matching needs of it (the exact hash, the MinHash signature,
// the shingle count, the figures), computed once per article (in a parse worker when ingest has
// one) and, for a story's original, kept in the store as bytes so a later process can rebuild
// its index without reading the texts again.
import { figuresOf, type Figures } from './figures.js';
import { minhashInto, permutationCoefficients } from './minhash.js';
import type { StoryOptions } from './options.js';
import { WORDS_PER_SCRIPT_CHARACTER } from './rules.js';
import { tokenScratch, tokenize } from './text.js';
import { withoutChrome } from './boilerplate.js';

export interface Fingerprint {
  /** 53-bit hash of the normalised text: equal for exact copies. */
  exact: number;
  /** No words at all: such a text founds its own story, unindexed. */
  empty: boolean;
  /**
   * The low 8 bits of each MinHash minimum (b-bit MinHash, see signatures.ts): all that matching
   * compares and bands. Null when the text is too short for fuzzy matching (MIN_FUZZY_WORDS).
   */
  signature: Uint8Array | null;
  /** Distinct-ish shingles seen (what containment is estimated from). */
  shingles: number;
  figures: Figures;
}

type Coefficients = { a: Uint32Array; b: Uint32Array };
const coefficientCache = new Map<string, Coefficients>();

export function coefficientsFor(options: StoryOptions): Coefficients {
  const key = `${options.permutations}:${options.seed}`;
  let found = coefficientCache.get(key);
  if (!found) {
    found = permutationCoefficients(options.permutations, options.seed);
    coefficientCache.set(key, found);
  }
  return found;
}

/** Token buffers reused from text to text: a poller fingerprints thousands of items an hour. */
const scratch = tokenScratch();
/** Full minima of the text being fingerprinted, before their low bytes are kept. */
let minima = new Uint32Array(0);

export function fingerprintOf(text: string, options: StoryOptions): Fingerprint {
  const coefficients = coefficientsFor(options);
  const tokens = tokenize(withoutChrome(text), options.maxShingleTokens, WORDS_PER_SCRIPT_CHARACTER, scratch);
  const empty = tokens.count === 0;
  let signature: Uint8Array | null = null;
  let shingles = 0;
  if (!empty && tokens.words >= options.minFuzzyWords) {
    if (minima.length !== options.permutations) minima = new Uint32Array(options.permutations);
    shingles = minhashInto(minima, tokens.hashes, tokens.count, options.shingleSize, coefficients.a, coefficients.b);
    signature = lowBytes(minima);
  }
  return { exact: tokens.exact, empty, signature, shingles, figures: empty ? new Uint32Array(0) : figuresOf(tokens) };
}

/** The low byte of each minimum. */
export function lowBytes(minima: ArrayLike<number>): Uint8Array {
  const bytes = new Uint8Array(minima.length);
  for (let i = 0; i < minima.length; i++) bytes[i] = minima[i]! & 0xff;
  return bytes;
}

/**
 * A fingerprint and its article's published time as bytes, little-endian:
 * format and flags (u32) | shingles (u32) | exact (f64) | time (f64, Infinity when unknown) |
 * signature length n (u32) | unused (u32) | n signature bytes | figures (u32 pairs to the end).
 * Format 1, written before signatures were kept as bytes, held n u32 minima; it still decodes
 * (to their low bytes, which is what format 2 stores).
 */
const HEADER_BYTES = 32;
const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;
const KEY_FORMAT = 2;
const WORD_KEY_FORMAT = 1;

export function encodeKey(fingerprint: Fingerprint, time: number): Uint8Array {
  const signatureBytes = fingerprint.signature?.length ?? 0;
  const bytes = new Uint8Array(HEADER_BYTES + signatureBytes + 4 * fingerprint.figures.length);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, KEY_FORMAT | (fingerprint.empty ? 0x100 : 0), true);
  view.setUint32(4, fingerprint.shingles, true);
  view.setFloat64(8, fingerprint.exact, true);
  view.setFloat64(16, time, true);
  view.setUint32(24, signatureBytes, true);
  if (fingerprint.signature) bytes.set(fingerprint.signature, HEADER_BYTES);
  const at = HEADER_BYTES + signatureBytes;
  // The figures are copied as they lie in memory where that is already little-endian and aligned.
  if (LITTLE_ENDIAN && at % 4 === 0) new Uint32Array(bytes.buffer, at, fingerprint.figures.length).set(fingerprint.figures);
  else for (let i = 0; i < fingerprint.figures.length; i++) view.setUint32(at + 4 * i, fingerprint.figures[i]!, true);
  return bytes;
}

/** The inverse of encodeKey (either format); throws RangeError on bytes it did not write. */
export function decodeKey(bytes: Uint8Array): { fingerprint: Fingerprint; time: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const format = bytes.byteLength < HEADER_BYTES ? 0 : view.getUint32(0, true) & 0xff;
  if (format !== KEY_FORMAT && format !== WORD_KEY_FORMAT) throw new RangeError('stories: not a story key');
  const count = view.getUint32(24, true);
  const signatureBytes = format === KEY_FORMAT ? count : 4 * count;
  const figureWords = (bytes.byteLength - HEADER_BYTES - signatureBytes) / 4;
  if (!Number.isInteger(figureWords) || figureWords < 0 || figureWords % 2 !== 0) throw new RangeError('stories: a story key of the wrong length');
  let signature: Uint8Array | null = null;
  if (count > 0 && format === KEY_FORMAT) signature = bytes.slice(HEADER_BYTES, HEADER_BYTES + count);
  else if (count > 0) {
    signature = new Uint8Array(count);
    for (let i = 0; i < count; i++) signature[i] = bytes[HEADER_BYTES + 4 * i]!; // a minimum's low byte, little-endian
  }
  const at = HEADER_BYTES + signatureBytes;
  let figures: Uint32Array;
  // A copy of the bytes is aligned where the key (a slice of a larger buffer) may not be.
  if (LITTLE_ENDIAN) figures = new Uint32Array(new Uint8Array(bytes.subarray(at)).buffer);
  else {
    figures = new Uint32Array(figureWords);
    for (let i = 0; i < figureWords; i++) figures[i] = view.getUint32(at + 4 * i, true);
  }
  return {
    fingerprint: { exact: view.getFloat64(8, true), empty: (view.getUint32(0, true) & 0x100) !== 0, signature, shingles: view.getUint32(4, true), figures },
    time: view.getFloat64(16, true),
  };
}
