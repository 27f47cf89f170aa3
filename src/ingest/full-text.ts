// Full text: a feed whose items carry only a summary gets each new item's linked page fetched and
// extracted. The page is kept as its own capture, and its article takes the feed item's id, so
// the store sees a later capture with changed content for that id and revises it: the article
// holds the page's text and its summary version stays as a revision.
import type { Article, KnownFields } from '../core/index.js';
import type { Store } from '../store/index.js';
import { type LinkedPages, noPages, notePageFailure, storeLinkedPage } from './linked-page.js';
import type { SourceFetcher } from './poll.js';

/** An item's text shorter than this (in characters, the title not counted) is a summary. */
export const SUMMARY_MAX_CHARS = 400;
/** At most this many pages fetched for one feed in one poll; the items past it keep their summary. */
export const MAX_FULL_TEXT_PAGES = 100;
/**
 * How a cut-short summary ends: an ellipsis ("…", "...", "[…]", "[...]", WordPress's
 * "[&hellip;]" decoded) or a "read more" link's words.
 */
const TRUNCATED = /(?:\u2026|\.\.\.|\[\s*(?:\u2026|\.\.\.)\s*\]|\b(?:read more|continue reading|read the full (?:story|article|release))\b[^.!?]{0,40}|\(more\))\s*$/i;

/**
 * True when an article's text is only a summary of its linked page: it has a link, and its text
 * is under SUMMARY_MAX_CHARS characters or ends the way a cut-short summary does.
 *
 * @example isSummaryOnly({ ...item, url: 'https://a.example/x', text: 'The board met on Monday…' }) // true
 */
export function isSummaryOnly(article: Pick<Article, 'url' | 'text'>): boolean {
  if (!article.url || !/^https?:\/\//i.test(article.url)) return false;
  const text = article.text.trim();
  return text.length < SUMMARY_MAX_CHARS || TRUNCATED.test(text);
}

/**
 * Splits a feed capture's articles for a full-text poll, before they are written:
 * - `write`: what the feed capture stores. An item already stored with more than a summary
 *   (its page was fetched before) is left out, so a re-polled feed never puts the summary back.
 * - `wanted`: items new to the store that carry only a summary: their pages are fetched once
 *   the feed capture is written.
 */
export async function planFullText(store: Store, articles: readonly Article[]): Promise<{ write: Article[]; wanted: Article[] }> {
  const write: Article[] = [];
  const wanted: Article[] = [];
  for (const article of articles) {
    if (!isSummaryOnly(article)) {
      write.push(article);
      continue;
    }
    const stored = await store.getArticle(article.id);
    if (!stored) wanted.push(article);
    if (!stored || isSummaryOnly(stored)) write.push(article);
  }
  return { write, wanted };
}

/**
 * Fetches the linked page of each wanted item, in feed order and at most MAX_FULL_TEXT_PAGES,
 * and stores it under the item's id. The feed's title, times, byline, image and guid are kept
 * where the page has none. A page that fails, or whose text is no longer than the summary,
 * leaves the item as it was and is counted in the report; it never fails the feed's poll.
 */
export async function fetchFullText(store: Store, fetcher: SourceFetcher, wanted: readonly Article[]): Promise<LinkedPages> {
  const pages = noPages();
  pages.skipped = Math.max(0, wanted.length - MAX_FULL_TEXT_PAGES);
  for (const item of wanted.slice(0, MAX_FULL_TEXT_PAGES)) {
    const url = item.url!;
    const outcome = await storeLinkedPage(store, fetcher, url, {
      id: item.id,
      known: knownOf(item),
      extra: item.extra,
      refuse: (page) =>
        page.text.trim().length <= item.text.trim().length
          ? `the page's text (${page.text.trim().length} characters) is no longer than the feed item's summary (${item.text.trim().length}); the summary is kept`
          : null,
    });
    if (outcome.stored) pages.stored++;
    else notePageFailure(pages, url, outcome.error);
  }
  return pages;
}

/** What the feed said about its item, as known fields the page may lack. */
function knownOf(item: Article): KnownFields {
  const known: KnownFields = {};
  if (item.title) known.title = item.title;
  if (item.published) {
    known.published = item.published;
    known.publishedZone = item.publishedZone;
  }
  if (item.modified) known.modified = item.modified;
  if (item.byline) known.byline = item.byline;
  if (item.siteName) known.siteName = item.siteName;
  if (item.image) known.image = item.image;
  if (item.description) known.description = item.description;
  return known;
}
