// Stories: groups syndicated copies of one text, each verified against the story's original.
// The only door of src/stories; pure and deterministic for a given input order.
//
// add() in order:
// 1. The text's fingerprint (fingerprint.ts): site chrome lines dropped (boilerplate.ts), the body
//    normalised and tokenised (text.ts); an empty body founds its own story, unindexed.
// 2. An exact copy (same hash of normalised text) of a story's original joins it.
// 3. A text of at least MIN_FUZZY_WORDS words gets a MinHash signature; LSH bands give candidate
//    stories, each verified against its ORIGINAL only (so stories never grow by chaining):
//    similar enough (rules.ts) and figures agreeing (figures.ts). The most similar wins, ties to
//    the older story.
// 4. Otherwise the article founds a story whose id is its own id with an `s` before it.
// 5. A member published earlier than its story's original becomes the original (same story id).
// What a store keeps of a story (its original's key) lets another process restore() the index.
import { instantOf } from '../core/index.js';
import { FigurePool } from './figure-pool.js';
import { StoryHash, exactHash, stringHash } from './story-hash.js';
import { figuresAgree } from './figures.js';
import { coefficientsFor, decodeKey, encodeKey, fingerprintOf, type Fingerprint } from './fingerprint.js';
import { BandTable, bandKey } from './lsh.js';
import { minhashInto } from './minhash.js';
import { resolveOptions, type StoryOptions } from './options.js';
import { BUCKET_SCAN_LIMIT, MAX_VERIFIED_CANDIDATES, WORDS_PER_SCRIPT_CHARACTER } from './rules.js';
import { SignatureStore } from './signatures.js';
import { sortPrefix } from './sort.js';
import { tokenize } from './text.js';
import { withoutChrome } from './boilerplate.js';

export type { StoryOptions } from './options.js';
export { DEFAULT_STORY_OPTIONS } from './options.js';
export { figuresAgree } from './figures.js';
export { estimatedJaccard } from './minhash.js';
export type { Fingerprint } from './fingerprint.js';
export { timeline, describeDifference, formatDelay, type Pickup, type TextDifference } from './timeline.js';
export * as storyRules from './rules.js';

export interface StoryInput {
  /** Article id. */
  id: string;
  title: string | null;
  /** Body text. */
  text: string;
  /** ISO 8601; the earliest published member is the original (ties: first added). */
  published: string | null;
}

export interface StoryMatch {
  storyId: string;
  originalId: string;
  joined: boolean;
  /** Estimated Jaccard similarity with the original it joined (1 for an exact copy); null when it founded. */
  similarity: number | null;
  /**
   * The story's original's key, when this article founded the story or became its original (it
   * was published earlier); null when the story's original is unchanged. A store keeps it for
   * restore().
   */
  key: Uint8Array | null;
}

export interface Story {
  id: string;
  originalId: string;
  /** Member article ids in insertion order, the original among them. */
  members: string[];
}

/**
 * The MinHash signature of a text's shingles (for benchmarks and tests); every text gets one here,
 * even one too short for fuzzy matching in a StoryIndex.
 */
export function signatureOf(text: string, options?: Partial<StoryOptions>): Uint32Array {
  const resolved = resolveOptions(options);
  const coefficients = coefficientsFor(resolved);
  const tokens = tokenize(withoutChrome(text), resolved.maxShingleTokens, WORDS_PER_SCRIPT_CHARACTER);
  const signature = new Uint32Array(resolved.permutations);
  minhashInto(signature, tokens.hashes, tokens.count, resolved.shingleSize, coefficients.a, coefficients.b);
  return signature;
}

/** The fingerprint of a text under these options (the defaults unless given), for StoryIndex.add. */
export function fingerprint(text: string, options?: Partial<StoryOptions>): Fingerprint {
  return fingerprintOf(text, resolveOptions(options));
}

/** Swaps the smallest of `values[from..end)` to `from` and returns it (a step of selection sort). */
function takeSmallest(values: Int32Array, from: number, end: number): number {
  let smallest = from;
  for (let i = from + 1; i < end; i++) if (values[i]! < values[smallest]!) smallest = i;
  const value = values[smallest]!;
  values[smallest] = values[from]!;
  values[from] = value;
  return value;
}

function publishedTime(published: string | null): number {
  return instantOf(published) ?? Number.POSITIVE_INFINITY;
}

/** Estimated share of the smaller shingle set found in the larger, from Jaccard and set sizes. */
function containment(jaccard: number, left: number, right: number): number {
  const smaller = Math.min(left, right);
  if (smaller === 0) return 0;
  return Math.min(1, (jaccard * (left + right)) / (1 + jaccard) / smaller);
}

/** How a StoryIndex keeps its stories. */
export interface StoryIndexOptions extends Partial<StoryOptions> {
  /**
   * Keep every story's member ids, for stories() (default true). Ingest turns it off: the store
   * keeps membership, and a million id lists would double the index's memory.
   */
  keepMembers?: boolean;
}

/** A story as a store keeps it between processes: its original and that original's key (StoryMatch.key). */
export interface StoredStory {
  id: string;
  originalId: string;
  key: Uint8Array;
}

/**
 * An incremental index of stories. Per story it keeps only what verification needs of the
 * original (signature, shingle count, figures, exact hash); memoryBytes() reports it.
 *
 * @example
 * const index = new StoryIndex();
 * index.add({ id: 'a', title: null, text: wire, published: '2026-11-27T08:00:00Z' }); // founds
 * index.add({ id: 'b', title: 'Other headline', text: `Site news. ${wire}`, published: null }); // joins
 */
export class StoryIndex {
  private readonly options: StoryOptions;
  private readonly keepMembers: boolean;
  private readonly bands: BandTable;
  /** One story's band keys (scratch). */
  private readonly bandKeys: Uint32Array;
  /** Stories by their original's exact hash. */
  private readonly exactStory = new StoryHash();
  /** Story id to story number. */
  private readonly numbers = new StoryHash();
  private readonly ids: string[] = [];
  private readonly originalIds: string[] = [];
  private readonly originalTimes: number[] = [];
  private readonly members: string[][] = [];
  private readonly signatures: SignatureStore;
  /** 1 where the story's original has a signature (is long enough for fuzzy matching). */
  private hasSignature = new Uint8Array(1024);
  private readonly shingleCounts: number[] = [];
  private readonly figures = new FigurePool();
  private readonly exactKeys: number[] = [];
  private seenAt = new Int32Array(1024);
  /** Stories read from the buckets for the article being added, those tied at the cut, and how many share each band count (scratch). */
  private scanned = new Int32Array(0);
  private tied = new Int32Array(0);
  private readonly histogram: Int32Array;
  /** Bands a candidate shares with the article being added (valid where seenAt is its stamp). */
  private bandHits = new Int32Array(1024);
  private addCount = 0;

  constructor(options: StoryIndexOptions = {}) {
    const { keepMembers = true, ...matching } = options;
    this.options = resolveOptions(matching);
    this.keepMembers = keepMembers;
    this.signatures = new SignatureStore(this.options.permutations);
    this.histogram = new Int32Array(this.options.bands + 2);
    this.bands = new BandTable(this.options.bands);
    this.bandKeys = new Uint32Array(this.options.bands);
  }

  /** How many stories it holds. */
  get size(): number {
    return this.ids.length;
  }

  /**
   * Adds an article; it joins the story whose ORIGINAL it matches (never chaining through
   * members), else founds one. Deterministic for a given input order. `known` is the text's
   * fingerprint when the caller computed it already (a parse worker did).
   */
  add(article: StoryInput, known?: Fingerprint): StoryMatch {
    this.addCount++;
    const print = known ?? fingerprintOf(article.text, this.options);
    const time = publishedTime(article.published);
    if (print.empty) return this.founded(this.found(article.id, time, print, false), time, print);

    const exactMatch = this.exactStory.find(exactHash(print.exact), (story) => this.exactKeys[story] === print.exact);
    if (exactMatch !== -1 && figuresAgree(this.figures.get(exactMatch), print.figures)) {
      return this.join(exactMatch, article.id, time, print, 1);
    }

    const signature = print.signature;
    if (signature !== null) {
      let best = -1;
      let bestSimilarity = -1;
      for (const candidate of this.candidates(signature)) {
        if (this.hasSignature[candidate] !== 1) continue;
        const jaccard = this.signatures.jaccard(candidate, signature);
        if (jaccard <= bestSimilarity || !this.similarEnough(jaccard, print.shingles, this.shingleCounts[candidate]!)) continue;
        if (!figuresAgree(this.figures.get(candidate), print.figures)) continue;
        best = candidate;
        bestSimilarity = jaccard;
      }
      if (best !== -1) return this.join(best, article.id, time, print, bestSimilarity);
    }
    return this.founded(this.found(article.id, time, print, true), time, print);
  }

  /**
   * Puts back a story a store kept (another process's, or this index's before a restart): a new
   * id founds it; a known one takes the given original. Members are not restored.
   */
  restore(story: StoredStory): void {
    const { fingerprint: print, time } = decodeKey(story.key);
    const known = this.storyNumber(story.id);
    if (known === -1) this.found(story.originalId, time, print, !print.empty, story.id);
    else if (this.originalIds[known] !== story.originalId) this.setOriginal(known, story.originalId, time, print);
  }

  /** Every story: id, original article id, member ids in insertion order (none unless keepMembers). */
  stories(): Story[] {
    return this.ids.map((id, story) => ({ id, originalId: this.originalIds[story]!, members: [...(this.members[story] ?? [])] }));
  }

  /** Approximate bytes held by the LSH index and signatures, for the bench's bytes per article. */
  memoryBytes(): number {
    let bytes = this.bands.bytes() + this.signatures.bytes() + this.seenAt.byteLength + this.bandHits.byteLength + this.hasSignature.byteLength;
    bytes += this.figures.bytes();
    // A Map entry costs about 40 bytes (plus its 17-character id string, about 40 more); per story
    // the parallel arrays hold about 8 slots of 8 bytes.
    bytes += this.exactStory.bytes() + this.numbers.bytes();
    // Per story: its id and its original's id (strings of about 17 characters, some 40 bytes each)
    // and about 5 slots of 8 bytes in the parallel arrays.
    bytes += this.ids.length * (80 + 40);
    if (this.keepMembers) for (const members of this.members) bytes += 16 + members.length * 8;
    return bytes;
  }

  /** The number of the story with this id, or -1. */
  private storyNumber(id: string): number {
    return this.numbers.find(stringHash(id), (story) => this.ids[story] === id);
  }

  private similarEnough(jaccard: number, shingles: number, originalShingles: number): boolean {
    if (jaccard >= this.options.joinJaccard) return true;
    return (
      jaccard >= this.options.containmentJaccardFloor &&
      containment(jaccard, shingles, originalShingles) >= this.options.joinContainment
    );
  }

  /**
   * Stories sharing a band with `signature`, each once, oldest first: of the newest
   * BUCKET_SCAN_LIMIT in each band, the MAX_VERIFIED_CANDIDATES sharing the most bands. The caps
   * keep a flood of template look-alikes (thousands of price reports that differ only in their
   * figures, all in the same buckets) from making each add cost as much as all before it; a true
   * copy shares more bands with its original than look-alikes do, so it stays among them.
   */
  private candidates(signature: Uint8Array): Int32Array {
    const { bands, rows } = this.options;
    if (this.scanned.length < bands * BUCKET_SCAN_LIMIT) {
      this.scanned = new Int32Array(bands * BUCKET_SCAN_LIMIT);
      this.tied = new Int32Array(bands * BUCKET_SCAN_LIMIT);
    }
    let end = 0;
    for (let band = 0; band < bands; band++) end = this.bands.collect(bandKey(signature, band, rows), BUCKET_SCAN_LIMIT, this.scanned, end);
    const stamp = this.addCount;
    let distinct = 0;
    for (let i = 0; i < end; i++) {
      const story = this.scanned[i]!;
      if (this.seenAt[story] === stamp) {
        this.bandHits[story]!++;
      } else {
        this.seenAt[story] = stamp;
        this.bandHits[story] = 1;
        this.scanned[distinct++] = story;
      }
    }
    let kept = distinct;
    if (distinct > MAX_VERIFIED_CANDIDATES) {
      // The most bands shared first, ties to the older story: find the band count at which the
      // cap is reached, keep everything above it and the oldest at it (linear, no comparator sort).
      const histogram = this.histogram;
      histogram.fill(0);
      for (let i = 0; i < distinct; i++) histogram[this.bandHits[this.scanned[i]!]!]!++;
      let cutoff = this.options.bands + 1;
      let above = 0;
      while (cutoff > 1 && above + histogram[cutoff]! <= MAX_VERIFIED_CANDIDATES) above += histogram[cutoff--]!;
      let tied = 0;
      kept = 0;
      for (let i = 0; i < distinct; i++) {
        const story = this.scanned[i]!;
        const hits = this.bandHits[story]!;
        if (hits > cutoff) this.scanned[kept++] = story;
        else if (hits === cutoff) this.tied[tied++] = story;
      }
      for (let k = 0, wanted = MAX_VERIFIED_CANDIDATES - above; k < wanted && k < tied; k++) this.scanned[kept++] = takeSmallest(this.tied, k, tied);
    }
    sortPrefix(this.scanned, kept); // oldest first
    return this.scanned.subarray(0, kept);
  }

  private index(story: number, print: Fingerprint): void {
    // Exact copies join the oldest story whose original has this text; stories whose original
    // changed since stay in the table and no longer match.
    const hash = exactHash(print.exact);
    if (this.exactStory.find(hash, (other) => this.exactKeys[other] === print.exact) === -1) this.exactStory.add(hash, story);
    const signature = print.signature;
    if (signature === null) return;
    for (let band = 0; band < this.options.bands; band++) this.bandKeys[band] = bandKey(signature, band, this.options.rows);
    this.bands.insertBlock(this.bandKeys, story);
  }

  private setSignature(story: number, signature: Uint8Array | null): void {
    this.hasSignature[story] = signature === null ? 0 : 1;
    if (signature !== null) this.signatures.set(story, signature);
  }

  /** A new story with this original; returns its number. */
  private found(articleId: string, time: number, print: Fingerprint, indexed: boolean, givenId?: string): number {
    const story = this.ids.length;
    // Named after the article that founded it (ids are already hashes): no hashing per story.
    let id = givenId ?? `s${articleId}`;
    for (let n = 2; this.storyNumber(id) !== -1; n++) id = `s${articleId}-${n}`;
    this.numbers.add(stringHash(id), story);
    this.ids.push(id);
    this.originalIds.push(articleId);
    this.originalTimes.push(time);
    if (this.keepMembers) this.members.push([articleId]);
    this.shingleCounts.push(print.shingles);
    this.figures.set(story, print.figures);
    this.exactKeys.push(print.exact);
    if (story >= this.seenAt.length) {
      const grown = new Int32Array(this.seenAt.length * 2);
      grown.set(this.seenAt);
      this.seenAt = grown;
      this.bandHits = new Int32Array(grown.length);
      const flags = new Uint8Array(this.seenAt.length);
      flags.set(this.hasSignature);
      this.hasSignature = flags;
    }
    this.setSignature(story, indexed ? print.signature : null);
    if (indexed) this.index(story, print);
    return story;
  }

  /** What add() says of a story it founded (restore() needs none of it, the key least of all). */
  private founded(story: number, time: number, print: Fingerprint): StoryMatch {
    return { storyId: this.ids[story]!, originalId: this.originalIds[story]!, joined: false, similarity: null, key: encodeKey(print, time) };
  }

  private join(story: number, articleId: string, time: number, print: Fingerprint, similarity: number): StoryMatch {
    if (this.keepMembers) this.members[story]!.push(articleId);
    const earlier = time < this.originalTimes[story]!;
    if (earlier) this.setOriginal(story, articleId, time, print);
    return {
      storyId: this.ids[story]!,
      originalId: this.originalIds[story]!,
      joined: true,
      similarity,
      key: earlier ? encodeKey(print, time) : null,
    };
  }

  /**
   * An earlier copy becomes the original; the old original's bands stay as harmless extra
   * candidates, every candidate being verified against the current original.
   */
  private setOriginal(story: number, articleId: string, time: number, print: Fingerprint): void {
    const sameText = this.exactKeys[story] === print.exact;
    this.originalIds[story] = articleId;
    this.originalTimes[story] = time;
    this.setSignature(story, print.empty ? null : print.signature);
    this.shingleCounts[story] = print.shingles;
    this.figures.set(story, print.figures);
    this.exactKeys[story] = print.exact;
    if (!sameText && !print.empty) this.index(story, print);
  }
}
