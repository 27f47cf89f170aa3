// The formats stage's one door: a capture's bytes in, article drafts out. Decodes, rejects what
// is not text (saying why), sniffs the format by content and hands over to that format's parser.
import { DatelineError, MAX_CAPTURE_BYTES, formatSize } from '../core/index.js';
import type { ArticleDraft, InputProblem, ParsedCapture } from '../core/index.js';
import { type DecodedText, decodeText } from './decode.js';
import { feedDrafts, parseFeedDocument } from './feed/index.js';
import { parseHtmlPage } from './html-page.js';
import { parseJsonl } from './jsonl.js';
import { parseReuters } from './reuters.js';
import { sniffBinary, sniffFormat } from './sniff.js';
import { parseText } from './text.js';

export { decodeText, declaredEncoding } from './decode.js';
export type { DecodedText, DecodeOptions } from './decode.js';
export { sniffBinary, sniffFormat } from './sniff.js';
export type { SniffedFormat, FormatHints } from './sniff.js';
export { htmlToText } from './html-text.js';
export { extractHtml } from './html/index.js';
export type { ExtractedPage, ExtractOptions, PageMetadata } from './html/index.js';
export { primaryLanguage } from './html-page.js';
export { normaliseText } from './normalize.js';
export { parseReutersDate } from './reuters.js';
export { parseFeedDocument, parseFeedDate, sanitizeFeedHtml } from './feed/index.js';
export type { ParsedFeed, FeedItem, FeedMeta, FeedText, FeedOptions } from './feed/index.js';

export interface CaptureInput {
  /** A path or URL: names the input in errors, and its extension is a format hint. */
  name: string;
  /** The HTTP Content-Type, when fetched: its charset is a declaration, its type a hint. */
  contentType?: string | null;
  /** The page's URL, when fetched: an HTML page's relative links are resolved against it. */
  url?: string | null;
}

export interface ParseOptions {
  /** Refuse captures larger than this many bytes (default 64 MiB). */
  maxBytes?: number;
  /** Called once the bytes are decoded and the format known, before any draft is read. */
  onFormat?: (found: Pick<ParsedCapture, 'format' | 'encoding' | 'decodedBy'>) => void;
  /**
   * Called with each draft as soon as it is read, so a caller can structure and store a large
   * archive while the rest of it is still being split.
   */
  onDraft?: (draft: ArticleDraft) => void;
}

/**
 * Turns a capture's bytes into article drafts.
 *
 * 1. Refuse what cannot be an article: too large, empty, binary (by magic number or bytes).
 * 2. Decode (BOM, declaration, UTF-8, detection) and refuse text that is only whitespace.
 * 3. Sniff the format from the content, the name and Content-Type being hints.
 * 4. Parse; problems inside the capture (a broken JSONL line, a broken story) are returned in
 *    `problems` with line numbers, and only a capture with no article at all throws. An HTML
 *    page is one draft: its main content as text, its metadata as known fields (html-page.ts).
 *    A feed (RSS, RDF, Atom, JSON Feed) is one draft per item, in feed order (feed/drafts.ts);
 *    malformed XML is read past, each error a warning in `problems`.
 *
 * @example parseCapture(bytes, { name: 'wire/2024-03-05.jsonl' }).drafts.length
 */
export function parseCapture(bytes: Uint8Array, input: CaptureInput, options: ParseOptions = {}): ParsedCapture {
  const { name } = input;
  const { decoded, problems } = decodeCapture(bytes, input, options);
  const format = sniffFormat(decoded.text, { name, contentType: input.contentType ?? null });
  const found = { format, encoding: decoded.encoding, decodedBy: decoded.by } as const;
  options.onFormat?.(found);
  let drafts: ArticleDraft[];
  if (format === 'reuters-sgml') {
    const parsed = parseReuters(decoded.text, name, options.onDraft);
    drafts = parsed.drafts;
    problems.push(...parsed.problems);
  } else if (format === 'jsonl') {
    const parsed = parseJsonl(decoded.text, name, options.onDraft);
    drafts = parsed.drafts;
    problems.push(...parsed.problems);
  } else if (format === 'feed') {
    const feed = parseFeedDocument(decoded.text, { name, url: input.url ?? null });
    drafts = feedDrafts(feed, input.url ?? null);
    problems.push(...feed.problems.map((p) => ({ ...p, severity: 'warning' as const })));
    if (options.onDraft) drafts.forEach(options.onDraft);
  } else {
    drafts = format === 'html' ? parseHtmlPage(decoded.text, name, input.url ?? null) : parseText(decoded.text, name);
    if (options.onDraft) drafts.forEach(options.onDraft);
  }

  return {
    format,
    encoding: decoded.encoding,
    decodedBy: decoded.by,
    drafts,
    problems,
  };
}

/**
 * Steps 1 and 2 of parseCapture, for callers that read one format themselves (`dateline
 * extract`): refuses what is too large, empty, binary or only whitespace, with the errors
 * parseCapture gives, and decodes the rest. A few replaced bytes are a warning in `problems`.
 */
export function decodeCapture(
  bytes: Uint8Array,
  input: CaptureInput,
  options: Pick<ParseOptions, 'maxBytes'> = {},
): { decoded: DecodedText; problems: InputProblem[] } {
  const { name } = input;
  const maxBytes = options.maxBytes ?? MAX_CAPTURE_BYTES;
  if (bytes.length > maxBytes) {
    throw new DatelineError(
      'E_INPUT_TOO_LARGE',
      `formats: ${name} is ${formatSize(bytes.length)}, over the ${formatSize(maxBytes)} limit for one capture; ` +
        'split it into smaller files (e.g. one per day, or JSONL/SGML in chunks of whole records) or raise the limit',
      { input: name },
    );
  }
  if (bytes.length === 0) throw empty(name, 'is empty (0 bytes)');
  const binary = sniffBinary(bytes);
  if (binary) {
    throw new DatelineError('E_INPUT_BINARY', `formats: ${name} is ${binary}, not text; dateline reads wire text, HTML pages, Reuters SGML and JSONL`, {
      input: name,
    });
  }

  const decoded = decodeText(bytes, { contentType: input.contentType ?? null, name });
  if (!/[^\s\u200B\u2060\uFEFF]/.test(decoded.text)) throw empty(name, 'holds only whitespace');
  const problems: InputProblem[] = [];
  if (decoded.replaced > 0) {
    problems.push({
      message: `${decoded.replaced} invalid ${decoded.encoding} byte sequence(s) replaced with U+FFFD; the rest read as ${decoded.encoding}`,
      severity: 'warning',
    });
  }
  return { decoded, problems };
}

function empty(name: string, what: string): DatelineError {
  return new DatelineError('E_INPUT_EMPTY', `formats: ${name} ${what}; nothing to parse`, { input: name });
}

