// Polling: fetch each due source, keep what came back as a capture, turn its items into
// articles, and record how it went so the schedule can say when to come back. A failure of one
// source is recorded on it and never stops the others.
import { DatelineError, isDatelineError, sha256Hex } from '../core/index.js';
import type { Capture } from '../core/index.js';
import type { Source, Store } from '../store/index.js';
import { type CaptureInput } from './assemble.js';
import { failureOf, recordOf } from './ingest.js';
import { DEFAULT_BOUNDS, type PollBounds, type PollOutcome, nextState } from './schedule.js';
import { inlineSession } from './session.js';

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
}

export interface PollReport {
  source: Source;
  outcome: PollOutcome['kind'];
  /** Articles added or revised. */
  newItems: number;
  /** The capture stored, when the fetch returned a body. */
  captureId: string | null;
  error: string | null;
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

/** Polls one source: fetch (conditionally), store the capture and its articles, record the outcome. */
export async function pollSource(store: Store, fetcher: SourceFetcher, source: Source, options: PollOptions = {}): Promise<PollReport> {
  const now = options.now ?? (() => new Date());
  let outcome: PollOutcome;
  let captureId: string | null = null;
  let newItems = 0;
  try {
    const fetched = await fetcher.fetch(source.url, { etag: source.state.etag, lastModified: source.state.lastModified });
    if (fetched.notModified || !fetched.body) {
      outcome = { kind: 'not-modified', status: 304 };
    } else {
      const stored = await storeFetched(store, source, fetched);
      captureId = stored.captureId;
      newItems = stored.newItems;
      if (stored.error) throw stored.error;
      outcome = { kind: 'fetched', status: fetched.status, newItems, etag: fetched.etag, lastModified: fetched.lastModified };
    }
  } catch (error) {
    const failure = failureOf(source.url, error);
    outcome = { kind: 'failed', status: statusOf(error), error: failure.message, retryAfterSeconds: retryAfterOf(error) };
  }
  await store.updateSourceState(source.id, nextState(source.state, outcome, now(), options.bounds ?? DEFAULT_BOUNDS));
  return { source, outcome: outcome.kind, newItems, captureId, error: outcome.kind === 'failed' ? outcome.error : null };
}

/**
 * Keeps the fetched bytes as a capture with its articles, in one transaction. A body that does
 * not parse is still kept, with its error (returned for the source's record).
 */
async function storeFetched(store: Store, source: Source, fetched: FetchedSource): Promise<{ captureId: string; newItems: number; error: unknown }> {
  const bytes = fetched.body!;
  const id = sha256Hex(bytes);
  const capture: Capture = {
    id, sha256: id, url: fetched.finalUrl, fetchedAt: fetched.fetchedAt, status: fetched.status,
    headers: fetched.headers, contentType: fetched.contentType, size: bytes.length,
  };
  const input: CaptureInput = { capture, bytes, name: source.url };
  const session = inlineSession(input);
  try {
    const found = await session.started;
    const summary = await session.summary;
    const articles = await session.next(summary.count);
    const result = await store.writeCapture(recordOf(input, found, null, summary.count), articles);
    return { captureId: id, newItems: result.articlesAdded, error: null };
  } catch (error) {
    await store.writeCapture(recordOf(input, null, failureOf(source.url, error), 0), []);
    return { captureId: id, newItems: 0, error };
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
