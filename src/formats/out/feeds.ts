// Feeds out: articles as RSS 2.0, Atom 1.0 or JSON Feed 1.1, so any search can be followed from a
// reader. Bodies go out as text (escaped, paragraphs as <p>), never as markup from the page, so
// nothing a source wrote can run in a reader. Each item keeps its published time with the offset
// it was printed with; a time printed without one goes out as UTC.
import { type Article, instantOf } from '../../core/index.js';

export type FeedFormat = 'rss' | 'atom' | 'json';

export interface FeedHeader {
  title: string;
  /** Where this feed itself is served (Atom's self link, JSON Feed's feed_url). */
  selfUrl: string;
  /** A page for people (RSS's link). */
  homeUrl: string;
  description: string;
  /** The newest change among the items, ISO 8601; the feed's own updated time. */
  updated: string;
}

export const FEED_CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};

/** The stable id an item is known by in every format. */
export function itemId(article: Article): string {
  return `urn:dateline:article:${article.id}`;
}

export function writeFeed(format: FeedFormat, header: FeedHeader, articles: readonly Article[]): string {
  if (format === 'json') return jsonFeed(header, articles);
  return format === 'rss' ? rss(header, articles) : atom(header, articles);
}

function rss(header: FeedHeader, articles: readonly Article[]): string {
  const items = articles.map((article) => {
    const link = linkOf(article, header);
    return [
      '<item>',
      element('title', article.title ?? firstWords(article.text)),
      element('link', link),
      `<guid isPermaLink="false">${xml(itemId(article))}</guid>`,
      optional('pubDate', rfc822(article.published)),
      optional('dc:creator', article.byline),
      optional('dc:language', article.language),
      optional('description', article.description),
      ...article.tickers.map((ticker) => `<category domain="${xml(ticker.exchange)}">${xml(ticker.symbol)}</category>`),
      optional('category', article.wire),
      `<content:encoded>${xml(paragraphsHtml(article))}</content:encoded>`,
      '</item>',
    ].join('');
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">',
    '<channel>',
    element('title', header.title),
    element('link', header.homeUrl),
    element('description', header.description),
    `<atom:link rel="self" type="application/rss+xml" href="${xml(header.selfUrl)}"/>`,
    optional('lastBuildDate', rfc822(header.updated)),
    element('generator', 'dateline'),
    ...items,
    '</channel>',
    '</rss>',
    '',
  ].join('\n');
}

function atom(header: FeedHeader, articles: readonly Article[]): string {
  const entries = articles.map((article) => {
    const published = rfc3339(article.published);
    return [
      '<entry>',
      element('id', itemId(article)),
      `<title type="text">${xml(article.title ?? firstWords(article.text))}</title>`,
      `<link rel="alternate" href="${xml(linkOf(article, header))}"/>`,
      optional('published', published),
      element('updated', rfc3339(article.modified) ?? published ?? rfc3339(header.updated) ?? new Date(0).toISOString()),
      article.byline ? `<author><name>${xml(article.byline)}</name></author>` : '',
      ...article.tickers.map((ticker) => `<category scheme="${xml(ticker.exchange)}" term="${xml(ticker.symbol)}"/>`),
      article.description ? `<summary type="text">${xml(article.description)}</summary>` : '',
      `<content type="html">${xml(paragraphsHtml(article))}</content>`,
      '</entry>',
    ].join('');
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    element('id', header.selfUrl),
    `<title type="text">${xml(header.title)}</title>`,
    `<subtitle type="text">${xml(header.description)}</subtitle>`,
    `<link rel="self" type="application/atom+xml" href="${xml(header.selfUrl)}"/>`,
    `<link rel="alternate" href="${xml(header.homeUrl)}"/>`,
    element('updated', rfc3339(header.updated) ?? new Date(0).toISOString()),
    element('generator', 'dateline'),
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}

function jsonFeed(header: FeedHeader, articles: readonly Article[]): string {
  const feed = {
    version: 'https://jsonfeed.org/version/1.1',
    title: header.title,
    home_page_url: header.homeUrl,
    feed_url: header.selfUrl,
    description: header.description,
    items: articles.map((article) => ({
      id: itemId(article),
      url: linkOf(article, header),
      title: article.title ?? firstWords(article.text),
      content_text: article.text,
      summary: article.description ?? undefined,
      date_published: rfc3339(article.published) ?? undefined,
      date_modified: rfc3339(article.modified) ?? undefined,
      authors: article.byline ? [{ name: article.byline }] : undefined,
      language: article.language ?? undefined,
      tags: article.tickers.length > 0 ? article.tickers.map((ticker) => `${ticker.exchange}:${ticker.symbol}`) : undefined,
    })),
  };
  return `${JSON.stringify(feed, null, 1)}\n`;
}

/** The page an item links to: the article's own URL, else its record in this dateline. */
function linkOf(article: Article, header: FeedHeader): string {
  return article.url ?? article.canonicalUrl ?? new URL(`/api/articles/${encodeURIComponent(article.id)}`, header.homeUrl).href;
}

function paragraphsHtml(article: Article): string {
  const paragraphs = article.paragraphs.length > 0 ? article.paragraphs : [article.text];
  return paragraphs.map((paragraph) => `<p>${xml(paragraph)}</p>`).join('\n');
}

function firstWords(text: string): string {
  const words = text.split(/\s+/u).filter(Boolean);
  return words.slice(0, 12).join(' ') + (words.length > 12 ? '…' : '');
}

function element(name: string, value: string): string {
  return `<${name}>${xml(value)}</${name}>`;
}

function optional(name: string, value: string | null | undefined): string {
  return value ? element(name, value) : '';
}

/** Text for XML: the five specials escaped, characters XML 1.0 forbids dropped. */
function xml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const OFFSET = /([+-])(\d{2}):?(\d{2})$/;
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The printed offset in minutes (0 for Z or none). */
function offsetMinutes(time: string): number {
  const match = OFFSET.exec(time);
  if (!match || !/T/.test(time)) return 0;
  return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
}

/** RFC 3339 in the printed offset (UTC when none was printed). */
function rfc3339(time: string | null): string | null {
  const ms = instantOf(time);
  if (ms === null) return null;
  const offset = offsetMinutes(time!);
  const local = new Date(ms + offset * 60_000).toISOString().slice(0, 19);
  if (offset === 0) return `${local}Z`;
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** RFC 822 (RSS's pubDate) in the printed offset. */
function rfc822(time: string | null): string | null {
  const ms = instantOf(time);
  if (ms === null) return null;
  const offset = offsetMinutes(time!);
  const local = new Date(ms + offset * 60_000);
  const abs = Math.abs(offset);
  const zone = `${offset < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[local.getUTCDay()]}, ${pad(local.getUTCDate())} ${MONTHS[local.getUTCMonth()]} ${local.getUTCFullYear()} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())} ${zone}`;
}
