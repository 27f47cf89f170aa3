// Article rows and the two full-text indexes that follow them: every insert and delete here
// updates articles_fts (and articles_cjk for CJK text) in the caller's transaction.
import { CJK, DatelineError } from '../../core/index.js';
import type { Article } from '../../core/index.js';
import { type ArticleRow, type StoredColumns, type WritableArticle, articleFromRow, asRow } from '../rows.js';
import type { ArticleRevision } from '../store.js';
import type { Db } from './database.js';

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
      (id, capture_id, title, text, published, wire, source, place, lang, kind, url, json,
       wire_key, source_key, place_key, ticker_key, site_key, position, story_id)
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
    // Named as a row names them, so the row goes to articleFromRow as it is.
    this.byId = db.prepare<[string], StoredColumns>(`SELECT id, capture_id AS captureId, title, text, published, wire,
      source, lang AS language, kind, url, story_id AS storyId, json FROM articles WHERE id = ?`);
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
    this.update = db.prepare(`UPDATE articles SET capture_id = ?, title = ?, text = ?, published = ?,
      wire = ?, source = ?, place = ?, lang = ?, kind = ?, url = ?, json = ?, wire_key = ?, source_key = ?, place_key = ?,
      ticker_key = ?, site_key = ?, position = ?
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
  insertMany(
    captureId: string,
    articles: readonly WritableArticle[],
    firstPosition: number,
    storyOf?: (row: ArticleRow) => string,
  ): number {
    let written = 0;
    for (let i = 0; i < articles.length; i++) {
      const row = asRow(articles[i]!);
      if (row.captureId !== captureId) {
        throw new DatelineError('E_STORE', `store: article ${row.id} belongs to capture ${row.captureId}, not ${captureId}`, {
          input: row.id,
        });
      }
      // An article placed in a story must be new: asking first costs a lookup on a page the
      // insert reads anyway, where placing after the insert cost an UPDATE of the row.
      const isNew = storyOf === undefined || this.exists.get(row.id) === undefined;
      const info = isNew
        ? this.insert.run(...columnsOf(row), firstPosition + i, storyOf?.(row) ?? null)
        : { changes: 0, lastInsertRowid: 0 };
      if (info.changes > 0) {
        written++;
        this.index(BigInt(info.lastInsertRowid), row);
      } else if (this.revise(row, firstPosition + i)) {
        written++;
      }
    }
    return written;
  }

  /** Replaces a stored article whose content changed, keeping the old version. */
  private revise(row: ArticleRow, position: number): boolean {
    const current = this.currentOf.get(row.captureId, row.id);
    if (!current || current.capture_id === row.captureId || !current.later) return false;
    if (current.title === row.title && current.text === row.text && current.published === row.published) return false;
    const previous = this.get(row.id)!;
    this.addRevision.run(row.id, row.id, current.capture_id, JSON.stringify(previous));
    const seq = BigInt(current.seq);
    this.ftsDelete.run(seq, current.title, current.text, current.place, current.source, current.wire);
    this.cjkDelete.run(seq);
    this.update.run(...columnsOf(row).slice(1), position, seq);
    this.index(seq, row);
    return true;
  }

  private index(seq: bigint, row: ArticleRow): void {
    const { title, text, place, source, wire } = row;
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
    return row ? articleFromRow(row) : null;
  }
}

/** A row's columns in the order the insert (and, less the id, the update) lists them. */
function columnsOf(row: ArticleRow) {
  return [
    row.id, row.captureId, row.title, row.text, row.published, row.wire, row.source, row.place, row.language, row.kind, row.url,
    row.json, row.wireKey, row.sourceKey, row.placeKey, row.tickerKey, row.siteKey,
  ] as const;
}
