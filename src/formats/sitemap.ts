// Sitemaps (sitemaps.org 0.9): URL sets, sitemap indexes, Google News and image extensions, text
// sitemaps and gzip. A source of article URLs with their dates, read leniently: a broken sitemap
// gives what it holds, with each fault in `problems`; only what is not a sitemap at all throws.
import { gunzipSync, constants as zlib } from 'node:zlib';
import { Parser } from 'htmlparser2';
import { DatelineError, MAX_CAPTURE_BYTES, formatSize } from '../core/index.js';
import type { InputProblem } from '../core/index.js';
import { decodeText } from './decode.js';
import { normalizeDate } from './html/dates.js';
import { lineIndex } from './lines.js';

/** "A Sitemap file can contain no more than 50,000 URLs and must be no larger than 50MB (52,428,800 bytes)." */
export const MAX_SITEMAP_URLS = 50_000;
export const MAX_SITEMAP_BYTES = 52_428_800;
/**
 * The hard limit on a sitemap's (decompressed) size: past it parsing stops with
 * E_INPUT_TOO_LARGE. The capture limit, so a gzip bomb is held to what any capture is.
 */
export const DEFAULT_MAX_BYTES = MAX_CAPTURE_BYTES;
/** Problems kept one by one; past this many they are counted in one last problem. */
export const MAX_PROBLEMS = 100;

const CHANGEFREQS = new Set(['always', 'hourly', 'daily', 'weekly', 'monthly', 'yearly', 'never']);
/** Namespace URIs of the extensions we read, to the prefix we use whatever the file calls them. */
const NAMESPACES: Readonly<Record<string, string>> = {
  'http://www.google.com/schemas/sitemap-news/0.9': 'news',
  'http://www.google.com/schemas/sitemap-image/1.1': 'image',
  'http://www.sitemaps.org/schemas/sitemap/0.9': '',
};
/** W3C Datetime (https://www.w3.org/TR/NOTE-datetime): YYYY, YYYY-MM, YYYY-MM-DD, then hh:mm[:ss[.s]]TZD. */
const W3C_DATETIME = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/;

export interface SitemapNews {
  title: string | null;
  /** news:publication_date as ISO 8601, the stated offset kept. */
  published: string | null;
  /** news:publication/news:name. */
  publication: string | null;
  /** news:publication/news:language, lower case (`en`, `zh-cn`). */
  language: string | null;
  /** news:genres (`PressRelease`, `Blog`, ...), news:keywords and news:stock_tickers, when given. */
  genres?: string[];
  keywords?: string[];
  tickers?: string[];
}

export interface SitemapImage {
  url: string;
  title?: string;
  caption?: string;
}

export interface SitemapEntry {
  url: string;
  /** lastmod as ISO 8601 at the precision given (a day stays a day), offset kept; null when absent or unreadable. */
  lastmod: string | null;
  changefreq?: string;
  priority?: number;
  news?: SitemapNews;
  images?: SitemapImage[];
}

export interface ParsedSitemap {
  kind: 'urlset' | 'index' | 'text';
  /** The pages a URL set or text sitemap lists, in order, each URL once. Empty for an index. */
  entries: SitemapEntry[];
  /** The child sitemaps an index lists, in order, each once. Empty otherwise. */
  sitemaps: string[];
  /** A child sitemap's lastmod, by its URL, where the index gives one: refetch only what changed. */
  sitemapLastmod: Record<string, string>;
  problems: InputProblem[];
}

export interface SitemapOptions {
  /** The input's name for errors and problems: its URL or path. Defaults to `url`, else 'sitemap'. */
  name?: string;
  /**
   * Where the sitemap was fetched from. When given, listed URLs on another host are dropped, as
   * the protocol says ("all URLs in a Sitemap must be from a single host"); `www.` is ignored.
   */
  url?: string;
  /** More hosts whose URLs are kept, e.g. where robots.txt cross-submits this sitemap. */
  allowedHosts?: readonly string[];
  /** Hard limit on the (decompressed) size; E_INPUT_TOO_LARGE past it. */
  maxBytes?: number;
}

/**
 * Reads a sitemap: XML URL set or index (gzipped or not), or a text sitemap (one URL per line).
 * 1. Gzip (magic 1f 8b) is inflated under `maxBytes`; a bomb throws E_INPUT_TOO_LARGE, a
 *    truncated stream keeps what inflated, a corrupt one throws E_INPUT_BINARY.
 * 2. Bytes are decoded (BOM, XML declaration, UTF-8); text not starting with `<` is a text sitemap.
 * 3. XML is read with htmlparser2 in XML mode: only the five predefined entities and character
 *    references are decoded; DTDs and external entities are never read, expanded or fetched.
 * 4. Only absolute http(s) URLs on the sitemap's host are kept; each one dropped is a problem,
 *    as are bad dates, priorities, changefreqs, duplicates, and going past the protocol's limits.
 * Throws E_INPUT_EMPTY for no content and E_INPUT_PROBLEM for XML whose root is not a sitemap.
 *
 * @example parseSitemap('<urlset><url><loc>https://a.example/x</loc></url></urlset>').entries[0].url
 */
export function parseSitemap(input: Uint8Array | string, options: SitemapOptions = {}): ParsedSitemap {
  const name = options.name ?? options.url ?? 'sitemap';
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const problems = new ProblemList();
  let text: string;
  let size: number;
  if (typeof input === 'string') {
    text = input;
    size = Buffer.byteLength(input);
    if (size > maxBytes) throw tooLarge(name, maxBytes);
  } else {
    const bytes = input[0] === 0x1f && input[1] === 0x8b ? gunzip(input, name, maxBytes, problems) : input;
    if (bytes.length > maxBytes) throw tooLarge(name, maxBytes);
    size = bytes.length;
    const decoded = decodeText(bytes, { name });
    text = decoded.text;
    if (decoded.replaced > 0) problems.add(`${decoded.replaced} byte sequences are not ${decoded.encoding}; replaced`, undefined, 'warning');
  }
  text = text.replace(/^\uFEFF/, '');
  if (text.trim() === '') throw new DatelineError('E_INPUT_EMPTY', `sitemap: ${name} is empty; nothing to parse`, { input: name });
  if (size > MAX_SITEMAP_BYTES) {
    problems.add(`larger than the protocol's ${formatSize(MAX_SITEMAP_BYTES)} (${formatSize(size)}); read anyway`, undefined, 'warning');
  }
  const urls = new UrlPolicy(options);
  const result = /^\s*</.test(text) ? readXml(text, name, urls, problems) : readText(text, urls, problems);
  const listed = result.kind === 'index' ? result.sitemaps.length : result.entries.length;
  if (listed > MAX_SITEMAP_URLS) {
    problems.add(`lists ${listed} URLs, more than the protocol's ${MAX_SITEMAP_URLS}; all kept`, undefined, 'warning');
  }
  return { ...result, problems: problems.list() };
}

/**
 * A W3C datetime (the sitemap's date format) as ISO 8601, precision and offset kept; near misses
 * (a space for `T`, `+0100`, RFC 2822) are read too. Null when it is not a date.
 *
 * @example parseW3cDatetime('2024-03-05T09:30+01:00') // '2024-03-05T09:30:00+01:00'
 */
export function parseW3cDatetime(value: string): { iso: string; strict: boolean } | null {
  const trimmed = value.trim();
  const m = W3C_DATETIME.exec(trimmed);
  if (!m) {
    const loose = normalizeDate(trimmed);
    return loose ? { iso: loose, strict: false } : null;
  }
  const [, year, month, day, hour, minute, second, fraction, zone] = m;
  if (month !== undefined && (Number(month) < 1 || Number(month) > 12)) return null;
  if (day === undefined) return { iso: month === undefined ? `${year}` : `${year}-${month}`, strict: true };
  const date = normalizeDate(`${year}-${month}-${day}`);
  if (!date) return null;
  if (hour === undefined || minute === undefined) return { iso: date, strict: true };
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second ?? 0) > 59) return null;
  if (zone && zone !== 'Z' && (Number(zone.slice(1, 3)) > 14 || Number(zone.slice(4)) > 59)) return null;
  // A time without its zone designator breaks the format; it stays local time.
  return { iso: `${date}T${hour}:${minute}:${second ?? '00'}${fraction ?? ''}${zone ?? ''}`, strict: zone !== undefined };
}

type Parsed = Omit<ParsedSitemap, 'problems'>;

/** Problems in order, with the first MAX_PROBLEMS kept and the rest counted. */
class ProblemList {
  private readonly kept: InputProblem[] = [];
  private more = 0;
  add(message: string, line?: number, severity: 'error' | 'warning' = 'error'): void {
    if (this.kept.length >= MAX_PROBLEMS) {
      this.more++;
      return;
    }
    this.kept.push(line === undefined ? { message, severity } : { line, message, severity });
  }
  list(): InputProblem[] {
    return this.more === 0 ? this.kept : [...this.kept, { message: `${this.more} more problems not listed`, severity: 'warning' }];
  }
}

/** Which listed URLs are kept: absolute http(s), on the sitemap's host when it is known. */
class UrlPolicy {
  private readonly hosts: Set<string> | null;
  constructor(options: SitemapOptions) {
    const own = options.url ? hostOf(options.url) : null;
    this.hosts = own ? new Set([own, ...(options.allowedHosts ?? []).map((h) => bareHost(h.toLowerCase()))]) : null;
  }
  /** The URL in canonical form, or why it is dropped. */
  check(value: string, sameHost: boolean): { url: string } | { why: string } {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return { why: 'not an absolute URL' };
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return { why: 'not an http(s) URL' };
    if (sameHost && this.hosts && !this.hosts.has(bareHost(url.host))) {
      return { why: `on another host (${url.host}) than the sitemap` };
    }
    return { url: url.href };
  }
}

function hostOf(url: string): string | null {
  try {
    return bareHost(new URL(url).host);
  } catch {
    return null;
  }
}

const bareHost = (host: string): string => host.replace(/^www\./, '');
const quote = (value: string): string => JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}...` : value);

function tooLarge(name: string, maxBytes: number, cause?: unknown): DatelineError {
  return new DatelineError(
    'E_INPUT_TOO_LARGE',
    `sitemap: ${name} holds more than ${formatSize(maxBytes)} (decompressed); refused: a gzip bomb, or a sitemap to split`,
    { input: name, cause },
  );
}

/** Inflates gzip under a hard output limit; a cut-off stream gives what it held. */
function gunzip(bytes: Uint8Array, name: string, maxBytes: number, problems: ProblemList): Uint8Array {
  try {
    return gunzipSync(bytes, { maxOutputLength: maxBytes });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(name, maxBytes, error);
    if ((error as { code?: string }).code === 'Z_BUF_ERROR') {
      // Unexpected end of file: a sync flush returns the part that did inflate.
      try {
        const partial = gunzipSync(bytes, { maxOutputLength: maxBytes, finishFlush: zlib.Z_SYNC_FLUSH });
        problems.add(`the gzip stream is cut off; read the ${formatSize(partial.length)} before the cut`);
        return partial;
      } catch (again) {
        if ((again as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(name, maxBytes, again);
      }
    }
    throw new DatelineError('E_INPUT_BINARY', `sitemap: ${name} starts like gzip but does not inflate (${(error as Error).message})`, {
      input: name,
      cause: error,
    });
  }
}

function readText(text: string, urls: UrlPolicy, problems: ProblemList): Parsed {
  const entries: SitemapEntry[] = [];
  const seen = new Set<string>();
  const lines = text.split(/\r\n|\r|\n/);
  for (let index = 0; index < lines.length; index++) {
    const line = (lines[index] ?? '').trim();
    if (line === '') continue;
    const checked = urls.check(line, true);
    if ('why' in checked) problems.add(`dropped ${quote(line)}: ${checked.why}`, index + 1);
    else if (seen.has(checked.url)) problems.add(`dropped ${quote(line)}: listed before`, index + 1, 'warning');
    else {
      seen.add(checked.url);
      entries.push({ url: checked.url, lastmod: null });
    }
  }
  return { kind: 'text', entries, sitemaps: [], sitemapLastmod: {} };
}

/** One <url> or <sitemap> being read. */
interface Draft {
  tag: 'url' | 'sitemap';
  line: number;
  loc?: string;
  lastmod?: string;
  changefreq?: string;
  priority?: string;
  news?: Partial<Record<'title' | 'published' | 'name' | 'language' | 'genres' | 'keywords' | 'tickers', string>>;
  images: Partial<Record<'loc' | 'title' | 'caption', string>>[];
}

function readXml(text: string, name: string, urls: UrlPolicy, problems: ProblemList): Parsed {
  const lineAt = lineIndex(text);
  const prefixes = new Map<string, string>([['news', 'news'], ['image', 'image']]);
  const entries: SitemapEntry[] = [];
  const sitemaps: string[] = [];
  const sitemapLastmod: Record<string, string> = {};
  const seen = new Set<string>();
  const open: { tag: string; selfClosing: boolean }[] = [];
  // Assigned in the parser's callbacks, so typed wide: TS would narrow a plain `= null` for good.
  let root = null as string | null;
  let draft = null as Draft | null;
  let seenDtd = false;
  let image: Draft['images'][number] | null = null;
  let textBuffer = '';
  let unclosed = 0;

  const finish = (): void => {
    const d = draft;
    draft = null;
    if (!d) return;
    const tag = d.tag;
    if (tag === 'sitemap' ? root === 'urlset' : root === 'sitemapindex') {
      problems.add(`<${tag}> in a <${root}>; dropped`, d.line);
      return;
    }
    if (!d.loc) return problems.add(`<${tag}> without <loc>; dropped`, d.line);
    const checked = urls.check(d.loc, true);
    if ('why' in checked) return problems.add(`dropped ${quote(d.loc)}: ${checked.why}`, d.line);
    if (seen.has(checked.url)) return problems.add(`dropped ${quote(d.loc)}: listed before`, d.line, 'warning');
    seen.add(checked.url);
    const lastmod = d.lastmod === undefined ? null : readDate(d.lastmod, 'lastmod', d.line, problems);
    if (tag === 'sitemap') {
      sitemaps.push(checked.url);
      if (lastmod) sitemapLastmod[checked.url] = lastmod;
      return;
    }
    entries.push(toEntry(checked.url, lastmod, d, urls, problems));
  };

  const parser = new Parser(
    {
      onopentag(rawTag, attrs) {
        const tag = qualified(rawTag, attrs, prefixes);
        open.push({ tag, selfClosing: text[parser.endIndex - 1] === '/' });
        textBuffer = '';
        const line = lineAt(parser.startIndex);
        if (root === null) {
          root = tag;
          if (tag !== 'urlset' && tag !== 'sitemapindex') {
            throw new DatelineError(
              'E_INPUT_PROBLEM',
              `sitemap: ${name} is not a sitemap: its root element is <${rawTag}>, not <urlset> or <sitemapindex>` +
                (/^(rss|feed|rdf:rdf)$/i.test(rawTag) ? ' (a feed: read it with the feed parser)' : ''),
              { input: name, line },
            );
          }
        } else if (tag === 'url' || tag === 'sitemap') {
          if (draft) {
            problems.add(`<${draft.tag}> is not closed before the next <${tag}>`, draft.line);
            finish();
          }
          draft = { tag, line, images: [] };
        } else if (tag === 'image:image' && draft) {
          image = {};
          draft.images.push(image);
        }
      },
      ontext(chunk) {
        textBuffer += chunk;
      },
      onclosetag(rawTag, implied) {
        const top = open.pop();
        if (implied && !top?.selfClosing && unclosed++ === 0) {
          problems.add(`<${rawTag}> is never closed (the XML is malformed or cut off)`, lineAt(parser.startIndex));
        }
        const tag = top?.tag ?? rawTag;
        const value = textBuffer.trim();
        textBuffer = '';
        if (tag === 'url' || tag === 'sitemap') return finish();
        if (tag === 'image:image') {
          image = null;
          return;
        }
        if (!draft) return;
        const d: Draft = draft;
        const news = tag.startsWith('news:') ? (d.news ??= {}) : {};
        switch (tag) {
          case 'loc': d.loc ??= value; break;
          case 'lastmod': d.lastmod ??= value; break;
          case 'changefreq': d.changefreq ??= value; break;
          case 'priority': d.priority ??= value; break;
          case 'news:title': news.title ??= value; break;
          case 'news:publication_date': news.published ??= value; break;
          case 'news:name': news.name ??= value; break;
          case 'news:language': news.language ??= value; break;
          case 'news:genres': news.genres ??= value; break;
          case 'news:keywords': news.keywords ??= value; break;
          case 'news:stock_tickers': news.tickers ??= value; break;
          case 'image:loc': if (image) image.loc ??= value; break;
          case 'image:title': if (image) image.title ??= value; break;
          case 'image:caption': if (image) image.caption ??= value; break;
        }
      },
      onprocessinginstruction(piName) {
        if (/^!(doctype|entity)/i.test(piName) && !seenDtd) {
          seenDtd = true;
          problems.add('a DOCTYPE or entity declarations: ignored, entities are never expanded or fetched', lineAt(parser.startIndex), 'warning');
        }
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.end(text);
  if (root === null) {
    throw new DatelineError('E_INPUT_PROBLEM', `sitemap: ${name} holds no XML element; not a sitemap`, { input: name });
  }
  return { kind: root === 'sitemapindex' ? 'index' : 'urlset', entries, sitemaps, sitemapLastmod };
}

/** A tag's name with its namespace prefix mapped to ours (`news:`, `image:`, none), lower case. */
function qualified(rawTag: string, attrs: Record<string, string>, prefixes: Map<string, string>): string {
  for (const [key, value] of Object.entries(attrs)) {
    if (key.startsWith('xmlns:')) {
      const ours = NAMESPACES[value.trim()];
      if (ours !== undefined) prefixes.set(key.slice(6), ours);
    }
  }
  const colon = rawTag.indexOf(':');
  const local = rawTag.slice(colon + 1).toLowerCase();
  if (colon === -1) return local;
  const ours = prefixes.get(rawTag.slice(0, colon)) ?? rawTag.slice(0, colon).toLowerCase();
  return ours ? `${ours}:${local}` : local;
}

function toEntry(url: string, lastmod: string | null, d: Draft, urls: UrlPolicy, problems: ProblemList): SitemapEntry {
  const entry: SitemapEntry = { url, lastmod };
  if (d.changefreq !== undefined) {
    const value = d.changefreq.toLowerCase();
    if (CHANGEFREQS.has(value)) entry.changefreq = value;
    else problems.add(`changefreq ${quote(d.changefreq)} is not one of ${[...CHANGEFREQS].join(', ')}; ignored`, d.line, 'warning');
  }
  if (d.priority !== undefined) {
    const value = Number(d.priority);
    if (d.priority !== '' && value >= 0 && value <= 1) entry.priority = value;
    else problems.add(`priority ${quote(d.priority)} is not between 0.0 and 1.0; ignored`, d.line, 'warning');
  }
  if (d.news) {
    const n = d.news;
    const news: SitemapNews = {
      title: n.title || null,
      published: n.published ? readDate(n.published, 'news:publication_date', d.line, problems) : null,
      publication: n.name || null,
      language: n.language ? n.language.toLowerCase() : null,
    };
    const list = (value: string | undefined): string[] => (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    for (const key of ['genres', 'keywords', 'tickers'] as const) {
      const values = list(n[key]);
      if (values.length > 0) news[key] = values;
    }
    entry.news = news;
  }
  const images: SitemapImage[] = [];
  for (const found of d.images) {
    // Images may live on a CDN: any host will do.
    const checked = found.loc ? urls.check(found.loc, false) : { why: 'no <image:loc>' };
    if ('why' in checked) {
      problems.add(`dropped an image ${quote(found.loc ?? '')}: ${checked.why}`, d.line, 'warning');
      continue;
    }
    const kept: SitemapImage = { url: checked.url };
    if (found.title) kept.title = found.title;
    if (found.caption) kept.caption = found.caption;
    images.push(kept);
  }
  if (images.length > 0) entry.images = images;
  return entry;
}

function readDate(value: string, field: string, line: number, problems: ProblemList): string | null {
  const date = parseW3cDatetime(value);
  if (!date) problems.add(`${field} ${quote(value)} is not a date; ignored`, line, 'warning');
  else if (!date.strict) problems.add(`${field} ${quote(value)} is not a W3C datetime; read as ${date.iso}`, line, 'warning');
  return date?.iso ?? null;
}
