// The headline: what the page's headings, meta titles, JSON-LD and <title> agree on, without the
// site's name that <title> and meta titles carry ("Story | Site", "Site: Story").
import { typesOf, type LinkedData } from './json-ld.js';
import { headingText, type PageScan } from './page-scan.js';
import { clean, firstClean, isSiteName, sameText } from './sources.js';

/** Meta names and properties (lower case) that carry the title, best first. */
export const TITLE_METAS = ['og:title', 'twitter:title', 'dc.title', 'sailthru.title', 'parsely-title'];

/**
 * What separates a headline from the site's name in `<title>`: "Story | Site", "Story - Site",
 * "Site » Story". A bare hyphen needs spaces round it, or "Covid-19" would split.
 */
export const TITLE_SEPARATORS = /\s+(?:[|\-–—·•»«~/]|::)\s+|\s*[|·•»«]\s*/;
/** "Site: Story" is cut only when the part before the colon is the known site name. */
const TITLE_PREFIX_SEPARATOR = /^(.{2,40}?)\s*:\s+/;
/** Longer than this, a heading is not the headline (a teaser's text, a whole section). */
const MAX_TITLE_LENGTH = 300;
/** Share of the shorter title's words the other must have for a heading to be confirmed. */
const MIN_TITLE_OVERLAP = 0.6;
/** How many h1 and h2 elements are weighed; the headline is among the first in nearly every page. */
const HEADINGS_WEIGHED = 5;

/** A title split into its headline and the site's name around it. */
export interface TitleParts {
  headline: string | null;
  /** The site's name as cut off the title, when it had one. */
  site: string | null;
}

export interface TitleReading extends TitleParts {
  /** Position of the heading the headline was read from: what "near the headline" measures from. */
  at: number | null;
}

/**
 * The headline. Meta titles and `<title>` often carry the site's name, and on some templates
 * og:title is the site's name alone. A heading that one of them confirms is the surest (it is
 * printed as the reader sees it: curly quotes, the full wording, where metas are often shortened
 * for search engines); else the article's JSON-LD headline, og:title, twitter:title, and
 * `<title>` without its site part.
 */
export function readTitle(docTitle: string, metas: Map<string, string>, ld: LinkedData, scan: PageScan, siteName: string | null): TitleReading {
  const fullTitle = clean(docTitle);
  const knownSite = siteName ? clean(siteName) : null;
  const fromTitle = splitTitle(fullTitle, knownSite);
  const site = knownSite ?? fromTitle.site;
  const namesSite = (text: string): boolean =>
    (!!site && sameText(text, site)) || (!!fromTitle.site && sameText(text, fromTitle.site));
  // Meta titles lose a site part only when it is the known site: they are headlines more often.
  const cut = (text: string): string => (site ? (splitTitle(text, site, true).headline ?? text) : text);

  const article = ld.ranked.find((node) => typesOf(node).some((t) => !t.endsWith('page')));
  const ldHeadline = article ? firstClean(asString(article.headline), asString(article.name)) : null;
  const claims = [ldHeadline, ...TITLE_METAS.map((name) => metas.get(name)), fromTitle.headline]
    .map((text) => (text ? cut(clean(text)) : ''))
    .filter((text) => text && !namesSite(text));
  const headings = [...scan.headings.slice(0, HEADINGS_WEIGHED), ...scan.subheadings.slice(0, HEADINGS_WEIGHED)]
    .map((h) => ({ text: headingText(h.element, MAX_TITLE_LENGTH) ?? '', at: h.order }))
    .filter(({ text }) => text && !namesSite(text));

  // When the heading holds a claim and more (a kicker, a date glued on), the claim is the headline.
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

const asString = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/**
 * Whether a heading holds a claim and more. Not when what follows the claim is a quotation: that
 * claim is a meta cut short at a quote mark the page forgot to escape.
 */
function holds(heading: string, claim: string): boolean {
  const at = heading.toLowerCase().indexOf(claim.toLowerCase());
  return at >= 0 && !/^\s*["'«»„“”‚‘’]/.test(heading.slice(at + claim.length));
}

const WORD = /[\p{L}\p{N}]+/gu;

/** Whether two titles share most of their words (of the shorter's, MIN_TITLE_OVERLAP). */
function confirms(claim: string, heading: string): boolean {
  if (sameText(claim, heading)) return true;
  const a = new Set(claim.toLowerCase().match(WORD) ?? []);
  const b = new Set(heading.toLowerCase().match(WORD) ?? []);
  if (a.size < 2 || b.size < 2) return false;
  let shared = 0;
  for (const word of b) if (a.has(word)) shared++;
  return shared / Math.min(a.size, b.size) >= MIN_TITLE_OVERLAP;
}

/**
 * A title split into headline and site: "Story | Site" -> Story, Site. The site is the part that
 * names the known site; when none does, the shorter end, unless `strict` (meta titles, which are
 * headlines more often than not). "Site: Story" is cut only when the site is known.
 *
 * @example splitTitle('Rain expected - The Daily', null) // { headline: 'Rain expected', site: 'The Daily' }
 */
export function splitTitle(title: string, site: string | null, strict = false): TitleParts {
  if (!title) return { headline: null, site: null };
  const parts = title.split(TITLE_SEPARATORS).filter((p) => p.trim());
  if (parts.length < 2) {
    const prefix = TITLE_PREFIX_SEPARATOR.exec(title);
    if (site && prefix && isSiteName(prefix[1] as string, site)) return { headline: title.slice(prefix[0].length), site: prefix[1] as string };
    return { headline: title, site: null };
  }
  const siteAt = site ? parts.findIndex((part) => isSiteName(part, site)) : -1;
  if (siteAt === 0) return { headline: joinBack(title, parts.slice(1)), site: parts[0] as string };
  if (siteAt > 0) return { headline: joinBack(title, parts.slice(0, siteAt)), site: parts[siteAt] as string };
  if (strict) return { headline: title, site: null };
  const first = parts[0] as string;
  const last = parts[parts.length - 1] as string;
  return last.length <= first.length
    ? { headline: joinBack(title, parts.slice(0, -1)), site: last }
    : { headline: joinBack(title, parts.slice(1)), site: first };
}

/** The original text from the first kept part to the last, separators as written. */
function joinBack(title: string, parts: string[]): string {
  const start = title.indexOf(parts[0] as string);
  const last = parts[parts.length - 1] as string;
  const end = title.lastIndexOf(last) + last.length;
  return title.slice(start, end).trim();
}
