// Normalised text as a stream of 32-bit token hashes, scanned once without allocating per word.
//
// Normalising folds what copies change without changing the story: case (NFKC, lower-case),
// punctuation and whitespace (both are separators). Thousands separators inside a number are
// dropped ("1,234" = "1234"), a decimal point kept ("5.2" ≠ "52"), and a fraction or range is one
// figure ("2.85-1/4", "1986/87", "12-3/8"), so "1-1/2 cents" and "1-3/4 cents" differ as wholes. Characters of scripts written
// without spaces are one token each, so such text is shingled by characters.

import { NON_ASCII } from '../core/index.js';

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** Class of a code point: separator, part of a word, or a token by itself. */
const SEPARATOR = 1;
const WORD = 2;
const SCRIPT_CHARACTER = 3;

const WORD_CHARACTER = /[\p{L}\p{N}\p{M}]/u;
const SPACELESS_SCRIPT =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{Script=Tibetan}]/u;

/** Classes of the Basic Multilingual Plane, filled on first sight. */
const bmpClass = new Uint8Array(0x10000);

function classify(code: number): number {
  if (code < 0x80) {
    if ((code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39)) return WORD;
    return SEPARATOR;
  }
  if (code < 0x10000) {
    const known = bmpClass[code]!;
    if (known !== 0) return known;
  }
  const character = String.fromCodePoint(code);
  const found = SPACELESS_SCRIPT.test(character) ? SCRIPT_CHARACTER : WORD_CHARACTER.test(character) ? WORD : SEPARATOR;
  if (code < 0x10000) bmpClass[code] = found;
  return found;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/** Tokens of one text: hashes, and for each whether it is a number (a figure). */
export interface Tokens {
  /** Hashes of the first `count` tokens kept (at most the cap given to `tokenize`). */
  hashes: Uint32Array;
  /** 1 where the token is a number. */
  numeric: Uint8Array;
  count: number;
  /** Words in the whole text, a script character counting as `scriptCharacterWeight`. */
  words: number;
  /** Two independent hashes of every token of the whole text, for exact copies. */
  exact: number;
}

/** Buffers a caller lends tokenize() so that each text does not allocate its own. */
export interface TokenScratch {
  hashes: Uint32Array;
  numeric: Uint8Array;
}

export function tokenScratch(): TokenScratch {
  return { hashes: new Uint32Array(0), numeric: new Uint8Array(0) };
}

/**
 * Normalises `text` and hashes its tokens, keeping the first `cap` of them. With `scratch`, the
 * result's arrays are the scratch's (grown as needed): valid until the next call with it.
 */
export function tokenize(text: string, cap: number, scriptCharacterWeight: number, scratch?: TokenScratch): Tokens {
  // ASCII is its own NFKC form: most texts skip the normaliser.
  const normal = (NON_ASCII.test(text) ? text.normalize('NFKC') : text).toLowerCase();
  const length = normal.length;
  const kept = Math.max(0, Math.min(cap, length));
  if (scratch && scratch.hashes.length < kept) {
    scratch.hashes = new Uint32Array(Math.min(cap, Math.max(kept, scratch.hashes.length * 2)));
    scratch.numeric = new Uint8Array(scratch.hashes.length);
  }
  const hashes = scratch ? scratch.hashes : new Uint32Array(kept);
  const numeric = scratch ? scratch.numeric : new Uint8Array(kept);
  let count = 0;
  let wordTokens = 0;
  let scriptTokens = 0;
  let exactA = FNV_OFFSET;
  let exactB = 0x9747b28c;
  let hash = FNV_OFFSET;
  let inToken = false;
  let allDigits = true;

  // Token boundaries are handled inline (twice) rather than in a closure: a closure over these
  // mutable locals makes V8 keep them in a heap context, which halves the speed of the scan.
  for (let i = 0; i <= length; i++) {
    let code = i < length ? normal.charCodeAt(i) : 0x20;
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < length) {
      code = normal.codePointAt(i)!;
      i++;
    }
    const kind = classify(code);
    if (kind === WORD) {
      if (!inToken) {
        inToken = true;
        hash = FNV_OFFSET;
        allDigits = true;
        wordTokens++;
      }
      if (code < 0x30 || code > 0x39) allDigits = false;
      hash = Math.imul(hash ^ code, FNV_PRIME);
      continue;
    }
    if (inToken && allDigits && (code === 0x2c || code === 0x2e || code === 0x2d || code === 0x2f) && i + 1 < length && isDigit(normal.charCodeAt(i + 1))) {
      if (code !== 0x2c) hash = Math.imul(hash ^ code, FNV_PRIME);
      continue;
    }
    if (inToken) {
      const h = hash >>> 0;
      if (count < kept) {
        hashes[count] = h;
        numeric[count] = allDigits ? 1 : 0;
        count++;
      }
      exactA = Math.imul(exactA ^ h, FNV_PRIME);
      exactB = Math.imul((exactB ^ h) + 0x7f4a7c15, 0x2c1b3c6d);
      exactB ^= exactB >>> 15;
      inToken = false;
    }
    if (kind === SCRIPT_CHARACTER) {
      const h = Math.imul(FNV_OFFSET ^ code, FNV_PRIME) >>> 0;
      scriptTokens++;
      if (count < kept) {
        hashes[count] = h;
        numeric[count] = 0;
        count++;
      }
      exactA = Math.imul(exactA ^ h, FNV_PRIME);
      exactB = Math.imul((exactB ^ h) + 0x7f4a7c15, 0x2c1b3c6d);
      exactB ^= exactB >>> 15;
    }
  }
  const exact = (exactA >>> 0) * 0x200000 + ((exactB >>> 0) >>> 11);
  return { hashes, numeric, count, words: wordTokens + scriptTokens * scriptCharacterWeight, exact };
}
