// A fast scorer for eld's medium language model. eld walks plain objects with for-in for every
// n-gram, which costs about 150 µs a text; the same model in a typed-array hash table
// (ngram-table.ts) scores the same n-grams the same way in a fraction of that, which matters at
// 10,000 articles a second.
// Tokenisation follows eld's documented scheme (UTF-8 bytes mapped to its byte alphabet, 4-byte
// n-grams at a stride of 3, word-edge markers); language.test.ts checks we agree with eld itself.

import { NON_ASCII } from '../core/index.js';
import { SLOT_WIDTH, SPACE, loadNgramTable, packGram, packed, slotOf } from './ngram-table.js';

/** eld reads at most this much text, stops at a word end past the first, and hard-stops at the second. */
const MAX_CHARS = 1000;
const SOFT_BYTE_LIMIT = 350;
const HARD_BYTE_LIMIT = 380;
const MAX_WORD_BYTES = 70;

const { languages, alphabet, slots, pairs, mask } = await loadNgramTable();
/** The text that last counted each slot's n-gram: it counts once per text, with no Set to fill. */
const stamps = new Uint32Array(mask + 1);
let call = 0;
/** Scratch space reused by every call: the current word's symbols and the languages' scores. */
const word = new Uint8Array(MAX_WORD_BYTES + 1);
let length = 0;
const totals = new Float64Array(languages.length);

const APOSTROPHES = new Set([0x27, 0x60, 0x2019]);
const LETTER = /\p{L}/u;

/** The text as eld sees it: separator runs collapsed to spaces, trimmed, lower-cased. */
function cleanedText(text: string): string {
  // Runs of non-letters become one space, except apostrophes that end a run (don't, l'eau).
  // Letters are copied a stretch at a time, not a character at a time.
  const source = text.length > MAX_CHARS ? text.slice(0, MAX_CHARS) : text;
  let cleaned = '';
  let stretch = 0; // where the current stretch of letters began
  let run = -1; // where the current run of separators began, or -1
  for (let i = 0; i < source.length; i++) {
    const code = source.charCodeAt(i);
    let letter: boolean;
    let width = 1;
    if (code < 0x80) letter = (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
    else if (code >= 0xd800 && code < 0xdc00 && i + 1 < source.length) {
      letter = LETTER.test(source.slice(i, i + 2));
      width = 2;
    } else letter = LETTER.test(source[i]!);
    if (letter && run >= 0) {
      cleaned += source.slice(stretch, run) + separator(source, run, i);
      stretch = i;
      run = -1;
    } else if (!letter && run < 0) run = i;
    i += width - 1;
  }
  cleaned += run >= 0 ? source.slice(stretch, run) + separator(source, run, source.length) : source.slice(stretch);
  return cleaned.trim().toLowerCase();
}


/** A run of separators collapses to a space; apostrophes at its end stay with the next word. */
function separator(source: string, from: number, to: number): string {
  let end = to;
  while (end > from && APOSTROPHES.has(source.charCodeAt(end - 1))) end--;
  return end === from ? source.slice(from, to) : ' ' + source.slice(end, to);
}

/** Appends a symbol to the current word (beyond the buffer only its length grows). */
function push(symbol: number): void {
  if (length < word.length) word[length] = symbol;
  length++;
}

/** eld's best language for the text, or null when no n-gram is known. */
export function scoreLanguage(text: string): string | null {
  const stamp = ++call;
  totals.fill(0);
  const source = text.length > MAX_CHARS ? text.slice(0, MAX_CHARS) : text;
  if (NON_ASCII.test(source)) scoreCleaned(cleanedText(source), stamp);
  else scoreAscii(source, stamp);

  let best = -1;
  let bestScore = 0;
  for (let lang = 0; lang < totals.length; lang++) {
    if (totals[lang]! > 0 && totals[lang]! > bestScore) {
      bestScore = totals[lang]!;
      best = lang;
    }
  }
  return best < 0 ? null : languages[best] ?? null;
}

const APOSTROPHE = 0x27;
const GRAVE = 0x60;

/**
 * scoreCleaned(cleanedText(source)) for ASCII text, without building the cleaned string: runs of
 * non-letters are read where they end (a space, then the apostrophes that end the run; or the
 * run itself when it is only apostrophes), letters are lower-cased as they are read, and the
 * leading space that trim() would drop is skipped. Most releases are ASCII, and cleaning was a
 * third of the time.
 */
function scoreAscii(source: string, stamp: number): void {
  length = 0;
  asciiBytes = 0;
  let run = -1; // where the current run of non-letters began, or -1
  for (let i = 0; i < source.length; i++) {
    const code = source.charCodeAt(i);
    const letter = (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
    if (!letter) {
      if (run < 0) run = i;
      continue;
    }
    if (run >= 0 && !emitRun(source, run, i)) return finish(stamp);
    run = -1;
    if (!emit(code | 0x20)) return finish(stamp);
  }
  if (run >= 0) emitRun(source, run, source.length);
  finish(stamp);
}

/** Emits what a run of non-letters becomes; false once the byte limits stop the scoring. */
function emitRun(source: string, from: number, to: number): boolean {
  let end = to;
  while (end > from && isApostrophe(source.charCodeAt(end - 1))) end--;
  if (end !== from && !emit(SPACE)) return false;
  for (let k = end; k < to; k++) if (!emit(source.charCodeAt(k))) return false;
  return true;
}

function isApostrophe(code: number): boolean {
  return code === APOSTROPHE || code === GRAVE;
}

/** Bytes of cleaned text scoreAscii has emitted. */
let asciiBytes = 0;

/** One ASCII symbol of the cleaned text, as scoreCleaned's loop takes it; false to stop. */
function emit(code: number): boolean {
  if (code === SPACE) {
    if (asciiBytes === 0) return true; // trim(): nothing emitted yet
    if (length > 0) countWord(length, call);
    length = 0;
    if (asciiBytes > SOFT_BYTE_LIMIT) return false;
  } else push(code);
  asciiBytes++;
  return asciiBytes <= HARD_BYTE_LIMIT;
}

function finish(stamp: number): void {
  if (length > 0) countWord(length, stamp);
}

/** Scores text already cleaned (collapsed, trimmed, lower-cased). */
function scoreCleaned(lower: string, stamp: number): void {
  // Symbols of the current word, and its true length (only the first MAX_WORD_BYTES are kept:
  // no n-gram reaches further).
  length = 0;
  let bytes = 0;
  for (let i = 0; i < lower.length; i++) {
    let code = lower.charCodeAt(i);
    if (code < 0x80) {
      if (code === SPACE) {
        if (length > 0) countWord(length, stamp);
        length = 0;
        if (bytes > SOFT_BYTE_LIMIT) break;
      } else push(code);
      bytes++;
    } else if (code < 0x800) {
      push(alphabet[0xc0 | (code >> 6)]!);
      push(alphabet[0x80 | (code & 0x3f)]!);
      bytes += 2;
    } else if (code < 0xd800 || code >= 0xe000) {
      push(alphabet[0xe0 | (code >> 12)]!);
      push(alphabet[0x80 | ((code >> 6) & 0x3f)]!);
      push(alphabet[0x80 | (code & 0x3f)]!);
      bytes += 3;
    } else {
      i++;
      code = 0x10000 + (((code & 0x3ff) << 10) | (lower.charCodeAt(i) & 0x3ff));
      push(alphabet[0xf0 | (code >> 18)]!);
      push(alphabet[0x80 | ((code >> 12) & 0x3f)]!);
      push(alphabet[0x80 | ((code >> 6) & 0x3f)]!);
      push(alphabet[0x80 | (code & 0x3f)]!);
      bytes += 4;
    }
    if (bytes > HARD_BYTE_LIMIT) break;
  }
  if (length > 0) countWord(length, stamp);
}

/** Counts the n-grams of the word in `word`: 4 symbols at a stride of 3, the first marked as a word start, then its end. */
function countWord(trueLength: number, stamp: number): void {
  const len = Math.min(trueLength, MAX_WORD_BYTES);
  let j = 0;
  for (; j + 4 < len; j += 3) {
    packGram(word, j, j + 4, j === 0, false);
    countGram(stamp);
  }
  // Like eld, the closing gram runs to the word's true end, and is the whole word when short;
  // longer than six symbols it cannot be in the model.
  const from = len !== 3 ? Math.max(0, len - 4) : 0;
  if (trueLength - from <= 6 - (j === 0 ? 2 : 1)) {
    packGram(word, from, trueLength, j === 0, true);
    countGram(stamp);
  }
}

function countGram(stamp: number): void {
  const { low, high } = packed;
  let slot = slotOf(low, high, mask);
  let at = slot * SLOT_WIDTH;
  while (slots[at + 1] !== high || slots[at] !== low) {
    if (slots[at + 1] === 0) return;
    slot = (slot + 1) & mask;
    at = slot * SLOT_WIDTH;
  }
  if (stamps[slot] === stamp) return;
  stamps[slot] = stamp;
  for (let k = slots[at + 2]!, end = slots[at + 3]!; k < end; k += 2) totals[pairs[k]!]! += pairs[k + 1]!;
}
