// The HTTP API as a Hono app: search, articles, stories, stats, sources and ingest, with
// tokens for writing (and, when set so, for reading). createApp builds it around a store and
// nothing else, so tests call it with app.request() and no socket; serve.ts binds it to one.
import { createHash } from 'node:crypto';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { stream } from 'hono/streaming';
import { bodyLimit } from 'hono/body-limit';
import type { z } from 'zod';
import { type Article, DatelineError, instantOf } from '../core/index.js';
import { captureFromBytes, captureOf, followSource, ingestCapture, storiesOf } from '../ingest/index.js';
import type { IngestSummary, ParsePool, SourceFetcher } from '../ingest/index.js';
import { parseQuery } from '../query/index.js';
import { ARTICLE_CSV_COLUMNS, articleCsvRow, csvRow } from '../formats/out/csv.js';
import { FEED_CONTENT_TYPES, type FeedFormat, writeFeed } from '../formats/out/feeds.js';
import { articleToNinjs } from '../formats/out/ninjs.js';
import type { Store, TokenScope } from '../store/index.js';
import type { StoreReads } from './readers/index.js';
import { timeline } from '../stories/index.js';
import { clientError, errorBody, statusOf } from './errors.js';
import { openApiDocument } from './openapi.js';
import { RateLimiter } from './rate-limit.js';
import { ExportParams, FeedParams, IngestParams, IngestUrlBody, MAX_OFFSET, NewSourceBody, SearchParams } from './schemas.js';
import { allows, verifyToken } from './tokens.js';

/** The default request body limit: a release is kilobytes, a page rarely past a megabyte. */
export const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;

/**
 * Articles a transaction when a posted capture is large: reads wait for nothing, but requests are
 * taken only between transactions, and 500 articles take about a tenth of a second to write.
 */
const INGEST_CHUNK = 500;

/** Media types POST /api/ingest reads as a capture (JSON asks it to fetch a URL instead). */
const CAPTURE_TYPES = ['text/plain', 'text/html', 'application/xhtml+xml'];

export interface ServerOptions {
  /** Read endpoints need a read or write token too (default: they are open). */
  readAuth?: boolean;
  /** Request bodies past this many bytes are refused with 413 (default 10 MB). */
  maxBodyBytes?: number;
  /**
   * Fetches URLs for POST /api/ingest `{"url"}` and for adding a source without its kind. Without
   * one, the first answers 501 and the second asks for the kind.
   */
  fetcher?: SourceFetcher | null;
  /**
   * Requests a second (and a burst) each token, or each address without a token, may make;
   * past it, 429 with Retry-After. Null: no limit (a benchmark, a trusted network).
   */
  rateLimit?: { perSecond: number; burst: number } | null;
  /**
   * Where the read endpoints (search, facets, export, feeds, articles, stories, stats) read: a
   * ReaderPool's threads, say. Default: `store`. Writes, sources and tokens always use `store`.
   */
  reads?: StoreReads;
  /**
   * Parse workers for an ingested capture of a megabyte or more, so this thread answers other
   * requests while it is parsed (serve() starts them on first use). Default: parsed here.
   */
  parsers?: () => ParsePool | null;
  /** Where unexpected errors are reported (default: standard error). */
  log?: (message: string) => void;
  now?: () => Date;
}

/** Requests a second per token or address unless set otherwise: a reader polls, a script pages. */
export const DEFAULT_RATE_LIMIT = { perSecond: 20, burst: 100 };

/** The feeds served at /feeds/search.<extension>. */
const FEED_FORMATS: Record<string, FeedFormat> = { rss: 'rss', atom: 'atom', json: 'json' };

type Env = {
  Variables: { scope: TokenScope | null; tokenId: string | null };
  /** What @hono/node-server passes: the socket a request came on (absent under app.request()). */
  Bindings: { incoming?: { socket?: { remoteAddress?: string } } };
};

/**
 * The API around `store`. The caller owns the store (and the fetcher) and closes them.
 * @example const res = await createApp(store).request('/api/search?q=ferries');
 */
export function createApp(store: Store, options: ServerOptions = {}): Hono<Env> {
  const now = options.now ?? (() => new Date());
  const log = options.log ?? ((message: string) => process.stderr.write(message + '\n'));
  const fetcher = options.fetcher ?? null;
  const reads = options.reads ?? store;
  const parsers = options.parsers ?? (() => null);
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const app = new Hono<Env>();

  const fail = (c: Context, error: DatelineError) => {
    c.header('X-Content-Type-Options', 'nosniff');
    return c.json(errorBody(error), statusOf(error.code));
  };

  app.onError((error, c) => {
    const shown = clientError(error);
    if (shown.code === 'E_UNAVAILABLE') c.header('Retry-After', '1');
    // Only bugs and store failures are ours to look into; a 501 or 502 is an answer.
    if (statusOf(shown.code) === 500) log(`dateline serve: ${c.req.method} ${c.req.path}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return fail(c, shown);
  });
  app.notFound((c) => fail(c, new DatelineError('E_NOT_FOUND', `server: no endpoint ${c.req.method} ${c.req.path}; see /api/openapi.json`)));

  app.use('*', async (c, next) => {
    await next();
    // Everything we send is JSON: a browser must never sniff an article's HTML into a page.
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Cache-Control', 'no-store');
  });
  app.use('*', async (c, next) => {
    const token = await tokenOf(store, c.req.header('Authorization'));
    c.set('scope', token?.scope ?? null);
    c.set('tokenId', token?.id ?? null);
    await next();
  });
  const limits = options.rateLimit === undefined ? DEFAULT_RATE_LIMIT : options.rateLimit;
  if (limits) {
    const limiter = new RateLimiter({ capacity: limits.burst, perSecond: limits.perSecond });
    app.use('*', async (c, next) => {
      // A token is its own budget; without one, the address is (behind a proxy, the proxy's).
      const key = c.get('tokenId') ? `token:${c.get('tokenId')}` : `address:${c.env?.incoming?.socket?.remoteAddress ?? 'local'}`;
      const decision = limiter.take(key);
      if (!decision.allowed) {
        c.header('Retry-After', String(decision.retryAfterSeconds));
        throw new DatelineError('E_RATE_LIMITED', `server: too many requests; try again in ${decision.retryAfterSeconds} s`);
      }
      await next();
    });
  }
  app.use(
    '*',
    bodyLimit({
      maxSize: maxBody,
      onError: (c) => fail(c, new DatelineError('E_INPUT_TOO_LARGE', `server: the request body is over the ${maxBody} byte limit`)),
    }),
  );

  const read = needs('read', Boolean(options.readAuth));
  const write = needs('write', true);

  app.get('/healthz', (c) => c.json({ status: 'ok' as const }));
  app.get('/api/openapi.json', read, (c) => c.json(openApiDocument()));

  app.get('/api/search', read, async (c) => {
    const params = valid(SearchParams, c.req.query(), 'search');
    const binding = cursorBinding(params);
    const offset = params.cursor === undefined ? 0 : offsetOf(params.cursor, binding);
    // The clock is read here, at the edge: `now` in published:>now-7d is the moment of the request.
    const query = parseQuery(params.q, { now: now() });
    const hits = await reads.search(query, { limit: params.limit + 1, offset, collapse: params.collapse, sort: params.sort });
    const more = hits.length > params.limit && offset + params.limit < MAX_OFFSET;
    const facets = params.facets ? await reads.facets(query, { interval: params.interval }) : undefined;
    return c.json({ query: query.source, hits: hits.slice(0, params.limit), nextCursor: more ? cursorOf(offset + params.limit, binding) : null, ...(facets ? { facets } : {}) });
  });

  app.get('/api/export', read, async (c) => {
    const params = valid(ExportParams, c.req.query(), 'export');
    const query = parseQuery(params.q, { now: now() });
    const line: (article: Article) => string =
      params.format === 'csv' ? articleCsvRow : params.format === 'ninjs' ? (a) => `${JSON.stringify(articleToNinjs(a))}\n` : (a) => `${JSON.stringify(a)}\n`;
    c.header('Content-Type', params.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="dateline-export.${params.format === 'csv' ? 'csv' : 'jsonl'}"`);
    // Streamed a store page at a time: a million matches never sit in memory at once.
    return stream(c, async (out) => {
      if (params.format === 'csv') await out.write(csvRow([...ARTICLE_CSV_COLUMNS]));
      for await (const article of reads.articlesMatching(query)) await out.write(line(article));
    });
  });

  app.get('/feeds/:file', read, async (c) => {
    const [name, extension] = c.req.param('file').split('.', 2);
    const format = name === 'search' && extension ? FEED_FORMATS[extension] : undefined;
    if (!format) throw new DatelineError('E_NOT_FOUND', `feeds: no feed ${shown(c.req.param('file'))}; there are search.rss, search.atom and search.json`);
    const params = valid(FeedParams, c.req.query(), 'feeds');
    const query = parseQuery(params.q, { now: now() });
    const hits = await reads.search(query, { limit: params.limit, sort: 'newest', collapse: 'story' });
    const articles = (await Promise.all(hits.map((hit) => reads.getArticle(hit.id)))).filter((a): a is Article => a !== null);
    const self = new URL(c.req.url);
    const updated = newestChange(articles);
    const body = writeFeed(
      format,
      {
        title: `dateline: ${params.q}`,
        selfUrl: self.href,
        homeUrl: `${self.origin}/`,
        description: `Articles matching ${params.q}, newest first, one per story`,
        updated: updated ?? new Date(0).toISOString(),
      },
      articles,
    );
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
    const lastModified = new Date(updated ?? 0).toUTCString();
    c.header('ETag', etag);
    c.header('Last-Modified', lastModified);
    // Readers poll: a feed that has not changed answers 304 with no body.
    const ifNoneMatch = c.req.header('If-None-Match');
    const ifModifiedSince = Date.parse(c.req.header('If-Modified-Since') ?? '');
    const unchanged =
      ifNoneMatch !== undefined
        ? ifNoneMatch.split(',').some((tag) => tag.trim() === etag)
        : !Number.isNaN(ifModifiedSince) && Date.parse(lastModified) <= ifModifiedSince;
    if (unchanged) return c.body(null, 304);
    c.header('Content-Type', FEED_CONTENT_TYPES[format]);
    return c.body(body);
  });

  app.get('/api/articles/:id', read, async (c) => {
    const id = c.req.param('id');
    const article = await reads.getArticle(id);
    if (!article) throw new DatelineError('E_NOT_FOUND', `articles: no article ${shown(id)}`);
    return c.json(article);
  });

  app.get('/api/stories/:id', read, async (c) => {
    const id = c.req.param('id');
    const story = await reads.getStory(id);
    if (!story) throw new DatelineError('E_NOT_FOUND', `stories: no story ${shown(id)}`);
    return c.json({ ...story, timeline: timeline(story.articles, story.originalId) });
  });

  app.get('/api/stats', read, async (c) => c.json(await reads.stats()));

  app.get('/api/sources', read, async (c) => c.json({ sources: await store.listSources() }));

  app.post('/api/sources', write, async (c) => {
    const body = valid(NewSourceBody, await jsonBody(c), 'sources');
    const result = await followSource(store, body, { fetcher, now: now() });
    return c.json(result, result.added ? 201 : 200);
  });

  app.delete('/api/sources/:idOrUrl', write, async (c) => {
    const idOrUrl = c.req.param('idOrUrl');
    if (!(await store.removeSource(idOrUrl))) throw new DatelineError('E_NOT_FOUND', `sources: no source ${shown(idOrUrl)}`);
    return c.json({ removed: idOrUrl });
  });

  app.post('/api/ingest', write, async (c) => {
    const type = mediaType(c.req.header('Content-Type'));
    // The stories stored so far are read a page at a time, other requests answered in between,
    // before the first write would read them all at once inside its transaction.
    storiesOf(store);
    await store.warmStories();
    let summary: IngestSummary;
    let captureId: string;
    if (type === 'application/json') {
      const { url } = valid(IngestUrlBody, await jsonBody(c), 'ingest');
      if (!fetcher) throw new DatelineError('E_NOT_IMPLEMENTED', 'ingest: this server does not fetch URLs; post the page itself as text/html');
      const fetched = await fetcher.fetch(url, {});
      if (!fetched.body) throw new DatelineError('E_FETCH_STATUS', `ingest: ${url} answered ${fetched.status} without a body`, { input: url });
      const capture = captureOf({ ...fetched, body: fetched.body });
      captureId = capture.id;
      summary = await ingestCapture(store, { capture, bytes: fetched.body, name: url }, { parsers, chunk: INGEST_CHUNK });
    } else if (CAPTURE_TYPES.includes(type)) {
      const { url } = valid(IngestParams, c.req.query(), 'ingest');
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      const read = captureFromBytes(bytes, { url: url ?? 'http-body:', fetchedAt: now().toISOString(), contentType: c.req.header('Content-Type') ?? null });
      captureId = read.capture.id;
      summary = await ingestCapture(store, { ...read, name: url ?? 'request body' }, { parsers, chunk: INGEST_CHUNK });
    } else {
      throw new DatelineError('E_MEDIA_TYPE', `ingest: send ${CAPTURE_TYPES.join(', ')} (a capture) or application/json {"url": ...}, not ${type ? `"${shown(type)}"` : 'no Content-Type'}`);
    }
    const articles = await store.articleIdsOf(captureId);
    // A capture that failed, now or when these bytes came before, is kept with its error: the
    // client hears the error either way.
    const failure = summary.failures[0];
    if (failure && (summary.captures.failed > 0 || articles.length === 0)) throw new DatelineError(failure.code as DatelineError['code'], failure.message);
    const fresh = summary.captures.new > 0;
    const warnings = [...summary.warnings, ...summary.failures].map(({ code, message }) => ({ code, message }));
    return c.json({ captureId, capture: fresh ? 'new' : 'duplicate', articles, added: summary.articles.added, warnings }, fresh ? 201 : 200);
  });

  return app;
}

/** The request's token (its id and scope), null without one; a bad token is refused at once. */
async function tokenOf(store: Store, header: string | undefined): Promise<{ id: string; scope: TokenScope } | null> {
  if (header === undefined) return null;
  const match = /^Bearer +(\S+) *$/i.exec(header);
  const token = match ? await verifyToken(store, match[1]!) : null;
  if (!token) throw new DatelineError('E_AUTH_REQUIRED', 'auth: the Authorization header holds no token this server knows; send "Bearer <token>" from `dateline tokens create`');
  return { id: token.id, scope: token.scope };
}

/** The latest modified or published time among the articles (ISO 8601), null when none has one. */
function newestChange(articles: readonly Article[]): string | null {
  let newest: { ms: number; iso: string } | null = null;
  for (const article of articles) {
    const ms = instantOf(article.modified ?? article.published);
    if (ms !== null && (newest === null || ms > newest.ms)) newest = { ms, iso: new Date(ms).toISOString() };
  }
  return newest?.iso ?? null;
}

/** Middleware that lets a request through when its token has `scope` (or none is required). */
function needs(scope: TokenScope, required: boolean): MiddlewareHandler<Env> {
  return async (c, next) => {
    const has = c.get('scope');
    if (has === null && required) {
      c.header('WWW-Authenticate', 'Bearer');
      throw new DatelineError('E_AUTH_REQUIRED', `auth: this endpoint needs a ${scope} token: send "Authorization: Bearer <token>"`);
    }
    if (has !== null && !allows(has, scope)) throw new DatelineError('E_AUTH_SCOPE', `auth: this endpoint needs a ${scope} token; this one is ${has}`);
    await next();
  };
}

/** Parses `input` with `schema`, or fails with 400 naming each field that is wrong. */
function valid<T extends z.ZodType>(schema: T, input: unknown, what: string): z.output<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`);
  throw new DatelineError('E_USAGE', `${what}: ${problems.join('; ')}`);
}

async function jsonBody(c: Context): Promise<unknown> {
  const type = mediaType(c.req.header('Content-Type'));
  if (type !== 'application/json') throw new DatelineError('E_MEDIA_TYPE', `server: send the body as application/json, not ${type ? `"${shown(type)}"` : 'no Content-Type'}`);
  try {
    return JSON.parse(await c.req.text());
  } catch (error) {
    throw new DatelineError('E_USAGE', `server: the body is not JSON (${(error as Error).message})`);
  }
}

function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]!.trim().toLowerCase();
}

/**
 * What a search cursor is bound to: a short hash of the query text (whitespace runs made one
 * space), sort and collapse. An offset means nothing under another query, so a cursor used
 * with one is refused rather than answered with some other list's page.
 */
function cursorBinding(params: { q: string; sort: string; collapse: string }): string {
  const normalised = JSON.stringify([params.q.trim().replace(/\s+/g, ' '), params.sort, params.collapse]);
  return createHash('sha256').update(normalised).digest('base64url').slice(0, 12);
}

/** A search cursor: the offset of the next page and the search it belongs to, opaque to clients so it can change later. */
function cursorOf(offset: number, binding: string): string {
  return Buffer.from(JSON.stringify({ o: offset, s: binding })).toString('base64url');
}

function offsetOf(cursor: string, binding: string): number {
  let parsed: { o?: unknown; s?: unknown } = {};
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { o?: unknown; s?: unknown };
  } catch {
    // Not one of ours; refused below.
  }
  const offset = parsed?.o;
  if (typeof offset !== 'number' || !Number.isSafeInteger(offset) || offset < 0 || offset >= MAX_OFFSET || typeof parsed.s !== 'string') {
    throw new DatelineError('E_USAGE', `search: cursor is not one this server gave (pages end after ${MAX_OFFSET} hits); pass nextCursor from the page before, unchanged`);
  }
  if (parsed.s !== binding) {
    throw new DatelineError('E_USAGE', 'search: cursor belongs to another search; pass it with the q, sort and collapse it was given for, or leave it out to start again');
  }
  return offset;
}

/** An input echoed in a message: short, and with control characters shown escaped. */
function shown(value: string): string {
  const flat = JSON.stringify(value.length > 200 ? `${value.slice(0, 200)}…` : value);
  return flat;
}
