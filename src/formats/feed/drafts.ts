// Feed items as article drafts: one per item, in feed order. The item's HTML content becomes
// the structurer's text (title, blank line, body); what the item states about itself (link,
// times, authors, summary) becomes known fields; its guid goes with the draft so ingest can
// give the article an id from the feed's source and the guid, stable across polls.
import type { ArticleDraft, KnownFields } from '../../core/index.js';
import { htmlToText } from '../html-text.js';
import { normaliseText } from '../normalize.js';
import { isHtmlType } from './html.js';
import type { FeedItem, FeedText, ParsedFeed } from './model.js';
import { resolveUrl } from './xml.js';

/** The one draft per item. `feedUrl` is the feed's own URL when known. */
export function feedDrafts(parsed: ParsedFeed, feedUrl: string | null = null): ArticleDraft[] {
  const feedSource = feedUrl ?? parsed.feed.links.find((l) => l.rel === 'self')?.href ?? parsed.feed.link ?? null;
  const siteName = parsed.feed.title?.text || null;
  return parsed.items.map((item, position) => draftOf(item, position, siteName, feedSource, parsed.feed.language, feedUrl ?? parsed.feed.link));
}

function plain(text: FeedText | null | undefined): string {
  if (!text) return '';
  return isHtmlType(text.type) ? htmlToText(text.value) : normaliseText(text.value);
}

function draftOf(item: FeedItem, position: number, siteName: string | null, feedSource: string | null, feedLanguage: string | null, feedLink: string | null): ArticleDraft {
  const title = item.title?.text ?? '';
  const content = item.content.find((c) => isHtmlType(c.type)) ?? item.content[0];
  const body = plain(content) || plain(item.summary);
  const known: KnownFields = {};
  if (title) known.title = title;
  // A relative link with no base to resolve it against (a feed read from a file) is read
  // against the feed's own link, as a reader would.
  if (item.link) known.url = feedLink ? resolveUrl(item.link, feedLink) : item.link;
  const published = item.published?.iso ? item.published : item.updated?.iso ? item.updated : null;
  if (published?.iso) {
    known.published = published.iso;
    known.publishedZone = published.zone;
  }
  if (item.updated?.iso && item.updated !== published) known.modified = item.updated.iso;
  const byline = item.authors.map((a) => a.name ?? a.email).filter((n): n is string => !!n);
  if (byline.length > 0) known.byline = byline.join(', ');
  if (siteName) known.siteName = siteName;
  const summary = content ? plain(item.summary) : '';
  if (summary) known.description = summary;
  const image = item.image ?? item.enclosures.find((e) => e.medium === 'image' || e.type?.startsWith('image/'))?.href ?? null;
  if (image) known.image = image;
  const language = (item.language ?? feedLanguage)?.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  if (/^[a-z]{2}$/.test(language)) known.language = language;

  const extra: Record<string, unknown> = {};
  if (item.guid) extra.guid = item.guid;
  if (item.categories.length > 0) extra.categories = item.categories.map((c) => (c.scheme ? { term: c.term, domain: c.scheme } : { term: c.term }));
  if (item.enclosures.length > 0) extra.enclosures = item.enclosures;
  if (Object.keys(item.dc).length > 0) extra.dc = item.dc;
  if (item.source) extra.feedSource = { title: item.source.title?.text ?? null, link: item.source.link ?? null };
  if (item.comments) extra.comments = item.comments;

  const draft: ArticleDraft = { position, text: title && body ? `${title}\n\n${body}` : title || body, known, extra };
  const guid = item.guid ?? item.link;
  if (guid) draft.guid = guid;
  if (feedSource) draft.feed = feedSource;
  return draft;
}
