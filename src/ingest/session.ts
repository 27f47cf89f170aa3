// A parse session: one capture's format, then its articles in order as they are made, then the
// parse's outcome, whether the work is done on this thread (small captures) or in a parse
// worker (large ones, whose articles arrive while the rest is still being parsed).
import type { Article, InputProblem, ParsedCapture } from '../core/index.js';
import type { ArticleRow, WritableArticle } from '../store/index.js';
import type { Fingerprint } from '../stories/index.js';
import { type CaptureInput, articlesOf } from './assemble.js';
import { draftsOf } from './drafts.js';

/** What a capture turned out to be, known before any of its articles. */
export type CaptureFormat = Pick<ParsedCapture, 'format' | 'encoding' | 'decodedBy'>;

/** What a whole parse found, without the drafts themselves. */
export interface ParseSummary extends CaptureFormat {
  problems: InputProblem[];
  /** How many articles the capture holds. */
  count: number;
}

/** A capture's parse: its articles come as Articles here, as rows (ready to store) from a worker. */
export interface ParseSession<Item extends WritableArticle = WritableArticle> {
  /** Rejects with the capture's DatelineError when it cannot be parsed at all. */
  started: Promise<CaptureFormat>;
  /**
   * The next articles in order: all that are ready, up to `max`, waiting only while none is;
   * [] at the end. A writer that takes what is ready never waits for a full chunk, so when
   * parsing ends it is left with one chunk's worth of writing, not a whole `max`.
   */
  next(max: number): Promise<Item[]>;
  /** Settles once every article has been made. */
  summary: Promise<ParseSummary>;
}

/** A parse's outcome without its drafts. */
export function summaryOf({ drafts, ...found }: ParsedCapture): ParseSummary {
  return { ...found, count: drafts.length };
}

/** Parses and structures on this thread. */
export function inlineSession(input: CaptureInput): ParseSession<Article> {
  let parsed: ParsedCapture;
  try {
    parsed = draftsOf(input);
  } catch (error) {
    const failed = Promise.reject(error);
    failed.catch(() => undefined);
    return { started: failed, summary: failed, next: () => failed };
  }
  const summary = summaryOf(parsed);
  let at = 0;
  return {
    started: Promise.resolve(summary),
    summary: Promise.resolve(summary),
    next: async (max) => {
      const from = at;
      at = Math.min(summary.count, at + max);
      return articlesOf(input, parsed, from, at);
    },
  };
}

/** What the main thread sends a parse worker. */
export interface CaptureJob {
  input: CaptureInput;
  /** Articles per reply. */
  piece: number;
  /** Also compute each article's story fingerprint, so the writing thread only matches. */
  fingerprints: boolean;
}

/** Hears of the fingerprints a worker computed for the rows it sent (same order). */
export type FingerprintSink = (rows: readonly ArticleRow[], prints: readonly Fingerprint[]) => void;

export type WorkerReply =
  | { kind: 'started'; found: CaptureFormat }
  | { kind: 'articles'; rows: ArticleRow[]; prints: Fingerprint[] | null }
  | { kind: 'parsed'; summary: ParseSummary }
  | { kind: 'failed'; error: { code: string; message: string; line?: number } }
  | { kind: 'crashed'; message: string };
