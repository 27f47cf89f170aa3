// A parse session: one capture's parse summary and its articles by range, whether the work is
// done on this thread (small captures) or in a parse worker (large ones).
import type { Article, InputProblem, ParsedCapture } from '../core/index.js';
import { type CaptureInput, articlesOf } from './assemble.js';
import { draftsOf } from './drafts.js';

/** What a parse found, without the drafts themselves. */
export interface ParseSummary {
  format: ParsedCapture['format'];
  encoding: string;
  decodedBy: ParsedCapture['decodedBy'];
  problems: InputProblem[];
  /** How many articles the capture holds. */
  count: number;
}

export interface ParseSession {
  /** Rejects with the capture's DatelineError (or its shape) when the capture cannot be parsed. */
  summary: Promise<ParseSummary>;
  /** The articles of drafts [from, to), in order. */
  articles(from: number, to: number): Promise<Article[]>;
}

/** Parses and structures on this thread. */
export function inlineSession(input: CaptureInput): ParseSession {
  let parsed: ParsedCapture;
  try {
    parsed = draftsOf(input);
  } catch (error) {
    return { summary: Promise.reject(error), articles: () => Promise.resolve([]) };
  }
  const { drafts, ...rest } = parsed;
  return {
    summary: Promise.resolve({ ...rest, count: drafts.length }),
    articles: (from, to) => Promise.resolve(articlesOf(input, parsed, from, to)),
  };
}

/** What the main thread sends a parse worker. */
export interface CaptureJob {
  input: CaptureInput;
  /** Articles per reply. */
  piece: number;
}

export type WorkerReply =
  | { kind: 'parsed'; summary: ParseSummary }
  | { kind: 'failed'; error: { code: string; message: string; line?: number } }
  | { kind: 'articles'; articles: Article[] }
  | { kind: 'crashed'; message: string };
