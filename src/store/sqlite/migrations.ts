// The schema as an ordered list of migrations. Each runs once, in its own transaction, and is
// recorded in schema_migrations (and PRAGMA user_version, which tools can read cheaply).
import { DatelineError } from '../../core/index.js';
import type { Ticker } from '../../core/index.js';
import type { Db } from './database.js';
import { siteKey, tickerKey } from '../filter-match.js';

interface Migration {
  version: number;
  name: string;
  sql: string;
  /** Work SQL cannot do (folding text the way JavaScript does), run after `sql`. */
  after?: (db: Db) => void;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'captures, articles with folded filter keys, full-text and CJK trigram indexes',
    sql: `
      CREATE TABLE captures (
        seq INTEGER PRIMARY KEY,          -- creation order, for captureIds()
        id TEXT NOT NULL UNIQUE,          -- SHA-256 of the bytes
        url TEXT NOT NULL,
        fetched_at TEXT NOT NULL,
        status INTEGER,
        headers TEXT NOT NULL,            -- JSON object
        content_type TEXT,
        size INTEGER NOT NULL,
        format TEXT,
        encoding TEXT,
        error_code TEXT,
        error_message TEXT,
        expected_articles INTEGER       -- null while the capture is still being parsed
      );
      -- The bytes live apart from the row, so updating a capture's outcome does not rewrite them.
      CREATE TABLE capture_bytes (
        id TEXT PRIMARY KEY REFERENCES captures(id),
        bytes BLOB NOT NULL
      ) WITHOUT ROWID;
      CREATE TABLE articles (
        seq INTEGER PRIMARY KEY,          -- the full-text indexes' rowid
        id TEXT NOT NULL UNIQUE,
        capture_id TEXT NOT NULL REFERENCES captures(id),
        position INTEGER NOT NULL,
        title TEXT,
        text TEXT NOT NULL,
        published TEXT,
        wire TEXT,
        source TEXT,
        place TEXT,
        lang TEXT,
        kind TEXT NOT NULL,
        url TEXT,
        json TEXT NOT NULL,               -- the rest of the Article (no field twice)
        -- Folded copies for filters, compared with plain = and instr(): a JavaScript SQL
        -- function per row doubled the time of a common term with a filter.
        wire_key TEXT,
        source_key TEXT,
        place_key TEXT
      );
      CREATE INDEX articles_by_capture ON articles(capture_id);
      -- External content: the index reads title, text, place, source and wire from articles,
      -- so the text is stored once; writers keep it in sync in the same transaction.
      CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, place, source, wire,
        content = 'articles', content_rowid = 'seq',
        tokenize = 'unicode61 remove_diacritics 2'
      );
      -- Title hits weigh most; place and source a little more than body text (search.ts uses the same).
      INSERT INTO articles_fts(articles_fts, rank) VALUES ('rank', 'bm25(10.0, 1.0, 2.0, 2.0, 1.0)');
      -- Segments are merged once 8 of a size exist (FTS5's default is 4): ingest merges less
      -- often, and a search still reads few segments.
      INSERT INTO articles_fts(articles_fts, rank) VALUES ('automerge', 8);
      -- Only articles holding CJK text are copied here, so ingest of other languages pays nothing.
      CREATE VIRTUAL TABLE articles_cjk USING fts5(title, text, tokenize = 'trigram');
      INSERT INTO articles_cjk(articles_cjk, rank) VALUES ('rank', 'bm25(10.0, 1.0)');
    `,
  },
  {
    version: 2,
    name: 'article revisions (a feed item whose content changed keeps its earlier versions)',
    sql: `
      CREATE TABLE article_revisions (
        article_id TEXT NOT NULL,
        revision INTEGER NOT NULL,        -- 1 for the first version replaced, then 2, ...
        capture_id TEXT NOT NULL,         -- the capture the replaced version came from
        json TEXT NOT NULL,               -- the whole Article as it was
        replaced_at TEXT NOT NULL,
        PRIMARY KEY (article_id, revision)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 3,
    name: 'sources and their polling state',
    sql: `
      CREATE TABLE sources (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,          -- from the URL: the same URL is one source
        url TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        title TEXT,
        site_url TEXT,
        folder TEXT,
        full_text INTEGER NOT NULL DEFAULT 0,
        added_at TEXT NOT NULL,
        state TEXT NOT NULL,              -- JSON SourceState, less next_poll_at
        next_poll_at TEXT NOT NULL        -- its own column: dueSources reads it by index
      );
      CREATE INDEX sources_by_next_poll ON sources(next_poll_at);
    `,
  },
  {
    version: 4,
    name: 'articles by URL (a sitemap poll asks which listed pages are stored)',
    sql: `
      -- Partial: articles read from files have no URL, so ingesting them costs the index nothing.
      CREATE INDEX articles_by_url ON articles(url) WHERE url IS NOT NULL;
    `,
  },
  {
    version: 5,
    name: 'stories: each article in one, each story with its original and what matching it needs',
    sql: `
      ALTER TABLE articles ADD COLUMN story_id TEXT;
      CREATE INDEX articles_by_story ON articles(story_id);
      CREATE TABLE stories (
        seq INTEGER PRIMARY KEY,          -- founding order
        id TEXT NOT NULL UNIQUE,
        original_id TEXT NOT NULL,        -- the earliest published member
        size INTEGER NOT NULL,            -- members, the original among them
        latest_ms INTEGER NOT NULL,       -- the latest member's published time (epoch ms); -1e15 when none has one
        changed INTEGER NOT NULL,         -- the write that last changed it: writers catch up by it
        key BLOB NOT NULL                 -- the original's matching key (src/stories), opaque here
      );
      CREATE INDEX stories_by_size ON stories(size DESC, seq);
      CREATE INDEX stories_by_latest ON stories(latest_ms DESC, seq);
      CREATE INDEX stories_by_change ON stories(changed);
      -- The change at which stories were last rebuilt (restory): a writer that saw less starts over.
      CREATE TABLE story_rebuilds (at INTEGER NOT NULL);
      INSERT INTO story_rebuilds (at) VALUES (0);
    `,
  },
  {
    version: 6,
    name: 'folded keys for the ticker: and site: filters',
    sql: `
      ALTER TABLE articles ADD COLUMN ticker_key TEXT;  -- delimited: symbol, exchange:symbol, ...
      ALTER TABLE articles ADD COLUMN site_key TEXT;    -- delimited: host, parent domains, site name
    `,
    after: backfillKeys,
  },
  {
    version: 7,
    name: 'API tokens, stored hashed',
    sql: `
      CREATE TABLE tokens (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,          -- public: the token starts with it
        name TEXT,
        scope TEXT NOT NULL,              -- read | write
        hash BLOB NOT NULL,               -- SHA-256 of the whole token
        created_at TEXT NOT NULL,
        revoked_at TEXT
      );
    `,
  },
  {
    version: 8,
    name: 'articles by published time, for searches of filters alone (newest first)',
    // A filter-only search (wire:, place:, site:, feeds of them) reads articles newest first until
    // a page matches: at a million articles 0.5 ms where sorting every match took one to two seconds.
    sql: `CREATE INDEX articles_by_published ON articles(published);`,
  },
];

/** Rows read at a time by a backfill: bounded memory on a store of millions. */
const BACKFILL_PAGE = 1000;

type BackfillRow = { seq: number; url: string | null; json: string };

/** Fills migration 6's columns for the articles stored before it. */
function backfillKeys(db: Db): void {
  // In pages: better-sqlite3 runs no other statement while one is being iterated.
  const page = db.prepare<[number, number], BackfillRow>(
    'SELECT seq, url, json FROM articles WHERE seq > ? ORDER BY seq LIMIT ?',
  );
  const update = db.prepare('UPDATE articles SET ticker_key = ?, site_key = ? WHERE seq = ?');
  for (let rows = page.all(0, BACKFILL_PAGE); rows.length > 0; rows = page.all(rows[rows.length - 1]!.seq, BACKFILL_PAGE)) {
    for (const row of rows) {
      // The JSON leaves out empty fields (see articles.ts), so each may be missing.
      const stored = JSON.parse(row.json) as { tickers?: Ticker[]; siteName?: string | null };
      const tickers = tickerKey(stored.tickers ?? []);
      const site = siteKey(row.url, stored.siteName ?? null);
      if (tickers !== null || site !== null) update.run(tickers, site, row.seq);
    }
  }
}

export function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = MIGRATIONS[MIGRATIONS.length - 1]!.version;
  if (current > latest) {
    throw new DatelineError(
      'E_STORE',
      `store: this database has schema version ${current}, newer than this dateline knows (${latest}); upgrade dateline`,
    );
  }
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied = new Set(
    db.prepare<[], { version: number }>('SELECT version FROM schema_migrations').all().map((row) => row.version),
  );
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const migration of MIGRATIONS) {
    if (applied.has(migration.version)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      migration.after?.(db);
      record.run(migration.version, migration.name, new Date().toISOString());
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
}
