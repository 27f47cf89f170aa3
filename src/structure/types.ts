// The structurer's input hints and output shape, shared by its files and re-exported by index.ts.
import type { ArticleKind, Dateline, Notice, PublishedZone, Ticker, Views } from '../core/index.js';

export interface StructureHints {
  /** A headline known from elsewhere (SGML TITLE, JSONL title): the text is then body only. */
  title?: string | null;
  /** When the capture was read: a listing line's view count is observed at this time. */
  observedAt?: string | null;
  /** A publication time known from elsewhere (an archive's DATE, a feed's date): a dateline
   * printed without a year takes its year from it when the days are close. */
  published?: string | null;
}

/** A line the structurer removed, and the named rule that removed it (for `--explain`). */
export interface RemovedLine {
  text: string;
  rule: string;
}

export interface WireStructure {
  title: string | null;
  published: string | null;
  publishedZone: PublishedZone;
  dateline: Dateline | null;
  wire: string | null;
  kind: ArticleKind;
  source: string | null;
  byline: string | null;
  paragraphs: string[];
  about: string[];
  contacts: string[];
  tickers: Ticker[];
  notices: Notice[];
  views: Views | null;
  removed: RemovedLine[];
}
