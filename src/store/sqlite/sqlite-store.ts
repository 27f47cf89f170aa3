// The SQLite Store: one better-sqlite3 connection, statements prepared once, each public
// method one transaction. better-sqlite3 is synchronous; the async surface is the interface's.
// Writes BEGIN IMMEDIATE: taking the write lock up front lets busy_timeout wait for another
// writer, where a deferred transaction upgrading its lock would fail with SQLITE_BUSY at once.
import { DatelineError, isDatelineError } from '../../core/index.js';
import type { Article, Capture, Query } from '../../core/index.js';
import type {
  ArticleRevision,
  NewSource,
  Source,
  SourceState,
  CaptureRecord,
  CaptureState,
  FacetOptions,
  Facets,
  FailedCapture,
  SearchHit,
  SearchOptions,
  Stats,
  Store,
  StoryAssigner,
  StoryListOptions,
  StorySummary,
  WriteResult,
  ApiToken,
  StoredToken,
} from '../store.js';
import type { ArticleRow, WritableArticle } from '../rows.js';
import { ArticleTable } from './articles.js';
import { CaptureTable } from './captures.js';
import { openDatabase } from './database.js';
import type { Db, OpenOptions } from './database.js';
import type { Transaction } from 'better-sqlite3';
import { migrate } from './migrations.js';
import { Searcher } from './search.js';
import { SourceTable } from './sources.js';
import { FacetReader } from './facets.js';
import { StatsReader } from './stats.js';
import { type StoryCursor, StoryTable } from './stories.js';
import { TokenTable } from './tokens.js';

/** Stories listed per page of listStories, and articles per page of articlesMatching. */
const STORY_PAGE = 500;
const EXPORT_PAGE = 500;

/** Any failure as our error: a DatelineError as it is, a database error as E_STORE. */
function asStoreError(error: unknown, what: string): DatelineError {
  if (isDatelineError(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new DatelineError('E_STORE', `store: ${what}: ${message}`, { cause: error });
}

export class SqliteStore implements Store {
  private readonly captures: CaptureTable;
  private readonly articles: ArticleTable;
  private readonly searcher: Searcher;
  private readonly statsReader: StatsReader;
  private readonly facetReader: FacetReader;
  private readonly sources: SourceTable;
  private readonly stories: StoryTable;
  private readonly tokens: TokenTable;
  private assigner: StoryAssigner | null = null;
  /** The story of each article about to be inserted, when an assigner is set. */
  private readonly placeInStory = (row: ArticleRow) => this.stories.place(this.assigner!, row);
  private readonly writeBody: (record: CaptureRecord, articles: readonly WritableArticle[]) => WriteResult;
  private readonly writeOne: Transaction<(record: CaptureRecord, articles: readonly WritableArticle[]) => WriteResult>;
  private closed = false;

  private constructor(private readonly db: Db) {
    this.captures = new CaptureTable(db);
    this.articles = new ArticleTable(db);
    this.searcher = new Searcher(db);
    this.statsReader = new StatsReader(db);
    this.facetReader = new FacetReader(db);
    this.sources = new SourceTable(db);
    this.stories = new StoryTable(db);
    this.tokens = new TokenTable(db);
    this.writeBody = (record, articles) => {
      const created = this.captures.write(record);
      const articlesAdded = this.articles.insertMany(record.capture.id, articles, 0, this.placer());
      return { capture: created ? 'new' : 'existing', articlesAdded };
    };
    // Called on its own it is a transaction; inside writeCaptures' transaction better-sqlite3
    // runs it as a SAVEPOINT, which is what makes each capture of a batch atomic.
    this.writeOne = db.transaction(this.writeBody);
  }

  static open(path: string, options: OpenOptions = {}): SqliteStore {
    const db = openDatabase(path, options);
    try {
      if (!options.readonly) migrate(db);
      return new SqliteStore(db);
    } catch (error) {
      db.close();
      throw asStoreError(error, `cannot prepare ${path}`);
    }
  }

  private run<T>(what: string, work: () => T): Promise<T> {
    if (this.closed) return Promise.reject(new DatelineError('E_STORE', `store: ${what}: the store is closed`));
    try {
      return Promise.resolve(work());
    } catch (error) {
      return Promise.reject(asStoreError(error, what));
    }
  }

  /** The insert hook that places articles in stories, or none without an assigner. */
  private placer(): ((row: ArticleRow) => string) | undefined {
    return this.assigner ? this.placeInStory : undefined;
  }

  /**
   * Runs `body` in an IMMEDIATE transaction, with the story assigner (if any) caught up first and
   * told afterwards whether what it assigned was committed or rolled back.
   */
  private write<T>(body: () => T): T {
    const assigner = this.assigner;
    try {
      const result = this.db
        .transaction(() => {
          if (assigner) this.stories.begin(assigner);
          return body();
        })
        .immediate();
      if (assigner) this.stories.committed(assigner);
      return result;
    } catch (error) {
      if (assigner) this.stories.rolledBack(assigner);
      throw error;
    }
  }

  captureState(id: string): Promise<CaptureState | null> {
    return this.run('reading a capture state', () => this.captures.stateOf(id));
  }

  writeCapture(record: CaptureRecord, articles: readonly WritableArticle[]): Promise<WriteResult> {
    return this.run(`writing capture ${record.capture.id}`, () => this.write(() => this.writeBody(record, articles)));
  }

  writeCaptures(batch: { record: CaptureRecord; articles: readonly WritableArticle[] }[]): Promise<WriteResult[]> {
    return this.run('writing a batch of captures', () => {
      // Fast path: the whole batch in one transaction without savepoints. FTS5 flushes its
      // in-memory index at every savepoint, which makes a savepoint per capture cost about
      // two thirds of ingest speed; failures are rare, so they pay instead.
      try {
        return this.write(() => batch.map(({ record, articles }) => this.writeBody(record, articles)));
      } catch {
        // Slow path, after the rollback: a savepoint per capture, so one failure loses only itself.
        return this.write(() =>
          batch.map(({ record, articles }): WriteResult => {
            try {
              return this.writeOne(record, articles);
            } catch (error) {
              // The savepoint is undone but the assigner saw its articles: it starts over from
              // the stories stored, inside this transaction.
              if (this.assigner) {
                this.assigner.forget();
                this.stories.begin(this.assigner);
              }
              const failure = asStoreError(error, `writing capture ${record.capture.id}`);
              return { capture: 'failed', articlesAdded: 0, error: { code: failure.code, message: failure.message } };
            }
          }),
        );
      }
    });
  }

  appendArticles(captureId: string, articles: readonly WritableArticle[], expectedArticles?: number): Promise<number> {
    return this.run(`adding articles to capture ${captureId}`, () =>
      this.write(() => {
        const state = this.captures.stateOf(captureId);
        if (!state) throw notFound('capture', captureId);
        const added = this.articles.insertMany(captureId, articles, state.storedArticles, this.placer());
        if (expectedArticles !== undefined) this.captures.setExpectedArticles(captureId, expectedArticles);
        return added;
      }),
    );
  }

  replaceArticles(captureId: string, articles: readonly WritableArticle[], error: CaptureRecord['error']): Promise<void> {
    return this.run(`replacing the articles of capture ${captureId}`, () =>
      this.db.transaction(() => {
        if (!this.captures.has(captureId)) throw notFound('capture', captureId);
        // Articles keep their stories; rebuildStories() recomputes them once reprocessing is done.
        const stories = this.articles.storiesOf(captureId);
        this.articles.deleteOfCaptureId(captureId);
        this.articles.insertMany(captureId, articles, 0);
        this.articles.restoreStories(stories);
        this.captures.setParseOutcome(captureId, error, articles.length);
      }).immediate(),
    );
  }

  getArticle(id: string): Promise<Article | null> {
    return this.run(`reading article ${id}`, () => this.articles.get(id));
  }

  assignStories(assigner: StoryAssigner | null): void {
    this.assigner = assigner;
  }

  async warmStories(): Promise<void> {
    const assigner = this.assigner;
    if (!assigner) return;
    for (let cursor = null as StoryCursor | null; ; ) {
      cursor = await this.run('reading stories', () => this.stories.catchUpPage(assigner, cursor));
      if (cursor === null || this.assigner !== assigner) return;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  rebuildStories(assigner: StoryAssigner): Promise<{ articles: number; stories: number }> {
    return this.run('recomputing stories', () => {
      if (assigner.seen !== 0) throw new DatelineError('E_STORE', 'store: rebuildStories needs a fresh story assigner');
      try {
        const articles = this.db
          .transaction(() => {
            this.stories.clear();
            this.stories.begin(assigner);
            let count = 0;
            for (const row of this.stories.articlesInOrder()) {
              this.stories.setStory(row.seq, this.stories.place(assigner, row));
              count++;
            }
            return count;
          })
          .immediate();
        this.stories.committed(assigner);
        return { articles, stories: this.stories.stats().stories };
      } catch (error) {
        this.stories.rolledBack(assigner);
        throw error;
      }
    });
  }

  async *listStories(options: StoryListOptions = {}): AsyncIterable<StorySummary> {
    let left = options.limit ?? Number.POSITIVE_INFINITY;
    let cursor: StoryCursor | null = null;
    while (left > 0) {
      const size = Math.min(STORY_PAGE, left);
      const page: { stories: StorySummary[]; cursor: StoryCursor | null } = await this.run('listing stories', () =>
        this.stories.page(options, cursor, size),
      );
      yield* page.stories;
      if (page.stories.length < size) return;
      left -= page.stories.length;
      cursor = page.cursor;
    }
  }

  getStory(id: string): Promise<{ id: string; originalId: string; articles: Article[] } | null> {
    return this.run(`reading story ${id}`, () =>
      this.db.transaction(() => {
        const story = this.stories.get(id);
        if (!story) return null;
        const articles = story.memberIds.flatMap((member) => this.articles.get(member) ?? []);
        return { id: story.id, originalId: story.originalId, articles };
      })(),
    );
  }

  addSource(source: NewSource, addedAt: string): Promise<{ source: Source; added: boolean }> {
    return this.run(`adding source ${source.url}`, () => this.sources.add(source, addedAt));
  }

  listSources(): Promise<Source[]> {
    return this.run('listing sources', () => this.sources.list());
  }

  removeSource(idOrUrl: string): Promise<boolean> {
    return this.run(`removing source ${idOrUrl}`, () => this.sources.delete(idOrUrl));
  }

  updateSourceState(id: string, state: Partial<SourceState>): Promise<void> {
    return this.run(`updating source ${id}`, () => this.sources.setState(id, state));
  }

  updateSourceStates(updates: ReadonlyArray<{ id: string; state: Partial<SourceState> }>): Promise<string[]> {
    return this.run('updating sources', () =>
      this.db.transaction(() => updates.filter(({ id, state }) => !this.sources.trySetState(id, state)).map(({ id }) => id)).immediate(),
    );
  }

  dueSources(now: string, limit: number): Promise<Source[]> {
    return this.run('reading due sources', () => this.sources.dueAt(now, limit));
  }

  articleIdsOf(captureId: string): Promise<string[]> {
    return this.run(`reading the articles of capture ${captureId}`, () => this.articles.idsOf(captureId));
  }

  hasArticleUrl(url: string): Promise<boolean> {
    return this.run(`looking for an article at ${url}`, () => this.articles.hasUrl(url));
  }

  articleRevisions(id: string): Promise<ArticleRevision[]> {
    return this.run(`reading the revisions of article ${id}`, () => this.articles.revisions(id));
  }

  getCapture(id: string): Promise<{ capture: Capture; bytes: Uint8Array } | null> {
    return this.run(`reading capture ${id}`, () => this.captures.get(id));
  }

  async *captureIds(): AsyncIterable<string> {
    // Page by page: an open better-sqlite3 iterator would block every other statement.
    let after = 0;
    for (;;) {
      const page = await this.run('listing captures', () => this.captures.idsAfter(after));
      if (page.ids.length === 0) return;
      yield* page.ids;
      after = page.last;
    }
  }

  failedCaptures(): Promise<FailedCapture[]> {
    return this.run('listing failed captures', () => this.captures.failedList());
  }

  search(query: Query, options: SearchOptions): Promise<SearchHit[]> {
    return this.run(`searching for ${query.source}`, () => this.searcher.search(query, options));
  }

  async *articlesMatching(query: Query): AsyncIterable<Article> {
    for (let after = 0; ; ) {
      const page = await this.run(`exporting ${query.source}`, () =>
        this.db.transaction(() => {
          const ids = this.searcher.matchingPage(query, after, EXPORT_PAGE);
          return { read: ids.length, last: ids[ids.length - 1]?.seq, articles: ids.flatMap(({ id }) => this.articles.get(id) ?? []) };
        })(),
      );
      yield* page.articles;
      if (page.last === undefined || page.read < EXPORT_PAGE) return;
      after = page.last;
    }
  }

  facets(query: Query, options: FacetOptions = {}): Promise<Facets> {
    return this.run(`counting facets of ${query.source}`, () => this.facetReader.read(query, options));
  }

  stats(): Promise<Stats> {
    return this.run('counting', () => ({ ...this.statsReader.read(), ...this.stories.stats() }));
  }

  addToken(token: StoredToken): Promise<void> {
    return this.run(`adding token ${token.id}`, () => this.tokens.add(token));
  }

  getToken(id: string): Promise<StoredToken | null> {
    return this.run(`reading token ${id}`, () => this.tokens.get(id));
  }

  listTokens(): Promise<ApiToken[]> {
    return this.run('listing tokens', () => this.tokens.list());
  }

  revokeToken(id: string, revokedAt: string): Promise<boolean> {
    return this.run(`revoking token ${id}`, () => this.tokens.revokeAt(id, revokedAt));
  }

  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.closed = true;
    try {
      // Lets SQLite refresh planner statistics for the tables this connection used.
      if (!this.db.readonly) this.db.pragma('optimize');
      this.db.close();
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(asStoreError(error, 'closing'));
    }
  }
}

function notFound(what: string, id: string): DatelineError {
  return new DatelineError('E_NOT_FOUND', `store: no ${what} ${id}`, { input: id });
}
