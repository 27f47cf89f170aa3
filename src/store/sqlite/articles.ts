// Article rows and the two full-text indexes that follow them: every insert and delete here
// updates articles_fts (and articles_cjk for CJK text) in the caller's transaction.
import { CJK, DatelineError } from '../../core/index.js';
import type { Article } from '../../core/index.js';
import type { ArticleRevision } from '../store.js';
import type { Db } from './database.js';
import { filterKeys, siteKey, tickerKey } from './filter-match.js';


/** How paragraphs join into the text, and the marker stored when they do exactly that. */
const PARAGRAPH_SEPARATOR = '\n\n';
const JOINED = 'joined';

/** Article fields kept in their own columns rather than in the JSON. */
type ColumnField = 'id' | 'captureId' | 'title' | 'text' | 'published' | 'wire' | 'source' | 'kind' | 'language' | 'url' | 'storyId';

interface StoredRow {
  id: string;
  capture_id: string;
  title: string | null;
  text: string;
  published: string | null;
  wire: string | null;
  source: string | null;
  lang: string | null;
  kind: Article['kind'];
  url: string | null;
  story_id: string | null;
  json: string;
}

interface IndexedRow {
  seq: number;
  title: string | null;
  text: string;
  place: string | null;
  source: string | null;
  wire: string | null;
}

export class ArticleTable {
  private readonly insert;
  private readonly ftsInsert;
  private readonly ftsDelete;
  private readonly cjkInsert;
  private readonly cjkDelete;
  private readonly ofCapture;
  private readonly idsOfCapture;
  private readonly deleteOfCapture;
  private readonly byId;
  private readonly currentOf;
  private readonly update;
  private readonly addRevision;
  private readonly revisionsOf;
  private readonly byUrl;
  private readonly exists;
  private readonly storiesOfCapture;
  private readonly setStoryOf;

  constructor(db: Db) {
    this.insert = db.prepare(`INSERT INTO articles
      (id, capture_id, position, title, text, published, wire, source, place, lang, kind, url, json,
       wire_key, source_key, place_key, ticker_key, site_key, story_id)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`);
    this.exists = db.prepare<[string], { found: number }>('SELECT 1 AS found FROM articles WHERE id = ?').pluck();
    this.ftsInsert = db.prepare(
      'INSERT INTO articles_fts (rowid, title, text, place, source, wire) VALUES (?, ?, ?, ?, ?, ?)',
    );
    // An external-content index is told what it indexed, so it can remove exactly those terms.
    this.ftsDelete = db.prepare(`INSERT INTO articles_fts (articles_fts, rowid, title, text, place, source, wire)
      VALUES ('delete', ?, ?, ?, ?, ?, ?)`);
    this.cjkInsert = db.prepare('INSERT INTO articles_cjk (rowid, title, text) VALUES (?, ?, ?)');
    this.cjkDelete = db.prepare('DELETE FROM articles_cjk WHERE rowid = ?');
    this.idsOfCapture = db.prepare<[string], { id: string }>('SELECT id FROM articles WHERE capture_id = ? ORDER BY position');
    this.ofCapture = db.prepare<[string], IndexedRow>(
      'SELECT seq, title, text, place, source, wire FROM articles WHERE capture_id = ?',
    );
    this.deleteOfCapture = db.prepare('DELETE FROM articles WHERE capture_id = ?');
    this.byId = db.prepare<[string], StoredRow>(`SELECT id, capture_id, title, text, published, wire, source, lang,
      kind, url, story_id, json FROM articles WHERE id = ?`);
    this.storiesOfCapture = db.prepare<[string], { id: string; story_id: string | null }>(
      'SELECT id, story_id FROM articles WHERE capture_id = ? AND story_id IS NOT NULL',
    );
    this.setStoryOf = db.prepare('UPDATE articles SET story_id = ? WHERE id = ?');
    // With the order of the two captures: only a later capture revises (reprocess replays old ones).
    this.currentOf = db.prepare<[string, string], IndexedRow & { capture_id: string; published: string | null; later: number }>(
      `SELECT a.seq, a.capture_id, a.title, a.text, a.place, a.source, a.wire, a.published,
        (SELECT seq FROM captures WHERE id = ?) > (SELECT seq FROM captures WHERE id = a.capture_id) AS later
       FROM articles a WHERE a.id = ?`,
    );
    this.update = db.prepare(`UPDATE articles SET capture_id = ?, position = ?, title = ?, text = ?, published = ?,
      wire = ?, source = ?, place = ?, lang = ?, kind = ?, url = ?, json = ?, wire_key = ?, source_key = ?, place_key = ?,
      ticker_key = ?, site_key = ?
      WHERE seq = ?`);
    this.addRevision = db.prepare(`INSERT INTO article_revisions (article_id, revision, capture_id, json, replaced_at)
      VALUES (?, (SELECT coalesce(max(revision), 0) + 1 FROM article_revisions WHERE article_id = ?), ?, ?,
      strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`);
    this.revisionsOf = db.prepare<[string], { revision: number; capture_id: string; json: string; replaced_at: string }>(
      'SELECT revision, capture_id, json, replaced_at FROM article_revisions WHERE article_id = ? ORDER BY revision',
    );
    this.byUrl = db.prepare<[string], { found: number }>('SELECT 1 AS found FROM articles WHERE url = ? LIMIT 1');
  }

  /** True when some article has this URL (read by the partial index articles_by_url). */
  hasUrl(url: string): boolean {
    return this.byUrl.get(url) !== undefined;
  }

  /**
   * Inserts the articles whose ids are new and revises those whose content changed; returns how
   * many were added or revised. Must run inside a transaction. `firstPosition` numbers them in
   * the order given, as they stand in their capture.
   *
   * An id seen before in another capture is the same feed item polled again (ids of feed items
   * come from source and guid): unchanged, it is left alone; changed (title, text or published
   * time) in a later capture, the stored version moves to article_revisions and the new one
   * takes its place (in the same story). An earlier capture (reprocess replays them in order)
   * never revises. `storyOf` gives each article about to be added (not revised) its story.
   */
  insertMany(captureId: string, articles: readonly Article[], firstPosition: number, storyOf?: (article: Article) => string): number {
    let written = 0;
    for (let i = 0; i < articles.length; i++) {
      const article = articles[i]!;
      if (article.captureId !== captureId) {
        throw new DatelineError(
          'E_STORE',
          `store: article ${article.id} belongs to capture ${article.captureId}, not ${captureId}`,
          { input: article.id },
        );
      }
      const row = rowOf(article, firstPosition + i);
      // An article placed in a story must be new: asking first costs a lookup on a page the
      // insert reads anyway, where placing after the insert cost an UPDATE of the row.
      const isNew = storyOf === undefined || this.exists.get(article.id) === undefined;
      const info = isNew ? this.insert.run(...row.values, storyOf?.(article) ?? null) : { changes: 0, lastInsertRowid: 0 };
      if (info.changes > 0) {
        written++;
        this.index(BigInt(info.lastInsertRowid), article, row.place);
      } else if (this.revise(article, row)) {
        written++;
      }
    }
    return written;
  }

  /** Replaces a stored article whose content changed, keeping the old version. */
  private revise(article: Article, row: ArticleRow): boolean {
    const current = this.currentOf.get(article.captureId, article.id);
    if (!current || current.capture_id === article.captureId || !current.later) return false;
    if (current.title === article.title && current.text === article.text && current.published === article.published) return false;
    const previous = this.get(article.id)!;
    this.addRevision.run(article.id, article.id, current.capture_id, JSON.stringify(previous));
    const seq = BigInt(current.seq);
    this.ftsDelete.run(seq, current.title, current.text, current.place, current.source, current.wire);
    this.cjkDelete.run(seq);
    // The same columns as the insert, less the id, then the row's seq.
    this.update.run(...row.values.slice(1), seq);
    this.index(seq, article, row.place);
    return true;
  }

  private index(seq: bigint, article: Article, place: string | null): void {
    const { title, text, source, wire } = article;
    this.ftsInsert.run(seq, title, text, place, source, wire);
    if (CJK.test(text) || (title !== null && CJK.test(title))) this.cjkInsert.run(seq, title, text);
  }

  idsOf(captureId: string): string[] {
    return this.idsOfCapture.all(captureId).map((row) => row.id);
  }

  /** The earlier versions of an article, oldest first. */
  revisions(id: string): ArticleRevision[] {
    return this.revisionsOf.all(id).map((row) => ({
      revision: row.revision,
      captureId: row.capture_id,
      replacedAt: row.replaced_at,
      article: JSON.parse(row.json) as Article,
    }));
  }

  /** The stories a capture's articles are in, by article id (what replacing them keeps). */
  storiesOf(captureId: string): Map<string, string> {
    return new Map(this.storiesOfCapture.all(captureId).map((row) => [row.id, row.story_id!]));
  }

  /** Puts articles back in the stories they were in. In a transaction. */
  restoreStories(stories: ReadonlyMap<string, string>): void {
    for (const [id, storyId] of stories) this.setStoryOf.run(storyId, id);
  }

  /** Removes every article of a capture from the table and both indexes. In a transaction. */
  deleteOfCaptureId(captureId: string): void {
    for (const row of this.ofCapture.all(captureId)) {
      this.ftsDelete.run(BigInt(row.seq), row.title, row.text, row.place, row.source, row.wire);
      this.cjkDelete.run(BigInt(row.seq));
    }
    this.deleteOfCapture.run(captureId);
  }

  get(id: string): Article | null {
    const row = this.byId.get(id);
    if (!row) return null;
    // structuredClone: each article gets arrays of its own, never the shared defaults.
    const stored = { ...structuredClone(EMPTY_FIELDS), ...JSON.parse(row.json) } as Omit<Article, ColumnField | 'paragraphs'> & {
      paragraphs: string[] | typeof JOINED;
    };
    const paragraphs = stored.paragraphs === JOINED ? row.text.split(PARAGRAPH_SEPARATOR) : stored.paragraphs;
    return {
      ...stored,
      id: row.id,
      captureId: row.capture_id,
      title: row.title,
      text: row.text,
      published: row.published,
      wire: row.wire,
      source: row.source,
      kind: row.kind,
      language: row.lang,
      url: row.url,
      storyId: row.story_id,
      paragraphs,
    };
  }
}

interface ArticleRow {
  /** The insert's parameters, the id first. */
  values: [string, string, number, ...unknown[]];
  place: string | null;
}

/**
 * An article as the insert's parameters: own columns, folded filter keys and the compact JSON.
 * Its story is not among them: the store places a new article in one (stories.ts), and a
 * revised article stays in the story its row has.
 */
function rowOf(article: Article, position: number): ArticleRow {
  // Fields that have their own column are not repeated in the JSON (a third of its size).
  // storyId is the store's to set (articles.story_id), never taken from the article.
  const { text, id, captureId, title, published, wire, source, kind, language, url, storyId: _storyId, ...rest } = article;
  // The body is usually its paragraphs joined; then it is stored once, in the text column.
  const stored = compact(splitsInto(text, rest.paragraphs) ? { ...rest, paragraphs: JOINED } : rest);
  const place = article.dateline?.place ?? null;
  const keys = filterKeys(wire, source, place);
  // Most articles have neither tickers nor a URL nor a site name: those pay two comparisons.
  const tickers = rest.tickers.length === 0 ? null : tickerKey(rest.tickers);
  const site = url === null && rest.siteName === null ? null : siteKey(url, rest.siteName);
  return {
    values: [
      id, captureId, position, title, text, published, wire, source, place, language, kind, url, JSON.stringify(stored),
      keys.wire, keys.source, keys.place, tickers, site,
    ],
    place,
  };
}

/**
 * Fields whose empty value (null or []) is left out of the stored JSON and restored on read:
 * most articles have most of them empty, and the JSON was otherwise two thirds the size of the text.
 */
const EMPTY_FIELDS = {
  canonicalUrl: null,
  siteName: null,
  modified: null,
  dateline: null,
  byline: null,
  description: null,
  about: [],
  contacts: [],
  tickers: [],
  notices: [],
  image: null,
  views: null,
  entities: [],
  keywords: [],
  storyId: null,
} satisfies Partial<Article>;

function compact(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key in fields) {
    const value = fields[key];
    if (key in EMPTY_FIELDS && (value === null || (Array.isArray(value) && value.length === 0))) continue;
    out[key] = value;
  }
  return out;
}

/** True when splitting the text at blank lines gives back exactly these paragraphs. */
function splitsInto(text: string, paragraphs: readonly string[]): boolean {
  const parts = text.split(PARAGRAPH_SEPARATOR);
  return parts.length === paragraphs.length && parts.every((part, i) => part === paragraphs[i]);
}
