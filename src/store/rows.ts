// An article in the form a store writes it: the fields searches and filters read, each on its
// own, the folded keys filters compare, and the rest of the article as compact JSON. Pure and
// free of any database, so a parse worker makes the rows and the writing thread only writes
// them: a flat row crosses between threads in a third of the time a whole Article takes, and the
// writer, the slower half of an ingest, no longer encodes.
import type { Article } from '../core/index.js';
import { filterKeys, siteKey, tickerKey } from './filter-match.js';

export interface ArticleRow {
  id: string;
  captureId: string;
  title: string | null;
  text: string;
  published: string | null;
  wire: string | null;
  source: string | null;
  /** The dateline's place. */
  place: string | null;
  language: string | null;
  kind: Article['kind'];
  url: string | null;
  /** Every other field of the Article, empty ones left out (articleFromRow puts them back). */
  json: string;
  wireKey: string | null;
  sourceKey: string | null;
  placeKey: string | null;
  tickerKey: string | null;
  siteKey: string | null;
}

/** What the store's write methods take: articles, or rows made of them already. */
export type WritableArticle = Article | ArticleRow;

/** How paragraphs join into the text, and the marker stored when they do exactly that. */
const PARAGRAPH_SEPARATOR = '\n\n';
const JOINED = 'joined';

/**
 * An article as a row. Fields that have their own column are not repeated in the JSON (a third
 * of its size); storyId is the store's to set, never taken from the article.
 */
export function articleRow(article: Article): ArticleRow {
  const { text, id, captureId, title, published, wire, source, kind, language, url, storyId: _storyId, ...rest } = article;
  // The body is usually its paragraphs joined; then it is stored once, in the text column.
  const json = JSON.stringify(compact(splitsInto(text, rest.paragraphs) ? { ...rest, paragraphs: JOINED } : rest));
  const place = article.dateline?.place ?? null;
  const keys = filterKeys(wire, source, place);
  return {
    id, captureId, title, text, published, wire, source, place, language, kind, url, json,
    wireKey: keys.wire,
    sourceKey: keys.source,
    placeKey: keys.place,
    // Most articles have neither tickers nor a URL nor a site name: those pay two comparisons.
    tickerKey: rest.tickers.length === 0 ? null : tickerKey(rest.tickers),
    siteKey: url === null && rest.siteName === null ? null : siteKey(url, rest.siteName),
  };
}

/** The row of an article, or the row as it is. */
export function asRow(article: WritableArticle): ArticleRow {
  return 'json' in article ? article : articleRow(article);
}

/** The columns of a stored article, as a row has them (the JSON holding the rest). */
export type StoredColumns = Pick<ArticleRow, 'id' | 'captureId' | 'title' | 'text' | 'published' | 'wire' | 'source' | 'language' | 'kind' | 'url' | 'json'> & {
  storyId: string | null;
};

/** The article a row was made of, with the story the store put it in. */
export function articleFromRow(row: StoredColumns): Article {
  // structuredClone: each article gets arrays of its own, never the shared defaults.
  const stored = { ...structuredClone(EMPTY_FIELDS), ...JSON.parse(row.json) } as Omit<Article, keyof StoredColumns | 'paragraphs'> & {
    paragraphs: string[] | typeof JOINED;
  };
  const paragraphs = stored.paragraphs === JOINED ? row.text.split(PARAGRAPH_SEPARATOR) : stored.paragraphs;
  return {
    ...stored,
    id: row.id,
    captureId: row.captureId,
    title: row.title,
    text: row.text,
    published: row.published,
    wire: row.wire,
    source: row.source,
    kind: row.kind,
    language: row.language,
    url: row.url,
    storyId: row.storyId,
    paragraphs,
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
