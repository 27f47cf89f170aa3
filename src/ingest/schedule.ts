// When to poll a source next, from how the last poll went: sooner after new items, twice as
// late after none, backing off after errors. Pure: the caller passes the time.
import type { SourceState } from '../store/index.js';

export interface PollBounds {
  /** Never sooner than this after a poll, in seconds. */
  minSeconds: number;
  /** Never later than this, in seconds (errors included). */
  maxSeconds: number;
}

/** Five minutes to a day: a busy wire is read often, a quiet blog daily. */
export const DEFAULT_BOUNDS: PollBounds = { minSeconds: 5 * 60, maxSeconds: 24 * 3600 };

/** How a poll went. */
export type PollOutcome =
  | { kind: 'fetched'; status: number; newItems: number; etag: string | null; lastModified: string | null }
  | { kind: 'not-modified'; status: 304 }
  | { kind: 'failed'; status: number | null; error: string; retryAfterSeconds?: number | null };

/**
 * The source's state after a poll at `now`.
 *
 * - New items: the interval halves (within bounds): the source is busy.
 * - Nothing new (or 304 Not Modified): it doubles (within bounds).
 * - An error: the interval stays, and the next try waits `minSeconds * 2^(errors in a row - 1)`,
 *   at most `maxSeconds`, and never sooner than the server's Retry-After.
 *
 * @example nextState(state, { kind: 'not-modified', status: 304 }, new Date('2024-06-01T00:00:00Z')).intervalSeconds // state.intervalSeconds * 2, within bounds
 */
export function nextState(state: SourceState, outcome: PollOutcome, now: Date, bounds: PollBounds = DEFAULT_BOUNDS): Partial<SourceState> {
  const at = now.toISOString();
  const clamp = (seconds: number) => Math.min(bounds.maxSeconds, Math.max(bounds.minSeconds, Math.round(seconds)));
  const after = (seconds: number) => new Date(now.getTime() + seconds * 1000).toISOString();
  if (outcome.kind === 'failed') {
    const consecutiveErrors = state.consecutiveErrors + 1;
    const backoff = Math.min(bounds.maxSeconds, bounds.minSeconds * 2 ** (consecutiveErrors - 1));
    const wait = Math.max(backoff, outcome.retryAfterSeconds ?? 0);
    return {
      lastFetchAt: at, lastStatus: outcome.status, lastError: outcome.error,
      errorCount: state.errorCount + 1, consecutiveErrors, nextPollAt: after(wait),
    };
  }
  const newItems = outcome.kind === 'fetched' ? outcome.newItems : 0;
  const intervalSeconds = clamp(newItems > 0 ? state.intervalSeconds / 2 : state.intervalSeconds * 2);
  return {
    lastFetchAt: at, lastStatus: outcome.status, lastError: null, consecutiveErrors: 0,
    intervalSeconds, nextPollAt: after(intervalSeconds),
    ...(outcome.kind === 'fetched' ? { etag: outcome.etag, lastModified: outcome.lastModified } : {}),
    ...(newItems > 0 ? { newItems: state.newItems + newItems, lastNewItemAt: at } : {}),
  };
}

/** New items a day since the source was added; null in its first hour, too soon to say. */
export function itemsPerDay(state: SourceState, addedAt: string, now: Date): number | null {
  const days = (now.getTime() - Date.parse(addedAt)) / 86_400_000;
  return days < 1 / 24 ? null : state.newItems / days;
}
