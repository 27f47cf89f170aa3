// What a page says about itself: title, dates, byline, site, canonical URL, language, summary and
// image, read from JSON-LD, <meta>/<link>, microdata and, failing those, what the page prints near
// its headline. The tree is walked once (page-scan.ts); the headline (title.ts), dates
// (published.ts, dates.ts), byline (byline.ts) and JSON-LD (json-ld.ts) have their own readers.
import { hostOf } from '../../core/index.js';
import { readByline } from './byline.js';
import type { PageMetadata } from './index.js';
import { ldPublisherName, ldString, readLinkedData, resolve, type LdNode, type LinkedData } from './json-ld.js';
import { scanPage } from './page-scan.js';
import { inPublisherZone } from './dates.js';
import { readModified, readPublished } from './published.js';
import { clean, firstClean, firstMeta, metaMap, type Sources } from './sources.js';
import { readTitle } from './title.js';
import type { ParsedHtml } from './tree.js';

export interface MetadataOptions {
  /** The page's URL: resolves relative links and gives a date when its path has one. */
  url: string | null;
}

/** Meta names and properties (lower case) for each field, best first. */
export const SITE_NAME_METAS = ['og:site_name', 'application-name', 'apple-mobile-web-app-title', 'publisher', 'dc.publisher'];
export const DESCRIPTION_METAS = ['og:description', 'description', 'twitter:description', 'dc.description'];
export const IMAGE_METAS = ['og:image', 'og:image:url', 'og:image:secure_url', 'twitter:image', 'twitter:image:src', 'image', 'thumbnailurl'];
export const LANGUAGE_METAS = ['content-language', 'og:locale', 'language', 'dc.language'];

/**
 * Reads a page's metadata. Sources per field, best first:
 * 1. JSON-LD of the article-like node (NewsArticle, Article, BlogPosting...), then of the page;
 * 2. <meta>/<link> (Open Graph, Twitter, Dublin Core, Parse.ly, sailthru, plain names);
 * 3. microdata, <time> and author links;
 * 4. the URL path (dates) and what the page prints near its headline (dates, bylines).
 * Never throws: a field the page does not state is null.
 *
 * @example readMetadata(parseHtml('<title>Rain | Daily</title><h1>Rain</h1>'), { url: null }).title // 'Rain'
 */
export function readMetadata(page: ParsedHtml, options: MetadataOptions): PageMetadata {
  const metas = metaMap(page.head.metas);
  const ld = readLinkedData(page.head.jsonLd);
  const scan = scanPage(page.root);
  const base = options.url;

  const siteFromMeta = firstClean(firstMeta(metas, SITE_NAME_METAS), ldPublisherName(ld));
  const title = readTitle(page.head.title, metas, ld, scan, siteFromMeta);
  const canonicalUrl = readCanonical(page, metas, base);
  const siteNames = [siteFromMeta, title.site, ldPublisherName(ld), hostOf(canonicalUrl ?? base)].filter((n): n is string => !!n);
  const sources: Sources = {
    metas, ld, scan, siteNames, title: page.head.title,
    anchor: title.at ?? scan.headings[0]?.order ?? 0,
    dayFirst: !/^en[-_]us$/i.test(page.head.lang ?? ''),
  };

  return {
    title: title.headline,
    published: inPublisherZone(readPublished(sources, [base, canonicalUrl]), canonicalUrl ?? base),
    modified: inPublisherZone(readModified(sources), canonicalUrl ?? base),
    byline: readByline(sources),
    siteName: siteFromMeta ?? (title.site ? clean(title.site) : null),
    canonicalUrl,
    language: readLanguage(page.head.lang, metas),
    description: firstClean(firstMeta(metas, DESCRIPTION_METAS), ldString(ld, 'description')),
    image: readImage(metas, ld, page.head.links, canonicalUrl ?? base),
  };
}

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
    const url = node.url ?? node.contentUrl;
    return typeof url === 'string' ? url : null;
  }
  return null;
}
