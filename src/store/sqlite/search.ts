// Search: runs a compiled query, ranks by BM25 (title weighted highest, see migrations.ts) and
// cuts snippets for the page of hits only, so a common term costs one ranked scan, not N snippets.
import type { Query } from '../../core/index.js';
import type { SearchHit, SearchOptions } from '../store.js';
import { compileQuery } from './compile-query.js';
import type { CompiledQuery, SearchIndex, SqlValue } from './compile-query.js';
import type Database from 'better-sqlite3';
import type { Db } from './database.js';

/** Snippet shape: [[match]] markers, an ellipsis where text is cut, about this many tokens. */
const SNIPPET_OPEN = '[[';
const SNIPPET_CLOSE = ']]';
const SNIPPET_ELLIPSIS = '…';
const SNIPPET_TOKENS = 24;
/** Column weights (title, text, place, source, wire): title hits count most. */
const BM25_WEIGHTS: Record<SearchIndex, string> = { articles_fts: '10.0, 1.0, 2.0, 2.0, 1.0', articles_cjk: '10.0, 1.0' };
/** Used when a caller passes a limit that is not a number. */
const DEFAULT_LIMIT = 10;
/** Distinct query shapes whose prepared statements are kept. */
const STATEMENT_CACHE_SIZE = 256;

type Statement = Database.Statement<unknown[], unknown>;

export class Searcher {
  private readonly statements = new Map<string, Statement>();
  private readonly articleBySeq: Statement;

  constructor(private readonly db: Db) {
    this.articleBySeq = db.prepare<unknown[], unknown>(`SELECT ${ARTICLE_COLUMNS} FROM articles a WHERE a.seq = ?`);
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

  /**
   * A page of hits: the matches are ordered once in SQL and read lazily, so a collapsed page
   * stops reading at its last new story; only the page's rows get their fields and snippets.
   */
  search(query: Query, options: SearchOptions): SearchHit[] {
    const compiled = compileQuery(query.root);
    const limit = count(options.limit, DEFAULT_LIMIT);
    const offset = count(options.offset ?? 0, 0);
    if (limit === 0) return [];
    const newest = options.sort === 'newest';
    const { sql, params } = this.candidatesSql(compiled, newest);
    const statement = this.prepared(sql);
    let page: Candidate[];
    if (options.collapse === 'none') {
      page = statement.all(...params, offset + limit).slice(offset) as Candidate[];
    } else {
      // One hit per story: its first row in this order is its best-ranked (or newest) copy.
      page = [];
      const seen = new Set<string>();
      let skipped = 0;
      for (const row of statement.iterate(...params, -1) as IterableIterator<Candidate>) {
        const key = row.story ?? `article ${row.seq}`;
        if (seen.has(key)) continue;
        seen.add(key);
        if (skipped < offset) skipped++;
        else if (page.push(row) === limit) break;
      }
    }
    return page.flatMap((row) => {
      const article = this.articleBySeq.get(row.seq) as ArticleRow | undefined;
      return article ? [hit(article, this.snippetOf(compiled, row.seq, article.head), row.rank === null ? 0 : -row.rank)] : [];
    });
  }

  /**
   * Every match as (seq, rank, story) in page order, the last parameter a LIMIT (-1 for none).
   * A query of filters only has no relevance to rank by, so it comes newest first.
   */
  private candidatesSql(compiled: CompiledQuery, newest: boolean): { sql: string; params: SqlValue[] } {
    const driver = compiled.driver;
    if (!driver) {
      return {
        sql: `SELECT a.seq AS seq, NULL AS rank, a.story_id AS story FROM articles a
          WHERE ${compiled.where.join(' AND ') || '1'} ORDER BY a.published DESC, a.seq DESC LIMIT ?`,
        params: compiled.params,
      };
    }
    const { index, match } = driver;
    const rank = `bm25(${index}, ${BM25_WEIGHTS[index]})`;
    if (compiled.where.length === 0 && !newest) {
      // Rank inside the index alone, then join each row read to its article (for its story):
      // the ordered subquery runs as a co-routine, so rows a page never reaches are not joined.
      return {
        sql: `SELECT r.seq AS seq, r.rank AS rank, a.story_id AS story
          FROM (SELECT rowid AS seq, ${rank} AS rank FROM ${index} WHERE ${index} MATCH ? ORDER BY rank LIMIT ?) r
          JOIN articles a ON a.seq = r.seq ORDER BY r.rank`,
        params: [match],
      };
    }
    const order = newest ? 'a.published DESC, a.seq DESC' : 'rank';
    return {
      sql: `SELECT a.seq AS seq, ${rank} AS rank, a.story_id AS story
        FROM ${index} JOIN articles a ON a.seq = ${index}.rowid
        WHERE ${[`${index} MATCH ?`, ...compiled.where].join(' AND ')} ORDER BY ${order} LIMIT ?`,
      params: [match, ...compiled.params],
    };
  }

  /** The snippet for one hit: by FTS5 for the row alone when a text term drove the search. */
  private snippetOf(compiled: CompiledQuery, seq: number, head: string): string {
    const driver = compiled.driver;
    if (!driver) return markedWindow(head, compiled.likeTerms) ?? leadingWords(head);
    const { index, match } = driver;
    const row = this.prepared(`SELECT ${snippetSql(index, 1)} AS body, ${snippetSql(index, -1)} AS best
      FROM ${index} WHERE ${index} MATCH ? AND rowid = ?`).get(match, seq) as SnippetRow | undefined;
    return row ? pickSnippet(row) : leadingWords(head);
  }

  /**
   * A page of the ids of every matching article in the order they were stored, after row `after`
   * (exports: a keyset page, so a million matches cost one pass, not a growing OFFSET).
   */
  matchingPage(query: Query, after: number, limit: number): { seq: number; id: string }[] {
    const compiled = compileQuery(query.root);
    const driver = compiled.driver;
    if (!driver) {
      return this.prepared(`SELECT a.seq AS seq, a.id AS id FROM articles a
        WHERE ${['a.seq > ?', ...compiled.where].join(' AND ')} ORDER BY a.seq LIMIT ?`)
        .all(after, ...compiled.params, limit) as { seq: number; id: string }[];
    }
    const { index, match } = driver;
    return this.prepared(`SELECT a.seq AS seq, a.id AS id FROM ${index} JOIN articles a ON a.seq = ${index}.rowid
      WHERE ${[`${index} MATCH ?`, `${index}.rowid > ?`, ...compiled.where].join(' AND ')} ORDER BY ${index}.rowid LIMIT ?`)
      .all(match, after, ...compiled.params, limit) as { seq: number; id: string }[];
  }
}

/** A match as the page order reads it; rank is bm25's (lower is better), null for filters only. */
interface Candidate {
  seq: number;
  rank: number | null;
  story: string | null;
}

interface ArticleRow {
  id: string;
  head: string;
  title: string | null;
  published: string | null;
  wire: string | null;
  source: string | null;
  story_id: string | null;
  story_size: number | null;
}

interface SnippetRow {
  body: string | null;
  best: string | null;
}

const ARTICLE_COLUMNS = `a.id AS id, a.text AS head, a.title AS title, a.published AS published, a.wire AS wire, a.source AS source,
  a.story_id AS story_id, (SELECT size FROM stories WHERE id = a.story_id) AS story_size`;

/** A non-negative integer for LIMIT or OFFSET, or `fallback` when the value is not a number. */
function count(value: number, fallback: number): number {
  return Number.isFinite(value) ? Math.max(0, Math.floor(value)) : fallback;
}

function snippetSql(index: SearchIndex, column: number): string {
  return `snippet(${index}, ${column}, '${SNIPPET_OPEN}', '${SNIPPET_CLOSE}', '${SNIPPET_ELLIPSIS}', ${SNIPPET_TOKENS})`;
}

/** The body's snippet when it holds a match (it reads better than the title), else the best column's. */
function pickSnippet(row: SnippetRow): string {
  if (row.body && row.body.includes(SNIPPET_OPEN)) return row.body;
  return row.best ?? row.body ?? '';
}

function hit(row: ArticleRow, snippet: string, score: number): SearchHit {
  // bm25() is lower-is-better and negative; the interface promises higher-is-better.
  return {
    id: row.id,
    title: row.title,
    snippet,
    published: row.published,
    wire: row.wire,
    source: row.source,
    score,
    storyId: row.story_id,
    storySize: row.story_size ?? 1,
  };
}

/** CJK text has no words to count: show this many characters before the first match. */
const CJK_CONTEXT_CHARS = 20;
const CJK_WINDOW_CHARS = 60;

/** A window of text around the first of `terms` found, every term in it marked; null if none is. */
function markedWindow(text: string, terms: readonly string[]): string | null {
  const found = terms.map((term) => text.indexOf(term)).filter((at) => at >= 0);
  if (found.length === 0) return null;
  const start = Math.max(0, Math.min(...found) - CJK_CONTEXT_CHARS);
  let window = text.slice(start, start + CJK_WINDOW_CHARS);
  for (const term of [...terms].sort((a, b) => b.length - a.length)) {
    window = window.split(term).join(`\u0000${term}\u0001`);
  }
  window = window.replace(/\u0000/g, SNIPPET_OPEN).replace(/\u0001/g, SNIPPET_CLOSE);
  return (start > 0 ? SNIPPET_ELLIPSIS : '') + window + (start + CJK_WINDOW_CHARS < text.length ? SNIPPET_ELLIPSIS : '');
}

/** The opening words of a text, for hits that no text term selected. */
function leadingWords(text: string): string {
  const words = text.split(/\s+/u).filter(Boolean);
  const shown = words.slice(0, SNIPPET_TOKENS).join(' ');
  return words.length > SNIPPET_TOKENS ? shown + SNIPPET_ELLIPSIS : shown;
}
