// The polite, safe HTTP GET behind every capture. A Fetcher owns what lives between fetches:
// the connection pool, each host's lane and its robots.txt. One fetch is a redirect loop over a
// stack of small layers (exchange.ts), each hop passing the SSRF guard, robots.txt, retries and
// pacing before it reaches the wire.
import { readFileSync } from 'node:fs';
import { Agent } from 'undici';
import { DatelineError } from '../core/index.js';
import { ACCEPT_ENCODING } from './body.js';
import {
  compose,
  guardAddresses,
  obeyRobots,
  pace,
  retry,
  sendVia,
  type Answer,
  type Exchange,
  type Send,
  type Timeouts,
} from './exchange.js';
import { FetchError, isFetchError } from './fetch-error.js';
import { HostQueue, systemClock, type Clock } from './host-queue.js';
import { DEFAULT_RETRY, parseRetryAfter, type RetryPolicy } from './retry.js';
import { RobotsCache, type RobotsOutcome } from './robots-cache.js';
import {
  DISALLOW_ALL,
  parseRobots,
  productToken,
  robotsForStatus,
  ROBOTS_PARSE_LIMIT,
  type RobotsRules,
} from './robots.js';
import { guardedLookup, guardedLookupWith, type AddressPolicy, type ResolveAll } from './ssrf.js';

/** The pause between two requests to one host, unless robots.txt asks for more. */
export const DEFAULT_MIN_DELAY_MS = 1_000;
/** A Crawl-delay above this is taken as this: one line in robots.txt should not stall a fetcher for hours. */
export const MAX_CRAWL_DELAY_MS = 60_000;
/** Requests in flight across all hosts. */
export const DEFAULT_CONCURRENCY = 16;
/** The most a body may hold, on the wire and decoded. */
export const DEFAULT_MAX_BODY_BYTES = 20 * 1024 * 1024;
/** RFC 9110 15.4 leaves the number to us; RFC 9309 §2.3.1.2 asks for at least five for robots.txt. */
export const MAX_REDIRECTS = 5;
export const DEFAULT_TIMEOUTS: Timeouts = { connectMs: 10_000, headersMs: 30_000, bodyMs: 30_000, totalMs: 120_000 };
/** RFC 9309 §2.4: a cached robots.txt SHOULD NOT be used for more than 24 hours. */
export const ROBOTS_TTL_MS = 24 * 60 * 60 * 1000;
/** "Unreachable, so disallow all" is kept only briefly: an outage should not cost a day. */
export const ROBOTS_UNREACHABLE_TTL_MS = 10 * 60 * 1000;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** Failures that mean robots.txt could not be had from the server: "unreachable" (RFC 9309 §2.3.1.4). */
const UNREACHABLE = new Set<string>(['E_FETCH_NETWORK', 'E_FETCH_TIMEOUT', 'E_FETCH_DECODE']);

/** This package's version, for the User-Agent (src/ and dist/ both sit two levels down). */
export const DATELINE_VERSION: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

export interface FetcherOptions {
  /**
   * A page or mailbox where a site's operator can reach whoever runs this fetcher; goes in the
   * User-Agent as `dateline/<version> (+<contactUrl>)`.
   */
  contactUrl?: string;
  /** Pause between requests to one host, in ms (default 1 s); a robots.txt Crawl-delay can raise it. */
  minDelayMs?: number;
  /** Cap on a robots.txt Crawl-delay, in ms (default 60 s). */
  maxCrawlDelayMs?: number;
  /** Requests in flight across all hosts (default 16); one per host at most, always. */
  concurrency?: number;
  /** Body limit in bytes, on the wire and after decoding (default 20 MB). */
  maxBodyBytes?: number;
  timeouts?: Partial<Timeouts>;
  retry?: Partial<RetryPolicy>;
  /** Obey robots.txt (default true). Turn off only for tests and intranets you run. */
  robots?: boolean;
  /**
   * CIDRs the SSRF guard lets through though private, loopback or link-local
   * (`--allow-private`, DATELINE_ALLOW_PRIVATE). Default none.
   */
  allowPrivate?: readonly string[];
  /** How host names become addresses, before the SSRF guard checks them (default: the system's). */
  resolve?: ResolveAll;
  clock?: Clock;
  /** In [0, 1): the backoff's jitter. */
  random?: () => number;
}

export interface FetchOptions {
  /** The ETag stored from the last fetch: sent as If-None-Match. */
  etag?: string | null;
  /** The Last-Modified stored from the last fetch: sent as If-Modified-Since. */
  lastModified?: string | null;
  /** The Accept header (default: any type). */
  accept?: string;
  signal?: AbortSignal;
}

export interface Redirect {
  from: string;
  to: string;
  status: number;
}

export interface FetchResult {
  /** The URL asked for. */
  url: string;
  /** The URL that answered, after redirects. */
  finalUrl: string;
  status: number;
  /** Response headers, lower-case names. */
  headers: Readonly<Record<string, string>>;
  /** The Content-Type header as sent (its charset is for decodeText), or null. */
  contentType: string | null;
  /** The body with Content-Encoding undone; null for a 304. */
  body: Uint8Array | null;
  /** A 304: what we hold is current. */
  notModified: boolean;
  /** Validators to store and send next time (a 304 that repeats none keeps the ones we sent). */
  etag: string | null;
  lastModified: string | null;
  /** When the final response arrived, ISO 8601. */
  fetchedAt: string;
  /** From the call to the result, waits in the host's lane and retries included. */
  elapsedMs: number;
  redirects: readonly Redirect[];
  /** Tries the final hop took. */
  attempts: number;
}

/**
 * A polite, SSRF-safe fetcher. Keep one per process: its lanes and robots cache are what make
 * it polite, and they work only if every request goes through them.
 *
 * @example
 * const fetcher = new Fetcher({ contactUrl: 'https://newsroom.example/bot' });
 * const first = await fetcher.fetch('https://wire.example/feed.xml');
 * const again = await fetcher.fetch(first.url, { etag: first.etag, lastModified: first.lastModified });
 * if (again.notModified) { ... }
 * await fetcher.close();
 */
export class Fetcher {
  readonly userAgent: string;
  readonly #agent: Agent;
  readonly #clock: Clock;
  readonly #queue: HostQueue;
  readonly #robots: RobotsCache | null;
  /** The stack every page hop goes through: SSRF guard, robots.txt, retries, pacing, wire. */
  readonly #page: Send;
  readonly #token: string;
  readonly #maxBodyBytes: number;
  readonly #minDelayMs: number;
  readonly #maxCrawlDelayMs: number;
  readonly #inFlight = new Set<Promise<unknown>>();
  #closed = false;

  constructor(options: FetcherOptions = {}) {
    const contact = options.contactUrl ? ` (+${options.contactUrl})` : '';
    this.userAgent = `dateline/${DATELINE_VERSION}${contact}`;
    this.#token = productToken(this.userAgent);
    this.#clock = options.clock ?? systemClock;
    this.#maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    this.#minDelayMs = options.minDelayMs ?? DEFAULT_MIN_DELAY_MS;
    this.#maxCrawlDelayMs = options.maxCrawlDelayMs ?? MAX_CRAWL_DELAY_MS;
    const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
    const policy: AddressPolicy = { allow: options.allowPrivate ?? [] };

    this.#agent = new Agent({
      connections: 1, // per origin; the host lane already keeps it to one request at a time
      // Every DNS answer is checked, and the socket connects to the address that passed.
      connect: {
        timeout: timeouts.connectMs,
        lookup: options.resolve ? guardedLookupWith(policy, options.resolve) : guardedLookup(policy),
      },
      headersTimeout: timeouts.headersMs,
      bodyTimeout: timeouts.bodyMs,
    });
    this.#queue = new HostQueue({ concurrency: options.concurrency ?? DEFAULT_CONCURRENCY, clock: this.#clock });

    const wire = compose(
      retry({ ...DEFAULT_RETRY, ...options.retry }, this.#queue, this.#clock, options.random ?? Math.random),
      pace(this.#queue, (url) => this.#gapMs(this.#robots?.peek(url))),
    )(sendVia(this.#agent, timeouts, this.#clock));

    // robots.txt itself goes through the same guard, retries and lanes, minus robots.
    const robotsStack = compose(guardAddresses(policy))(wire);
    this.#robots =
      options.robots === false
        ? null
        : new RobotsCache({
            load: (robotsUrl) => this.#loadRobots(robotsUrl, robotsStack),
            ttlMs: ROBOTS_TTL_MS,
            unreachableTtlMs: ROBOTS_UNREACHABLE_TTL_MS,
            clock: this.#clock,
          });
    this.#page = this.#robots
      ? compose(guardAddresses(policy), obeyRobots(this.#robots, this.#token))(wire)
      : robotsStack;
  }

  /**
   * GETs `url`, following up to five redirects. Resolves for a 2xx or a 304; anything else
   * rejects with a FetchError whose code says why (E_FETCH_BLOCKED, E_FETCH_STATUS, ...).
   */
  fetch(url: string | URL, options: FetchOptions = {}): Promise<FetchResult> {
    if (this.#closed) {
      const input = String(url);
      return Promise.reject(new DatelineError('E_INTERNAL', `fetch: ${input}: the fetcher is closed`, { input }));
    }
    const running = this.#fetch(url, options);
    this.#inFlight.add(running);
    void running.then(
      () => this.#inFlight.delete(running),
      () => this.#inFlight.delete(running),
    );
    return running;
  }

  /** The robots.txt rules for `url`'s origin (its `sitemaps` too), fetched if not cached. */
  async robotsFor(url: string | URL): Promise<RobotsRules> {
    if (!this.#robots) throw new DatelineError('E_INTERNAL', 'fetch: robots.txt is off for this fetcher');
    return this.#robots.rulesFor(toUrl(url));
  }

  /** Takes no new fetches, lets those under way finish, then closes the connections. */
  async close(): Promise<void> {
    this.#closed = true;
    await Promise.allSettled([...this.#inFlight]);
    await this.#agent.close();
  }

  async #fetch(input: string | URL, options: FetchOptions): Promise<FetchResult> {
    const startedAt = this.#clock.now();
    const url = toUrl(input);
    const headers: Record<string, string> = this.#headers(options.accept ?? '*/*');
    if (options.etag) headers['if-none-match'] = options.etag;
    if (options.lastModified) headers['if-modified-since'] = options.lastModified;
    const exchange: Exchange = { url, headers, limit: { maxBytes: this.#maxBodyBytes, overflow: 'error' } };
    if (options.signal) exchange.signal = options.signal;

    const { answer, redirects } = await followRedirects(this.#page, exchange);
    const finalUrl = answer.url.href;
    if (answer.status !== 304 && (answer.status < 200 || answer.status > 299)) {
      const { status, headers, attempts } = answer;
      const retryAfterMs = parseRetryAfter(headers['retry-after'], this.#clock.now(), headers['date']) ?? undefined;
      const tries = attempts > 1 ? ` after ${attempts} tries` : '';
      throw new FetchError('E_FETCH_STATUS', finalUrl, `HTTP ${status}${tries}`, { status, retryAfterMs });
    }
    const notModified = answer.status === 304;
    return {
      url: url.href,
      finalUrl,
      status: answer.status,
      headers: answer.headers,
      contentType: answer.headers['content-type'] ?? null,
      body: notModified ? null : answer.body,
      notModified,
      // RFC 9110 15.4.5: a 304 need not repeat the validators; the ones we sent still hold.
      etag: answer.headers['etag'] ?? (notModified ? options.etag ?? null : null),
      lastModified: answer.headers['last-modified'] ?? (notModified ? options.lastModified ?? null : null),
      fetchedAt: new Date(answer.receivedAt).toISOString(),
      elapsedMs: this.#clock.now() - startedAt,
      redirects,
      attempts: answer.attempts,
    };
  }

  /** RFC 9309: 2xx parses, 4xx means no rules, 5xx or no answer means keep out (for a while). */
  async #loadRobots(robotsUrl: string, send: Send): Promise<RobotsOutcome> {
    const exchange: Exchange = {
      url: new URL(robotsUrl),
      headers: this.#headers('text/plain'),
      limit: { maxBytes: ROBOTS_PARSE_LIMIT, overflow: 'truncate' },
    };
    let rules: RobotsRules;
    try {
      const { answer } = await followRedirects(send, exchange);
      rules = answer.status >= 200 && answer.status <= 299
        ? parseRobots(new TextDecoder().decode(answer.body ?? new Uint8Array()), robotsUrl)
        : robotsForStatus(answer.status);
    } catch (error) {
      if (!isFetchError(error)) throw error;
      if (error.code === 'E_FETCH_REDIRECTS' || error.code === 'E_FETCH_URL') {
        // §2.3.1.2: too many redirects (or one to nowhere we can follow) means "unavailable".
        rules = robotsForStatus(310);
      } else if (UNREACHABLE.has(error.code)) {
        rules = robotsForStatus('unreachable');
      } else {
        throw error; // blocked by the SSRF guard, or not http(s): the page would be too
      }
    }
    // The lane set its gap before these rules were known: a Crawl-delay starts counting now.
    this.#queue.defer(exchange.url.hostname, this.#clock.now() + this.#gapMs(rules));
    return { rules, unreachable: rules === DISALLOW_ALL };
  }

  /** The rest a host gets after each request: our minimum, or its Crawl-delay (capped) if longer. */
  #gapMs(rules: RobotsRules | undefined): number {
    const crawlDelayMs = (rules?.crawlDelay(this.#token) ?? 0) * 1000;
    return Math.max(this.#minDelayMs, Math.min(this.#maxCrawlDelayMs, crawlDelayMs));
  }

  #headers(accept: string): Record<string, string> {
    return { 'user-agent': this.userAgent, accept, 'accept-encoding': ACCEPT_ENCODING };
  }
}

/** Sends `first`, then each Location in turn, up to MAX_REDIRECTS; every hop goes through `send`. */
async function followRedirects(send: Send, first: Exchange): Promise<{ answer: Answer; redirects: Redirect[] }> {
  const redirects: Redirect[] = [];
  let exchange = first;
  for (;;) {
    const answer = await send(exchange);
    const location = REDIRECT_STATUSES.has(answer.status) ? answer.headers['location'] : undefined;
    if (location === undefined) return { answer, redirects };
    const from = exchange.url.href;
    if (redirects.length >= MAX_REDIRECTS) {
      const detail = `more than ${MAX_REDIRECTS} redirects (the last from ${from})`;
      throw new FetchError('E_FETCH_REDIRECTS', first.url.href, detail);
    }
    let to: URL;
    try {
      to = new URL(location, exchange.url);
    } catch (error) {
      throw new FetchError('E_FETCH_URL', from, `redirects to "${location}", which is not a URL`, { cause: error });
    }
    redirects.push({ from, to: to.href, status: answer.status });
    exchange = { ...exchange, url: to };
  }
}

function toUrl(input: string | URL): URL {
  if (input instanceof URL) return input;
  try {
    return new URL(input);
  } catch (error) {
    throw new FetchError('E_FETCH_URL', input, 'not a URL', { cause: error });
  }
}
