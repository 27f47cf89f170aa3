// Search: runs a compiled query and ranks by BM25 (title weighted highest, see migrations.ts) a
// window of the newest matches at a time, so a common term at a million articles costs one
// window, not every match; collapses by story while reading the ranked rows; and cuts snippets
// for the page's hits only.
import type { Query } from '../../core/index.js';
import type { SearchHit, SearchOptions } from '../store.js';
import { compileQuery, ftsString } from './compile-query.js';
import { foldValue } from '../filter-match.js';
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
/**
 * Relevance ranks the newest (last stored) this many matches first, then the next twice as many,
 * doubling: BM25 costs about a microsecond a row, so a common term's hundreds of thousands of
 * matches would cost a second ranked whole. A query with fewer matches is ranked whole. Doubling,
 * a page deep in the matches (or behind a filter few pass) costs a few windows, not hundreds:
 * each window pays BM25's pass over the whole index for its terms' frequencies.
 */
const RANK_WINDOW = 2048;
/** Distinct query shapes whose prepared statements are kept. */
const STATEMENT_CACHE_SIZE = 256;

type Statement = Database.Statement<unknown[], unknown>;

export class Searcher {
  private readonly statements = new Map<string, Statement>();
  private readonly articleBySeq: Statement;
  /** Whether the published index is there (migration 8): a read-only store of an older file lacks it. */
  private readonly byPublished: boolean;

  /** `rankWindow`: the first window of matches ranked (RANK_WINDOW; tests make it small). */
  constructor(
    private readonly db: Db,
    private readonly rankWindow = RANK_WINDOW,
  ) {
    this.articleBySeq = db.prepare<unknown[], unknown>(`SELECT ${ARTICLE_COLUMNS} FROM articles a WHERE a.seq = ?`);
    this.byPublished = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'articles_by_published'").get() !== undefined;
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
   * A page of hits: the matches are ordered in SQL and read lazily, so a collapsed page stops
   * reading at its last new story; only the page's rows get their fields and snippets.
   */
  search(query: Query, options: SearchOptions): SearchHit[] {
    const compiled = compileQuery(query.root);
    const limit = count(options.limit, DEFAULT_LIMIT);
    const offset = count(options.offset ?? 0, 0);
    if (limit === 0) return [];
    const collapse = options.collapse !== 'none';
    const { sql, params, windowed } = candidatesSql(compiled, options.sort === 'newest', this.byPublished);
    const statement = this.prepared(sql);
    return this.db.transaction(() => this.page(compiled, statement, params, windowed, limit, offset, collapse))();
  }

  /** One snapshot of the store for a page: a window's bounds and its rows agree. */
  private page(compiled: CompiledQuery, statement: Statement, params: SqlValue[], windowed: boolean,
    limit: number, offset: number, collapse: boolean): SearchHit[] {
    const page: Candidate[] = [];
    const seen = new Set<string>();
    let skipped = 0;
    /** Takes a row in page order; true once the page is full. */
    const take = (row: Candidate): boolean => {
      if (collapse) {
        // A story's first row in this order is its best-ranked (or newest) copy.
        const key = row.story ?? `article ${row.seq}`;
        if (seen.has(key)) return false;
        seen.add(key);
      }
      if (skipped < offset) {
        skipped++;
        return false;
      }
      return page.push(row) === limit;
    };
    const readAll = (rows: Iterable<unknown>): boolean => {
      for (const row of rows as Iterable<Candidate>) if (take(row)) return true;
      return false;
    };
    if (!windowed) {
      // Uncollapsed, the page's end is known, and SQLite's sorter keeps only that many rows.
      readAll(statement.iterate(...params, collapse ? -1 : offset + limit));
    } else {
      const { index, match } = compiled.driver!;
      // Filters can leave a window short of its size in rows: whether a later one holds any
      // match is asked of the index.
      const beyond = this.prepared(`SELECT 1 FROM ${index} WHERE ${index} MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?`);
      for (let size = this.rankWindow, start = 0; ; start += size, size *= 2) {
        if (readAll(statement.iterate(match, size, start, ...params))) break;
        if (beyond.get(match, start + size) === undefined) break;
      }
    }
    const articles = page.map((row) => this.articleBySeq.get(row.seq) as ArticleRow | undefined);
    // Newest first ranks nothing: its scores come with the snippets, for the page's rows alone
    // (not for ranked pages: bm25 reads each term's whole list to count the articles holding it).
    const snippets = this.snippetsOf(compiled, page, articles, page.some((row) => row.rank === null));
    return page.flatMap((row, i) => {
      const article = articles[i];
      if (!article) return [];
      const found = snippets.get(row.seq);
      const snippet = found?.snippet ?? markedWindow(article.head, compiled.likeTerms) ?? leadingWords(article.head);
      const rank = row.rank ?? found?.rank ?? null;
      return [hit(article, snippet, rank === null ? 0 : -rank)];
    });
  }

  /**
   * FTS5's snippets for the page's rows, in one statement that seeks each row by rowid. FTS5
   * merges a prefix's lists anew for every seek (tens of milliseconds for a common prefix at a
   * million articles), so a prefix is first replaced by the words of the page's articles it
   * begins; rows that leaves without a snippet are found by reading their rowid range once and
   * filtering it (the unary + keeps the list a filter, not seeks). With `ranked`, each row's bm25
   * rank as well.
   */
  private snippetsOf(compiled: CompiledQuery, page: Candidate[], articles: (ArticleRow | undefined)[], ranked: boolean): Map<number, { snippet: string; rank: number | null }> {
    const snippets = new Map<number, { snippet: string; rank: number | null }>();
    if (!compiled.driver || page.length === 0) return snippets;
    const { index, match } = compiled.driver;
    const seqs = page.map((row) => row.seq);
    const rank = ranked ? `bm25(${index}, ${BM25_WEIGHTS[index]})` : 'NULL';
    const columns = `rowid AS seq, ${snippetSql(index, 1)} AS body, ${snippetSql(index, -1)} AS best, ${rank} AS rank`;
    const texts = articles.flatMap((article) => (article ? [article.title, article.head, article.place, article.source, article.wire] : []));
    const exact = withoutPrefixes(match, texts.filter((text): text is string => text !== null));
    let rows: (SnippetRow & { seq: number; rank: number | null })[] = [];
    if (exact !== null) {
      rows = this.prepared(`SELECT ${columns} FROM ${index} WHERE ${index} MATCH ? AND rowid IN (SELECT value FROM json_each(?))`)
        .all(exact, JSON.stringify(seqs)) as typeof rows;
    }
    // A row the words missed (a word cut apart differently from FTS5) still gets its snippet.
    const missed = seqs.filter((seq) => !rows.some((row) => row.seq === seq));
    if (missed.length > 0) {
      rows.push(...(this.prepared(`SELECT ${columns} FROM ${index} WHERE ${index} MATCH ? AND rowid BETWEEN ? AND ?
        AND +rowid IN (SELECT value FROM json_each(?))`).all(match, Math.min(...missed), Math.max(...missed), JSON.stringify(missed)) as typeof rows));
    }
    for (const row of rows) snippets.set(row.seq, { snippet: pickSnippet(row), rank: row.rank });
    return snippets;
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

/**
 * Every match as (seq, rank, story) in page order. Ordered by relevance, the matches are ranked a
 * window at a time, newest first (the last two parameters a window's size and offset, see
 * RANK_WINDOW); otherwise in one order (the last parameter a LIMIT, -1 for none). A query of filters
 * only has no relevance to rank by, so it comes newest first.
 */
function candidatesSql(compiled: CompiledQuery, newest: boolean, byPublished: boolean): { sql: string; params: SqlValue[]; windowed: boolean } {
  const driver = compiled.driver;
  if (!driver) {
    return {
      sql: `SELECT a.seq AS seq, NULL AS rank, a.story_id AS story FROM articles a
        WHERE ${compiled.where.join(' AND ') || '1'} ORDER BY a.published DESC, a.seq DESC LIMIT ?`,
      params: compiled.params,
      windowed: false,
    };
  }
  const { index, match } = driver;
  const rank = `bm25(${index}, ${BM25_WEIGHTS[index]})`;
  if (newest) {
    // Articles walked newest first by the published index, keeping those whose rowid the text
    // matches (gathered once, checked through a Bloom filter): a common term stops at its page
    // ("market" at a million articles: 25 ms, where sorting its 138,000 matches took 250).
    // SQLite's planner prefers the sort, hence INDEXED BY. Scores come with the page's snippets.
    const from = byPublished ? 'articles a INDEXED BY articles_by_published' : 'articles a';
    return {
      sql: `SELECT a.seq AS seq, NULL AS rank, a.story_id AS story FROM ${from}
        WHERE ${[`a.seq IN (SELECT rowid FROM ${index} WHERE ${index} MATCH ?)`, ...compiled.where].join(' AND ')}
        ORDER BY a.published DESC, a.seq DESC LIMIT ?`,
      params: [match, ...compiled.params],
      windowed: false,
    };
  }
  // Windowed: a window of matches from the newest, ranked (ties newest first, so pages agree);
  // the parameters start with the MATCH string, the window's size and its offset.
  const window = `SELECT rowid AS seq, ${rank} AS rank FROM ${index} WHERE ${index} MATCH ? ORDER BY rowid DESC LIMIT ? OFFSET ?`;
  if (compiled.where.length === 0) {
    // Rank inside the index alone, then join each row read to its article (for its story):
    // the ranked subquery runs as a co-routine, so rows a page never reaches are not joined.
    return {
      sql: `SELECT r.seq AS seq, r.rank AS rank, a.story_id AS story
        FROM (SELECT seq, rank FROM (${window}) ORDER BY rank, seq DESC LIMIT -1) r
        JOIN articles a ON a.seq = r.seq ORDER BY r.rank, r.seq DESC`,
      params: [],
      windowed: true,
    };
  }
  return {
    sql: `SELECT w.seq AS seq, w.rank AS rank, a.story_id AS story
      FROM (${window}) w JOIN articles a ON a.seq = w.seq
      WHERE ${compiled.where.join(' AND ')} ORDER BY w.rank, w.seq DESC`,
    params: compiled.params,
    windowed: true,
  };
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
  place: string | null;
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

const ARTICLE_COLUMNS = `a.id AS id, a.text AS head, a.place AS place, a.title AS title, a.published AS published, a.wire AS wire, a.source AS source,
  a.story_id AS story_id, (SELECT size FROM stories WHERE id = a.story_id) AS story_size`;

/** A word as FTS5's unicode61 tokenizer cuts one from folded text. */
const WORD = /[\p{L}\p{N}\p{Co}]+/gu;
/** More words than this for one prefix, and the page's range is read instead. */
const PREFIX_WORDS_MAX = 64;

/**
 * `match` with each one-word prefix (`"stat" *`, as compileQuery writes it) replaced by the words
 * of `texts` it begins, folded as FTS5 folds them (`("state" OR "statistics")`); `match` itself
 * when it holds no prefix; null when a prefix is more than one word, begins none of the words or
 * too many.
 */
function withoutPrefixes(match: string, texts: readonly string[]): string | null {
  let words: Set<string> | null = null;
  let out = '';
  for (let i = 0; i < match.length; ) {
    if (match[i] !== '"') {
      out += match[i++];
      continue;
    }
    // A string literal: quotes inside are doubled (ftsString).
    let literal = '';
    let j = i + 1;
    for (; j < match.length; j++) {
      if (match[j] !== '"') literal += match[j];
      else if (match[j + 1] === '"') literal += match[++j];
      else break;
    }
    j++;
    if (!match.startsWith(' *', j)) {
      out += match.slice(i, j);
      i = j;
      continue;
    }
    const prefix = foldValue(literal);
    if (!/^[\p{L}\p{N}\p{Co}]+$/u.test(prefix)) return null;
    words ??= new Set(texts.flatMap((text) => foldValue(text).match(WORD) ?? []));
    const begun = [...words].filter((word) => word.startsWith(prefix));
    if (begun.length === 0 || begun.length > PREFIX_WORDS_MAX) return null;
    out += `(${begun.map(ftsString).join(' OR ')})`;
    i = j + 2;
  }
  return out;
}

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
