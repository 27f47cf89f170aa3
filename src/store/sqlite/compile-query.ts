// Compiles a query tree to SQLite: an FTS5 MATCH string for the index that drives the search,
// plus parameterised WHERE conditions for filters and the clauses FTS5 cannot express.
// User text enters FTS5 only as string literals built by ftsString(), never as syntax.
import { CJK, type QueryNode } from '../../core/index.js';
import { KEY_SEPARATOR, foldValue, tickerPart } from '../filter-match.js';

export type SqlValue = string | number;

/** The index a search is driven by: it yields the candidates, their BM25 rank and snippets. */
export type SearchIndex = 'articles_fts' | 'articles_cjk';

export interface CompiledQuery {
  driver: { index: SearchIndex; match: string } | null;
  /** Conditions over `a` (the articles table), all of which must hold. */
  where: string[];
  params: SqlValue[];
  /** Short CJK terms matched by LIKE, which no FTS5 snippet() can mark: search.ts marks them. */
  likeTerms: string[];
}

type TextAtom = Extract<QueryNode, { type: 'term' | 'phrase' | 'near' }>;

/** Trigram search needs three characters; shorter CJK terms fall back to LIKE. */
const TRIGRAM_MIN = 3;

/** The folded column each filter compares (lang and kind are stored lower-case already). */
const FILTER_COLUMN = { wire: 'wire_key', source: 'source_key', lang: 'lang', kind: 'kind' } as const;
/** Filters matched against one of several delimited parts of a key column, by instr(). */
const PART_COLUMN = { place: 'place_key', site: 'site_key' } as const;
/** Above every character, so `url >= p AND url < p || URL_PREFIX_END` is "starts with p". */
const URL_PREFIX_END = '\u{10FFFF}';
/** The published column as a UTC moment in the form the parser gives (toISOString's). */
const PUBLISHED_UTC = "strftime('%Y-%m-%dT%H:%M:%fZ', a.published)";

/**
 * An FTS5 string literal: double quotes around, inner quotes doubled. Inside one, FTS5 sees
 * no operators, columns, NEAR, `^` or `*`; the tokenizer splits it into a phrase. A NUL would
 * end the string early for FTS5's C parser ("unterminated string"); it is no token, so a space.
 */
export function ftsString(text: string): string {
  return `"${text.replace(/"/g, '""').replace(/\0/g, ' ')}"`;
}

/** Which index can answer a term: words go to unicode61, CJK to trigram, short CJK to LIKE. */
function routeOf(atom: TextAtom): 'fts' | 'cjk' | 'like' {
  const text = atom.type === 'term' ? atom.value : atom.words.join(' ');
  if (!CJK.test(text)) return 'fts';
  return [...text.replace(/\s+/gu, '')].length >= TRIGRAM_MIN ? 'cjk' : 'like';
}

function columnPrefix(atom: TextAtom): string {
  return atom.field === 'any' ? '' : `${atom.field} : `;
}

/**
 * A CJK phrase's words are matched each as a substring: CJK is written without spaces, so the
 * trigram index has no words to count for a proximity either.
 */
function splitCjkPhrase(atom: TextAtom): QueryNode {
  if (atom.type === 'term' || routeOf(atom) === 'fts') return atom;
  return {
    type: 'and',
    children: atom.words.map((value) => ({ type: 'term', field: atom.field, value, prefix: false })),
  };
}

/** The node as an FTS5 expression over `index`, or null when that index cannot answer it. */
function matchExpression(node: QueryNode, index: SearchIndex): string | null {
  const want = index === 'articles_fts' ? 'fts' : 'cjk';
  switch (node.type) {
    case 'term':
    case 'phrase':
    case 'near': {
      if (routeOf(node) !== want) return null;
      if (node.type !== 'term' && want === 'cjk') return matchExpression(splitCjkPhrase(node), index);
      if (node.type === 'phrase') return columnPrefix(node) + ftsString(node.words.join(' '));
      // NEAR(p1 p2, N): every phrase within N tokens of the others, in any order.
      if (node.type === 'near') return `${columnPrefix(node)}NEAR(${node.words.map(ftsString).join(' ')}, ${node.distance})`;
      // Trigram matching is by substring already, so a prefix mark adds nothing there.
      return columnPrefix(node) + ftsString(node.value) + (node.prefix && want === 'fts' ? ' *' : '');
    }
    case 'and': {
      const positives: string[] = [];
      const negatives: string[] = [];
      for (const child of node.children) {
        const expression = matchExpression(child.type === 'not' ? child.child : child, index);
        if (expression === null) return null;
        (child.type === 'not' ? negatives : positives).push(expression);
      }
      // FTS5's NOT is binary (`a NOT b`): it needs something positive on its left.
      return positives.length === 0 ? null : combine(positives, negatives);
    }
    case 'or': {
      const parts = node.children.map((child) => matchExpression(child, index));
      return parts.every((part): part is string => part !== null) ? `(${parts.join(' OR ')})` : null;
    }
    default:
      return null;
  }
}

function combine(positives: string[], negatives: string[]): string {
  let expression = positives.length === 1 ? positives[0]! : `(${positives.join(' AND ')})`;
  for (const negative of negatives) expression = `(${expression} NOT ${negative})`;
  return expression;
}

/** Compiles the query: the driving index from the top-level clauses it can answer, the rest as SQL. */
export function compileQuery(root: QueryNode): CompiledQuery {
  const clauses = root.type === 'and' ? root.children : [root];
  const compiled: CompiledQuery = { driver: null, where: [], params: [], likeTerms: [] };
  let rest = clauses;
  for (const index of ['articles_fts', 'articles_cjk'] as const) {
    const positives: string[] = [];
    const negatives: string[] = [];
    const left: QueryNode[] = [];
    for (const clause of clauses) {
      const expression = matchExpression(clause.type === 'not' ? clause.child : clause, index);
      if (expression === null) left.push(clause);
      else (clause.type === 'not' ? negatives : positives).push(expression);
    }
    if (positives.length > 0) {
      compiled.driver = { index, match: combine(positives, negatives) };
      rest = left;
      break;
    }
  }
  for (const clause of rest) compiled.where.push(sqlCondition(clause, compiled.params, compiled.likeTerms));
  return compiled;
}

/** A condition over `a` that is always 0 or 1 (never NULL), so NOT around it is safe. */
function sqlCondition(node: QueryNode, params: SqlValue[], likeTerms: string[]): string {
  for (const index of ['articles_fts', 'articles_cjk'] as const) {
    const expression = matchExpression(node, index);
    if (expression !== null) {
      params.push(expression);
      return `a.seq IN (SELECT rowid FROM ${index} WHERE ${index} MATCH ?)`;
    }
  }
  switch (node.type) {
    case 'term':
    case 'phrase':
    case 'near': {
      if (node.type !== 'term') return sqlCondition(splitCjkPhrase(node), params, likeTerms);
      // Only a 1-2 character CJK term reaches here: a LIKE over the (few) CJK rows.
      likeTerms.push(node.value);
      const pattern = `%${node.value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      const columns = node.field === 'any' ? ['title', 'text'] : [node.field];
      const tests = columns.map((column) => {
        params.push(pattern);
        return `${column} LIKE ? ESCAPE '\\'`;
      });
      return `a.seq IN (SELECT rowid FROM articles_cjk WHERE ${tests.join(' OR ')})`;
    }
    case 'and':
      return `(${node.children.map((child) => sqlCondition(child, params, likeTerms)).join(' AND ')})`;
    case 'or':
      return `(${node.children.map((child) => sqlCondition(child, params, likeTerms)).join(' OR ')})`;
    case 'not':
      return `NOT (${sqlCondition(node.child, params, likeTerms)})`;
    case 'filter':
      // coalesce: an article without the field fails the filter, and NOT of it must hold.
      if (node.field === 'place' || node.field === 'site') {
        params.push(KEY_SEPARATOR + foldValue(node.value) + KEY_SEPARATOR);
        return `coalesce(instr(a.${PART_COLUMN[node.field]}, ?) > 0, 0)`;
      }
      if (node.field === 'story') {
        // Ids are compared as they are; this form (not coalesce) lets articles_by_story serve it.
        params.push(node.value);
        return '(a.story_id IS NOT NULL AND a.story_id = ?)';
      }
      params.push(foldValue(node.value));
      return `coalesce(a.${FILTER_COLUMN[node.field]} = ?, 0)`;
    case 'ticker':
      params.push(KEY_SEPARATOR + tickerPart(node.exchange, node.symbol) + KEY_SEPARATOR);
      return 'coalesce(instr(a.ticker_key, ?) > 0, 0)';
    case 'url':
      // Written so the partial index articles_by_url (url IS NOT NULL) can serve both forms.
      if (!node.prefix) {
        params.push(node.value);
        return '(a.url IS NOT NULL AND a.url = ?)';
      }
      params.push(node.value, node.value + URL_PREFIX_END);
      return '(a.url IS NOT NULL AND a.url >= ? AND a.url < ?)';
    case 'published':
      params.push(node.date);
      // Compare the date part as text: ISO 8601 sorts as it reads, whatever the time and offset.
      return `coalesce(substr(a.published, 1, 10) ${node.op} ?, 0)`;
    case 'publishedAt':
      // A moment compares as a moment: the stated offset applied, a time without one taken as UTC.
      params.push(node.instant);
      return `coalesce(${PUBLISHED_UTC} ${node.op} ?, 0)`;
  }
}
