// The OpenAPI 3.1 document at /api/openapi.json, generated from the zod schemas the endpoints
// validate with (schemas.ts). OpenAPI 3.1 schemas are JSON Schema 2020-12, which is what
// z.toJSONSchema writes; shared schemas (those with a `meta({id})`) become components.
import { z } from 'zod';
import { DATELINE_VERSION } from '../capture/index.js';
import {
  ArticleResponse,
  ErrorSchema,
  HealthResponse,
  IngestParams,
  IngestResponse,
  IngestUrlBody,
  ExportParams,
  FeedParams,
  NewSourceBody,
  SearchParams,
  SearchResponse,
  SourceAddedResponse,
  SourcesResponse,
  StatsResponse,
  StoryResponse,
} from './schemas.js';

type Json = Record<string, unknown>;

interface Operation {
  method: 'get' | 'post' | 'delete';
  path: string;
  summary: string;
  /** write: needs a write token; read: needs a read token only when the server says so. */
  auth: 'none' | 'read' | 'write';
  query?: z.ZodObject;
  pathParams?: Record<string, string>;
  body?: Record<string, z.ZodType | 'text'>;
  /** `text` with the media types it comes as, for responses that are not JSON (feeds, exports). */
  ok: { status: number; schema: z.ZodType | { text: string[] }; description: string }[];
  errors: number[];
}

const OPERATIONS: Operation[] = [
  { method: 'get', path: '/healthz', summary: 'Liveness', auth: 'none', ok: [{ status: 200, schema: HealthResponse, description: 'up' }], errors: [] },
  {
    method: 'get', path: '/api/search', summary: 'Search articles with the query language', auth: 'read', query: SearchParams,
    ok: [{ status: 200, schema: SearchResponse, description: 'a page of hits' }], errors: [400, 401, 403, 429, 503],
  },
  {
    method: 'get', path: '/api/articles/{id}', summary: 'One article', auth: 'read', pathParams: { id: 'article id' },
    ok: [{ status: 200, schema: ArticleResponse, description: 'the article (HTML in it is data)' }], errors: [401, 403, 404, 503],
  },
  {
    method: 'get', path: '/api/stories/{id}', summary: 'A story: its articles and the pickup timeline', auth: 'read', pathParams: { id: 'story id' },
    ok: [{ status: 200, schema: StoryResponse, description: 'the story' }], errors: [401, 403, 404, 503],
  },
  { method: 'get', path: '/api/stats', summary: 'What the store holds', auth: 'read', ok: [{ status: 200, schema: StatsResponse, description: 'counts' }], errors: [401, 403, 503] },
  { method: 'get', path: '/api/sources', summary: 'Followed sources', auth: 'read', ok: [{ status: 200, schema: SourcesResponse, description: 'every source' }], errors: [401, 403] },
  {
    method: 'post', path: '/api/sources', summary: 'Follow a source', auth: 'write', body: { 'application/json': NewSourceBody },
    ok: [{ status: 201, schema: SourceAddedResponse, description: 'added' }, { status: 200, schema: SourceAddedResponse, description: 'already followed' }],
    errors: [400, 401, 403, 413, 415, 422, 502],
  },
  {
    method: 'delete', path: '/api/sources/{idOrUrl}', summary: 'Stop following a source (what it brought stays)', auth: 'write', pathParams: { idOrUrl: 'source id or URL' },
    ok: [{ status: 200, schema: z.object({ removed: z.string() }), description: 'removed' }], errors: [401, 403, 404],
  },
  {
    method: 'post', path: '/api/ingest', summary: 'Store a capture: raw wire text or HTML, or a URL to fetch', auth: 'write', query: IngestParams,
    body: { 'text/plain': 'text', 'text/html': 'text', 'application/xhtml+xml': 'text', 'application/json': IngestUrlBody },
    ok: [{ status: 201, schema: IngestResponse, description: 'stored' }, { status: 200, schema: IngestResponse, description: 'these bytes were stored before' }],
    errors: [400, 401, 403, 413, 415, 422, 501, 502],
  },
  {
    method: 'get', path: '/api/export', summary: 'Every matching article, oldest stored first, streamed', auth: 'read', query: ExportParams,
    ok: [{ status: 200, schema: { text: ['application/x-ndjson', 'text/csv'] }, description: 'JSON lines (jsonl, ninjs) or CSV' }], errors: [400, 401, 403, 429, 503],
  },
  ...(['rss', 'atom', 'json'] as const).map(
    (format): Operation => ({
      method: 'get', path: `/feeds/search.${format}`, summary: `A search as a ${{ rss: 'RSS 2.0', atom: 'Atom 1.0', json: 'JSON Feed 1.1' }[format]} feed, newest first, one item per story`, auth: 'read', query: FeedParams,
      ok: [{ status: 200, schema: { text: [{ rss: 'application/rss+xml', atom: 'application/atom+xml', json: 'application/feed+json' }[format]] }, description: 'the feed (ETag and Last-Modified; 304 when unchanged)' }],
      errors: [400, 401, 403, 429, 503],
    }),
  ),
  { method: 'get', path: '/api/openapi.json', summary: 'This document', auth: 'read', ok: [{ status: 200, schema: z.object({}).loose(), description: 'OpenAPI 3.1' }], errors: [401, 403] },
];

let cached: Json | null = null;

/** The document; built once, on first use. */
export function openApiDocument(): Json {
  return (cached ??= build());
}

function build(): Json {
  const components: Record<string, unknown> = {};
  const schema = (type: z.ZodType, io: 'input' | 'output'): Json => {
    const { $schema: _drop, $defs, ...rest } = z.toJSONSchema(type, { io, unrepresentable: 'any' }) as Json & { $defs?: Record<string, unknown> };
    Object.assign(components, $defs ?? {});
    const id = (z.globalRegistry.get(type) as { id?: string } | undefined)?.id;
    if (id) {
      components[id] = rest;
      return { $ref: `#/components/schemas/${id}` };
    }
    return rest;
  };
  const paths: Record<string, Record<string, Json>> = {};
  for (const op of OPERATIONS) {
    const parameters: Json[] = [];
    for (const [name, description] of Object.entries(op.pathParams ?? {})) parameters.push({ name, in: 'path', required: true, description, schema: { type: 'string' } });
    if (op.query) {
      for (const [name, field] of Object.entries(op.query.shape)) {
        const type = field as z.ZodType;
        const { description, ...fieldSchema } = schema(type, 'input') as Json & { description?: string };
        parameters.push({ name, in: 'query', required: !type.safeParse(undefined).success, ...(description ? { description } : {}), schema: fieldSchema });
      }
    }
    const responses: Record<string, Json> = {};
    for (const ok of op.ok) {
      const content = 'text' in ok.schema
        ? Object.fromEntries(ok.schema.text.map((type) => [type, { schema: { type: 'string' } }]))
        : { 'application/json': { schema: schema(ok.schema, 'output') } };
      responses[String(ok.status)] = { description: ok.description, content };
    }
    for (const status of op.errors) responses[String(status)] = { description: ERROR_MEANING[status] ?? 'error', content: { 'application/json': { schema: schema(ErrorSchema, 'output') } } };
    responses['500'] = { description: ERROR_MEANING[500], content: { 'application/json': { schema: schema(ErrorSchema, 'output') } } };
    paths[op.path] ??= {};
    paths[op.path]![op.method] = {
      summary: op.summary,
      ...(op.auth === 'write' ? { security: [{ bearer: [] }] } : op.auth === 'read' ? { security: [{}, { bearer: [] }] } : {}),
      ...(parameters.length ? { parameters } : {}),
      ...(op.body
        ? {
            requestBody: {
              required: true,
              content: Object.fromEntries(Object.entries(op.body).map(([type, body]) => [type, { schema: body === 'text' ? { type: 'string' } : schema(body, 'input') }])),
            },
          }
        : {}),
      responses,
    };
  }
  // Refs inside generated schemas point at $defs; in the document they live under components.
  const document = {
    openapi: '3.1.0',
    info: { title: 'dateline', version: DATELINE_VERSION, description: 'A self-hosted news-wire engine: search, stories, sources and ingest.' },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'a token from `dateline tokens create`' } },
      schemas: components,
    },
    paths,
  };
  return JSON.parse(JSON.stringify(document).replaceAll('"#/$defs/', '"#/components/schemas/')) as Json;
}

const ERROR_MEANING: Record<number, string> = {
  400: 'bad request: a malformed query (with its column), an unknown field, a bad parameter',
  401: 'no token, or one this server does not know',
  403: 'a token without the scope this needs',
  404: 'no such thing',
  413: 'the body is over the size limit',
  415: 'a body of a media type this does not read',
  429: 'too many requests from this token or address for now: wait Retry-After seconds',
  422: 'content that holds no article, or a URL the fetcher refuses',
  500: 'failed on our side (logged; no details are sent)',
  501: 'this server is not set up to fetch',
  502: 'the URL to fetch did not answer well',
  503: 'the reader thread answering it stopped (another takes its place), or the server is closing: try again after Retry-After seconds',
};
