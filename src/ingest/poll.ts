// Polling: fetch each due source, keep what came back as a capture, turn its items into
// articles, and record how it went so the schedule can say when to come back. A sitemap's
// listed pages and, with full text, a feed's summary-only items' pages are fetched too, each
// its own capture. A failure of one source is recorded on it and never stops the others; a
// failed page is reported and never fails its source.
import { DatelineError, isDatelineError } from '../core/index.js';
import type { Article } from '../core/index.js';
import type { Source, Store } from '../store/index.js';
import { type CaptureInput } from './assemble.js';
import { fetchFullText, planFullText } from './full-text.js';
import { groupWriterOf } from './group-writer.js';
import { failureOf, recordOf } from './ingest.js';
import { type LinkedPages, captureOf } from './linked-page.js';
import { DEFAULT_BOUNDS, type PollBounds, type PollOutcome, nextState } from './schedule.js';
import { inlineSession } from './session.js';
import { pollSitemap } from './sitemap-poll.js';
import { storiesOf } from './stories.js';

export type { LinkedPages } from './linked-page.js';

/**
 * SQLite's page cache for a poller, in MiB (`dateline poll` opens its store with it, and so does
 * the bench): it writes a feed at a time. Over 5,000 feeds a 16 MiB cache kept it under 260 MB
 * where 64 MiB (bulk ingest's) took it past 300; with the story index in memory as well (about
 * 36 MB for 50,000 stories) 8 MiB peaks at 296 to 305 MB, and 4 measured no lower (npm run bench).
 */
export const POLL_CACHE_MIB = 8;

/**
 * The V8 flag `dateline poll` sets at its start (v8.setFlagsFromString; read at each collection,
 * so setting it at run time takes effect). A poller allocates fast and keeps little: after a full
 * collection its heap holds some 35 MB, and V8's default lets the old generation grow to four
 * times that before the next. Twice that (100%) held the bench's poller at 239 MB where the
 * default peaked at 296 to 330, at the same rate.
 */
export const POLL_HEAP_FLAG = '--heap-growing-percent=100';

/** What polling needs of a fetcher; src/capture's Fetcher is one. */
export interface SourceFetcher {
  fetch(url: string, conditions: { etag?: string | null; lastModified?: string | null }): Promise<FetchedSource>;
}

export interface FetchedSource {
  /** The URL after redirects. */
  finalUrl: string;
  status: number;
  /** A 304: the validators matched, nothing new was sent. */
  notModified: boolean;
  /** The body, decoded from its transfer encoding; null for a 304. */
  body: Uint8Array | null;
  headers: Record<string, string>;
  contentType: string | null;
  fetchedAt: string;
  etag: string | null;
  lastModified: string | null;
}

export interface PollOptions {
  now?: () => Date;
  bounds?: PollBounds;
  /** Sources polled at once; the fetcher's per-host queues keep each host polite. */
  concurrency?: number;
  /** At most this many due sources in one round. */
  limit?: number;
  /** Every source, due or not (a refresh a person asked for). */
  all?: boolean;
  /** Called as each source finishes. */
  onReport?: (report: PollReport) => void;
  /**
   * Full text for every feed, as if each had `fullText` set: the pages of new items that carry
   * only a summary are fetched and extracted (full-text.ts says what a summary is).
   */
  fullText?: boolean;
}

export interface PollReport {
  source: Source;
  outcome: PollOutcome['kind'];
  /** Articles added or revised. */
  newItems: number;
  /** The capture stored, when the fetch returned a body (a sitemap itself is not kept: null). */
  captureId: string | null;
  error: string | null;
  /**
   * The pages fetched beyond the source itself: a sitemap's listed pages (and child sitemaps
   * that failed), or a full-text feed's item pages. Null when there were none to fetch.
   */
  pages: LinkedPages | null;
}

/** Polls every source due now (or every source, `all`), `concurrency` at a time; resolves when all have finished. */
export async function pollDue(store: Store, fetcher: SourceFetcher, options: PollOptions = {}): Promise<PollReport[]> {
  const now = options.now ?? (() => new Date());
  const due = options.all ? await store.listSources() : await store.dueSources(now().toISOString(), options.limit ?? 10_000);
  const reports: PollReport[] = [];
  let next = 0;
  const worker = async () => {
    while (next < due.length) {
      const source = due[next++]!;
      const report = await pollSource(store, fetcher, source, options);
      reports.push(report);
      options.onReport?.(report);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 16, due.length) }, worker));
  return reports;
}

/**
 * Polls one source: fetch (conditionally), store the capture and its articles, record the
 * outcome. A sitemap's pages, or a full-text feed's item pages, are fetched after it.
 */
export async function pollSource(store: Store, fetcher: SourceFetcher, source: Source, options: PollOptions = {}): Promise<PollReport> {
  storiesOf(store);
  const now = options.now ?? (() => new Date());
  let outcome: PollOutcome;
  let captureId: string | null = null;
  let newItems = 0;
  let pages: LinkedPages | null = null;
  try {
    const fetched = await fetcher.fetch(source.url, { etag: source.state.etag, lastModified: source.state.lastModified });
    if (fetched.notModified || !fetched.body) {
      outcome = { kind: 'not-modified', status: 304 };
    } else if (source.kind === 'sitemap') {
      const polled = await pollSitemap(store, fetcher, source, { ...fetched, body: fetched.body });
      newItems = polled.newItems;
      pages = polled.pages;
      // Without its validators, the next poll reads the sitemap whole again and goes on where
      // this one stopped (sitemap-poll.ts, lastCompletePoll).
      const validators = polled.complete ? { etag: fetched.etag, lastModified: fetched.lastModified } : { etag: null, lastModified: null };
      outcome = { kind: 'fetched', status: fetched.status, newItems, ...validators };
    } else {
      const stored = await storeFetched(store, source, { ...fetched, body: fetched.body }, options.fullText || source.fullText);
      captureId = stored.captureId;
      newItems = stored.newItems;
      if (stored.error) throw stored.error;
      if (stored.wanted.length > 0) pages = await fetchFullText(store, fetcher, stored.wanted);
      outcome = { kind: 'fetched', status: fetched.status, newItems, etag: fetched.etag, lastModified: fetched.lastModified };
    }
  } catch (error) {
    const failure = failureOf(source.url, error);
    outcome = { kind: 'failed', status: statusOf(error), error: failure.message, retryAfterSeconds: retryAfterOf(error) };
  }
  await groupWriterOf(store).updateSourceState(source.id, nextState(source.state, outcome, now(), options.bounds ?? DEFAULT_BOUNDS));
  return { source, outcome: outcome.kind, newItems, captureId, error: outcome.kind === 'failed' ? outcome.error : null, pages };
}

/**
 * Keeps the fetched bytes as a capture with its articles, in one transaction. A body that does
 * not parse is still kept, with its error (returned for the source's record). With `fullText`,
 * a feed's new summary-only items come back in `wanted`, for their pages to be fetched.
 */
async function storeFetched(
  store: Store,
  source: Source,
  fetched: FetchedSource & { body: Uint8Array },
  fullText: boolean,
): Promise<{ captureId: string; newItems: number; error: unknown; wanted: Article[] }> {
  const capture = captureOf(fetched);
  const input: CaptureInput = { capture, bytes: fetched.body, name: source.url };
  const session = inlineSession(input);
  try {
    const found = await session.started;
    // A feed that answers with something else (a login page, an error page served as 200) is a
    // failing feed, not a new article.
    if (source.kind === 'feed' && found.format !== 'feed') {
      throw new DatelineError('E_FEED_MALFORMED', `poll: ${source.url} served ${found.format}, not a feed`, { input: source.url });
    }
    const summary = await session.summary;
    const articles = await session.next(summary.count);
    const plan = fullText && found.format === 'feed' ? await planFullText(store, articles) : { write: articles, wanted: [] };
    const result = await groupWriterOf(store).write(recordOf(input, found, null, summary.count), plan.write);
    return { captureId: capture.id, newItems: result.articlesAdded, error: null, wanted: plan.wanted };
  } catch (error) {
    await groupWriterOf(store).write(recordOf(input, null, failureOf(source.url, error), 0), []);
    return { captureId: capture.id, newItems: 0, error, wanted: [] };
  }
}

/** The HTTP status a fetch error carries (src/capture's FetchError has one), when it has one. */
function statusOf(error: unknown): number | null {
  const status = isDatelineError(error) ? (error as DatelineError & { status?: unknown }).status : undefined;
  return typeof status === 'number' ? status : null;
}

/** The server's Retry-After in seconds, when a fetch error carries one (as `retryAfterMs`). */
function retryAfterOf(error: unknown): number | null {
  const retry = isDatelineError(error) ? (error as DatelineError & { retryAfterMs?: unknown }).retryAfterMs : undefined;
  return typeof retry === 'number' ? Math.ceil(retry / 1000) : null;
}
