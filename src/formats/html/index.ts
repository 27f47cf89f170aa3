// The HTML stage's one door: a page in, its main content and metadata out. Pure: no network,
// no clock; the language is the page's own claim (ingest asks the detector when it makes none).
import { findContent, renderContent } from './content.js';
import { settleTitle } from './title.js';
import { readMetadata } from './metadata.js';
import { parseHtml } from './tree.js';

export { parseHtml } from './tree.js';
export type { HtmlElement, HtmlHead, HtmlNode, ParsedHtml } from './tree.js';

/** What a page says about itself. Every field is null when the page does not say it. */
export interface PageMetadata {
  title: string | null;
  /** ISO 8601 as the page gives it: `2024-03-05T09:30:00+01:00`, or a bare `2024-03-05`. */
  published: string | null;
  modified: string | null;
  byline: string | null;
  siteName: string | null;
  /** Absolute, resolved against the page URL when one is known. */
  canonicalUrl: string | null;
  /** ISO 639-1 from `<html lang>` or a content-language meta. */
  language: string | null;
  description: string | null;
  /** The main image's absolute URL. */
  image: string | null;
}

export interface ExtractedPage extends PageMetadata {
  /** The main content as blocks in reading order: headings, paragraphs, list items, table rows. */
  paragraphs: string[];
  /** The main content as sanitised HTML, safe to show. */
  html: string;
}

export interface ExtractOptions {
  /** The page's URL: resolves relative links and feeds URL date patterns. */
  url?: string | null;
}

/**
 * Extracts a page's main content and metadata.
 *
 * @example extractHtml('<title>Hi | Site</title><article><h1>Hi</h1><p>Body.</p></article>').paragraphs // ['Body.']
 */
export function extractHtml(html: string, options: ExtractOptions = {}): ExtractedPage {
  const page = parseHtml(html);
  const metadata = readMetadata(page, { url: options.url ?? null });
  const found = findContent(page, { title: metadata.title });
  const settled = { ...metadata, ...settleTitle(metadata, found.headline, page.head.title, options.url ?? null) };
  return { ...settled, ...renderContent(found, settled.title) };
}
