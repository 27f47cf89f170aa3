// The feed reader's one door: a feed document (decoded text) in, the typed feed out. RSS
// 0.9x/1.0/2.0 and Atom 0.3/1.0 go through our tolerant XML reader (xml.ts), JSON Feed
// through feedsmith. Recoverable damage is read past and listed in `problems`; only a
// document that holds no feed at all throws E_FEED_MALFORMED.
import { DatelineError } from '../../core/index.js';
import { readJsonFeed } from './jsonfeed.js';
import type { ParsedFeed } from './model.js';
import { readXmlFeed } from './xmlfeed.js';

export type * from './model.js';
export { parseFeedDate } from './dates.js';
export type { FeedDate } from './dates.js';
export { sanitizeFeedHtml } from './html.js';
export { feedDrafts } from './drafts.js';

export interface FeedOptions {
  /** Names the document in errors (a path or URL). */
  name?: string;
  /** The feed's own URL: the base for xml:base and relative links. */
  url?: string | null;
}

/**
 * Reads a feed document.
 *
 * @example parseFeedDocument(xml, { url: 'https://wire.example/feed' }).items[0]?.link
 */
export function parseFeedDocument(text: string, options: FeedOptions = {}): ParsedFeed {
  const name = options.name ?? 'feed';
  const url = options.url ?? null;
  const start = text.replace(/^[\s\uFEFF]+/, '');
  if (start === '') throw new DatelineError('E_FEED_MALFORMED', `feed: ${name} is empty`, { input: name });
  const parsed = start.startsWith('{') ? readJsonFeed(start, name, url) : readXmlFeed(text.replace(/^\uFEFF/, ''), name, url);
  const seen = new Map<string, number>();
  parsed.items.forEach((item, index) => {
    const key = item.guid ?? item.id;
    if (!key) return;
    const first = seen.get(key);
    if (first !== undefined) parsed.problems.push({ message: `feed: items ${first + 1} and ${index + 1} share the guid "${key.slice(0, 80)}"` });
    else seen.set(key, index);
  });
  return parsed;
}
