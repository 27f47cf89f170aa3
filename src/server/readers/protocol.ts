// What the main thread and a reader thread say to each other. Every request carries an id and
// gets exactly one reply with that id (a value or an error); an export is read a page per
// request, so the main thread asks for the next page only when it has sent the last.
import type { Article, ErrorCode, Query } from '../../core/index.js';
import type { Store } from '../../store/index.js';

/** The store's reads that the API's read endpoints make, and all a reader answers. */
export type StoreReads = Pick<Store, 'search' | 'facets' | 'getArticle' | 'getStory' | 'stats' | 'articlesMatching'>;

/** The reads answered with one value; an export is paged instead. */
export const READ_CALLS = ['search', 'facets', 'getArticle', 'getStory', 'stats'] as const;
export type ReadCall = (typeof READ_CALLS)[number];

/** Articles per export page: what one store page holds, so a page is one read transaction. */
export const EXPORT_PAGE = 500;

export type ReaderRequest =
  | { kind: 'call'; id: number; method: ReadCall; args: unknown[] }
  /** The next page of export `stream`, opened on `query` by its first request. */
  | { kind: 'page'; id: number; stream: number; query: Query }
  /** The client went away: the reader drops export `stream`. No reply. */
  | { kind: 'stop'; stream: number };

export interface ExportPage {
  articles: Article[];
  done: boolean;
}

/** A DatelineError as it crosses threads; its stack goes along for the server's log. */
export interface WireError {
  code: ErrorCode;
  message: string;
  input?: string;
  line?: number;
  column?: number;
  stack?: string;
}

export type ReaderReply =
  | { kind: 'ready' }
  /** The store would not open: the reader ends. */
  | { kind: 'unusable'; error: WireError }
  | { kind: 'value'; id: number; value: unknown }
  | { kind: 'failed'; id: number; error: WireError };

/** Options a reader starts with (its workerData). */
export interface ReaderData {
  database: string;
}
