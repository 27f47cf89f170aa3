// What a format parser hands on: one draft per article found in a capture, before structuring.
import type { Article } from './model.js';

/**
 * Fields a format knows for certain (JSONL keys, an archive's DATE, an HTML page's own metadata:
 * its title, times, byline, site name, canonical URL, description, image and `<html lang>`);
 * they win over what the structurer infers from the text (see ingest/assemble.ts).
 */
export type KnownFields = Partial<
  Pick<
    Article,
    | 'title'
    | 'url'
    | 'canonicalUrl'
    | 'published'
    | 'publishedZone'
    | 'modified'
    | 'source'
    | 'wire'
    | 'siteName'
    | 'byline'
    | 'description'
    | 'language'
    | 'image'
    | 'kind'
  >
>;

export interface ArticleDraft {
  /** 0-based position in the capture; with the capture id it makes the article id. */
  position: number;
  /** Wire text as crawled (headline, meta lines, dateline, body): the structurer's input. */
  text: string;
  known: KnownFields;
  /** Input fields we keep but do not model (JSONL's unknown keys, Reuters TOPICS and PLACES). */
  extra: Record<string, unknown>;
  /**
   * A feed item's guid (else its link). With the feed's identity it makes the article id, so a
   * re-polled or edited feed gives its items the ids they had (core/ids.ts articleIdFromGuid).
   */
  guid?: string;
  /** The feed's own URL (its self or alternate link) when the draft is a feed item. */
  feed?: string;
}

export type DecodedBy = 'utf-8' | 'bom' | 'declaration' | 'detection';

export interface Decoded {
  text: string;
  /** WHATWG encoding name, e.g. `utf-8`, `windows-1252`, `gbk`. */
  encoding: string;
  by: DecodedBy;
}

/**
 * A problem inside a capture that did not stop the rest of it. An `error` lost content (a broken
 * JSONL line, an unterminated story); a `warning` lost nothing (an unreadable date kept raw).
 */
export interface InputProblem {
  line?: number;
  message: string;
  severity?: 'error' | 'warning';
}

export type FormatName = 'text' | 'html' | 'reuters-sgml' | 'jsonl' | 'feed';

export interface ParsedCapture {
  format: FormatName;
  encoding: Decoded['encoding'];
  decodedBy: DecodedBy;
  drafts: ArticleDraft[];
  problems: InputProblem[];
}
