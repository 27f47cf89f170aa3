// Feed autodiscovery: which feeds a web page offers. The page's own `<link rel="alternate">`
// declarations come first; only when it has none do we guess, from links that look like feeds
// and then the paths feed software commonly uses (Miniflux's subscription finder does the same).
import { parseHtml, elementsByTag, findElement, textOf } from './tree.js';
import type { ParsedHtml } from './tree.js';

export interface DiscoveredFeed {
  /** Absolute http(s) URL. */
  url: string;
  /** The MIME type, lower case without parameters; for a guess, the one its URL suggests, or null. */
  type: string | null;
  /** The link's title, or the anchor's text for a guess; null when none. */
  title: string | null;
  /** `link`: the page declares it; `guess`: it may not exist, fetch to check. */
  how: 'link' | 'guess';
}

/**
 * Feed types a `<link rel="alternate">` may declare, best first. Plain `application/json` is last:
 * WordPress declares its REST API that way (see WP_API_PATH), which is not a feed.
 */
export const FEED_TYPES: readonly string[] = [
  'application/rss+xml', 'application/atom+xml', 'application/feed+json', 'application/rdf+xml',
  'application/x-rss+xml', 'application/x-atom+xml', 'application/json',
];
/** WordPress's REST API, which it links as `alternate` `application/json`. */
const WP_API_PATH = /\/wp-json\//i;
/** Comment feeds are offered beside the posts feed; they rank after it. */
const COMMENTS = /\bcomments?\b|\/comments?\/feed/i;
/** Anchors whose path ends like a feed's. */
const FEED_PATH = /(?:\/(?:feed|rss|atom)(?:\.xml|\.json)?|\.rss|\.atom|\/atom\.xml|\/rss\.xml|\/index\.xml|\/feed\.xml|\.xml)\/?$/i;
/** `.xml` files that are not feeds. */
const NOT_FEED_XML = /sitemap|\/wp-content\/|opensearch|oembed|\/xmlrpc|\/wlwmanifest|\/browserconfig/i;
/** Anchor text that names a feed. */
const FEED_TEXT = /^\s*(?:rss|atom|rss feed|atom feed|feed|news feed|subscribe via rss|rss 2\.0)\s*$/i;
/** Where feed software puts its feed, tried last (Miniflux's list, most common first). */
export const WELL_KNOWN_FEED_PATHS: readonly string[] = [
  '/feed', '/rss', '/feed.xml', '/rss.xml', '/atom.xml', '/index.xml', '/feed/', '/rss/', '/index.rss',
];

/**
 * The feeds a page offers, best first, each URL once (a declared link wins over a guess).
 * 1. Each `<link>` whose rel holds `alternate` and whose type is a feed type, resolved against
 *    `<base href>` (itself resolved against the page URL), else the page URL. Order: the page's
 *    own, but comment feeds and plain JSON after the rest.
 * 2. Only when there is no such link: anchors that look like feeds (a path ending in /feed, /rss,
 *    .rss, .xml, atom.xml..., or text such as "RSS"), the strongest first; then the well-known
 *    paths on the page's origin. All with `how: 'guess'`.
 * Takes a page already parsed with parseHtml, so extraction and discovery share one parse.
 *
 * @example discoverFeeds('<link rel="alternate" type="application/rss+xml" href="/feed">', 'https://a.example/x')
 * // [{ url: 'https://a.example/feed', type: 'application/rss+xml', title: null, how: 'link' }]
 */
export function discoverFeeds(page: string | ParsedHtml, pageUrl: string | null): DiscoveredFeed[] {
  const parsed = typeof page === 'string' ? parseHtml(page) : page;
  const here = resolve(pageUrl ?? undefined, null);
  const base = baseUrl(parsed, here);
  const declared = declaredFeeds(parsed, base);
  if (declared.length > 0) return unique(declared);
  // Well-known paths on the page's own origin, not a <base> that may point at a CDN.
  return unique([...anchorGuesses(parsed, base), ...wellKnownGuesses(here ?? base)]);
}

function declaredFeeds(page: ParsedHtml, base: string | null): DiscoveredFeed[] {
  const found: { feed: DiscoveredFeed; rank: number; order: number }[] = [];
  for (const link of page.head.links) {
    const rel = (link.rel ?? '').toLowerCase().split(/\s+/);
    if (!rel.includes('alternate')) continue;
    const type = (link.type ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    const typeRank = FEED_TYPES.indexOf(type);
    if (typeRank === -1) continue;
    const url = resolve(link.href, base);
    if (!url) continue;
    const json = type === 'application/json';
    if (json && WP_API_PATH.test(url)) continue;
    const title = clean(link.title);
    const comments = COMMENTS.test(title ?? '') || /\/comments?\/feed/i.test(url);
    // Rank: 0 a feed, 1 a comments feed, 2 plain JSON; document order within a rank.
    found.push({ feed: { url, type, title, how: 'link' }, rank: json ? 2 : comments ? 1 : 0, order: found.length });
  }
  return found.sort((a, b) => a.rank - b.rank || a.order - b.order).map((f) => f.feed);
}

function anchorGuesses(page: ParsedHtml, base: string | null): DiscoveredFeed[] {
  const found: { feed: DiscoveredFeed; score: number; order: number }[] = [];
  for (const anchor of elementsByTag(page.root, 'a')) {
    const url = resolve(anchor.attrs.href, base);
    if (!url) continue;
    const path = new URL(url).pathname;
    // A feed icon's alt text counts as the anchor's text.
    const icon = findElement(anchor, (element) => element.tag === 'img');
    const text = clean(textOf(anchor)) ?? clean(icon?.attrs.alt) ?? clean(anchor.attrs.title);
    const byPath = FEED_PATH.test(path) && !NOT_FEED_XML.test(path);
    const byText = FEED_TEXT.test(text ?? '');
    if (!byPath && !byText) continue;
    // Both signals beat one; a feed-like path beats the text alone ("RSS" may open a help page).
    const score = (byPath ? 2 : 0) + (byText ? 1 : 0) - (COMMENTS.test(path) ? 1 : 0);
    found.push({ feed: { url, type: typeFromPath(path), title: text, how: 'guess' }, score, order: found.length });
  }
  return found.sort((a, b) => b.score - a.score || a.order - b.order).map((f) => f.feed);
}

function wellKnownGuesses(url: string | null): DiscoveredFeed[] {
  if (!url) return [];
  const origin = new URL(url).origin;
  return WELL_KNOWN_FEED_PATHS.map((path) => ({ url: `${origin}${path}`, type: typeFromPath(path), title: null, how: 'guess' as const }));
}

function typeFromPath(path: string): string | null {
  if (/atom(?:\.xml)?\/?$|\.atom$/i.test(path)) return 'application/atom+xml';
  if (/\.json\/?$/i.test(path)) return 'application/feed+json';
  if (/(?:rss|feed)(?:\.xml)?\/?$|\.rss$/i.test(path)) return 'application/rss+xml';
  return null;
}

/** The first `<base>` with an href (as HTML says), resolved against the page URL; else the page URL. */
function baseUrl(page: ParsedHtml, pageUrl: string | null): string | null {
  const base = findElement(page.root, (element) => element.tag === 'base' && Boolean(element.attrs.href?.trim()));
  return (base && resolve(base.attrs.href, pageUrl)) || pageUrl;
}

/** An absolute http(s) URL without its fragment; null for anything else. */
function resolve(href: string | undefined, base: string | null): string | null {
  const value = href?.trim();
  if (!value) return null;
  try {
    const url = base ? new URL(value, base) : new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    url.hash = '';
    return url.href;
  } catch {
    return null;
  }
}

function clean(value: string | undefined | null): string | null {
  const text = value?.replace(/\s+/g, ' ').trim();
  return text ? text : null;
}

function unique(feeds: DiscoveredFeed[]): DiscoveredFeed[] {
  const seen = new Set<string>();
  return feeds.filter((feed) => !seen.has(feed.url) && Boolean(seen.add(feed.url)));
}
