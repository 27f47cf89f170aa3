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
  FailedCapture,
  SearchHit,
  SearchOptions,
  Stats,
  Store,
  WriteResult,
} from '../store.js';
import { ArticleTable } from './articles.js';
import { CaptureTable } from './captures.js';
import { openDatabase } from './database.js';
import type { Db, OpenOptions } from './database.js';
import type { Transaction } from 'better-sqlite3';
import { migrate } from './migrations.js';
import { Searcher } from './search.js';
import { SourceTable } from './sources.js';
import { StatsReader } from './stats.js';

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
  private readonly sources: SourceTable;
  private readonly writeBody: (record: CaptureRecord, articles: readonly Article[]) => WriteResult;
  private readonly writeOne: Transaction<(record: CaptureRecord, articles: readonly Article[]) => WriteResult>;
  private closed = false;

  private constructor(private readonly db: Db) {
    this.captures = new CaptureTable(db);
    this.articles = new ArticleTable(db);
    this.searcher = new Searcher(db);
    this.statsReader = new StatsReader(db);
    this.sources = new SourceTable(db);
    this.writeBody = (record, articles) => {
      const created = this.captures.write(record);
      const articlesAdded = this.articles.insertMany(record.capture.id, articles, 0);
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

  captureState(id: string): Promise<CaptureState | null> {
    return this.run('reading a capture state', () => this.captures.stateOf(id));
  }

  writeCapture(record: CaptureRecord, articles: Article[]): Promise<WriteResult> {
    return this.run(`writing capture ${record.capture.id}`, () => this.writeOne.immediate(record, articles));
  }

  writeCaptures(batch: { record: CaptureRecord; articles: Article[] }[]): Promise<WriteResult[]> {
    return this.run('writing a batch of captures', () => {
      // Fast path: the whole batch in one transaction without savepoints. FTS5 flushes its
      // in-memory index at every savepoint, which makes a savepoint per capture cost about
      // two thirds of ingest speed; failures are rare, so they pay instead.
      try {
        return this.db.transaction(() => batch.map(({ record, articles }) => this.writeBody(record, articles))).immediate();
      } catch {
        // Slow path, after the rollback: a savepoint per capture, so one failure loses only itself.
        return this.db.transaction(() =>
          batch.map(({ record, articles }): WriteResult => {
            try {
              return this.writeOne(record, articles);
            } catch (error) {
              const failure = asStoreError(error, `writing capture ${record.capture.id}`);
              return { capture: 'failed', articlesAdded: 0, error: { code: failure.code, message: failure.message } };
            }
          }),
        ).immediate();
      }
    });
  }

  appendArticles(captureId: string, articles: Article[], expectedArticles?: number): Promise<number> {
    return this.run(`adding articles to capture ${captureId}`, () =>
      this.db.transaction(() => {
        const state = this.captures.stateOf(captureId);
        if (!state) throw notFound('capture', captureId);
        const added = this.articles.insertMany(captureId, articles, state.storedArticles);
        if (expectedArticles !== undefined) this.captures.setExpectedArticles(captureId, expectedArticles);
        return added;
      }).immediate(),
    );
  }

  replaceArticles(captureId: string, articles: Article[], error: CaptureRecord['error']): Promise<void> {
    return this.run(`replacing the articles of capture ${captureId}`, () =>
      this.db.transaction(() => {
        if (!this.captures.has(captureId)) throw notFound('capture', captureId);
        this.articles.deleteOfCaptureId(captureId);
        this.articles.insertMany(captureId, articles, 0);
        this.captures.setParseOutcome(captureId, error, articles.length);
      }).immediate(),
    );
  }

  getArticle(id: string): Promise<Article | null> {
    return this.run(`reading article ${id}`, () => this.articles.get(id));
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

  stats(): Promise<Stats> {
    return this.run('counting', () => this.statsReader.read());
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
