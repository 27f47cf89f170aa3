// Following a source: what a URL is (a feed, a sitemap, or a page and the feed it declares),
// found by fetching it, then the source added to the store. `dateline sources add` and
// POST /api/sources both come here.
import { DatelineError } from '../core/index.js';
import { decodeText, sniffFormat } from '../formats/index.js';
import { discoverFeeds } from '../formats/html/discover.js';
import type { NewSource, Source, SourceKind, Store } from '../store/index.js';
import type { SourceFetcher } from './poll.js';

export const SOURCE_KINDS: readonly SourceKind[] = ['feed', 'sitemap', 'page'];

/** A source a person asked to follow; without `kind` the URL is fetched to find out. */
export interface FollowRequest {
  url: string;
  kind?: SourceKind;
  title?: string | null;
  folder?: string | null;
  fullText?: boolean;
}

export type DetectedSource = Required<Pick<NewSource, 'url' | 'kind'>> & { title: string | null; siteUrl: string | null };

/** The kind named, checked: one of SOURCE_KINDS, else E_USAGE naming them. */
export function parseSourceKind(kind: string): SourceKind {
  if ((SOURCE_KINDS as readonly string[]).includes(kind)) return kind as SourceKind;
  throw new DatelineError('E_USAGE', `sources: kind must be one of ${SOURCE_KINDS.join(', ')}, not "${kind}"`, { input: kind });
}

/**
 * Adds a source, fetching it first when its kind is not given (with no fetcher that is an
 * E_USAGE error asking for the kind).
 */
export async function followSource(
  store: Store,
  request: FollowRequest,
  options: { fetcher: SourceFetcher | null; now: Date },
): Promise<{ source: Source; added: boolean }> {
  let found: DetectedSource;
  if (request.kind) found = { kind: request.kind, url: request.url, title: null, siteUrl: null };
  else if (options.fetcher) found = await detectSource(request.url, options.fetcher);
  else throw new DatelineError('E_USAGE', `sources: ${request.url}: give its kind (${SOURCE_KINDS.join(', ')}); this server does not fetch to find out`, { input: request.url });
  return store.addSource(
    { url: found.url, kind: found.kind, title: request.title ?? found.title, siteUrl: found.siteUrl, folder: request.folder ?? null, fullText: Boolean(request.fullText) },
    options.now.toISOString(),
  );
}

/**
 * What a URL is, by fetching it: a feed or a sitemap is followed as it is; a page is followed
 * through the first feed it declares that really is one, else as a page.
 */
export async function detectSource(url: string, fetcher: SourceFetcher): Promise<DetectedSource> {
  const kindOf = async (target: string) => {
    const fetched = await fetcher.fetch(target, {});
    const text = decodeText(fetched.body ?? new Uint8Array(), { contentType: fetched.contentType, name: target }).text;
    const head = text.slice(0, 4096);
    const kind: SourceKind | null = /<(?:urlset|sitemapindex)\b/i.test(head) ? 'sitemap' : sniffFormat(text, { name: target, contentType: fetched.contentType }) === 'feed' ? 'feed' : null;
    return { kind, text, finalUrl: fetched.finalUrl };
  };
  const first = await kindOf(url);
  if (first.kind) return { url: first.finalUrl, kind: first.kind, title: null, siteUrl: null };
  for (const candidate of discoverFeeds(first.text, first.finalUrl).filter((feed) => feed.how === 'link')) {
    const tried = await kindOf(candidate.url).catch(() => null);
    if (tried?.kind === 'feed') return { url: tried.finalUrl, kind: 'feed', title: candidate.title, siteUrl: first.finalUrl };
  }
  return { url: first.finalUrl, kind: 'page', title: null, siteUrl: null };
}
