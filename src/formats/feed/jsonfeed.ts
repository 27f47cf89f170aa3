// JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1), read with feedsmith, which takes
// 1.0's single `author` into 1.1's `authors`, into the same typed feed as RSS and Atom.
import type { parseJsonFeed } from 'feedsmith';
import { feedsmith } from '../lazy.js';
import { DatelineError } from '../../core/index.js';
import { parseFeedDate } from './dates.js';
import { feedText } from './html.js';
import type { FeedCommon, FeedDateValue, FeedItem, FeedMeta, FeedPerson, ParsedFeed } from './model.js';
import { resolveUrl } from './xml.js';

/** JSON Feed's version URLs start with this. */
export const JSON_FEED_VERSION_PREFIX = 'https://jsonfeed.org/version/';

type JsonFeedDoc = ReturnType<typeof parseJsonFeed>;
type JsonItem = NonNullable<JsonFeedDoc['items']>[number];

/** Reads a JSON Feed; throws E_FEED_MALFORMED when the text is not one. */
export function readJsonFeed(text: string, name: string, url: string | null): ParsedFeed {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new DatelineError('E_FEED_MALFORMED', `feed: ${name} is not valid JSON (${(error as Error).message})`, { input: name, cause: error });
  }
  const declared = typeof value === 'object' && value !== null ? (value as { version?: unknown }).version : undefined;
  if (typeof declared !== 'string' || !/jsonfeed\.org\/version\//i.test(declared)) {
    throw new DatelineError('E_FEED_MALFORMED', `feed: ${name} is JSON without a JSON Feed version URL, not a JSON Feed`, { input: name });
  }
  let doc: JsonFeedDoc;
  try {
    doc = feedsmith().parseJsonFeed(value);
  } catch (error) {
    throw new DatelineError('E_FEED_MALFORMED', `feed: ${name} is not a JSON Feed we can read (${(error as Error).message})`, { input: name, cause: error });
  }
  const problems: ParsedFeed['problems'] = [];
  const base = doc.home_page_url ?? doc.feed_url ?? url;
  const date = (value: unknown): FeedDateValue | null => {
    if (typeof value !== 'string' || !value) return null;
    const raw = value;
    const parsed = parseFeedDate(raw);
    if (!parsed) problems.push({ message: `feed: unreadable date "${raw.slice(0, 60)}" kept as written` });
    return { raw, iso: parsed?.iso ?? null, epochMs: parsed?.epochMs ?? null, zone: parsed?.zone ?? 'unknown' };
  };
  const language = doc.language ?? null;
  const common = (title: string | undefined, link: string | undefined, authors: FeedPerson[]): FeedCommon => ({
    id: null,
    title: title ? feedText(title, 'text/plain', language, base) : null,
    link: link ? resolveUrl(link, base) : null,
    links: link ? [{ href: resolveUrl(link, base), rel: 'alternate', type: 'text/html', title: null, length: null, hreflang: null }] : [],
    authors,
    contributors: [],
    categories: [],
    rights: null,
    publisher: null,
    published: null,
    updated: null,
    created: null,
    validity: null,
    where: null,
    inReplyTo: [],
    dc: {},
    extensions: {},
    language,
  });
  const people = (list: { name?: string; url?: string }[] | undefined): FeedPerson[] =>
    (list ?? []).map((a) => ({ name: a.name ?? null, email: null, href: a.url ?? null }));
  const feed: FeedMeta = {
    ...common(doc.title, doc.home_page_url, people(doc.authors)),
    subtitle: doc.description ? feedText(doc.description, 'text/plain', language, base) : null,
    info: null,
    generator: null,
    image: null,
    icon: doc.favicon ?? null,
    logo: doc.icon ?? null,
    docs: null,
    ttl: null,
    cloud: null,
    textInput: null,
    newLocation: null,
  };
  if (doc.feed_url) feed.links.push({ href: doc.feed_url, rel: 'self', type: 'application/feed+json', title: null, length: null, hreflang: null });
  const items = (doc.items ?? []).map((item: JsonItem): FeedItem => {
    const itemBase = item.url ?? base;
    const content = [];
    if (item.content_html) content.push(feedText(item.content_html, 'text/html', item.language ?? language, itemBase));
    if (item.content_text) content.push(feedText(item.content_text, 'text/plain', item.language ?? language, itemBase));
    const c = common(item.title, item.url ?? item.external_url, people(item.authors));
    return {
      ...c,
      id: item.id ?? null,
      guid: item.id ?? null,
      guidIsPermaLink: false,
      linkFromGuid: false,
      categories: (item.tags ?? []).map((term: string) => ({ term, scheme: null, label: null })),
      published: date(item.date_published),
      updated: date(item.date_modified),
      language: item.language ?? language,
      summary: item.summary ? feedText(item.summary, 'text/plain', item.language ?? language, itemBase) : null,
      content,
      expired: null,
      enclosures: (item.attachments ?? []).map((a: { url?: string; mime_type?: string; size_in_bytes?: number }) => ({
        href: resolveUrl(a.url ?? '', itemBase), type: a.mime_type ?? null, length: a.size_in_bytes === undefined ? null : String(a.size_in_bytes), medium: null,
      })),
      comments: null,
      license: null,
      image: item.image ?? null,
      thumbnails: [],
      player: null,
      chapters: null,
      source: null,
    };
  });
  const version = /version\/1\.1/.test(declared) ? 'json11' : 'json1';
  return { version, feed, items, problems, bozo: false };
}
