// One HTTP GET as a function, and the layers that wrap it. Each layer adds one concern (SSRF
// guard, robots.txt, retries, pacing) and the fetcher is their composition, in the manner of
// undici's interceptors; redirects sit on top, since every hop must pass through all of them.
import type { Agent, Dispatcher } from 'undici';
import { isDatelineError } from '../core/index.js';
import { readBody, type BodyLimit } from './body.js';
import { FetchError, isFetchError } from './fetch-error.js';
import type { Clock, HostQueue } from './host-queue.js';
import { backoffMs, isRetriableStatus, parseRetryAfter, type RetryPolicy } from './retry.js';
import type { RobotsCache } from './robots-cache.js';
import { robotsUrlFor } from './robots.js';
import { checkUrl, type AddressPolicy } from './ssrf.js';

/** A GET of one URL: no redirect followed. */
export interface Exchange {
  url: URL;
  headers: Readonly<Record<string, string>>;
  limit: BodyLimit;
  signal?: AbortSignal;
}

/** What came back. The body is read only for a 2xx; for anything else it is drained and dropped. */
export interface Answer {
  url: URL;
  status: number;
  headers: Readonly<Record<string, string>>;
  body: Uint8Array | null;
  /** The body was cut at the limit (a 'truncate' limit only). */
  truncated: boolean;
  /** Tries it took (retries included). */
  attempts: number;
  /** Epoch ms when the response headers arrived. */
  receivedAt: number;
}

export type Send = (exchange: Exchange) => Promise<Answer>;
export type Layer = (next: Send) => Send;

/** `compose(a, b, c)(send)` runs a, then b, then c around send. */
export function compose(...layers: Layer[]): (send: Send) => Send {
  return (send) => layers.reduceRight((next, layer) => layer(next), send);
}

export interface Timeouts {
  /** TCP (and TLS) connection set-up. */
  connectMs: number;
  /** From the request sent to the response headers received. */
  headersMs: number;
  /** The longest silence between two pieces of the body. */
  bodyMs: number;
  /** One exchange from start to the body's last byte: stops a server trickling a byte a minute. */
  totalMs: number;
}

/** The base of the stack: the request on the wire, through `agent`. */
export function sendVia(agent: Agent, timeouts: Timeouts, clock: Clock): Send {
  return async ({ url, headers, limit, signal }) => {
    const deadline = AbortSignal.timeout(timeouts.totalMs);
    const stop = signal ? AbortSignal.any([signal, deadline]) : deadline;
    try {
      const response = await agent.request({
        origin: url.origin,
        path: `${url.pathname}${url.search}`,
        method: 'GET',
        headers: { ...headers },
        signal: stop,
        headersTimeout: timeouts.headersMs,
        bodyTimeout: timeouts.bodyMs,
      });
      const receivedAt = clock.now();
      const answerHeaders = flattenHeaders(response.headers);
      const answer = { url, status: response.statusCode, headers: answerHeaders, attempts: 1, receivedAt };
      if (response.statusCode < 200 || response.statusCode > 299) {
        // Drained (a little) rather than destroyed, so the connection can serve the next request.
        await response.body.dump().catch(() => undefined);
        return { ...answer, body: null, truncated: false };
      }
      const declared = Number(answerHeaders['content-length']);
      if (limit.overflow === 'error' && declared > limit.maxBytes) {
        response.body.destroy();
        const detail = `Content-Length ${declared} is over the ${limit.maxBytes}-byte limit`;
        throw new FetchError('E_FETCH_TOO_LARGE', url.href, detail);
      }
      const { bytes, truncated } = await readBody(response.body, answerHeaders['content-encoding'], limit, url.href);
      return { ...answer, body: bytes, truncated };
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      throw asFetchError(error, url, deadline.aborted ? timeouts.totalMs : null);
    }
  };
}

/** Refuses IP-literal hosts the policy forbids, at every hop (host names are checked at DNS). */
export function guardAddresses(policy: AddressPolicy): Layer {
  return (next) => (exchange) => {
    try {
      checkUrl(exchange.url, policy);
    } catch (error) {
      throw asFetchError(error, exchange.url, null);
    }
    return next(exchange);
  };
}

/** Refuses a URL its origin's robots.txt disallows for `token` (our User-Agent product token). */
export function obeyRobots(robots: RobotsCache, token: string): Layer {
  return (next) => async (exchange) => {
    const rules = await robots.rulesFor(exchange.url);
    if (!rules.isAllowed(exchange.url.href, token)) {
      const detail = `disallowed for "${token}" by ${robotsUrlFor(exchange.url)}`;
      throw new FetchError('E_FETCH_BLOCKED', exchange.url.href, detail, { reason: 'robots' });
    }
    return next(exchange);
  };
}

/** Runs each exchange in its host's lane: one at a time, `gapMs(url)` apart. */
export function pace(queue: HostQueue, gapMs: (url: URL) => number): Layer {
  return (next) => (exchange) =>
    queue.run(exchange.url.hostname, () => next(exchange), () => gapMs(exchange.url), exchange.signal);
}

/**
 * Tries again on 429, most 5xx and network errors. The wait (Retry-After, else backoff) is laid
 * on the host's lane, not slept here, so nothing else reaches a host that asked for rest; it
 * therefore belongs outside `pace`. A Retry-After longer than the policy honours is not waited
 * for: the answer goes up, and the fetch fails with its retryAfterMs.
 */
export function retry(policy: RetryPolicy, queue: HostQueue, clock: Clock, random: () => number): Layer {
  return (next) => async (exchange) => {
    for (let attempt = 1; ; attempt++) {
      let waitMs: number;
      try {
        const answer = { ...(await next(exchange)), attempts: attempt };
        if (!isRetriableStatus(answer.status) || attempt >= policy.attempts) return answer;
        const asked = parseRetryAfter(answer.headers['retry-after'], clock.now(), answer.headers['date']);
        if (asked !== null && asked > policy.maxRetryAfterMs) return answer;
        waitMs = asked ?? backoffMs(attempt, policy, random);
      } catch (error) {
        if (!isFetchError(error) || error.code !== 'E_FETCH_NETWORK' || attempt >= policy.attempts) throw error;
        waitMs = backoffMs(attempt, policy, random);
      }
      queue.defer(exchange.url.hostname, clock.now() + waitMs);
    }
  };
}

/** undici's and Node's failures as FetchErrors with stable codes; `deadlineMs` when ours fired. */
function asFetchError(error: unknown, url: URL, deadlineMs: number | null): unknown {
  const href = url.href;
  if (isFetchError(error)) return error;
  if (isDatelineError(error)) {
    // From ssrf.ts (checkUrl, or the guarded lookup inside the connection): name the URL.
    const reason = error.code === 'E_FETCH_BLOCKED' ? 'ssrf' : undefined;
    const detail = error.message.replace(/^fetch: /, '').replace(`refusing ${href}: `, 'refused: ');
    return new FetchError(error.code, href, detail, { reason, cause: error });
  }
  if (deadlineMs !== null) {
    return new FetchError('E_FETCH_TIMEOUT', href, `no complete answer within ${deadlineMs} ms`, { cause: error });
  }
  const code = (error as { code?: unknown } | null)?.code;
  const timeouts: Record<string, string> = {
    UND_ERR_CONNECT_TIMEOUT: 'connecting',
    UND_ERR_HEADERS_TIMEOUT: 'waiting for the response headers',
    UND_ERR_BODY_TIMEOUT: 'waiting for the body',
  };
  if (typeof code === 'string' && code in timeouts) {
    return new FetchError('E_FETCH_TIMEOUT', href, `timed out ${timeouts[code]}`, { cause: error });
  }
  const detail = error instanceof Error ? error.message || String(code ?? error.name) : String(error);
  const codeNote = typeof code === 'string' && !detail.includes(code) ? ` (${code})` : '';
  return new FetchError('E_FETCH_NETWORK', href, `${detail}${codeNote}`, { cause: error });
}

/** undici's header record, lower-case names, repeated headers joined as RFC 9110 5.3 allows. */
function flattenHeaders(headers: Dispatcher.ResponseData['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}
