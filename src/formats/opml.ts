// OPML subscription lists (1.0 and 2.0), in and out: how feed readers hand over a list of feeds.
// Import is lenient (nested folders, missing version, broken XML: keep what reads, list what did
// not); export writes OPML 2.0 that any reader takes back, folders as nested outlines.
import { Parser } from 'htmlparser2';
import { DatelineError } from '../core/index.js';
import type { InputProblem } from '../core/index.js';
import { decodeText } from './decode.js';
import { lineIndex } from './lines.js';

/** A feed to follow, as an OPML file holds it. */
export interface FeedSource {
  /** The outline's `text` (what a reader shows), else its `title`, else the feed URL. */
  title: string;
  feedUrl: string;
  siteUrl: string | null;
  /** The folder path, outermost first; [] at the top level. */
  folder: string[];
}

export interface ParsedOpml {
  /** The head's <title>; null when absent. */
  title: string | null;
  /** Feeds in document order, each feed URL once. */
  sources: FeedSource[];
  problems: InputProblem[];
}

export interface OpmlExportOptions {
  /** The head's <title>. */
  title?: string;
  /** The head's <dateCreated>, as given (RFC 822 per OPML 2.0); the exporter reads no clock. */
  dateCreated?: string;
}

/** `feed://host/path` (and `feed:https://...`): a pseudo-scheme browsers used for feeds. */
const FEED_SCHEME = /^feed:(?:\/\/)?/i;

/**
 * Reads an OPML file into feed sources. Outlines with an `xmlUrl` are feeds; outlines around them
 * are folders (by their text or title). A feed at the top level with an OPML 2.0 `category`
 * ("/News/Tech") takes that path as its folder. Feed URLs that are not absolute http(s) (after
 * `feed://` is read as `http://`) and repeated feed URLs are dropped, each with a problem.
 * XML is read leniently (htmlparser2's XML mode); only the predefined entities and character
 * references are decoded: a DTD is never expanded or fetched. Throws E_INPUT_EMPTY for an empty
 * input and E_INPUT_PROBLEM when the root element is not <opml>.
 *
 * @example parseOpml('<opml><body><outline text="A" xmlUrl="https://a.example/feed"/></body></opml>').sources[0].feedUrl
 */
export function parseOpml(input: Uint8Array | string, name = 'opml'): ParsedOpml {
  const text = (typeof input === 'string' ? input : decodeText(input, { name }).text).replace(/^\uFEFF/, '');
  if (text.trim() === '') throw new DatelineError('E_INPUT_EMPTY', `opml: ${name} is empty; nothing to import`, { input: name });
  const lineAt = lineIndex(text);
  const problems: InputProblem[] = [];
  const sources: FeedSource[] = [];
  const seen = new Map<string, number>();
  // One frame per open outline: the folder name it adds (null for a feed or an empty outline).
  const outlines: (string | null)[] = [];
  let root = null as string | null;
  let headTitle = null as string | null;
  let inTitle = false;
  let titleText = '';
  // Whether each open element closed itself (`<outline/>`), to tell that from one never closed.
  const selfClosing: boolean[] = [];
  let unclosed = false;

  const parser = new Parser(
    {
      onopentag(rawTag, rawAttrs) {
        const tag = rawTag.toLowerCase();
        const line = lineAt(parser.startIndex);
        selfClosing.push(text[parser.endIndex - 1] === '/');
        if (root === null) {
          root = tag;
          if (tag !== 'opml') {
            throw new DatelineError('E_INPUT_PROBLEM', `opml: ${name} is not OPML: its root element is <${rawTag}>, not <opml>`, {
              input: name,
              line,
            });
          }
          return;
        }
        if (tag === 'title' && headTitle === null && outlines.length === 0) {
          inTitle = true;
          titleText = '';
          return;
        }
        if (tag !== 'outline') return;
        const attrs = lowerKeys(rawAttrs);
        const label = (attrs.text ?? '').trim() || (attrs.title ?? '').trim();
        const xmlUrl = (attrs.xmlurl ?? '').trim();
        if (!xmlUrl) {
          if ((attrs.type ?? '').toLowerCase() === 'link' || attrs.url) {
            problems.push({ line, message: `outline ${JSON.stringify(label)} is a link, not a feed; skipped`, severity: 'warning' });
          }
          outlines.push(label || null);
          return;
        }
        outlines.push(null);
        const feedUrl = httpUrl(xmlUrl);
        if (!feedUrl.url) {
          problems.push({ line, message: `feed ${JSON.stringify(label)}: xmlUrl ${JSON.stringify(xmlUrl)} is not an absolute http(s) URL; skipped` });
          return;
        }
        if (feedUrl.note) problems.push({ line, message: `feed ${JSON.stringify(label)}: ${feedUrl.note}`, severity: 'warning' });
        const earlier = seen.get(feedUrl.url);
        if (earlier !== undefined) {
          problems.push({ line, message: `feed ${feedUrl.url} is listed again (first on line ${earlier}); kept once`, severity: 'warning' });
          return;
        }
        seen.set(feedUrl.url, line);
        let folder = outlines.filter((o): o is string => o !== null);
        if (folder.length === 0 && attrs.category) folder = categoryPath(attrs.category);
        const site = attrs.htmlurl?.trim() ? httpUrl(attrs.htmlurl.trim()).url : null;
        sources.push({ title: label || feedUrl.url, feedUrl: feedUrl.url, siteUrl: site, folder });
      },
      ontext(chunk) {
        if (inTitle) titleText += chunk;
      },
      onclosetag(rawTag, implied) {
        const tag = rawTag.toLowerCase();
        if (!selfClosing.pop() && implied) unclosed = true;
        if (tag === 'title' && inTitle) {
          inTitle = false;
          headTitle = titleText.replace(/\s+/g, ' ').trim() || null;
        } else if (tag === 'outline') {
          outlines.pop();
        }
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.end(text);
  if (root === null) throw new DatelineError('E_INPUT_PROBLEM', `opml: ${name} holds no XML element; not OPML`, { input: name });
  if (unclosed) problems.push({ message: 'the XML ends with elements still open (malformed or cut off); read what was there' });
  return { title: headTitle, sources, problems };
}

/**
 * Writes sources as an OPML 2.0 document: one `<outline type="rss">` per feed, inside nested
 * folder outlines, folders in the order they first appear. Feeds stay in order within a folder,
 * so parseOpml(exportOpml(sources)) gives the sources back, grouped by folder.
 */
export function exportOpml(sources: readonly FeedSource[], options: OpmlExportOptions = {}): string {
  interface Folder { name: string; feeds: FeedSource[]; folders: Map<string, Folder> }
  const top: Folder = { name: '', feeds: [], folders: new Map() };
  for (const source of sources) {
    let folder = top;
    for (const part of source.folder) {
      let next = folder.folders.get(part);
      if (!next) folder.folders.set(part, (next = { name: part, feeds: [], folders: new Map() }));
      folder = next;
    }
    folder.feeds.push(source);
  }
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<opml version="2.0">', '  <head>'];
  lines.push(`    <title>${escapeXml(options.title ?? 'dateline sources')}</title>`);
  if (options.dateCreated) lines.push(`    <dateCreated>${escapeXml(options.dateCreated)}</dateCreated>`);
  lines.push('  </head>', '  <body>');
  const write = (folder: Folder, indent: string): void => {
    for (const feed of folder.feeds) {
      const site = feed.siteUrl ? ` htmlUrl="${escapeXml(feed.siteUrl)}"` : '';
      const title = escapeXml(feed.title);
      lines.push(`${indent}<outline type="rss" text="${title}" title="${title}" xmlUrl="${escapeXml(feed.feedUrl)}"${site}/>`);
    }
    for (const child of folder.folders.values()) {
      const title = escapeXml(child.name);
      lines.push(`${indent}<outline text="${title}" title="${title}">`);
      write(child, `${indent}  `);
      lines.push(`${indent}</outline>`);
    }
  };
  write(top, '    ');
  lines.push('  </body>', '</opml>', '');
  return lines.join('\n');
}

/**
 * Text safe in XML content and attribute values: the five markup characters escaped, tabs and
 * line breaks as character references (an attribute would fold them to spaces), and characters
 * XML 1.0 forbids (C0 controls, lone surrogates, U+FFFE/U+FFFF) removed.
 */
export function escapeXml(value: string): string {
  return value
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
    .replace(/[&<>"'\t\n\r]/g, (ch) => XML_ESCAPES[ch] ?? ch);
}

const XML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;',
};

function lowerKeys(attrs: Record<string, string>): Record<string, string | undefined> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(attrs)) if (!(key.toLowerCase() in out)) out[key.toLowerCase()] = value;
  return out;
}

/** An absolute http(s) URL in canonical form, with a note when `feed:` had to be read as http. */
function httpUrl(value: string): { url: string | null; note?: string } {
  const fromFeed = FEED_SCHEME.test(value);
  let candidate = value;
  if (fromFeed) {
    const rest = value.replace(FEED_SCHEME, '');
    candidate = /^https?:/i.test(rest) ? rest : `http://${rest}`;
  }
  try {
    const url = new URL(candidate);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return { url: null };
    return fromFeed ? { url: url.href, note: `${JSON.stringify(value)} read as ${url.href}` } : { url: url.href };
  } catch {
    return { url: null };
  }
}

/** The first of a comma-separated OPML 2.0 `category` as a folder path: "/News/Tech" -> ["News", "Tech"]. */
function categoryPath(category: string): string[] {
  const first = category.split(',')[0] ?? '';
  return first.split('/').map((part) => part.trim()).filter(Boolean);
}
