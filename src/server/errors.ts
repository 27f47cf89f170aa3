// How errors cross the wire: every one is a DatelineError, its stable code decides the HTTP
// status, and the body is always `{"error": {"code", "message"}}`. A bug shows its code and a
// plain message, never a stack.
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { DatelineError, type ErrorCode, isDatelineError } from '../core/index.js';

const STATUS: Partial<Record<ErrorCode, ContentfulStatusCode>> = {
  E_USAGE: 400,
  E_QUERY_SYNTAX: 400,
  E_QUERY_UNBOUNDED: 400,
  E_QUERY_FIELD: 400,
  E_FETCH_URL: 400,
  E_AUTH_REQUIRED: 401,
  E_AUTH_SCOPE: 403,
  E_NOT_FOUND: 404,
  E_INPUT_TOO_LARGE: 413,
  E_FETCH_TOO_LARGE: 413,
  E_MEDIA_TYPE: 415,
  E_RATE_LIMITED: 429,
  // Content we were given but cannot read as an article.
  E_INPUT_EMPTY: 422,
  E_INPUT_BINARY: 422,
  E_ENCODING: 422,
  E_SGML_MALFORMED: 422,
  E_JSONL_MALFORMED: 422,
  E_FEED_MALFORMED: 422,
  E_NO_ARTICLE: 422,
  E_INPUT_PROBLEM: 422,
  E_FETCH_BLOCKED: 422,
  E_NOT_IMPLEMENTED: 501,
  // Worth trying again: a reader thread stopped mid-request (another takes its place), or the server is closing.
  E_UNAVAILABLE: 503,
  // A page we were asked to fetch that did not come: the fault is upstream.
  E_FETCH_TIMEOUT: 502,
  E_FETCH_STATUS: 502,
  E_FETCH_NETWORK: 502,
  E_FETCH_REDIRECTS: 502,
  E_FETCH_DECODE: 502,
};

/** The HTTP status for an error code; 500 for anything not listed (a store failure, a bug). */
export function statusOf(code: string): ContentfulStatusCode {
  return STATUS[code as ErrorCode] ?? 500;
}

/** Any thrown value as the error a client sees. Unexpected ones are logged by the caller. */
export function clientError(error: unknown): DatelineError {
  if (isDatelineError(error) && statusOf(error.code) < 500) return error;
  if (isDatelineError(error) && error.code !== 'E_STORE' && error.code !== 'E_INTERNAL') return error;
  // Store and internal errors may name paths and SQL: the client learns only that it failed.
  const code = isDatelineError(error) ? error.code : 'E_INTERNAL';
  return new DatelineError(code, 'server: the request failed on our side; it has been logged');
}

/** The body of an error response. */
export function errorBody(error: DatelineError): { error: ReturnType<DatelineError['toJSON']> } {
  return { error: error.toJSON() };
}
