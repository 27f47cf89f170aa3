// A page a source points to (a URL a sitemap lists, the link of a feed item that carries only a
// summary), fetched and kept as a capture of its own with its one article, made by the same
// formats -> structure -> enrich path as any page. What the source says about the page (a news
// sitemap's title and date, a feed item's title, time and guid) fills what the page leaves out.
import { type Article, type Capture, DatelineError, type KnownFields, sha256Hex } from '../core/index.js';
import type { Store } from '../store/index.js';
import { type CaptureInput, articleOf, articleUrlOf } from './assemble.js';
import { draftsOf } from './drafts.js';
import { groupWriterOf } from './group-writer.js';
import { failureOf, recordOf } from './ingest.js';
import type { FetchedSource, SourceFetcher } from './poll.js';
import type { CaptureFormat } from './session.js';

/** Errors listed one by one in a report; past this many they are only counted. */
export const MAX_LISTED_PAGE_ERRORS = 20;

/** How the pages a source pointed to went, in one poll. */
export interface LinkedPages {
  /** Pages fetched and stored with their article. */
  stored: number;
  /** Pages whose fetch or extraction failed; the first MAX_LISTED_PAGE_ERRORS are in `errors`. */
  failed: number;
  /**
   * Pages past the per-poll bound: a sitemap's wait for a later poll, a feed's items keep their
   * summary.
   */
  skipped: number;
  errors: Array<{ url: string; error: string }>;
}

export function noPages(): LinkedPages {
  return { stored: 0, failed: 0, skipped: 0, errors: [] };
}

export function notePageFailure(pages: LinkedPages, url: string, error: string): void {
  pages.failed++;
  if (pages.errors.length < MAX_LISTED_PAGE_ERRORS) pages.errors.push({ url, error });
}

/** A fetched body as a capture: content-addressed, with its provenance. */
export function captureOf(fetched: FetchedSource & { body: Uint8Array }): Capture {
  const id = sha256Hex(fetched.body);
  return {
    id, sha256: id, url: fetched.finalUrl, fetchedAt: fetched.fetchedAt, status: fetched.status,
    headers: fetched.headers, contentType: fetched.contentType, size: fetched.body.length,
  };
}

export interface PageHints {
  /** What the source states about the page; each field is used where the page states none. */
  known?: KnownFields;
  /** The article takes this id (a feed item's) instead of its capture-and-position id. */
  id?: string;
  /** Kept with the article under the page's own `extra` (a feed item's guid and categories). */
  extra?: Record<string, unknown>;
  /** Refuses the page's article, saying why, when it is not worth storing (no more than a summary). */
  refuse?: (article: Article) => string | null;
}

export type PageOutcome = { stored: true; article: Article; added: number } | { stored: false; error: string };

/**
 * Fetches `url` and stores it as its own capture with one article. Never throws for the page's
 * sake: a failed fetch, a page with no article or one the hints refuse comes back as an error
 * (the bytes, when some came, are kept as a failed capture, as any capture that does not parse).
 */
export async function storeLinkedPage(store: Store, fetcher: SourceFetcher, url: string, hints: PageHints = {}): Promise<PageOutcome> {
  let fetched: FetchedSource;
  try {
    fetched = await fetcher.fetch(url, {});
  } catch (error) {
    return { stored: false, error: failureOf(url, error).message };
  }
  if (!fetched.body) return { stored: false, error: `${url}: answered ${fetched.status} without a body` };
  const body = fetched.body;
  const input: CaptureInput = { capture: captureOf({ ...fetched, body }), bytes: body, name: url };
  let article: Article;
  let found: CaptureFormat;
  try {
    const parsed = draftsOf(input);
    found = parsed;
    const draft = parsed.drafts[0];
    if ((parsed.format !== 'html' && parsed.format !== 'text') || !draft) {
      throw new DatelineError('E_NO_ARTICLE', `ingest: ${url} is not a page (read as ${parsed.format}); no article taken from it`, { input: url });
    }
    const known = fill(draft.known, hints.known ?? {});
    const made = articleOf(input.capture.id, articleUrlOf(input.capture), input.capture.fetchedAt, { ...draft, known });
    article = { ...made, id: hints.id ?? made.id, extra: { ...hints.extra, ...made.extra } };
    const refused = hints.refuse?.(article);
    if (refused) throw new DatelineError('E_NO_ARTICLE', `ingest: ${url}: ${refused}`, { input: url });
  } catch (error) {
    const failure = failureOf(url, error);
    await groupWriterOf(store).write(recordOf(input, null, failure, 0), []);
    return { stored: false, error: failure.message };
  }
  const written = await groupWriterOf(store).write(recordOf(input, found, null, 1), [article]);
  if (written.capture === 'existing' && written.articlesAdded === 0 && hints.id) {
    // The same bytes were stored before (another source's page): an earlier capture never
    // revises an article, so the item keeps what it had.
    return { stored: false, error: `${url}: this page was stored before, from another source; the item keeps its text` };
  }
  return { stored: true, article, added: written.articlesAdded };
}

/**
 * The page's own fields, with the source's where the page has none. A time and its zone go
 * together: the page's published time never takes the source's zone.
 */
function fill(page: KnownFields, source: KnownFields): KnownFields {
  const known: KnownFields = { ...source, ...page };
  if (page.published === undefined && source.published !== undefined) {
    known.published = source.published;
    if (source.publishedZone === undefined) delete known.publishedZone;
    else known.publishedZone = source.publishedZone;
  } else if (page.published !== undefined && page.publishedZone === undefined) {
    delete known.publishedZone;
  }
  return known;
}
