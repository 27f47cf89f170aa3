// The Store interface: everything the rest of dateline asks of storage. SQLite implements it
// now and PostgreSQL later, so it is asynchronous and speaks only the model's types (and, for
// writes, rows.ts's ArticleRow: an article encoded for storage ahead, by a parse worker).
import type { Article, Capture, Query } from '../core/index.js';
import type { WritableArticle } from './rows.js';

export type { ArticleRow, WritableArticle } from './rows.js';

/** How a capture was read, and why it failed if it did. */
export interface CaptureRecord {
  capture: Capture;
  bytes: Uint8Array;
  /** The format it was parsed as (`text`, `html`, `reuters-sgml`, `jsonl`), null if unparseable. */
  format: string | null;
  /** The encoding it was decoded with and how it was chosen, e.g. `windows-1252 (detection)`. */
  encoding: string | null;
  /** Set when parsing failed: the capture is kept with its error, never dropped. */
  error: { code: string; message: string } | null;
  /**
   * How many articles the capture holds in all; it is complete when all are stored. Null while
   * the capture is still being parsed (a large one is written as it is read): it stays
   * incomplete until the last appendArticles states the total.
   */
  expectedArticles: number | null;
}

export interface CaptureState {
  id: string;
  storedArticles: number;
  expectedArticles: number | null;
  complete: boolean;
  error: { code: string; message: string } | null;
}

export interface WriteResult {
  /**
   * `new` when the capture row was created now, `existing` when it was already stored,
   * `failed` (from writeCaptures only) when writing it failed and nothing of it was kept.
   */
  capture: 'new' | 'existing' | 'failed';
  /** Articles inserted now (existing ids are left alone); 0 when failed. */
  articlesAdded: number;
  /** Why the capture could not be written; present only when `capture` is `failed`. */
  error?: { code: string; message: string };
}

export interface SearchOptions {
  limit: number;
  /** Results to skip: stories when collapsed, articles otherwise. */
  offset?: number;
  /**
   * `story` (the default): one hit per story, its best-ranked copy, with the story's size; `none`:
   * every matching article.
   */
  collapse?: 'story' | 'none';
  /**
   * `relevance` (the default): BM25, best first, a window of matches at a time, newest stored
   * first (SQLite: the newest 2,048, then the next 4,096, doubling; fewer matches are ranked
   * whole, and a common term's hundreds of thousands cost one window, not all); a collapsed story
   * shows its best copy in the first window that has one. `newest`: by `published` as printed, latest first, undated last (collapsed, each
   * story shows its newest matching copy). A query of filters only comes back newest first.
   */
  sort?: 'relevance' | 'newest';
}

export interface SearchHit {
  id: string;
  title: string | null;
  /** Text around the matches, with matches wrapped in [[ and ]]. */
  snippet: string;
  published: string | null;
  wire: string | null;
  source: string | null;
  /** BM25 rank, higher is better. */
  score: number;
  /** The story it belongs to (null until stories are computed: `dateline restory`). */
  storyId: string | null;
  /** Articles in that story, itself among them (1 when it has none). */
  storySize: number;
}

export interface CountRow {
  key: string | null;
  count: number;
}

export interface FacetOptions {
  /** Rows per facet (default 10). */
  limit?: number;
  /** The histogram's buckets (default month): a week is keyed by its Monday. */
  interval?: 'day' | 'week' | 'month';
}

/** What the articles matching a query are made of, and when they were published. */
export interface Facets {
  /** Matching articles (every copy, not stories). */
  total: number;
  byWire: CountRow[];
  bySource: CountRow[];
  byPlace: CountRow[];
  byLanguage: CountRow[];
  interval: 'day' | 'week' | 'month';
  /** Articles per bucket of the day printed in `published`, oldest first; undated ones left out. */
  histogram: Array<{ key: string; count: number }>;
}

export interface Stats {
  captures: number;
  failedCaptures: number;
  articles: number;
  byWire: CountRow[];
  bySource: CountRow[];
  byLanguage: CountRow[];
  /** `YYYY-MM` of `published`. */
  byMonth: CountRow[];
  stories: number;
  /** Articles not yet in a story (stored before stories existed: `dateline restory` places them). */
  articlesWithoutStory: number;
}

export interface FailedCapture {
  id: string;
  url: string;
  error: { code: string; message: string };
}

/** What a source is: a feed, a sitemap, or a page (polled for the feed it links to, or itself). */
export type SourceKind = 'feed' | 'sitemap' | 'page';

/** A source to add: where it is, and what a person said about it. */
export interface NewSource {
  url: string;
  kind: SourceKind;
  title?: string | null;
  /** The site's home page (OPML htmlUrl). */
  siteUrl?: string | null;
  /** The folder it sits in (OPML outline path, "News/Wires"). */
  folder?: string | null;
  /** Fetch each item's linked page and extract it when the item carries only a summary. */
  fullText?: boolean;
}

/** How polling a source has gone; updated after every fetch. */
export interface SourceState {
  etag: string | null;
  lastModified: string | null;
  lastFetchAt: string | null;
  /** The last HTTP status, or null when the fetch failed before one. */
  lastStatus: number | null;
  /** The last error's message (null after a success). */
  lastError: string | null;
  /** Errors in all, and in a row since the last success (what backoff reads). */
  errorCount: number;
  consecutiveErrors: number;
  /** When it is due next (ISO 8601, UTC). */
  nextPollAt: string;
  /** The polling interval it is on, in seconds. */
  intervalSeconds: number;
  /** Items seen that were new to the store, in all; with addedAt, the items a day. */
  newItems: number;
  lastNewItemAt: string | null;
}

export interface Source extends Required<NewSource> {
  id: string;
  addedAt: string;
  state: SourceState;
}

/** A story as the store keeps it: its original and the original's matching key (opaque here). */
export interface StoredStory {
  id: string;
  originalId: string;
  key: Uint8Array;
}

/** What an assigner reads of an article. */
export type StoryCandidate = Pick<Article, 'id' | 'title' | 'text' | 'published'>;

/** The story an article joined or founded, and the story's new key when its original changed. */
export interface StoryAssignment {
  storyId: string;
  originalId: string;
  /** True when the article founded the story. */
  founded: boolean;
  /** The original's key when the article founded the story or became its original, else null. */
  key: Uint8Array | null;
}

/**
 * Puts each new article in a story, called by the store inside the transaction that writes the
 * article (src/ingest/stories.ts is the one ingest uses). The store keeps every story's original
 * key, so an assigner in another process (or after a restart) catches up from the store.
 */
export interface StoryAssigner {
  /** The last story change it has seen; 0 when it has seen none (it holds no stories). */
  readonly seen: number;
  /** Takes stories founded or re-originated since `seen`, in change order; `seen` becomes `through`. */
  catchUp(stories: StoredStory[], through: number): void;
  /** The story of an article being inserted now; called once per new article, in order. */
  assign(article: StoryCandidate): StoryAssignment;
  /** What it assigned since its last catch-up was rolled back: it forgets everything (`seen` 0). */
  forget(): void;
}

/** A story and its articles' provenance, as `dateline stories` lists them. */
export interface StorySummary {
  id: string;
  originalId: string;
  size: number;
  /** The latest member's published time (ISO 8601, UTC), null when none has one. */
  latest: string | null;
  /** Members in the order they were stored, the original among them. */
  articles: Array<{ id: string; url: string | null; source: string | null; siteName: string | null; published: string | null }>;
}

export interface StoryListOptions {
  /** `size` (largest first, the default) or `recent` (latest member first). */
  order?: 'size' | 'recent';
  /** Only stories with a member published at or after this ISO 8601 time. */
  since?: string;
  limit?: number;
}

/** A version of an article that a later capture replaced. */
export interface ArticleRevision {
  /** 1 for the first version replaced. */
  revision: number;
  /** The capture the replaced version came from. */
  captureId: string;
  /** When it was replaced (ISO 8601, UTC). */
  replacedAt: string;
  article: Article;
}

/** What an API token may do: `read` reaches read endpoints, `write` reaches every endpoint. */
export type TokenScope = 'read' | 'write';

/** An API token as listed: never its secret, which is shown once when it is made. */
export interface ApiToken {
  /** Public and short; the token itself starts with it, so a request names its row. */
  id: string;
  name: string | null;
  scope: TokenScope;
  createdAt: string;
  /** When it was revoked (ISO 8601, UTC); a revoked token is refused. */
  revokedAt: string | null;
}

/** An API token as stored: the SHA-256 of the whole token, never the token. */
export interface StoredToken extends ApiToken {
  hash: Uint8Array;
}

export interface Store {
  /** What is stored of a capture, or null when its bytes were never stored. */
  captureState(id: string): Promise<CaptureState | null>;
  /**
   * Writes a capture and its articles in one transaction: neither exists without the other.
   * A capture already stored is left as it is; only articles with new ids are added.
   */
  writeCapture(record: CaptureRecord, articles: readonly WritableArticle[]): Promise<WriteResult>;
  /**
   * Several captures in one transaction, each still atomic on its own (a savepoint each): one
   * that fails is rolled back alone and reported as `{capture: 'failed', error}` at its index,
   * and the others are kept. Rejects only when the batch as a whole cannot be committed.
   */
  writeCaptures(batch: { record: CaptureRecord; articles: readonly WritableArticle[] }[]): Promise<WriteResult[]>;
  /**
   * Adds more articles of a stored capture (a large capture written in several transactions);
   * returns how many were new. `expectedArticles`, given with the last of them, records how many
   * the capture holds in all, in the same transaction. Rejects with E_NOT_FOUND when the
   * capture is not stored.
   */
  appendArticles(captureId: string, articles: readonly WritableArticle[], expectedArticles?: number): Promise<number>;
  /**
   * Replaces every article of a capture (reprocess), in one transaction; the capture's error
   * becomes `error` and its expected article count `articles.length`. Ids are stable, so
   * articles keep theirs. Rejects with E_NOT_FOUND when the capture is not stored.
   */
  replaceArticles(captureId: string, articles: readonly WritableArticle[], error: CaptureRecord['error']): Promise<void>;
  getArticle(id: string): Promise<Article | null>;
  /**
   * From now on every article this store inserts is put in a story by `assigner`, in the same
   * transaction. Without one, articles are stored without a story.
   */
  assignStories(assigner: StoryAssigner | null): void;
  /**
   * Brings the assigner up to date with the stories stored, a page at a time with a turn of the
   * event loop between pages. A write does this itself, all at once inside its transaction; a
   * server calls this first, so its first write (a million stories take seconds to read) does not
   * hold every other request that long. Without an assigner it does nothing.
   */
  warmStories(): Promise<void>;
  /**
   * Recomputes every story from scratch in one transaction: stories cleared, then each article
   * assigned in the order it was first stored. `assigner` must be fresh (`seen` 0).
   */
  rebuildStories(assigner: StoryAssigner): Promise<{ articles: number; stories: number }>;
  /** Stories with their members, largest (or latest) first; every story unless `limit`. */
  listStories(options?: StoryListOptions): AsyncIterable<StorySummary>;
  /** A story's members as full articles in the order they were stored, or null when there is no such story. */
  getStory(id: string): Promise<{ id: string; originalId: string; articles: Article[] } | null>;
  /**
   * True when an article with exactly this `url` is stored: what a sitemap poll asks of each
   * listed page before fetching it.
   */
  hasArticleUrl(url: string): Promise<boolean>;
  /** The ids of a capture's stored articles, in their order in it (what reprocess keeps). */
  articleIdsOf(captureId: string): Promise<string[]>;
  /** The versions an article had before its content changed (a feed item edited), oldest first. */
  articleRevisions(id: string): Promise<ArticleRevision[]>;
  getCapture(id: string): Promise<{ capture: Capture; bytes: Uint8Array } | null>;
  /** Every capture id, oldest first. */
  captureIds(): AsyncIterable<string>;
  failedCaptures(): Promise<FailedCapture[]>;
  /**
   * Ranked by BM25 (title hits first); a query of filters only comes back newest first with
   * score 0. Text matching ignores case and diacritics; filters match a whole value ignoring
   * case and accents (`place:` also any comma-separated part of the place).
   */
  search(query: Query, options: SearchOptions): Promise<SearchHit[]>;
  stats(): Promise<Stats>;
  /** Every article a query matches, whole, in the order they were stored, read a page at a time (exports). */
  articlesMatching(query: Query): AsyncIterable<Article>;
  /** Counts by wire, source, place and language, and a date histogram, over a query's matches. */
  facets(query: Query, options?: FacetOptions): Promise<Facets>;
  /**
   * Adds a source, due at once (`nextPollAt` = `addedAt`); a URL already followed is returned as
   * it is, with `added: false`.
   */
  addSource(source: NewSource, addedAt: string): Promise<{ source: Source; added: boolean }>;
  /** Every source, oldest first. */
  listSources(): Promise<Source[]>;
  /** Removes a source by id or URL (its captures and articles stay); false when there is none. */
  removeSource(idOrUrl: string): Promise<boolean>;
  /** Records how a poll went. Rejects with E_NOT_FOUND when the source is gone. */
  updateSourceState(id: string, state: Partial<SourceState>): Promise<void>;
  /**
   * Records how several polls went, in one transaction; returns the ids of the sources that are
   * gone (those are skipped, the others recorded).
   */
  updateSourceStates(updates: ReadonlyArray<{ id: string; state: Partial<SourceState> }>): Promise<string[]>;
  /** Sources due at `now` (ISO 8601), soonest first. */
  dueSources(now: string, limit: number): Promise<Source[]>;
  /** Stores a new API token. Rejects with E_STORE when its id is taken. */
  addToken(token: StoredToken): Promise<void>;
  /** A token by its public id, revoked or not; null when there is none. */
  getToken(id: string): Promise<StoredToken | null>;
  /** Every token, oldest first, revoked ones among them. */
  listTokens(): Promise<ApiToken[]>;
  /** Revokes a token; false when there is no such token or it was revoked already. */
  revokeToken(id: string, revokedAt: string): Promise<boolean>;
  close(): Promise<void>;
}
