// Every tunable number of near-duplicate detection, named and explained in one place.

/** MinHash permutations per signature. The issue asks for at least 128; the estimate's standard
 * error at Jaccard 0.5 is sqrt(0.25/128) ≈ 0.044. */
export const PERMUTATIONS = 128;

/** LSH bands × rows must not exceed PERMUTATIONS. 42 bands of 3 rows (126 of the 128 minima) make
 * a pair a candidate with probability 1-(1-J^3)^42: 0.68 at J=0.3, 0.84 at J=0.35, 0.99 at J=0.5,
 * 0.005 at J=0.05. Chosen over 32×4 because a copy with a trimmed paragraph and site boilerplate
 * around a short text often sits at J≈0.35-0.5 (measured: 20 of 300 such copies missed with 32×4
 * and the stricter containment below, 5 of 300 with these). */
export const BANDS = 42;
export const ROWS = 3;

/** Candidates per article: of each band's bucket only the newest BUCKET_SCAN_LIMIT stories are
 * read, and of those only the MAX_VERIFIED_CANDIDATES sharing the most bands are verified. Without
 * a cap, 40,000 template look-alikes (a price report that differs only in its figures) land in the
 * same buckets and each add reads every earlier one: quadratic (an ingest of them ran past five
 * minutes). With 32 and 24 the index placed 6,300 such articles a second; with 16 and 12, 11,000,
 * and a poller of look-alike feed items went from 0.54 to 0.72 of the plain GETs' rate. A real copy
 * shares many bands with its original (about 20 of 42 at J=0.8), so it ranks first: the generated
 * set's recall and the bench's copies joined are the same with these caps, twice them, or none. */
export const BUCKET_SCAN_LIMIT = 16;
export const MAX_VERIFIED_CANDIDATES = 12;

/** Tokens per shingle. A token is a word, a number, or one character of a script written without
 * spaces (Han, Kana, Thai, ...), so CJK text is shingled by characters. */
export const SHINGLE_SIZE = 3;

/** Only the first this many tokens are shingled and scanned for figures: a very long text costs no
 * more than this, and a syndicated copy shares its opening anyway. */
export const MAX_SHINGLE_TOKENS = 2000;

/** Below this many words a text joins only an exact copy (same normalised text), never a fuzzy one. */
export const MIN_FUZZY_WORDS = 20;

/** A character of a script without spaces counts as this fraction of a word toward MIN_FUZZY_WORDS
 * (a Chinese word averages about two characters). */
export const WORDS_PER_SCRIPT_CHARACTER = 0.5;

/** A candidate joins when the estimated Jaccard similarity with the story's original is at least
 * this much... */
export const JOIN_JACCARD = 0.5;

/** ...or when the smaller text is mostly contained in the larger (a copy with paragraphs trimmed or
 * wrapped in site boilerplate): estimated containment at least JOIN_CONTAINMENT and Jaccard at least
 * CONTAINMENT_JACCARD_FLOOR. Containment is derived from the Jaccard estimate and the shingle counts:
 * |A∩B| = J(|A|+|B|)/(1+J). */
export const JOIN_CONTAINMENT = 0.65;
export const CONTAINMENT_JACCARD_FLOOR = 0.25;

/** A figure (a number token) is keyed by the words around it: this many words before it and
 * FIGURE_CONTEXT_AFTER after. Figures agree when, for every context that occurs in both texts, one
 * text's set of numbers seen there holds the other's (a trimmed copy lost some; a next release
 * changed them), see figures.ts. */
export const FIGURE_CONTEXT_BEFORE = 2;
export const FIGURE_CONTEXT_AFTER = 1;

/** Figures are also compared as plain values, whatever their context: when the text with fewer
 * distinct figures has at least FIGURE_VALUES_MIN of them and under FIGURE_VALUES_SHARED of them
 * occur anywhere in the other text, the figures disagree. Contexts miss a look-alike whose words
 * before a number are a site's own ("Investor Desk ... About 9,000 miners" beside "LA PAZ, March
 * 26 - About 5,004 miners"); a true copy keeps most of its original's numbers (a trimmed paragraph
 * loses a few, a byline or footer adds a date or a year), a next release of one template changes
 * nearly all of them. FIGURE_VALUES_MIN is 2, not 1: with a single value a stray date or year
 * would decide; with two (a short note: "RB 211-524 engine ... by early 1990" beside "RB 217-527
 * ... early 1991", where a site's "firm said" hid the one shared context) sharing none is already
 * telling. Measured: 3 let that look-alike merge, 2 cost no recall on the generated set. */
export const FIGURE_VALUES_MIN = 2;
export const FIGURE_VALUES_SHARED = 0.5;

/** Site chrome (boilerplate.ts): a line of at most CHROME_MAX_WORDS words with no digit and no
 * sentence-ending punctuation is a menu entry, a site name or a "Share this" row, not news prose
 * (a wrapped line of a paragraph is longer, the last one ends in a full stop; table rows have
 * digits). A list item ("- Headline") of at most CHROME_MAX_LIST_ITEM_WORDS words is a related-link
 * title. Lines with link separators ("Home | News", "About · Careers") and no sentence end, and
 * copyright lines, are chrome too. */
export const CHROME_MAX_WORDS = 6;
export const CHROME_MAX_LIST_ITEM_WORDS = 16;
/** Chrome is dropped only when at least this share of the text's characters remains: a text that
 * would be mostly "chrome" is a short note or a list, kept whole. */
export const CHROME_MIN_KEPT_SHARE = 0.5;

/** Seed of the permutations' coefficients: fixed, so signatures are the same in every process. */
export const PERMUTATION_SEED = 0x5eed_da7e;

/** Pickup timelines (timeline.ts): an original paragraph not found whole in a copy counts as
 * edited when a copy paragraph holds at least this share of its words, else as removed. */
export const EDITED_PARAGRAPH_SHARE = 0.6;
