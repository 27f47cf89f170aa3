// CSV as RFC 4180 writes it, for exports and pickup reports that go on to spreadsheets.
import type { Article } from '../../core/index.js';

/** One record: fields quoted when they hold a comma, quote or line break; null is empty; CRLF ends it. */
export function csvRow(fields: ReadonlyArray<string | number | null>): string {
  return fields.map((field) => (field === null ? '' : quoteCsv(String(field)))).join(',') + '\r\n';
}

function quoteCsv(field: string): string {
  // A leading = + - @ would run as a formula in a spreadsheet: a quote mark keeps it text.
  const safe = /^[=+\-@]/.test(field) && !/^-?\d/.test(field) ? `'${field}` : field;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The columns of an article export, in order. */
export const ARTICLE_CSV_COLUMNS = [
  'id', 'story_id', 'published', 'title', 'wire', 'source', 'site_name', 'place', 'language', 'kind', 'url', 'tickers', 'byline', 'text',
] as const;

/** An article as one CSV record under ARTICLE_CSV_COLUMNS. */
export function articleCsvRow(article: Article): string {
  return csvRow([
    article.id,
    article.storyId,
    article.published,
    article.title,
    article.wire,
    article.source,
    article.siteName,
    article.dateline?.place ?? null,
    article.language,
    article.kind,
    article.url ?? article.canonicalUrl,
    article.tickers.map((ticker) => `${ticker.exchange}:${ticker.symbol}`).join(' ') || null,
    article.byline,
    article.text,
  ]);
}
