// What a page says about itself: title, dates, byline, site, canonical URL, language, summary and
// image, read from JSON-LD, <meta>/<link>, microdata and, failing those, what the page prints near
// its headline. Each field has its sources in priority order as constants here; the tree is
// walked once (page-scan.ts), and JSON-LD and dates have their own readers (json-ld.ts, dates.ts).
import { decodeHTML } from 'entities';
import { dateInUrl, normalizeDate, printedDate } from './dates.js';
import type { PageMetadata } from './index.js';
import { readLinkedData, typesOf, type LdNode, type LinkedData } from './json-ld.js';
import {
  BYLINE_BOX_HINT, DATE_BOX_HINT, boxesNear, headingText, isForeign, scanPage, shortText, textAround, type PageScan, type Placed,
} from './page-scan.js';
import type { ParsedHtml } from './tree.js';

export interface MetadataOptions {
  /** The page's URL: resolves relative links and gives a date when its path has one. */
  url: string | null;
}

/** Meta names and properties (lower case) for each field, best first. */
export const TITLE_METAS = ['og:title', 'twitter:title', 'dc.title', 'sailthru.title', 'parsely-title'];
export const PUBLISHED_METAS = [
  'article:published_time', 'og:article:published_time', 'article:published', 'datepublished',
  'og:published_time', 'published_time', 'publication_date', 'publication-date', 'publish-date',
  'publish_date', 'publishdate', 'pubdate', 'published', 'published_at', 'date.published',
  'dc.date.issued', 'dcterms.issued', 'dc.date.created', 'dcterms.created', 'dc.date', 'dcterms.date',
  'date', 'sailthru.date', 'parsely-pub-date', 'article.published', 'cxenseparse:recs:publishtime',
  'citation_publication_date', 'citation_date', 'release_date', 'datecreated', 'created',
];
export const MODIFIED_METAS = [
  'article:modified_time', 'og:article:modified_time', 'datemodified', 'og:updated_time',
  'article:updated_time', 'modified_time', 'dc.date.modified', 'dcterms.modified', 'last-modified',
  'lastmod', 'article.updated', 'parsely-updated',
];
export const AUTHOR_METAS = [
  'author', 'article:author', 'og:article:author', 'dc.creator', 'dcterms.creator', 'byl',
  'sailthru.author', 'parsely-author', 'cxenseparse:author', 'citation_author', 'twitter:creator:name',
];
export const SITE_NAME_METAS = ['og:site_name', 'application-name', 'apple-mobile-web-app-title', 'publisher', 'dc.publisher'];
export const DESCRIPTION_METAS = ['og:description', 'description', 'twitter:description', 'dc.description'];
export const IMAGE_METAS = ['og:image', 'og:image:url', 'og:image:secure_url', 'twitter:image', 'twitter:image:src', 'image', 'thumbnailurl'];
export const LANGUAGE_METAS = ['content-language', 'og:locale', 'language', 'dc.language'];

/**
 * What separates a headline from the site's name in `<title>`: "Story | Site", "Story - Site",
 * "Site » Story". A bare hyphen needs spaces round it, or "Covid-19" would split.
 */
export const TITLE_SEPARATORS = /\s+(?:[|\-–—·•»«~/]|::)\s+|\s*[|·•»«]\s*/;
/** "Site: Story" is cut only when the part before the colon is the known site name. */
const TITLE_PREFIX_SEPARATOR = /^(.{2,40}?)\s*:\s+/;

/** Words before a name in a byline, in the page's languages. */
export const BYLINE_PREFIX =
  /^(?:(?:written|posted|published|reported|text|story|words)\s+by|by|von|vom|par|por|door|av|af|przez|autor(?:in)?|author|auteur|text|texto|verfasst von|geschrieben von|ein beitrag von|redakteur(?:in)?)\s*[:\-–]?\s+/i;
/** Longer than this, a byline is a paragraph, not a name list. */
const MAX_BYLINE_LENGTH = 100;
/** Longer than this, a heading is not the headline (a teaser's text, a whole section). */
const MAX_TITLE_LENGTH = 300;
/** Characters of text after and before the headline that are read for a printed date. */
const TEXT_AFTER_HEADLINE = 600;
const TEXT_BEFORE_HEADLINE = 120;
/** Share of the shorter title's words the other must have for a heading to be confirmed. */
const MIN_TITLE_OVERLAP = 0.6;
/** A date box this far (in elements) from the headline is still "near" it. */
const NEAR_HEADLINE = 400;

/**
 * Reads a page's metadata. Sources per field, best first:
 * 1. JSON-LD of the article-like node (NewsArticle, Article, BlogPosting...), then of the page;
 * 2. <meta>/<link> (Open Graph, Twitter, Dublin Core, Parse.ly, sailthru, plain names);
 * 3. microdata and <time> elements;
 * 4. the URL path (dates) and what the page prints near its h1 (dates, bylines).
 *
 * @example readMetadata(parseHtml('<title>Rain | Daily</title><h1>Rain</h1>'), { url: null }).title // 'Rain'
 */
export function readMetadata(page: ParsedHtml, options: MetadataOptions): PageMetadata {
  const metas = metaMap(page.head.metas);
  const ld = readLinkedData(page.head.jsonLd);
  const scan = scanPage(page.root);
  const base = options.url;

  const siteFromMeta = firstMeta(metas, SITE_NAME_METAS) ?? ldPublisherName(ld);
  const title = readTitle(page.head.title, metas, ld, scan, siteFromMeta);
  const canonicalUrl = readCanonical(page, metas, base);
  // Where the headline is: bylines and printed dates are looked for near it.
  const anchor = title.at ?? scan.headings[0]?.order ?? 0;
  const dayFirst = !/^en[-_]us$/i.test(page.head.lang ?? '');
  const sources: Sources = { metas, ld, scan, anchor, dayFirst };

  return {
    title: title.headline,
    published: readPublished(sources, [base, canonicalUrl]),
    modified: readModified(sources),
    byline: readByline(sources),
    siteName: siteFromMeta ? clean(siteFromMeta) : title.site,
    canonicalUrl,
    language: readLanguage(page.head.lang, metas),
    description: firstClean(firstMeta(metas, DESCRIPTION_METAS), ldString(ld, 'description')),
    image: readImage(metas, ld, page.head.links, canonicalUrl ?? base),
  };
}

// --- text helpers ---

const ENTITY = /&(?:#\d+|#x[\da-f]+|[a-z][a-z\d]*);/i;
const TAG = /<\/?[a-z][^>]*>/gi;

/** Entities decoded (once more: CMSs double-encode), tags dropped, whitespace collapsed. */
function clean(text: string): string {
  let out = text;
  if (out.includes('<')) out = out.replace(TAG, ' ');
  if (ENTITY.test(out)) out = decodeHTML(out);
  return out.replace(/\s+/g, ' ').trim();
}

function firstClean(...values: (string | null | undefined)[]): string | null {
  for (const value of values) {
    const text = value ? clean(value) : '';
    if (text) return text;
  }
  return null;
}

const sameText = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

// --- meta ---

/** Each meta's first non-empty content, by its lower-cased property, name, itemprop or http-equiv. */
function metaMap(metas: readonly Record<string, string>[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const meta of metas) {
    const content = meta.content ?? meta.value;
    if (!content?.trim()) continue;
    for (const key of [meta.property, meta.name, meta.itemprop, meta['http-equiv']]) {
      if (!key) continue;
      const name = key.trim().toLowerCase();
      if (!map.has(name)) map.set(name, content.trim());
    }
  }
  return map;
}

function firstMeta(metas: Map<string, string>, names: readonly string[]): string | null {
  for (const name of names) {
    const value = metas.get(name);
    if (value) return value;
  }
  return null;
}

// --- JSON-LD fields ---

/** A string field of the best-ranked node that has one. */
function ldString(ld: LinkedData, key: string): string | null {
  for (const node of ld.ranked) {
    const value = node[key];
    if (typeof value === 'string' && value.trim()) return value;
  }
  return null;
}

function ldPublisherName(ld: LinkedData): string | null {
  for (const node of ld.ranked) {
    const name = nameOf(resolve(ld, node.publisher));
    if (name) return name;
  }
  const site = ld.all.find((node) => typesOf(node).includes('website'));
  return site && typeof site.name === 'string' ? site.name : null;
}

/** A `{"@id": ...}` reference replaced by the node it names, when the page has it. */
function resolve(ld: LinkedData, value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => resolve(ld, item));
  if (value && typeof value === 'object') {
    const id = (value as LdNode)['@id'];
    if (typeof id === 'string' && Object.keys(value).length === 1) return ld.byId.get(id) ?? value;
  }
  return value;
}

function nameOf(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() || null;
  if (Array.isArray(value)) return nameOf(value[0]);
  if (value && typeof value === 'object') {
    const node = value as LdNode;
    if (typeof node.name === 'string' && node.name.trim()) return node.name.trim();
    const parts = [node.givenName, node.familyName].filter((p): p is string => typeof p === 'string');
    if (parts.length) return parts.join(' ').trim() || null;
  }
  return null;
}

// --- title ---

/** A title split into its headline and the site's name around it. */
export interface TitleParts {
  headline: string | null;
  /** The site's name as cut off `<title>`, when it had one. */
  site: string | null;
}

interface TitleReading extends TitleParts {
  /** Position of the heading the headline was read from: what "near the headline" measures from. */
  at: number | null;
}

/**
 * The headline. Meta titles and `<title>` often carry the site's name ("Story | Site"), and on
 * some templates og:title is the site's name alone; a heading that one of them confirms is the
 * surest, then the article's JSON-LD headline, og:title, and `<title>` without its site part.
 */
function readTitle(docTitle: string, metas: Map<string, string>, ld: LinkedData, scan: PageScan, siteName: string | null): TitleReading {
  const fullTitle = clean(docTitle);
  const fromTitle = splitTitle(fullTitle, siteName ? clean(siteName) : null);
  const site = siteName ? clean(siteName) : fromTitle.site;
  const isSiteName = (text: string): boolean =>
    (!!site && sameText(text, site)) || (!!fromTitle.site && sameText(text, fromTitle.site));
  // Meta titles lose a site part only when it is the known site: they are headlines more often.
  const cut = (text: string): string => (site ? splitTitle(text, site, true).headline ?? text : text);

  const article = ld.ranked.find((node) => typesOf(node).some((t) => !t.endsWith('page')));
  const ldHeadline = article ? firstClean(asString(article.headline), asString(article.name)) : null;
  const claims = [ldHeadline, ...TITLE_METAS.map((name) => metas.get(name)), fromTitle.headline]
    .map((text) => (text ? cut(clean(text)) : ''))
    .filter((text) => text && !isSiteName(text));
  const headings = [...scan.headings.slice(0, 5), ...scan.subheadings.slice(0, 5)]
    .map((h) => ({ text: headingText(h.element, MAX_TITLE_LENGTH) ?? '', at: h.order }))
    .filter(({ text }) => text && !isSiteName(text));

  // A heading that a meta title or <title> confirms is printed as the reader sees it (curly
  // quotes, the full wording) where metas are often shortened for search engines; but when the
  // heading holds a claim and more (a kicker, a date glued on), the claim is the headline.
  const confirmers = fullTitle ? [...claims, fullTitle] : claims;
  for (const { text, at } of headings) {
    const claim = confirmers.find((c) => confirms(c, text));
    if (claim === undefined) continue;
    const inside = claim !== fullTitle && claim.length < text.length && holds(text, claim);
    return { headline: inside ? claim : text, site: fromTitle.site, at };
  }
  const first = headings[0];
  return { headline: claims[0] ?? first?.text ?? null, site: fromTitle.site, at: first?.at ?? null };
}

/**
 * Whether a heading holds a claim and more (a date glued on). Not when what follows the claim is
 * a quotation: that claim is a meta cut short at a quote mark the page forgot to escape.
 */
function holds(heading: string, claim: string): boolean {
  const at = heading.toLowerCase().indexOf(claim.toLowerCase());
  return at >= 0 && !/^\s*["'«»„“”‚‘’]/.test(heading.slice(at + claim.length));
}

const WORD = /[\p{L}\p{N}]+/gu;

/** Whether two titles share most of their words (the shorter's, at least MIN_TITLE_OVERLAP). */
function confirms(claim: string, heading: string): boolean {
  if (sameText(claim, heading)) return true;
  const a = new Set(claim.toLowerCase().match(WORD) ?? []);
  const b = new Set(heading.toLowerCase().match(WORD) ?? []);
  if (a.size < 2 || b.size < 2) return false;
  let shared = 0;
  for (const word of b) if (a.has(word)) shared++;
  return shared / Math.min(a.size, b.size) >= MIN_TITLE_OVERLAP;
}

const asString = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/**
 * `<title>` split into headline and site: "Story | Site" -> Story, Site. With several parts the
 * site is the end part that is the known site name, or else the shorter end; "Site: Story" is
 * cut only when the site name is known.
 */
export function splitTitle(title: string, site: string | null, strict = false): TitleParts {
  if (!title) return { headline: null, site: null };
  const parts = title.split(TITLE_SEPARATORS).filter((p) => p.trim());
  if (parts.length < 2) {
    const prefix = TITLE_PREFIX_SEPARATOR.exec(title);
    if (site && prefix && isSite(prefix[1] as string, site)) return { headline: title.slice(prefix[0].length), site: prefix[1] as string };
    return { headline: title, site: null };
  }
  const siteAt = site ? parts.findIndex((part) => isSite(part, site)) : -1;
  if (siteAt === 0) return { headline: joinBack(title, parts.slice(1)), site: parts[0] as string };
  if (siteAt > 0) return { headline: joinBack(title, parts.slice(0, siteAt)), site: parts[siteAt] as string };
  if (strict) return { headline: title, site: null };
  // Unknown site: the site's name is the shorter end ("Story - Site"; "Site | Story").
  const first = parts[0] as string;
  const last = parts[parts.length - 1] as string;
  return last.length <= first.length
    ? { headline: joinBack(title, parts.slice(0, -1)), site: last }
    : { headline: joinBack(title, parts.slice(1)), site: first };
}

function isSite(part: string, site: string): boolean {
  const [a, b] = [part.toLowerCase().replace(/\W+/g, ''), site.toLowerCase().replace(/\W+/g, '')];
  return a === b || (a.length > 2 && b.includes(a)) || (b.length > 2 && a.includes(b));
}

/** The original text from the first kept part to the last, separators as written. */
function joinBack(title: string, parts: string[]): string {
  const start = title.indexOf(parts[0] as string);
  const last = parts[parts.length - 1] as string;
  const end = title.lastIndexOf(last) + last.length;
  return title.slice(start, end).trim();
}

// --- dates ---

/** What the date and byline readers look at. */
interface Sources {
  metas: Map<string, string>;
  ld: LinkedData;
  scan: PageScan;
  /** Position of the headline in `scan.elements`. */
  anchor: number;
  /** Whether the page writes 03/05/2024 for 3 May (all but US English). */
  dayFirst: boolean;
}

/**
 * The publication date. Stated dates first (JSON-LD, metas, microdata, <time>); when the first
 * is in UTC and another source states the same instant with the local offset, that one is how
 * the page gives it (CMSs serialise in UTC; the local day is the one readers see). Then the URL,
 * JSON-LD dateCreated, and a date printed near the headline.
 */
function readPublished(sources: Sources, urls: (string | null)[]): string | null {
  let first: string | null = null;
  for (const date of statedDates(sources, 'datePublished', PUBLISHED_METAS, true)) {
    if (first === null) {
      first = date;
      if (!isUtc(date)) return date;
    } else if (!isUtc(date) && date.length > 10 && Date.parse(date) === Date.parse(first)) {
      return date;
    }
  }
  if (first) return first;
  for (const url of urls) {
    const date = url ? dateInUrl(url) : null;
    if (date) return date;
  }
  for (const node of sources.ld.ranked) {
    const date = typeof node.dateCreated === 'string' ? normalizeDate(node.dateCreated, sources) : null;
    if (date) return date;
  }
  return printedNearHeadline(sources);
}

const isUtc = (date: string): boolean => date.endsWith('Z') || date.endsWith('+00:00');

function readModified(sources: Sources): string | null {
  for (const date of statedDates(sources, 'dateModified', MODIFIED_METAS, false)) return date;
  return null;
}

/** Dates the page states in markup, best source first: JSON-LD, metas, microdata, <time>. */
function* statedDates(sources: Sources, property: string, metaNames: readonly string[], withTimes: boolean): Generator<string> {
  const { ld, metas, scan } = sources;
  for (const node of ld.ranked) {
    const value = node[property];
    const date = typeof value === 'string' ? normalizeDate(value, sources) : null;
    if (date) yield date;
  }
  for (const name of metaNames) {
    const value = metas.get(name);
    const date = value ? normalizeDate(value, sources) : null;
    if (date) yield date;
  }
  for (const { element } of scan.itemprops.get(property.toLowerCase()) ?? []) {
    if (isForeign(element)) continue;
    // <abbr title> is the microformats way, which Blogger combines with microdata.
    const { attrs } = element;
    const value = attrs.content ?? attrs.datetime ?? (element.tag === 'abbr' ? attrs.title : undefined) ?? shortText(element, 100);
    const date = value ? normalizeDate(value, sources) : null;
    if (date) yield date;
  }
  if (!withTimes) return;
  // A <time> marked as the publication (pubdate), else those nearest the headline.
  const marked = scan.times.find((t) => t.element.attrs.pubdate !== undefined && !isForeign(t.element));
  for (const { element } of marked ? [marked] : byNearness(scan.times, sources.anchor)) {
    if (isForeign(element)) continue;
    const value = element.attrs.datetime ?? element.attrs.content;
    const date = value ? normalizeDate(value, sources) : null;
    if (date) yield date;
  }
}

/** Candidates ordered by distance from the headline, those after it first at equal distance. */
function byNearness(list: Placed[], anchor: number): Placed[] {
  return list
    .filter((p) => Math.abs(p.order - anchor) <= NEAR_HEADLINE)
    .sort((a, b) => Math.abs(a.order - anchor) - Math.abs(b.order - anchor) || b.order - a.order);
}

/**
 * A date printed near the headline: in the heading itself or the text right after it (a date
 * line, "Hamburg, 2. November 2021 -"), then in a box whose class says date or meta, then just
 * before the heading (a kicker line).
 */
function printedNearHeadline({ scan, anchor, dayFirst }: Sources): string | null {
  if (scan.elements[anchor]) {
    const after = printedDate(textAround(scan, anchor, 1, TEXT_AFTER_HEADLINE), { dayFirst });
    if (after) return after;
  }
  for (const element of boxesNear(scan, anchor, NEAR_HEADLINE, DATE_BOX_HINT)) {
    const text = shortText(element, 200);
    const date = text ? printedDate(text, { dayFirst }) : null;
    if (date) return date;
  }
  return anchor > 0 ? printedDate(textAround(scan, anchor - 1, -1, TEXT_BEFORE_HEADLINE), { dayFirst }) : null;
}

// --- byline ---

function readByline({ metas, ld, scan, anchor }: Sources): string | null {
  for (const node of ld.ranked) {
    const names = authorNames(resolve(ld, node.author) ?? resolve(ld, node.creator));
    if (names) return names;
  }
  for (const name of AUTHOR_METAS) {
    const byline = cleanByline(metas.get(name));
    if (byline) return byline;
  }
  for (const { element } of scan.itemprops.get('author') ?? []) {
    if (isForeign(element)) continue;
    const named = element.children.length ? findItemprop(element, 'name') : null;
    const byline = cleanByline(element.attrs.content ?? (named ? shortText(named, MAX_BYLINE_LENGTH) : shortText(element, MAX_BYLINE_LENGTH)));
    if (byline) return byline;
  }
  for (const { element } of scan.authorLinks) {
    if (isForeign(element)) continue;
    const byline = cleanByline(shortText(element, MAX_BYLINE_LENGTH));
    if (byline) return byline;
  }
  for (const element of boxesNear(scan, anchor, NEAR_HEADLINE, BYLINE_BOX_HINT)) {
    const byline = cleanByline(shortText(element, MAX_BYLINE_LENGTH));
    if (byline) return byline;
  }
  return null;
}

function findItemprop(element: ParsedHtml['root'], property: string): ParsedHtml['root'] | null {
  for (const child of element.children) {
    if (typeof child === 'string') continue;
    if (child.attrs.itemprop?.toLowerCase() === property) return child;
    const found = findItemprop(child, property);
    if (found) return found;
  }
  return null;
}

/** JSON-LD authors as "A, B": strings, {name}, {givenName, familyName}, lists of those. */
function authorNames(value: unknown): string | null {
  const list = Array.isArray(value) ? value : [value];
  const names: string[] = [];
  for (const item of list) {
    const name = cleanByline(nameOf(item));
    if (name && !names.some((n) => sameText(n, name))) names.push(name);
  }
  return names.length ? names.join(', ') : null;
}

/** A byline without "By", never a URL or an e-mail address, and short enough to be names. */
export function cleanByline(value: string | null | undefined): string | null {
  if (!value) return null;
  let text = clean(value);
  for (let i = 0; i < 2; i++) text = text.replace(BYLINE_PREFIX, '');
  text = text.replace(/^[\s,:|–—-]+|[\s,:|–—-]+$/g, '');
  if (!text || text.length > MAX_BYLINE_LENGTH) return null;
  if (/@|:\/\/|^www\.|^\/|\.(?:com|org|net|html?)\b/i.test(text)) return null;
  if (!/\p{L}/u.test(text)) return null;
  return text;
}

// --- links, language, image ---

/** An absolute http(s) URL, resolved against `base`; null for anything else. */
export function absoluteUrl(value: string | null | undefined, base: string | null): string | null {
  const href = value?.trim();
  if (!href) return null;
  try {
    const url = base ? new URL(href, base) : new URL(href);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

function readCanonical(page: ParsedHtml, metas: Map<string, string>, base: string | null): string | null {
  for (const link of page.head.links) {
    if (link.rel && /(?:^|\s)canonical(?:\s|$)/i.test(link.rel)) {
      const url = absoluteUrl(link.href, base);
      if (url) return url;
    }
  }
  return absoluteUrl(metas.get('og:url'), base);
}

/** ISO 639-1 from a language tag: "de-DE" -> "de", "en_US" -> "en"; null when not two letters. */
export function languageCode(tag: string | null | undefined): string | null {
  const primary = tag?.trim().split(/[-_,;\s]/)[0]?.toLowerCase() ?? '';
  return /^[a-z]{2}$/.test(primary) ? primary : null;
}

function readLanguage(htmlLang: string | null, metas: Map<string, string>): string | null {
  const fromHtml = languageCode(htmlLang);
  if (fromHtml) return fromHtml;
  for (const name of LANGUAGE_METAS) {
    const code = languageCode(metas.get(name));
    if (code) return code;
  }
  return null;
}

function readImage(metas: Map<string, string>, ld: LinkedData, links: readonly Record<string, string>[], base: string | null): string | null {
  for (const name of IMAGE_METAS) {
    const url = absoluteUrl(metas.get(name), base);
    if (url) return url;
  }
  for (const node of ld.ranked) {
    const url = absoluteUrl(imageUrl(resolve(ld, node.image)), base);
    if (url) return url;
  }
  const imageLink = links.find((link) => link.rel?.toLowerCase() === 'image_src');
  return absoluteUrl(imageLink?.href, base);
}

function imageUrl(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return imageUrl(value[0]);
  if (value && typeof value === 'object') {
    const node = value as LdNode;
    return asString(node.url) ?? asString(node.contentUrl) ?? null;
  }
  return null;
}
