// The headline: what the page's headings, meta titles, JSON-LD and <title> agree on, without the
// site's name that <title> and meta titles carry ("Story | Site", "Site: Story").
import { typesOf, type LinkedData } from './json-ld.js';
import { headingText, shortText, type PageScan } from './page-scan.js';
import {
  COMMENTS_HEADING, DOMAIN_NAME, EXTRA_DATE, HEADINGS_WEIGHED, HOSTING_LABELS, LEADING_MARKS, MAX_TITLE_LENGTH,
  MIN_TITLE_OVERLAP, NOT_A_TITLE, SITE_JOINER, SITE_NAME_MAX_WORDS, TITLE_FILLER, TITLE_PREFIX_SEPARATOR,
  TITLE_SEPARATORS, UNICODE_FORM,
} from './rules.js';
import { clean, firstClean, sameText, squash } from './sources.js';
import type { HtmlElement } from './tree.js';

/** Meta names and properties (lower case) that carry the title, best first. */
export const TITLE_METAS = ['og:title', 'twitter:title', 'dc.title', 'sailthru.title', 'parsely-title'];

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
  const article = ld.ranked.find((node) => typesOf(node).some((t) => !t.endsWith('page')));
  const ldHeadline = article ? firstClean(asString(article.headline), asString(article.name)) : null;
  const metaTitles = [ldHeadline, ...TITLE_METAS.map((name) => metas.get(name))].map((text) => (text ? clean(text) : '')).filter(Boolean);
  const knownSite = statedSite(siteName, fullTitle) ?? siteBeside(fullTitle, metaTitles);
  const fromTitle = splitTitle(fullTitle, knownSite);
  const site = knownSite ?? fromTitle.site;
  const namesSite = (text: string): boolean =>
    (!!site && sameText(text, site)) || (!!fromTitle.site && sameText(text, fromTitle.site));
  // A heading that is the site's name or a piece of it ("Security Blog" of "Google Online Security Blog").
  const partOfSite = (text: string): boolean =>
    [site, fromTitle.site].some((name) => !!name && squash(name).includes(squash(text)));
  // Meta titles lose a site part only when it is the known site: they are headlines more often.
  const cut = (text: string): string => (site ? (splitTitle(text, site, true).headline ?? text) : text);

  const claims = [...metaTitles, fromTitle.headline ?? '']
    .map((text) => (text ? cut(text) : ''))
    .filter((text) => text && !namesSite(text) && !NOT_A_TITLE.test(text));
  const headings = [scan.headings, scan.subheadings, scan.minorHeadings]
    .flatMap((list) => list.slice(0, HEADINGS_WEIGHED))
    .map((h) => ({ text: withoutSiteSuffix((headingText(h.element, MAX_TITLE_LENGTH) ?? '').replace(LEADING_MARKS, ''), knownSite), at: h.order, element: h.element }))
    .filter(({ text }) => text && !partOfSite(text) && !NOT_A_TITLE.test(text) && !COMMENTS_HEADING.test(text));
  const reading = (headline: string | null, at: number | null): TitleReading => ({ headline: headline?.normalize(UNICODE_FORM) ?? null, site: fromTitle.site, at });

  for (const { text, at, element } of headings) {
    const confirming = claims.filter((claim) => confirms(claim, text));
    // The whole <title> confirms a heading only when the heading is most of it, not a logo's words.
    if (!confirming.length && !(fullTitle && confirms(fullTitle, text) && covers(text, fullTitle))) continue;
    // A heading that holds a claim and a section name or a date ("Local News | Story") reads as the claim.
    const held = confirming.find((claim) => claim.length < text.length && holdsWithExtra(text, claim, element));
    return reading(held ?? text, at);
  }
  // Nothing agrees: the page's own h1 (not a logo: those name the site and were left out above)
  // is the headline a reader sees; else what the metas claim.
  const first = headings[0];
  const h1 = first && scan.headings.some((h) => h.order === first.at) && WORD_GAP.test(first.text) ? first : undefined;
  return reading(h1?.text ?? claims[0] ?? first?.text ?? null, first?.at ?? null);
}

/**
 * The site's name as og:site_name or a publisher states it, unless it is the whole `<title>` and
 * longer than a site's name: an app-name meta that copies the headline.
 */
function statedSite(siteName: string | null, fullTitle: string): string | null {
  const site = siteName ? clean(siteName) : null;
  return site && sameText(site, fullTitle) && wordCount(site) > SITE_NAME_MAX_WORDS ? null : site;
}

/**
 * The site's name as what `<title>` adds to a meta title: "EMACSPEAK: Meta-Programming" beside
 * og:title "Meta-Programming" names the site "EMACSPEAK". Null when no meta title is one end of
 * `<title>` with a joiner (SITE_JOINER) between it and the rest.
 */
function siteBeside(fullTitle: string, metaTitles: string[]): string | null {
  for (const meta of metaTitles) {
    if (meta.length >= fullTitle.length || !WORD_GAP.test(meta)) continue;
    const rest = fullTitle.length - meta.length;
    const site = sameText(fullTitle.slice(0, meta.length), meta)
      ? JOINED_AFTER.exec(fullTitle.slice(meta.length))?.[1]
      : sameText(fullTitle.slice(rest), meta)
        ? JOINED_BEFORE.exec(fullTitle.slice(0, rest))?.[1]
        : undefined;
    // The site is the shorter side: when og:title is the site's name, the rest is the headline.
    if (site && /[\p{L}\p{N}]/u.test(site) && site.trim().length < meta.length) return site.trim();
  }
  return null;
}

/** The site's part after a headline ("| Site"), and before one ("Site: "). */
const JOINED_AFTER = new RegExp(`^${SITE_JOINER.source}(.+)$`);
const JOINED_BEFORE = new RegExp(`^(.+?)${SITE_JOINER.source}$`);

const asString = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/**
 * Whether a heading is a claim plus a kicker or a date: "Tunesien Große Aufgaben" (a kicker
 * element run into the heading's text), "23.01.2022 - Story", "Story 02.02.2022". Words joined
 * by punctuation ("\"Pure Leere\": Story", "»Story«", "Story | Step by step") are the headline's own.
 */
function holdsWithExtra(heading: string, claim: string, element: HtmlElement): boolean {
  const at = heading.toLowerCase().indexOf(claim.toLowerCase());
  if (at < 0) return false;
  const before = heading.slice(0, at);
  const after = heading.slice(at + claim.length);
  const beforeOk = !before.trim() || EXTRA_DATE.test(before) || /[\p{L}\p{N}]\s+$/u.test(before) || before.trim() === firstChildText(element);
  return beforeOk && (!after.trim() || EXTRA_DATE.test(after));
}

/** The text of an element's first child element, when the element starts with one (a kicker). */
function firstChildText(element: HtmlElement): string | null {
  for (const child of element.children) {
    if (typeof child === 'string') {
      if (child.trim()) return null;
      continue;
    }
    return shortText(child, MAX_TITLE_LENGTH);
  }
  return null;
}

/** Whether a heading's words are at least half of a longer title's. */
function covers(heading: string, title: string): boolean {
  const words = new Set(title.toLowerCase().match(WORD) ?? []);
  const own = new Set(heading.toLowerCase().match(WORD) ?? []);
  let shared = 0;
  for (const word of own) if (words.has(word)) shared++;
  return shared * 2 >= words.size;
}

const WORD = /[\p{L}\p{N}]+/gu;
/** Two words at least: a one-word h1 ("Navigation", "Service") is a landmark, not a headline. */
const WORD_GAP = /[\p{L}\p{N}]\s+[\p{L}\p{N}]/u;

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
  const parts = title.split(TITLE_SEPARATORS).filter((p) => p.trim() && !TITLE_FILLER.test(p));
  if (parts.length < 2) {
    const prefix = TITLE_PREFIX_SEPARATOR.exec(title);
    if (site && prefix && isSitePart(prefix[1] as string, site)) return { headline: title.slice(prefix[0].length), site: prefix[1] as string };
    return { headline: title, site: null };
  }
  const siteAt = site ? parts.findIndex((part) => isSitePart(part, site)) : -1;
  if (siteAt === 0) return { headline: joinBack(title, parts.slice(1)), site: parts[0] as string };
  if (siteAt > 0) return { headline: joinBack(title, parts.slice(0, siteAt)), site: parts[siteAt] as string };
  if (strict) return { headline: title, site: null };
  const first = parts[0] as string;
  const last = parts[parts.length - 1] as string;
  // Unknown site: "Story | Site" is the common order, so the last part is the site unless the
  // first is much the shorter ("Site | A much longer story").
  return first.length * 2 > last.length
    ? { headline: joinBack(title, parts.slice(0, -1)), site: last }
    : { headline: joinBack(title, parts.slice(1)), site: first };
}

/** A heading without a trailing " | Site" (hidden headings copy <title>); only the known site is cut. */
function withoutSiteSuffix(text: string, site: string | null): string {
  if (!site) return text;
  const parts = text.split(TITLE_SEPARATORS);
  const last = parts[parts.length - 1];
  return parts.length > 1 && last && isSitePart(last, site) ? joinBack(text, parts.slice(0, -1)) : text;
}

/**
 * Whether a title part is the site's name: the same, a short form of it ("DW" of "DW.COM"), or
 * the name with a little more ("Presse Augsburg Online"); not a headline that mentions the site.
 */
function isSitePart(part: string, site: string): boolean {
  const [a, b] = [squash(part), squash(site)];
  if (!a || !b) return false;
  if (a === b || a === squash(site.replace(/\.[a-z]{2,}$/i, ''))) return true;
  return (a.length > 2 && b.includes(a)) || (a.includes(b) && a.length <= b.length * 1.5 + 4);
}

/** The original text from the first kept part to the last, separators as written. */
function joinBack(title: string, parts: string[]): string {
  const start = title.indexOf(parts[0] as string);
  const last = parts[parts.length - 1] as string;
  const end = title.lastIndexOf(last) + last.length;
  return title.slice(start, end).trim();
}

/**
 * The title and site name once the body's own headline is known. The metadata reader can only
 * guess which side of "A | B" is the site; the heading over the body and the page's host settle
 * it. A title that is the site (its name, its domain, or the host's name in it: "Four Years
 * Remaining" on fouryears.eu) gives way to the heading when `<title>` holds that heading, or, with
 * no heading found, trades places with the other side of `<title>` that the reader took for the site;
 * when `<title>` has no other side, the heading over the body is the title.
 */
export function settleTitle(
  metadata: { title: string | null; siteName: string | null },
  headline: string | null,
  docTitle: string,
  url: string | null,
): { title: string | null; siteName: string | null } {
  const { title, siteName } = metadata;
  const heading = headline ? clean(headline).normalize(UNICODE_FORM) : '';
  if (heading && heading.length <= MAX_TITLE_LENGTH && !title) return { title: heading, siteName };
  if (!title || (heading && sameText(title, heading))) return { title, siteName };
  // The reader took the heading for the site's name: the two trade places.
  if (heading && siteName && sameText(siteName, heading) && squash(docTitle).includes(squash(title))) return { title: heading, siteName: title };
  const hosts = hostNames(url);
  // A short name holding the host's ("Four Years Remaining" on fouryears.eu); a longer title that
  // mentions it ("Parallels Desktop 15 for Mac") is a story about the site's own product.
  const looksLikeSite = (text: string) =>
    DOMAIN_NAME.test(text) || (wordCount(text) <= SITE_NAME_MAX_WORDS && hosts.some((host) => asAscii(text).includes(host)));
  if (!(siteName && sameText(title, siteName)) && !looksLikeSite(title)) return { title, siteName };
  const fullTitle = squash(docTitle);
  // (A heading of a word or two that names the site is the logo's, not the story's.)
  if (heading && heading.length <= MAX_TITLE_LENGTH && !(wordCount(heading) <= 2 && looksLikeSite(heading)) && fullTitle.includes(squash(heading))) {
    const site = !siteName || squash(siteName).includes(squash(heading)) ? title : siteName;
    return { title: heading, siteName: site };
  }
  // Else the part of <title> that is not the site ("Kleine Schafskunde | Mäscot das Schaf").
  const story = docTitle
    .split(TITLE_SEPARATORS)
    .map((part) => clean(part).normalize(UNICODE_FORM))
    .filter((part) => part.includes(' ') && !TITLE_FILLER.test(part) && !looksLikeSite(part) && !sameText(part, title))
    .sort((a, b) => b.length - a.length)[0];
  if (story) return { title: story, siteName: siteName && !sameText(siteName, story) ? siteName : title };
  // Else the heading over the body, wherever <title> leaves it out: on a blog's front or index
  // page, whose <title> is the site's name alone, the first post's title. (Not a one-word
  // landmark such as "Hauptinhalt", main content.)
  if (heading && heading.length <= MAX_TITLE_LENGTH && WORD_GAP.test(heading) && !looksLikeSite(heading)) return { title: heading, siteName: siteName ?? title };
  return { title, siteName };
}

const wordCount = (text: string) => text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;

/**
 * The host's telling labels, squashed and in ASCII: "fouryears" of www.fouryears.eu, "emacspeak"
 * of emacspeak.blogspot.com. The top-level domain and hosting services' names are left out.
 */
function hostNames(url: string | null): string[] {
  if (!url) return [];
  try {
    const labels = new URL(url).hostname.toLowerCase().split('.').slice(0, -1);
    return labels.map((label) => label.replace(/[^a-z0-9]+/g, '')).filter((label) => label.length >= 3 && !HOSTING_LABELS.has(label));
  } catch {
    return [];
  }
}

/** Squashed, with umlauts written out and accents dropped, as host names spell them ("maescot"). */
function asAscii(text: string): string {
  return squash(text.toLowerCase().replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss').normalize('NFD').replace(/[\u0300-\u036f]/g, ''));
}
