// The model as zod schemas, so a boundary can validate what crosses it and the API schema can be
// generated from them. The types are in model.ts; this module is imported only where a schema
// is used at run time, so the parse workers and the CLI's start-up do not pay for loading zod.
import { z } from 'zod';

/** Raw bytes as received, with where and when they came from. The bytes are stored beside it. */
export const CaptureSchema = z.object({
  /** SHA-256 of the bytes, hex: captures are content-addressed. */
  id: z.string().regex(/^[0-9a-f]{64}$/),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** Where the bytes came from: a URL, or `file:` plus the path given on the command line. */
  url: z.string(),
  /** ISO 8601 UTC time the bytes were read or fetched. */
  fetchedAt: z.string(),
  /** HTTP status for fetched captures; null for files. */
  status: z.number().int().nullable(),
  headers: z.record(z.string(), z.string()),
  contentType: z.string().nullable(),
  size: z.number().int().nonnegative(),
});

export const ArticleKindSchema = z.enum(['release', 'agency', 'article']);

export const PublishedZoneSchema = z.enum(['stated', 'inferred', 'unknown']);

export const DatelineSchema = z.object({
  place: z.string(),
  /** `YYYY-MM-DD`, or `--MM-DD` when nothing gives the year. */
  date: z.string().regex(/^(?:\d{4}-|--)\d{2}-\d{2}$/).nullable(),
});

export const TickerSchema = z.object({ exchange: z.string(), symbol: z.string() });

export const NoticeSchema = z.object({
  type: z.enum(['correction', 'update', 'embargo']),
  /** The line as printed. */
  text: z.string(),
  /** For embargoes: when it lifts, ISO 8601 as printed (offset when stated). */
  until: z.string().optional(),
});

export const ViewsSchema = z.object({ count: z.number().int().nonnegative(), observedAt: z.string() });

export const ArticleSchema = z.object({
  // identity
  id: z.string(),
  captureId: z.string(),
  url: z.string().nullable(),
  canonicalUrl: z.string().nullable(),
  // what it is
  kind: ArticleKindSchema,
  wire: z.string().nullable(),
  source: z.string().nullable(),
  siteName: z.string().nullable(),
  // when and where
  published: z.string().nullable(),
  publishedZone: PublishedZoneSchema,
  modified: z.string().nullable(),
  dateline: DatelineSchema.nullable(),
  // content
  title: z.string().nullable(),
  byline: z.string().nullable(),
  description: z.string().nullable(),
  paragraphs: z.array(z.string()),
  text: z.string(),
  about: z.array(z.string()),
  contacts: z.array(z.string()),
  tickers: z.array(TickerSchema),
  notices: z.array(NoticeSchema),
  image: z.string().nullable(),
  language: z.string().nullable(),
  // observed
  views: ViewsSchema.nullable(),
  // derived later
  entities: z.array(z.object({ type: z.string(), name: z.string() })),
  keywords: z.array(z.string()),
  storyId: z.string().nullable(),
  extractor: z.string(),
  extra: z.record(z.string(), z.unknown()),
});
