// Search: runs a compiled query, ranks by BM25 (title weighted highest, see migrations.ts) and
// cuts snippets for the page of hits only, so a common term costs one ranked scan, not N snippets.
import type { Query } from '../../core/index.js';
import type { SearchHit, SearchOptions } from '../store.js';
import { compileQuery } from './compile-query.js';
import type { SearchIndex, SqlValue } from './compile-query.js';
import type Database from 'better-sqlite3';
import type { Db } from './database.js';

/** Snippet shape: [[match]] markers, an ellipsis where text is cut, about this many tokens. */
const SNIPPET_OPEN = '[[';
const SNIPPET_CLOSE = ']]';
const SNIPPET_ELLIPSIS = '…';
const SNIPPET_TOKENS = 24;
/** Distinct query shapes whose prepared statements are kept. */
const STATEMENT_CACHE_SIZE = 256;

interface HitRow {
  seq: number;
  id: string;
  title: string | null;
  published: string | null;
  wire: string | null;
  source: string | null;
  rank: number;
  head: string | null;
}

type Statement = Database.Statement<unknown[], unknown>;

export class Searcher {
  private readonly statements = new Map<string, Statement>();
  private readonly snippetOf: Record<SearchIndex, Statement>;

  constructor(private readonly db: Db) {
    const snippet = (index: SearchIndex, column: number): string =>
      `snippet(${index}, ${column}, '${SNIPPET_OPEN}', '${SNIPPET_CLOSE}', '${SNIPPET_ELLIPSIS}', ${SNIPPET_TOKENS})`;
    // Column 1 is the body: a snippet from it reads better than the title, when it has a match.
    this.snippetOf = {
      articles_fts: db.prepare<unknown[], unknown>(`SELECT ${snippet('articles_fts', 1)} AS body, ${snippet('articles_fts', -1)} AS best
        FROM articles_fts WHERE articles_fts MATCH ? AND rowid = ?`),
      articles_cjk: db.prepare<unknown[], unknown>(`SELECT ${snippet('articles_cjk', 1)} AS body, ${snippet('articles_cjk', -1)} AS best
        FROM articles_cjk WHERE articles_cjk MATCH ? AND rowid = ?`),
    };
  }

  private prepared(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      if (this.statements.size >= STATEMENT_CACHE_SIZE) this.statements.clear();
      statement = this.db.prepare<unknown[], unknown>(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  search(query: Query, options: SearchOptions): SearchHit[] {
    const compiled = compileQuery(query.root);
    const limit = Math.max(0, Math.floor(options.limit));
    const offset = Math.max(0, Math.floor(options.offset ?? 0));
    const columns = 'a.seq AS seq, a.id AS id, a.title AS title, a.published AS published, a.wire AS wire, a.source AS source';
    const params: SqlValue[] = [];
    let sql: string;
    const driver = compiled.driver;
    if (driver) {
      params.push(driver.match, ...compiled.params);
      const where = [`${driver.index} MATCH ?`, ...compiled.where].join(' AND ');
      sql = `SELECT ${columns}, ${driver.index}.rank AS rank, NULL AS head
        FROM ${driver.index} JOIN articles a ON a.seq = ${driver.index}.rowid
        WHERE ${where} ORDER BY ${driver.index}.rank LIMIT ? OFFSET ?`;
    } else {
      // Filters only: no relevance to rank by, so newest first.
      params.push(...compiled.params);
      sql = `SELECT ${columns}, 0 AS rank, substr(a.text, 1, 600) AS head FROM articles a
        WHERE ${compiled.where.join(' AND ') || '1'} ORDER BY a.published DESC, a.seq DESC LIMIT ? OFFSET ?`;
    }
    const rows = this.prepared(sql).all(...params, limit, offset) as HitRow[];
    return rows.map((row) => ({
      id: row.id,
      title: row.title,
      snippet: driver ? this.snippet(driver.index, driver.match, row.seq) : leadingWords(row.head ?? ''),
      published: row.published,
      wire: row.wire,
      source: row.source,
      // bm25() is lower-is-better and negative; the interface promises higher-is-better.
      score: row.rank === 0 ? 0 : -row.rank,
    }));
  }

  private snippet(index: SearchIndex, match: string, seq: number): string {
    // As a BigInt: bound as a JS number it arrives as REAL, and FTS5 then drops the rowid
    // constraint silently and returns the first match's snippet instead.
    const row = this.snippetOf[index].get(match, BigInt(seq)) as { body: string | null; best: string | null } | undefined;
    if (!row) return '';
    if (row.body && row.body.includes(SNIPPET_OPEN)) return row.body;
    return row.best ?? row.body ?? '';
  }
}

/** The opening words of a text, for hits that no text term selected. */
function leadingWords(text: string): string {
  const words = text.split(/\s+/u).filter(Boolean);
  const shown = words.slice(0, SNIPPET_TOKENS).join(' ');
  return words.length > SNIPPET_TOKENS ? shown + SNIPPET_ELLIPSIS : shown;
}
