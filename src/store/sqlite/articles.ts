// Article rows and the two full-text indexes that follow them: every insert and delete here
// updates articles_fts (and articles_cjk for CJK text) in the caller's transaction.
import { DatelineError } from '../../core/index.js';
import type { Article } from '../../core/index.js';
import type { Db } from './database.js';
import { filterKeys } from './filter-match.js';

/** Han, Hiragana, Katakana and Hangul: text the unicode61 tokenizer cannot split into words. */
export const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** How paragraphs join into the text, and the marker stored when they do exactly that. */
const PARAGRAPH_SEPARATOR = '\n\n';
const JOINED = 'joined';

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
  private readonly deleteOfCapture;
  private readonly byId;

  constructor(db: Db) {
    this.insert = db.prepare(`INSERT INTO articles
      (id, capture_id, position, title, text, published, wire, source, place, lang, kind, url, json,
       wire_key, source_key, place_key)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`);
    this.ftsInsert = db.prepare(
      'INSERT INTO articles_fts (rowid, title, text, place, source, wire) VALUES (?, ?, ?, ?, ?, ?)',
    );
    // An external-content index is told what it indexed, so it can remove exactly those terms.
    this.ftsDelete = db.prepare(`INSERT INTO articles_fts (articles_fts, rowid, title, text, place, source, wire)
      VALUES ('delete', ?, ?, ?, ?, ?, ?)`);
    this.cjkInsert = db.prepare('INSERT INTO articles_cjk (rowid, title, text) VALUES (?, ?, ?)');
    this.cjkDelete = db.prepare('DELETE FROM articles_cjk WHERE rowid = ?');
    this.ofCapture = db.prepare<[string], IndexedRow>(
      'SELECT seq, title, text, place, source, wire FROM articles WHERE capture_id = ?',
    );
    this.deleteOfCapture = db.prepare('DELETE FROM articles WHERE capture_id = ?');
    this.byId = db.prepare<[string], { json: string; text: string }>('SELECT json, text FROM articles WHERE id = ?');
  }

  /**
   * Inserts the articles whose ids are new; returns how many. Must run inside a transaction.
   * `firstPosition` numbers them in the order given, as they stand in their capture.
   */
  insertMany(captureId: string, articles: readonly Article[], firstPosition: number): number {
    let added = 0;
    for (let i = 0; i < articles.length; i++) {
      const article = articles[i]!;
      if (article.captureId !== captureId) {
        throw new DatelineError(
          'E_STORE',
          `store: article ${article.id} belongs to capture ${article.captureId}, not ${captureId}`,
          { input: article.id },
        );
      }
      const { text, ...rest } = article;
      // The body is usually its paragraphs joined; then it is stored once, in the text column.
      const stored = splitsInto(text, rest.paragraphs) ? { ...rest, paragraphs: JOINED } : rest;
      const place = article.dateline?.place ?? null;
      const keys = filterKeys(article.wire, article.source, place);
      const info = this.insert.run(
        article.id,
        captureId,
        firstPosition + i,
        article.title,
        text,
        article.published,
        article.wire,
        article.source,
        place,
        article.language,
        article.kind,
        article.url,
        JSON.stringify(stored),
        keys.wire,
        keys.source,
        keys.place,
      );
      if (info.changes === 0) continue;
      added++;
      const seq = info.lastInsertRowid;
      this.ftsInsert.run(seq, article.title, text, place, article.source, article.wire);
      if (CJK.test(text) || (article.title !== null && CJK.test(article.title))) {
        this.cjkInsert.run(seq, article.title, text);
      }
    }
    return added;
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
    const stored = JSON.parse(row.json) as Omit<Article, 'text' | 'paragraphs'> & { paragraphs: string[] | typeof JOINED };
    const paragraphs = stored.paragraphs === JOINED ? row.text.split(PARAGRAPH_SEPARATOR) : stored.paragraphs;
    return { ...stored, paragraphs, text: row.text };
  }
}

/** True when splitting the text at blank lines gives back exactly these paragraphs. */
function splitsInto(text: string, paragraphs: readonly string[]): boolean {
  const parts = text.split(PARAGRAPH_SEPARATOR);
  return parts.length === paragraphs.length && parts.every((part, i) => part === paragraphs[i]);
}
