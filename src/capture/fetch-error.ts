// The fetcher's error: a DatelineError with a stable code that also carries what a poller needs
// to decide what to do next (the URL, the HTTP status, how long the server asked us to wait).
import { DatelineError, type ErrorCode } from '../core/index.js';

/** Why a fetch was refused by policy (code E_FETCH_BLOCKED). */
export type BlockReason = 'robots' | 'ssrf';

export interface FetchErrorDetails {
  /** The HTTP status, for E_FETCH_STATUS. */
  status?: number;
  /** For E_FETCH_BLOCKED: robots.txt said no, or the SSRF guard refused the address. */
  reason?: BlockReason;
  /** A Retry-After the server sent that was longer than we wait in place, in ms: come back later. */
  retryAfterMs?: number;
  cause?: unknown;
}

/**
 * One fetch failed. `input` is the URL that failed (a redirect hop, when it failed there); the
 * message reads `fetch: <url>: <detail>`.
 */
export class FetchError extends DatelineError {
  readonly url: string;
  readonly status: number | undefined;
  readonly reason: BlockReason | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(code: ErrorCode, url: string, detail: string, details: FetchErrorDetails = {}) {
    super(code, `fetch: ${url}: ${detail}`, { input: url, cause: details.cause });
    this.name = 'FetchError';
    this.url = url;
    this.status = details.status;
    this.reason = details.reason;
    this.retryAfterMs = details.retryAfterMs;
  }

  override toJSON(): FetchErrorJson {
    const out: FetchErrorJson = super.toJSON();
    if (this.status !== undefined) out.status = this.status;
    if (this.reason !== undefined) out.reason = this.reason;
    if (this.retryAfterMs !== undefined) out.retryAfterMs = this.retryAfterMs;
    return out;
  }
}

type FetchErrorJson = ReturnType<DatelineError['toJSON']> & {
  status?: number;
  reason?: BlockReason;
  retryAfterMs?: number;
};

export function isFetchError(error: unknown): error is FetchError {
  return error instanceof FetchError;
}
