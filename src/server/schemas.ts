// The API's requests and responses as zod schemas: requests are validated with them, and the
// OpenAPI document (openapi.ts) is generated from them, so the two cannot drift apart.
import { z } from 'zod';
import { ArticleSchema } from '../core/schemas.js';

/** Most hits one search page returns. */
export const MAX_PAGE = 100;
export const DEFAULT_PAGE = 20;
/** How deep cursors go: each page past this would rank every hit before it again. */
export const MAX_OFFSET = 10_000;

export const ErrorSchema = z
  .object({
    error: z.object({
      /** Stable: match on it (E_QUERY_SYNTAX, E_NOT_FOUND, E_AUTH_REQUIRED, ...). */
      code: z.string(),
      message: z.string(),
      input: z.string().optional(),
      line: z.number().int().optional(),
      column: z.number().int().optional(),
    }),
  })
  .meta({ id: 'Error' });

export const SearchParams = z.object({
  q: z.string().min(1).meta({ description: 'A query in the query language (docs/query.md)' }),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(DEFAULT_PAGE).meta({ description: `Hits per page, at most ${MAX_PAGE}` }),
  cursor: z.string().optional().meta({ description: 'The nextCursor of the page before; opaque, and good only with the q, sort and collapse it came with' }),
  sort: z.enum(['relevance', 'newest']).default('relevance').meta({ description: 'relevance (BM25; past 2,048 matches ranked a window at a time, newest stored first: see docs/query.md) or newest (by published as printed); filter-only queries come newest first' }),
  collapse: z.enum(['story', 'none']).default('story').meta({ description: 'story: one hit per story, its best copy; none: every copy' }),
  facets: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((value) => value === 'true' || value === '1')
    .meta({ description: 'Also count every match by wire, source, place and language, with a date histogram' }),
  interval: z.enum(['day', 'week', 'month']).default('month').meta({ description: "The facets' histogram buckets (a week is keyed by its Monday)" }),
});

export const FeedParams = z.object({
  q: z.string().min(1).meta({ description: 'A query in the query language (docs/query.md)' }),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(50).meta({ description: `Items, newest first, at most ${MAX_PAGE}` }),
});

export const ExportParams = z.object({
  q: z.string().min(1).meta({ description: 'A query in the query language (docs/query.md)' }),
  format: z.enum(['jsonl', 'csv', 'ninjs']).default('jsonl').meta({ description: 'jsonl (whole articles), csv, or ninjs 2.0 (one object a line)' }),
});

const CountRowSchema = z.object({ key: z.string().nullable(), count: z.number().int() });

export const FacetsSchema = z
  .object({
    total: z.number().int(),
    byWire: z.array(CountRowSchema),
    bySource: z.array(CountRowSchema),
    byPlace: z.array(CountRowSchema),
    byLanguage: z.array(CountRowSchema),
    interval: z.enum(['day', 'week', 'month']),
    histogram: z.array(z.object({ key: z.string(), count: z.number().int() })),
  })
  .meta({ id: 'Facets' });

export const SearchHitSchema = z
  .object({
    id: z.string(),
    title: z.string().nullable(),
    snippet: z.string().meta({ description: 'Text around the matches, matches wrapped in [[ and ]]' }),
    published: z.string().nullable(),
    wire: z.string().nullable(),
    source: z.string().nullable(),
    score: z.number(),
    storyId: z.string().nullable(),
    storySize: z.number().int(),
  })
  .meta({ id: 'SearchHit' });

export const SearchResponse = z.object({
  query: z.string(),
  hits: z.array(SearchHitSchema),
  nextCursor: z.string().nullable(),
  facets: FacetsSchema.optional().meta({ description: 'with facets=true: counts over every match, not only this page' }),
});

export const ArticleResponse = ArticleSchema.meta({ id: 'Article' });

const PickupSchema = z.object({
  articleId: z.string(),
  original: z.boolean(),
  site: z.string().nullable(),
  source: z.string().nullable(),
  url: z.string().nullable(),
  title: z.string().nullable(),
  published: z.string().nullable(),
  delaySeconds: z.number().nullable(),
  difference: z.object({ kept: z.number().int(), edited: z.number().int(), removed: z.number().int(), added: z.number().int() }),
});

export const StoryResponse = z.object({
  id: z.string(),
  originalId: z.string(),
  articles: z.array(ArticleResponse),
  timeline: z.array(PickupSchema).meta({ description: 'The original first, then each pickup by published time' }),
});

export const StatsResponse = z.object({
  captures: z.number().int(),
  failedCaptures: z.number().int(),
  articles: z.number().int(),
  byWire: z.array(CountRowSchema),
  bySource: z.array(CountRowSchema),
  byLanguage: z.array(CountRowSchema),
  byMonth: z.array(CountRowSchema),
  stories: z.number().int(),
  articlesWithoutStory: z.number().int(),
});

const SourceKindSchema = z.enum(['feed', 'sitemap', 'page']);

export const SourceSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    kind: SourceKindSchema,
    title: z.string().nullable(),
    siteUrl: z.string().nullable(),
    folder: z.string().nullable(),
    fullText: z.boolean(),
    addedAt: z.string(),
    state: z.object({
      etag: z.string().nullable(),
      lastModified: z.string().nullable(),
      lastFetchAt: z.string().nullable(),
      lastStatus: z.number().int().nullable(),
      lastError: z.string().nullable(),
      errorCount: z.number().int(),
      consecutiveErrors: z.number().int(),
      nextPollAt: z.string(),
      intervalSeconds: z.number(),
      newItems: z.number().int(),
      lastNewItemAt: z.string().nullable(),
    }),
  })
  .meta({ id: 'Source' });

export const SourcesResponse = z.object({ sources: z.array(SourceSchema) });

export const NewSourceBody = z.object({
  url: z.url({ protocol: /^https?$/ }).max(2048),
  kind: SourceKindSchema.optional().meta({ description: 'Without it the server fetches the URL to find out' }),
  title: z.string().max(500).optional(),
  folder: z.string().max(500).optional(),
  fullText: z.boolean().optional(),
});

export const SourceAddedResponse = z.object({ added: z.boolean(), source: SourceSchema });

export const IngestUrlBody = z.object({ url: z.url({ protocol: /^https?$/ }).max(2048) });

export const IngestParams = z.object({
  url: z.url({ protocol: /^https?$/ }).max(2048).optional().meta({ description: 'Where a posted body came from (kept as its provenance)' }),
});

export const IngestResponse = z.object({
  captureId: z.string(),
  /** `new` when stored now, `duplicate` when these bytes were stored before. */
  capture: z.enum(['new', 'duplicate']),
  articles: z.array(z.string()).meta({ description: 'Ids of the articles the capture holds' }),
  added: z.number().int(),
  warnings: z.array(z.object({ code: z.string(), message: z.string() })),
});

export const HealthResponse = z.object({ status: z.literal('ok') });
