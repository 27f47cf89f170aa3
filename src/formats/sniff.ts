// Recognising what a capture is from its content: binary files by magic number and control
// characters (before decoding), then the text format (Reuters SGML, JSONL, HTML, plain text).
// A file name or Content-Type is only a hint, used when the content alone is ambiguous.
import type { FormatName } from '../core/index.js';
import { unicodeLayout } from './decode.js';

/** How much of the start of a capture the binary check reads. */
export const BINARY_SAMPLE_BYTES = 64 * 1024;
/** Above this share of NUL bytes the capture is binary; below, the NULs are strays and dropped. */
export const MAX_NUL_SHARE = 0.01;
/** Above this share of control bytes (other than tab, line breaks, form feed, ESC) it is binary. */
export const MAX_CONTROL_SHARE = 0.1;
/** How many non-empty lines the JSONL check looks at. */
export const JSONL_SNIFF_LINES = 20;
/** How much decoded text the format check looks at. */
export const FORMAT_SAMPLE_CHARS = 64 * 1024;

interface Magic {
  what: string;
  offset: number;
  bytes: readonly number[];
}

const ascii = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));

/** Magic numbers of files people drop into an ingest folder by mistake. */
const MAGIC: readonly Magic[] = [
  { what: 'a PNG image', offset: 0, bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { what: 'a JPEG image', offset: 0, bytes: [0xff, 0xd8, 0xff] },
  { what: 'a GIF image', offset: 0, bytes: ascii('GIF8') },
  { what: 'a PDF document', offset: 0, bytes: ascii('%PDF-') },
  { what: 'a ZIP archive (or a DOCX/XLSX/EPUB file)', offset: 0, bytes: [0x50, 0x4b, 0x03, 0x04] },
  { what: 'an empty ZIP archive', offset: 0, bytes: [0x50, 0x4b, 0x05, 0x06] },
  { what: 'a gzip-compressed file', offset: 0, bytes: [0x1f, 0x8b] },
  { what: 'a bzip2-compressed file', offset: 0, bytes: ascii('BZh') },
  { what: 'an xz-compressed file', offset: 0, bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00] },
  { what: 'a zstd-compressed file', offset: 0, bytes: [0x28, 0xb5, 0x2f, 0xfd] },
  { what: 'a 7-Zip archive', offset: 0, bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c] },
  { what: 'a RAR archive', offset: 0, bytes: ascii('Rar!\x1a\x07') },
  { what: 'a tar archive', offset: 257, bytes: ascii('ustar') },
  { what: 'an old Microsoft Office (OLE2) file', offset: 0, bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] },
  { what: 'an SQLite database', offset: 0, bytes: ascii('SQLite format 3\0') },
  { what: 'an ELF executable', offset: 0, bytes: [0x7f, 0x45, 0x4c, 0x46] },
  { what: 'a WebAssembly module', offset: 0, bytes: [0x00, 0x61, 0x73, 0x6d] },
  { what: 'a WebP image', offset: 8, bytes: ascii('WEBP') },
  { what: 'an MP4/MOV video', offset: 4, bytes: ascii('ftyp') },
];

/**
 * Says what kind of binary file `bytes` is, or null when it may be text. UTF-16 and UTF-32 are
 * text, with or without a BOM: their zero bytes sit in a regular pattern the decoder knows, so
 * only scattered zero bytes count here.
 */
export function sniffBinary(bytes: Uint8Array): string | null {
  for (const magic of MAGIC) {
    if (bytes.length < magic.offset + magic.bytes.length) continue;
    if (magic.bytes.every((b, i) => bytes[magic.offset + i] === b)) return magic.what;
  }
  const [a, b, c, d] = bytes;
  if ((a === 0xff && b === 0xfe) || (a === 0xfe && b === 0xff)) return null; // UTF-16 or UTF-32LE BOM
  if (a === 0 && b === 0 && c === 0xfe && d === 0xff) return null; // UTF-32BE BOM
  if (unicodeLayout(bytes)) return null;

  const sample = bytes.subarray(0, Math.min(bytes.length, BINARY_SAMPLE_BYTES));
  let nul = 0;
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const byte = sample[i] ?? 0;
    if (byte === 0) nul++;
    // Tab, LF, VT, FF, CR and ESC (ISO-2022-JP's escape sequences) are ordinary in text.
    if ((byte < 0x20 && !(byte >= 0x09 && byte <= 0x0d) && byte !== 0x1b) || byte === 0x7f) control++;
  }
  if (nul > sample.length * MAX_NUL_SHARE) return `a binary file (${nul} NUL bytes in the first ${sample.length})`;
  if (control > sample.length * MAX_CONTROL_SHARE) {
    return `a binary file (${control} control bytes in the first ${sample.length})`;
  }
  return null;
}

/** What the content is: one of the formats parseCapture reads. */
export type SniffedFormat = FormatName;

export interface FormatHints {
  /** The capture's file name or URL: its extension is a hint. */
  name?: string;
  contentType?: string | null;
}

/**
 * Decides the format from decoded text, content first:
 * 1. `<!DOCTYPE lewis` or a line that starts with `<REUTERS` (in the first 64 KB): reuters-sgml.
 * 2. `<!DOCTYPE html`, `<html`, or a `<` start with an .html name or text/html type: html.
 * 3. A feed: an XML document whose first element is `<rss`, `<rdf:RDF` (or any `RDF` root) or
 *    `<feed` (after the declaration, comments and a DOCTYPE), or a JSON object naming a JSON
 *    Feed version URL (`"version": "https://jsonfeed.org/version/1.1"`): feed.
 * 4. Of the first 20 non-empty lines, at least half start with `{` and one parses as a JSON
 *    object; or, with a `.jsonl`/`.ndjson` name (or an ndjson type), any starts with `{`: jsonl.
 * 5. Anything else: text.
 */
export function sniffFormat(text: string, hints: FormatHints = {}): SniffedFormat {
  const sample = text.slice(0, FORMAT_SAMPLE_CHARS).replace(/^[\s\uFEFF]+/, '');
  const ext = extensionOf(hints.name);
  const type = (hints.contentType ?? '').toLowerCase();

  if (/^<!DOCTYPE\s+lewis/i.test(sample) || /^<REUTERS[\s>]/.test(sample) || /(^|\n)<REUTERS[\s>]/.test(sample)) {
    return 'reuters-sgml';
  }
  if (/^<!DOCTYPE\s+html/i.test(sample) || /^<html[\s>]/i.test(sample)) return 'html';
  if (sample.startsWith('<') && (ext === 'html' || ext === 'htm' || type.includes('text/html'))) return 'html';

  if (looksLikeFeed(sample)) return 'feed';

  if (looksLikeJsonl(sample, ext === 'jsonl' || ext === 'ndjson' || /ndjson|jsonl|json-lines/.test(type))) {
    return 'jsonl';
  }
  return 'text';
}

/** The first element after the prolog (declaration, comments, processing instructions, DOCTYPE). */
const FEED_ROOT = /^(?:<\?[\s\S]*?\?>\s*|<!--[\s\S]*?-->\s*|<!DOCTYPE[^[>]*(?:\[[\s\S]*?\])?\s*>\s*)*<(?:[\w.-]+:)?(rss|RDF|feed|channel)[\s>/]/i;

function looksLikeFeed(sample: string): boolean {
  if (sample.startsWith('<')) return FEED_ROOT.test(sample);
  // JSON Feed: one JSON object (usually spread over many lines) with its version URL near the top.
  return sample.startsWith('{') && /"version"\s*:\s*"https?:\/\/jsonfeed\.org\/version\//.test(sample.slice(0, 4096));
}

function looksLikeJsonl(sample: string, hinted: boolean): boolean {
  let examined = 0;
  let braced = 0;
  let objects = 0;
  // The last line of the sample may be cut in the middle, so it is not examined.
  const lines = sample.split('\n');
  if (sample.length === FORMAT_SAMPLE_CHARS) lines.pop();
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '') continue;
    if (++examined > JSONL_SNIFF_LINES) break;
    if (!line.startsWith('{')) continue;
    braced++;
    if (objects === 0 && isJsonObject(line)) objects++;
  }
  if (hinted) return braced > 0;
  return objects > 0 && braced * 2 >= Math.min(examined, JSONL_SNIFF_LINES);
}

function isJsonObject(line: string): boolean {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

function extensionOf(name: string | undefined): string {
  if (!name) return '';
  const base = name.split(/[?#]/)[0] ?? '';
  const dot = base.lastIndexOf('.');
  return dot > base.lastIndexOf('/') && dot !== -1 ? base.slice(dot + 1).toLowerCase() : '';
}
