// When to try a request again and how long to wait first: Retry-After when the server says,
// otherwise exponential backoff with jitter so that many fetchers failing together do not
// come back together.

export interface RetryPolicy {
  /** Tries in all, the first included (1 = never retry). */
  attempts: number;
  /** The backoff before the first retry; doubled for each one after. */
  baseDelayMs: number;
  /** No backoff is longer than this. */
  maxDelayMs: number;
  /**
   * The longest Retry-After honoured in place. A server asking for more gets no retry now: the
   * fetch fails with E_FETCH_STATUS carrying `retryAfterMs`, for the poller to schedule.
   */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 3,
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 120_000,
};

/**
 * Statuses worth another try: 429 Too Many Requests and the 5xx family, except 501 Not
 * Implemented and 505 HTTP Version Not Supported, which the same request will only meet again.
 */
export function isRetriableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599 && status !== 501 && status !== 505);
}

/**
 * Backoff before retry number `retry` (1 for the first): base * 2^(retry-1), capped, with
 * "equal jitter" (half fixed, half random), so the wait never collapses to nothing.
 */
export function backoffMs(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

/**
 * A Retry-After header as a wait in ms, or null when absent or unreadable. RFC 9110 10.2.3:
 * `Retry-After = HTTP-date / delay-seconds`. A date is read against the response's own Date
 * header when it has one, so a server whose clock is off by minutes still means what it says.
 */
export function parseRetryAfter(value: string | undefined, nowMs: number, serverDate?: string): number | null {
  if (value === undefined) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (!/[A-Za-z]/.test(text)) return null; // Date.parse takes "-5" for a year; an HTTP-date names its day
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  const serverNow = serverDate === undefined ? NaN : Date.parse(serverDate);
  return Math.max(0, at - (Number.isNaN(serverNow) ? nowMs : serverNow));
}
