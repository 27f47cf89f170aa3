// The model: Capture (raw bytes with provenance) and Article (the structured result). The types
// come from the zod schemas in schemas.ts; importing them as types costs nothing at run time.
import type { z } from 'zod';
import type {
  CaptureSchema,
  ArticleKindSchema,
  PublishedZoneSchema,
  DatelineSchema,
  TickerSchema,
  NoticeSchema,
  ViewsSchema,
  ArticleSchema
} from './schemas.js';

export type Capture = z.infer<typeof CaptureSchema>;
export type ArticleKind = z.infer<typeof ArticleKindSchema>;
export type PublishedZone = z.infer<typeof PublishedZoneSchema>;
export type Dateline = z.infer<typeof DatelineSchema>;
export type Ticker = z.infer<typeof TickerSchema>;
export type Notice = z.infer<typeof NoticeSchema>;
export type Views = z.infer<typeof ViewsSchema>;
export type Article = z.infer<typeof ArticleSchema>;

/** The kinds an article can be, for checks that need them at run time. */
export const ARTICLE_KINDS: readonly ArticleKind[] = ['release', 'agency', 'article'];
