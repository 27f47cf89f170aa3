// eld's medium language model as an open-addressing hash table in typed arrays: n-grams packed
// into integers, looked up without allocating. Building it from eld's 2 MB JavaScript module costs
// about a second (mostly compiling the module), so the built table is cached as one binary file
// and later processes, parse workers among them, map it in a few milliseconds.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** eld subtracted this from every stored score to shrink its files; it is added back here. */
const BASE_NGRAM_SCORE = 53;
/** Bump when the layout below changes, so an old cache is rebuilt rather than misread. */
const CACHE_FORMAT = 3;
const MAGIC = 0x474e4c44; // "DLNG"

export interface NgramTable {
  /** Language code by index. */
  languages: string[];
  /** eld's byte alphabet: the symbol (a character code below 256) for each byte value. */
  alphabet: Uint16Array;
  /**
   * Hash slots of SLOT_WIDTH int32s side by side: the packed n-gram (low, high; high 0 = empty)
   * and where its pairs start and end. One slot is one read: with the four in separate arrays a
   * lookup missed the cache once per array, and scoring waited on memory more than it computed.
   */
  slots: Int32Array;
  /** [language, score, language, score, ...] for every n-gram, back to back. */
  pairs: Int32Array;
  /** Slots less one (the slot count is a power of two). */
  mask: number;
}

export const SPACE = 0x20;

/** Int32s per slot: low, high, first pair, end of pairs. */
export const SLOT_WIDTH = 4;

/**
 * An n-gram of up to six symbols (each 1..255) packed into two int32s: the first four symbols in
 * `low`, the rest and the length in `high`, so a real gram never has `high` 0 (an empty slot).
 * Integer keys hash and compare far faster than the short-lived strings eld builds per gram.
 * Results land in `packed` to spare an allocation per gram.
 */
export const packed = { low: 0, high: 0 };

export function packGram(symbols: ArrayLike<number>, from: number, to: number, lead: boolean, trail: boolean): void {
  let low = 0;
  let high = 0;
  let n = 0;
  if (lead) low = SPACE;
  if (lead) n = 1;
  for (let i = from; i < to; i++, n++) {
    if (n < 4) low |= symbols[i]! << (8 * n);
    else high |= symbols[i]! << (8 * (n - 4));
  }
  if (trail) {
    if (n < 4) low |= SPACE << (8 * n);
    else high |= SPACE << (8 * (n - 4));
    n++;
  }
  packed.low = low;
  packed.high = high | (n << 16);
}

export function slotOf(low: number, high: number, mask: number): number {
  const h = Math.imul(low ^ Math.imul(high, 0x9e3779b1), 0x85ebca6b);
  return (h ^ (h >>> 15)) & mask;
}

/** The table, from the cache when it is there, else built from eld and cached for next time. */
export async function loadNgramTable(): Promise<NgramTable> {
  const entry = import.meta.resolve('eld/medium');
  const version = await eldVersion(entry);
  const cacheFile = join(process.env.DATELINE_CACHE ?? join(tmpdir(), 'dateline-cache'), `eld-medium-${version}-v${CACHE_FORMAT}.bin`);
  const cached = readCache(cacheFile);
  if (cached) return cached;
  const table = await buildFromEld(entry);
  writeCache(cacheFile, table);
  return table;
}

async function eldVersion(entry: string): Promise<string> {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', entry), 'utf8')) as { version?: string };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

async function buildFromEld(entry: string): Promise<NgramTable> {
  // The model ships inside eld; its package exports only the detector, so the data files are
  // reached beside that entry point (eld is pinned in package-lock.json).
  type Model = { languages: Record<string, string>; ngrams: Record<string, Record<string, number>> };
  const { ngramsData } = (await import(new URL('../ngrams/medium.js', entry).href)) as { ngramsData: Model };
  const { dictionary } = (await import(new URL('../dictionary.js', entry).href)) as { dictionary: string[] };
  const languages: string[] = [];
  for (const [index, code] of Object.entries(ngramsData.languages)) languages[Number(index)] = code;

  const keys: Array<[number, number]> = [];
  const offsets: number[] = [0];
  const pairs: number[] = [];
  for (const gram in ngramsData.ngrams) {
    const codes = Array.from(gram, (c) => c.charCodeAt(0));
    if (codes.length > 6 || codes.some((c) => c === 0 || c > 255)) continue; // cannot arise from text
    const scores = ngramsData.ngrams[gram]!;
    for (const lang in scores) pairs.push(Number(lang), scores[lang]! + BASE_NGRAM_SCORE);
    packGram(codes, 0, codes.length, false, false);
    keys.push([packed.low, packed.high]);
    offsets.push(pairs.length);
  }
  let capacity = 1;
  while (capacity < keys.length * 2) capacity *= 2;
  const slots = new Int32Array(capacity * SLOT_WIDTH);
  const mask = capacity - 1;
  keys.forEach(([low, high], e) => {
    let slot = slotOf(low, high, mask);
    while (slots[slot * SLOT_WIDTH + 1] !== 0) slot = (slot + 1) & mask;
    slots.set([low, high, offsets[e]!, offsets[e + 1]!], slot * SLOT_WIDTH);
  });
  return { languages, alphabet: Uint16Array.from(dictionary, (c) => c.charCodeAt(0)), slots, pairs: Int32Array.from(pairs), mask };
}

// Layout: a header of u32 (magic, format, slot count, pairs, languages JSON bytes), padded to 8,
// then the slots, the pairs, the alphabet, the languages as JSON.
function writeCache(file: string, t: NgramTable): void {
  try {
    const languages = Buffer.from(JSON.stringify(t.languages));
    const header = new Uint32Array([MAGIC, CACHE_FORMAT, t.mask + 1, t.pairs.length, languages.length, 0, 0, 0]);
    const parts = [header, t.slots, t.pairs, t.alphabet].map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength));
    mkdirSync(join(file, '..'), { recursive: true });
    // Written aside and renamed, so a worker starting at the same moment never reads half a file.
    const partial = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}`;
    writeFileSync(partial, Buffer.concat([...parts, languages]));
    renameSync(partial, file);
  } catch {
    // A read-only temp folder only costs the next process the slow build.
  }
}

function readCache(file: string): NgramTable | null {
  let buffer: Buffer;
  try {
    buffer = readFileSync(file);
  } catch {
    return null;
  }
  // Copy into a fresh, aligned ArrayBuffer: typed-array views need aligned offsets.
  const bytes = new Uint8Array(buffer.byteLength);
  bytes.set(buffer);
  const data = bytes.buffer;
  if (data.byteLength < 32) return null;
  const [magic, format, capacity, pairCount, languageBytes] = new Uint32Array(data, 0, 8);
  if (magic !== MAGIC || format !== CACHE_FORMAT) return null;
  let at = 32;
  const take = <T>(make: (buffer: ArrayBuffer, offset: number, length: number) => T, length: number, size: number): T => {
    const view = make(data, at, length);
    at += length * size;
    return view;
  };
  const expected = 32 + capacity! * SLOT_WIDTH * 4 + pairCount! * 4 + 256 * 2 + languageBytes!;
  if (data.byteLength !== expected) return null;
  const slots = take((b, o, l) => new Int32Array(b, o, l), capacity! * SLOT_WIDTH, 4);
  const pairs = take((b, o, l) => new Int32Array(b, o, l), pairCount!, 4);
  const alphabet = take((b, o, l) => new Uint16Array(b, o, l), 256, 2);
  const languages = JSON.parse(Buffer.from(data, at, languageBytes!).toString('utf8')) as string[];
  return { languages, alphabet, slots, pairs, mask: capacity! - 1 };
}
