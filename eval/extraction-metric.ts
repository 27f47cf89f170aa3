// trafilatura's extraction metric and the extraction-dev corpus, shared by `npm run
// eval:extraction` and the extraction benchmark so both score text the same way.
//
// The metric (trafilatura's evaluation, ../shared/corpora/README.md): whitespace is collapsed in
// the extracted text; a `with` snippet found in it is a true positive, missing a false negative;
// a `without` snippet found is a false positive, missing a true negative; sums over the corpus
// give precision, recall, F1 and accuracy.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { corpusFile } from '../bench/corpora.js';
import { decodeText } from '../src/formats/index.js';

/** One entry of extraction-dev/evaldata.json, keyed by the page's URL (or `hard::<file>`). */
export interface ExtractionCase {
  key: string;
  /** The page's URL when the key is one. */
  url: string | null;
  file: string;
  with: string[];
  without: string[];
  /** Ground-truth metadata; absent or empty when the corpus does not give it. */
  title?: string;
  date?: string;
  author?: string | string[];
}

export interface ExtractionPage {
  case: ExtractionCase;
  /** The decoded page, or null when decoding threw (`error` says why). */
  html: string | null;
  error?: string;
}

export interface SnippetCounts {
  tp: number;
  fn: number;
  fp: number;
  tn: number;
}

export interface SnippetScore extends SnippetCounts {
  /** `with` snippets the text lacks. */
  missed: string[];
  /** `without` snippets the text holds. */
  found: string[];
}

export interface SnippetMetrics {
  precision: number;
  recall: number;
  f1: number;
  accuracy: number;
}

/**
 * The extraction-dev pages, each decoded with dateline's own decoder, or null (with one
 * "skipped" line printed) when the corpus is absent.
 */
export function loadExtractionDev(purpose: string): ExtractionPage[] | null {
  const index = corpusFile('extraction-dev/evaldata.json', purpose);
  if (!index) return null;
  const dir = join(dirname(index), 'pages');
  const raw = JSON.parse(readFileSync(index, 'utf8')) as Record<string, Omit<ExtractionCase, 'key' | 'url'>>;
  return Object.entries(raw).map(([key, entry]) => {
    const item: ExtractionCase = { ...entry, key, url: urlOf(key), with: entry.with ?? [], without: entry.without ?? [] };
    try {
      return { case: item, html: decodeText(readFileSync(join(dir, item.file)), { name: item.file }).text };
    } catch (error) {
      return { case: item, html: null, error: error instanceof Error ? error.message : String(error) };
    }
  });
}

// One key carries a stray leading "x" (`xhttps://…`), trafilatura's own typo.
function urlOf(key: string): string | null {
  const url = key.replace(/^x(?=https?:\/\/)/, '');
  return /^https?:\/\//.test(url) ? url : null;
}

export const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** Scores one page's extracted text; `text` null (the extractor threw) misses every `with` snippet. */
export function scoreSnippets(text: string | null, item: ExtractionCase): SnippetScore {
  const score: SnippetScore = { tp: 0, fn: 0, fp: 0, tn: 0, missed: [], found: [] };
  const body = text === null ? null : collapse(text);
  const holds = (snippet: string) => body !== null && body.includes(collapse(snippet));
  for (const snippet of item.with) {
    if (holds(snippet)) {
      score.tp++;
    } else {
      score.fn++;
      score.missed.push(snippet);
    }
  }
  for (const snippet of item.without) {
    if (holds(snippet)) {
      score.fp++;
      score.found.push(snippet);
    } else {
      score.tn++;
    }
  }
  return score;
}

export function sumCounts(scores: SnippetCounts[]): SnippetCounts {
  const sum = { tp: 0, fn: 0, fp: 0, tn: 0 };
  for (const s of scores) {
    sum.tp += s.tp;
    sum.fn += s.fn;
    sum.fp += s.fp;
    sum.tn += s.tn;
  }
  return sum;
}

export function snippetMetrics({ tp, fn, fp, tn }: SnippetCounts): SnippetMetrics {
  const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);
  const precision = ratio(tp, tp + fp);
  const recall = ratio(tp, tp + fn);
  return {
    precision,
    recall,
    f1: ratio(2 * precision * recall, precision + recall),
    accuracy: ratio(tp + tn, tp + tn + fp + fn),
  };
}

/** Title: equal after collapsing whitespace and trimming. */
export function titleMatches(extracted: string | null, expected: string): boolean {
  return extracted !== null && collapse(extracted) === collapse(expected);
}

/** Publication day: the first ten characters of the extracted ISO date equal the expected `YYYY-MM-DD`. */
export function dayMatches(extracted: string | null, expected: string): boolean {
  return extracted !== null && extracted.slice(0, 10) === expected;
}

/**
 * Author. Both sides are compared case-insensitively after collapsing whitespace and stripping a
 * leading "By", "Von", "Par" or "Por" (the corpus itself has "Von Roland Brockmann und …"). A
 * single expected author (which may itself name several, as printed: "Rudolf Fischer, Simon
 * Kohler") must equal the byline; a list of authors matches when the byline contains every one
 * of them, whatever joins them.
 */
export function authorMatches(byline: string | null, expected: string | string[]): boolean {
  if (byline === null) return false;
  const found = normaliseAuthor(byline);
  if (typeof expected === 'string') return found === normaliseAuthor(expected);
  return expected.every((name) => found.includes(normaliseAuthor(name)));
}

const normaliseAuthor = (name: string) => collapse(name).toLowerCase().replace(/^(?:by|von|par|por)(?::\s*|\s+)/, '');

/** Whether the corpus gives a value for this field on this page (empty strings and lists do not count). */
export function hasTruth(value: string | string[] | undefined): value is string | string[] {
  return typeof value === 'string' ? value.trim() !== '' : Array.isArray(value) && value.length > 0;
}
