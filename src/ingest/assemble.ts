// Composes the pure stages into articles: each draft of a capture (see drafts.ts) goes through
// the wire-text structurer and enrichment, and the results are merged into the model's Article.
// No clock, no I/O: the same capture always yields the same articles. The parse workers load
// this module, so it imports nothing they do not use.
import {
  type Article,
  type ArticleDraft,
  type Capture,
  type ParsedCapture,
  articleIdFromCapture,
  articleIdFromGuid,
} from '../core/index.js';
import { LANGUAGE_SAMPLE_CHARS, detectLanguage } from '../enrich/index.js';
import { type WireStructure, structureWireText, wireByName } from '../structure/index.js';

/** Names the code that built an article, so reprocess can tell stale records from fresh ones. */
export const EXTRACTOR_VERSION = 'dateline-structure/0.1';

export interface CaptureInput {
  capture: Capture;
  bytes: Uint8Array;
  /** A name for messages: the path as given, or the URL. */
  name: string;
}

/**
 * The article for one draft of a capture. The merge rule, the same for every format:
 * - What the input states about itself (`draft.known`: JSONL keys, an archive's DATE, an HTML
 *   page's metadata: title, published with its offset, modified, byline, siteName, canonicalUrl,
 *   description, image, `<html lang>`) fills those fields.
 * - The structurer, reading the text (an HTML page's extracted main content), fills dateline,
 *   wire, kind, source, tickers, about, contacts, notices and views, and cleans the paragraphs;
 *   it gets the known title and published as hints (the title is then not looked for in the
 *   text; a dateline without a year borrows the published year).
 * - Where both give a value (title, published, byline, and wire/source/kind for JSONL), the
 *   input's own statement wins unless it is missing. One exception for `published`: when the
 *   input gives only a day or a time without its zone and the text's stamp is that same moment
 *   with more precision ("2024-03-05" and "2024-03-05T14:17:00+08:00"), the text's is kept.
 * - `language` is the input's own (an HTML page's `<html lang>`), else the detector's.
 */
export function articleOf(captureId: string, captureUrl: string | null, observedAt: string, draft: ArticleDraft): Article {
  const known = draft.known;
  const structured = structureWireText(draft.text, { title: known.title ?? null, published: known.published ?? null, observedAt });
  const paragraphs = structured.paragraphs;
  const title = known.title ?? structured.title;
  const { published, publishedZone } = publishedOf(known, structured);
  // A wire named by the input ("businesswire" in a JSONL export) gets its one name and its kind.
  const knownWire = known.wire ? wireByName(known.wire) : undefined;
  return {
    id: idOf(captureId, captureUrl, draft),
    captureId,
    url: known.url ?? captureUrl,
    canonicalUrl: known.canonicalUrl ?? null,
    kind: known.kind ?? knownWire?.kind ?? structured.kind,
    wire: knownWire?.name ?? known.wire ?? structured.wire,
    source: known.source ?? structured.source,
    siteName: known.siteName ?? null,
    published,
    publishedZone,
    modified: known.modified ?? null,
    dateline: structured.dateline,
    title,
    byline: known.byline ?? structured.byline,
    description: known.description ?? null,
    paragraphs,
    text: paragraphs.join('\n\n'),
    about: structured.about,
    contacts: structured.contacts,
    tickers: structured.tickers,
    notices: structured.notices,
    image: known.image ?? null,
    language: known.language ?? detectLanguage(languageSample(title, paragraphs)),
    views: structured.views,
    entities: [],
    keywords: [],
    storyId: null,
    extractor: EXTRACTOR_VERSION,
    extra: draft.extra,
  };
}

/**
 * A feed item's id is its feed and its guid (core/ids.ts), so polling the feed again, or
 * ingesting an edited copy of the file, gives the item the id it had. The feed is named by the
 * URL it was fetched from, else by its own self or alternate link; a feed with neither keeps
 * the capture-and-position id. Every other draft is named by its capture and position.
 */
function idOf(captureId: string, captureUrl: string | null, draft: ArticleDraft): string {
  const feed = captureUrl ?? draft.feed;
  if (draft.guid && feed) return articleIdFromGuid(feed, draft.guid);
  return articleIdFromCapture(captureId, draft.position);
}

/** The input's publication time, unless the text states the same moment more precisely. */
function publishedOf(known: ArticleDraft['known'], structured: WireStructure): Pick<Article, 'published' | 'publishedZone'> {
  if (!known.published) return { published: structured.published, publishedZone: structured.publishedZone };
  const zone = known.publishedZone ?? 'unknown';
  const finer = structured.published;
  if (zone !== 'stated' && finer !== null && finer.length > known.published.length && finer.startsWith(known.published)) {
    return { published: finer, publishedZone: structured.publishedZone };
  }
  return { published: known.published, publishedZone: zone };
}

/** The body tells the language best; a headline alone is too short and often all capitals. */
function languageSample(title: string | null, paragraphs: string[]): string {
  let sample = '';
  for (const paragraph of paragraphs) {
    sample += (sample ? ' ' : '') + paragraph;
    if (sample.length >= LANGUAGE_SAMPLE_CHARS) return sample;
  }
  return sample.length >= 40 || !title ? sample : `${title} ${sample}`;
}

/** Captures read from files carry `file:` URLs; only fetched ones give an article its url. */
export function articleUrlOf(capture: Capture): string | null {
  return /^https?:\/\//i.test(capture.url) ? capture.url : null;
}

/** All articles of a capture, in draft order. */
export function articlesOf(input: CaptureInput, parsed: ParsedCapture, from = 0, to = parsed.drafts.length): Article[] {
  const url = articleUrlOf(input.capture);
  const out: Article[] = [];
  for (let i = from; i < to; i++) out.push(articleOf(input.capture.id, url, input.capture.fetchedAt, parsed.drafts[i]!));
  return out;
}
