// Sitemap sources: read the sitemap (or an index and its child sitemaps), and fetch each listed
// page the store does not hold yet, newest first and a bounded number a poll, each kept as its
// own capture with its article. A news sitemap's title and publication date fill what a page
// leaves out. The sitemap documents themselves are not kept: they list pages, they are not
// articles, and a busy site's sitemap changes at every poll.
import { DatelineError, type KnownFields } from '../core/index.js';
import { type SitemapEntry, parseSitemap } from '../formats/sitemap.js';
import type { Source, SourceState, Store } from '../store/index.js';
import { failureOf } from './ingest.js';
import { type LinkedPages, noPages, notePageFailure, storeLinkedPage } from './linked-page.js';
import type { FetchedSource, SourceFetcher } from './poll.js';

/** Pages fetched from one sitemap source in one poll; the rest wait for the next polls. */
export const MAX_SITEMAP_PAGES = 100;
/** Child sitemaps of an index read in one poll, the most recently modified first. */
export const MAX_CHILD_SITEMAPS = 20;
/**
 * A child sitemap whose lastmod is up to this long before the last poll is read again: the
 * server's clock is not ours, and a poll takes a while after it read the index.
 */
export const LASTMOD_SLACK_MS = 60 * 60 * 1000;
/** An offset or `Z` at the end of an ISO 8601 time: the zone is stated. */
const STATED_OFFSET = /(?:Z|[+-]\d{2}:?\d{2})$/i;

export interface SitemapPoll {
  /** Pages stored with a new article. */
  newItems: number;
  pages: LinkedPages;
  /**
   * False when the poll left work for later: pages past the bound, child sitemaps past the
   * bound or failing. The next poll then reads the whole sitemap again (see `changedSince`).
   */
  complete: boolean;
}

/**
 * Polls a sitemap source whose document was fetched (`fetched`, with a body).
 * 1. Parse it (a URL set, a text sitemap, or an index); what is not a sitemap throws.
 * 2. For an index, read its child sitemaps, at most MAX_CHILD_SITEMAPS, most recently modified
 *    first, skipping those whose lastmod says they have not changed since the last complete
 *    poll. A child that fails is reported; the others are read.
 * 3. Keep the listed pages no article in the store has as its URL, newest first by the news
 *    publication date, else lastmod (undated last, in listed order).
 * 4. Fetch and store the first MAX_SITEMAP_PAGES of them, one after another (the fetcher paces
 *    each host); a page that fails is reported and the others go on.
 */
export async function pollSitemap(
  store: Store,
  fetcher: SourceFetcher,
  source: Source,
  fetched: FetchedSource & { body: Uint8Array },
): Promise<SitemapPoll> {
  const pages = noPages();
  let complete = true;
  const root = parseSitemap(fetched.body, { url: fetched.finalUrl, name: source.url });
  const entries = [...root.entries];
  if (root.kind === 'index') {
    const since = lastCompletePoll(source.state);
    const changed = root.sitemaps.filter((url) => since === null || changedSince(root.sitemapLastmod[url] ?? null, since));
    const children = newestFirst(changed, (url) => root.sitemapLastmod[url] ?? null);
    if (children.length > MAX_CHILD_SITEMAPS) complete = false;
    for (const url of children.slice(0, MAX_CHILD_SITEMAPS)) {
      try {
        const child = await fetcher.fetch(url, {});
        if (!child.body) throw new DatelineError('E_FETCH_STATUS', `sitemap: ${url} answered ${child.status} without a body`, { input: url });
        const parsed = parseSitemap(child.body, { url: child.finalUrl, name: url });
        if (parsed.kind === 'index') {
          throw new DatelineError('E_INPUT_PROBLEM', `sitemap: ${url} is an index listed in an index; the protocol allows one level, so it is not followed`, { input: url });
        }
        entries.push(...parsed.entries);
      } catch (error) {
        complete = false;
        notePageFailure(pages, url, failureOf(url, error).message);
      }
    }
  }

  const fresh: SitemapEntry[] = [];
  const seen = new Set<string>();
  for (const entry of newestFirst(entries, dateOf)) {
    if (seen.has(entry.url)) continue;
    seen.add(entry.url);
    if (!(await store.hasArticleUrl(entry.url))) fresh.push(entry);
  }
  if (fresh.length > MAX_SITEMAP_PAGES) {
    pages.skipped = fresh.length - MAX_SITEMAP_PAGES;
    complete = false;
  }
  let newItems = 0;
  for (const entry of fresh.slice(0, MAX_SITEMAP_PAGES)) {
    const outcome = await storeLinkedPage(store, fetcher, entry.url, { known: knownOf(entry) });
    if (outcome.stored) {
      pages.stored++;
      newItems += outcome.added;
    } else {
      notePageFailure(pages, entry.url, outcome.error);
    }
  }
  return { newItems, pages, complete };
}

/**
 * Since when an index's children can be skipped when unchanged: the last poll, when it
 * succeeded and was complete. An incomplete poll is recorded without the index's validators
 * (pollSource drops them), so their absence makes the next poll read every child again; a
 * server that sends no validators gets every child read at each poll, within the bound.
 */
function lastCompletePoll(state: SourceState): string | null {
  if (state.lastFetchAt === null || state.lastError !== null) return null;
  return state.etag !== null || state.lastModified !== null ? state.lastFetchAt : null;
}

/**
 * True unless `lastmod` shows the child sitemap unchanged since `since`. A lastmod of a day
 * (or a month, a year) means any time in it; an unreadable or missing one means changed.
 */
export function changedSince(lastmod: string | null, since: string): boolean {
  const end = lastmod === null ? NaN : endOf(lastmod);
  return Number.isNaN(end) || end >= Date.parse(since) - LASTMOD_SLACK_MS;
}

/** The last moment a W3C datetime can mean, in ms: a day ends a day later, as late as UTC-12 ends it. */
function endOf(value: string): number {
  if (/^\d{4}$/.test(value)) return Date.parse(`${Number(value) + 1}-01-01T12:00:00Z`);
  if (/^\d{4}-\d{2}$/.test(value)) {
    const [year, month] = value.split('-').map(Number) as [number, number];
    return Date.UTC(month === 12 ? year + 1 : year, month === 12 ? 0 : month, 1, 12);
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return Date.parse(`${value}T00:00:00Z`) + 36 * 3600 * 1000;
  // A time without its zone is read as UTC; the slack covers the difference.
  return Date.parse(STATED_OFFSET.test(value) ? value : `${value}Z`);
}

/** Newest first by `date`; undated (or unreadable) ones last, in their order. */
function newestFirst<T>(items: readonly T[], date: (item: T) => string | null): T[] {
  const keyed = items.map((item, index) => {
    const value = date(item);
    const time = value === null ? NaN : Date.parse(/^\d{4}(?:-\d{2}){0,2}$/.test(value) || STATED_OFFSET.test(value) ? value : `${value}Z`);
    return { item, index, time: Number.isNaN(time) ? -Infinity : time };
  });
  keyed.sort((a, b) => b.time - a.time || a.index - b.index);
  return keyed.map((k) => k.item);
}

function dateOf(entry: SitemapEntry): string | null {
  return entry.news?.published ?? entry.lastmod;
}

/** What a sitemap entry says about its page, as known fields the page may lack. */
function knownOf(entry: SitemapEntry): KnownFields {
  const known: KnownFields = {};
  const news = entry.news;
  if (news?.title) known.title = news.title;
  if (news?.published) {
    known.published = news.published;
    known.publishedZone = STATED_OFFSET.test(news.published) ? 'stated' : 'unknown';
  }
  if (entry.lastmod) known.modified = entry.lastmod;
  if (news?.publication) known.siteName = news.publication;
  const language = news?.language?.split(/[-_]/)[0] ?? '';
  if (/^[a-z]{2}$/.test(language)) known.language = language;
  return known;
}
