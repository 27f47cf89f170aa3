// Stories: groups syndicated copies of one text, each verified against the story's original.
// The only door of src/stories; pure and deterministic for a given input order.
//
// add() in order:
// 1. Drop site chrome lines (boilerplate.ts), normalise and tokenise the body (text.ts); an empty
//    body founds its own story, unindexed.
// 2. An exact copy (same hash of normalised text) of a story's original joins it.
// 3. A text of at least MIN_FUZZY_WORDS words gets a MinHash signature; LSH bands give candidate
//    stories, each verified against its ORIGINAL only (so stories never grow by chaining):
//    similar enough (rules.ts) and figures agreeing (figures.ts). The most similar wins, ties to
//    the older story.
// 4. Otherwise the article founds a story whose id derives from its own id.
// 5. A member published earlier than its story's original becomes the original (same story id).
import { sha256Hex } from '../core/index.js';
import { figuresAgree, figuresOf, type Figures } from './figures.js';
import { BandTable, bandKey } from './lsh.js';
import { minhashInto, permutationCoefficients } from './minhash.js';
import { resolveOptions, type StoryOptions } from './options.js';
import { WORDS_PER_SCRIPT_CHARACTER } from './rules.js';
import { SignatureStore } from './signatures.js';
import { tokenize } from './text.js';
import { withoutChrome } from './boilerplate.js';

export type { StoryOptions } from './options.js';
export { DEFAULT_STORY_OPTIONS } from './options.js';
export { figuresAgree } from './figures.js';
export { estimatedJaccard } from './minhash.js';
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
}

export interface Story {
  id: string;
  originalId: string;
  /** Member article ids in insertion order, the original among them. */
  members: string[];
}

interface Analysis {
  exact: number;
  empty: boolean;
  signature: Uint32Array | null;
  shingles: number;
  figures: Figures;
}

type Coefficients = { a: Uint32Array; b: Uint32Array };
const coefficientCache = new Map<string, Coefficients>();

function coefficientsFor(options: StoryOptions): Coefficients {
  const key = `${options.permutations}:${options.seed}`;
  let found = coefficientCache.get(key);
  if (!found) {
    found = permutationCoefficients(options.permutations, options.seed);
    coefficientCache.set(key, found);
  }
  return found;
}

function analyse(text: string, options: StoryOptions, coefficients: Coefficients): Analysis {
  const tokens = tokenize(withoutChrome(text), options.maxShingleTokens, WORDS_PER_SCRIPT_CHARACTER);
  const empty = tokens.count === 0;
  let signature: Uint32Array | null = null;
  let shingles = 0;
  if (!empty && tokens.words >= options.minFuzzyWords) {
    signature = new Uint32Array(options.permutations);
    shingles = minhashInto(signature, tokens.hashes, tokens.count, options.shingleSize, coefficients.a, coefficients.b);
  }
  return { exact: tokens.exact, empty, signature, shingles, figures: empty ? new Uint32Array(0) : figuresOf(tokens) };
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

function publishedTime(published: string | null): number {
  if (published === null) return Number.POSITIVE_INFINITY;
  const time = Date.parse(published);
  return Number.isNaN(time) ? Number.POSITIVE_INFINITY : time;
}

/** Estimated share of the smaller shingle set found in the larger, from Jaccard and set sizes. */
function containment(jaccard: number, left: number, right: number): number {
  const smaller = Math.min(left, right);
  if (smaller === 0) return 0;
  return Math.min(1, (jaccard * (left + right)) / (1 + jaccard) / smaller);
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
  private readonly coefficients: Coefficients;
  private readonly bands = new BandTable();
  private readonly exactStory = new Map<number, number>();
  private readonly usedIds = new Set<string>();
  private readonly ids: string[] = [];
  private readonly originalIds: string[] = [];
  private readonly originalTimes: number[] = [];
  private readonly members: string[][] = [];
  private readonly signatures: SignatureStore;
  /** 1 where the story's original has a signature (is long enough for fuzzy matching). */
  private hasSignature = new Uint8Array(1024);
  private readonly shingleCounts: number[] = [];
  private readonly figures: Figures[] = [];
  private readonly exactKeys: number[] = [];
  private seenAt = new Int32Array(1024);
  private addCount = 0;

  constructor(options?: Partial<StoryOptions>) {
    this.options = resolveOptions(options);
    this.coefficients = coefficientsFor(this.options);
    this.signatures = new SignatureStore(this.options.permutations);
  }

  /** Adds an article; it joins the story whose ORIGINAL it matches (never chaining through members), else founds one. Deterministic for a given input order. */
  add(article: StoryInput): StoryMatch {
    this.addCount++;
    const analysis = analyse(article.text, this.options, this.coefficients);
    const time = publishedTime(article.published);
    if (analysis.empty) return this.found(article.id, time, analysis, false);

    const exactMatch = this.exactStory.get(analysis.exact);
    if (exactMatch !== undefined && this.exactKeys[exactMatch] === analysis.exact && figuresAgree(this.figures[exactMatch]!, analysis.figures)) {
      return this.join(exactMatch, article.id, time, analysis, 1);
    }

    const signature = analysis.signature;
    if (signature !== null) {
      let best = -1;
      let bestSimilarity = -1;
      for (const candidate of this.candidates(signature)) {
        if (this.hasSignature[candidate] !== 1) continue;
        const jaccard = this.signatures.jaccard(candidate, signature);
        if (jaccard <= bestSimilarity || !this.similarEnough(jaccard, analysis.shingles, this.shingleCounts[candidate]!)) continue;
        if (!figuresAgree(this.figures[candidate]!, analysis.figures)) continue;
        best = candidate;
        bestSimilarity = jaccard;
      }
      if (best !== -1) return this.join(best, article.id, time, analysis, bestSimilarity);
    }
    return this.found(article.id, time, analysis, true);
  }

  /** Every story: id, original article id, member ids in insertion order. */
  stories(): Story[] {
    return this.ids.map((id, story) => ({ id, originalId: this.originalIds[story]!, members: [...this.members[story]!] }));
  }

  /** Approximate bytes held by the LSH index and signatures, for the bench's bytes per article. */
  memoryBytes(): number {
    let bytes = this.bands.bytes() + this.signatures.bytes() + this.seenAt.byteLength + this.hasSignature.byteLength;
    for (const figures of this.figures) bytes += figures.byteLength + 64;
    // A Map entry costs about 40 bytes; per story the parallel arrays hold about 8 slots of 8 bytes.
    bytes += this.exactStory.size * 40 + this.ids.length * 64;
    return bytes;
  }

  private similarEnough(jaccard: number, shingles: number, originalShingles: number): boolean {
    if (jaccard >= this.options.joinJaccard) return true;
    return (
      jaccard >= this.options.containmentJaccardFloor &&
      containment(jaccard, shingles, originalShingles) >= this.options.joinContainment
    );
  }

  /** Stories sharing a band with `signature`, each once, oldest first. */
  private candidates(signature: Uint32Array): number[] {
    const found: number[] = [];
    const stamp = this.addCount;
    for (let band = 0; band < this.options.bands; band++) {
      this.bands.forEach(bandKey(signature, band, this.options.rows), (story) => {
        if (this.seenAt[story] === stamp) return;
        this.seenAt[story] = stamp;
        found.push(story);
      });
    }
    return found.sort((x, y) => x - y);
  }

  private index(story: number, analysis: Analysis): void {
    if (!this.exactStory.has(analysis.exact) || this.exactKeys[this.exactStory.get(analysis.exact)!] !== analysis.exact) {
      this.exactStory.set(analysis.exact, story);
    }
    const signature = analysis.signature;
    if (signature === null) return;
    for (let band = 0; band < this.options.bands; band++) this.bands.insert(bandKey(signature, band, this.options.rows), story);
  }

  private setSignature(story: number, signature: Uint32Array | null): void {
    this.hasSignature[story] = signature === null ? 0 : 1;
    if (signature !== null) this.signatures.set(story, signature);
  }

  private found(articleId: string, time: number, analysis: Analysis, indexed: boolean): StoryMatch {
    const story = this.ids.length;
    let id = `s${sha256Hex(`story:${articleId}`).slice(0, 16)}`;
    for (let n = 2; this.usedIds.has(id); n++) id = `s${sha256Hex(`story:${articleId}#${n}`).slice(0, 16)}`;
    this.usedIds.add(id);
    this.ids.push(id);
    this.originalIds.push(articleId);
    this.originalTimes.push(time);
    this.members.push([articleId]);
    this.shingleCounts.push(analysis.shingles);
    this.figures.push(analysis.figures);
    this.exactKeys.push(analysis.exact);
    if (story >= this.seenAt.length) {
      const grown = new Int32Array(this.seenAt.length * 2);
      grown.set(this.seenAt);
      this.seenAt = grown;
      const flags = new Uint8Array(this.seenAt.length);
      flags.set(this.hasSignature);
      this.hasSignature = flags;
    }
    this.setSignature(story, indexed ? analysis.signature : null);
    if (indexed) this.index(story, analysis);
    return { storyId: id, originalId: articleId, joined: false, similarity: null };
  }

  private join(story: number, articleId: string, time: number, analysis: Analysis, similarity: number): StoryMatch {
    this.members[story]!.push(articleId);
    if (time < this.originalTimes[story]!) {
      // The earlier copy becomes the original; the old original's bands stay as harmless extra
      // candidates, every candidate being verified against the current original.
      const sameText = this.exactKeys[story] === analysis.exact;
      this.originalIds[story] = articleId;
      this.originalTimes[story] = time;
      this.setSignature(story, analysis.signature);
      this.shingleCounts[story] = analysis.shingles;
      this.figures[story] = analysis.figures;
      this.exactKeys[story] = analysis.exact;
      if (!sameText) this.index(story, analysis);
    }
    return { storyId: this.ids[story]!, originalId: this.originalIds[story]!, joined: true, similarity };
  }
}
