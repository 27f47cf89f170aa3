// A story's pickup timeline: the original, then each copy with where it ran, how long after the
// original, and how its text differs (paragraphs of the original kept, edited or removed, and
// paragraphs the copy added). Pure: the articles in, the rows out.
import { type Article, hostOf, instantOf } from '../core/index.js';
import { EDITED_PARAGRAPH_SHARE } from './rules.js';

export interface TextDifference {
  /** Paragraphs of the original found whole in the copy. */
  kept: number;
  /** Paragraphs of the original found in the copy with words changed. */
  edited: number;
  /** Paragraphs of the original missing from the copy. */
  removed: number;
  /** Paragraphs of the copy that are not the original's (a site's intro, a footer, new reporting). */
  added: number;
}

export interface Pickup {
  articleId: string;
  original: boolean;
  /** Where it ran: the site's name, else the URL's host, else the credited source. */
  site: string | null;
  source: string | null;
  /** Where it was fetched, else the canonical URL it declares. */
  url: string | null;
  title: string | null;
  published: string | null;
  /** Seconds after the original was published; null when either time is unknown. */
  delaySeconds: number | null;
  difference: TextDifference;
}

/**
 * The original first, then the copies by published time (unknown times last, in stored order).
 * @example timeline(story.articles, story.originalId)[1].delaySeconds // 5400 for a copy 90 minutes later
 */
export function timeline(articles: readonly Article[], originalId: string): Pickup[] {
  const original = articles.find((article) => article.id === originalId) ?? articles[0];
  if (!original) return [];
  const originalTime = instantOf(original.published);
  const originalParagraphs = paragraphsOf(original);
  const rows = articles.map((article, order) => {
    const time = instantOf(article.published);
    const isOriginal = article === original;
    return {
      order,
      time,
      pickup: {
        articleId: article.id,
        original: isOriginal,
        site: siteOf(article),
        source: article.source,
        url: article.url ?? article.canonicalUrl,
        title: article.title,
        published: article.published,
        delaySeconds: time !== null && originalTime !== null ? Math.round((time - originalTime) / 1000) : null,
        difference: isOriginal ? { kept: originalParagraphs.length, edited: 0, removed: 0, added: 0 } : difference(originalParagraphs, paragraphsOf(article)),
      } satisfies Pickup,
    };
  });
  rows.sort((a, b) => {
    if (a.pickup.original !== b.pickup.original) return a.pickup.original ? -1 : 1;
    if (a.time !== b.time) return (a.time ?? Infinity) - (b.time ?? Infinity);
    return a.order - b.order;
  });
  return rows.map((row) => row.pickup);
}

/** "same text", or what changed: "2 removed, 1 added, 3 edited" (paragraphs). */
export function describeDifference(difference: TextDifference): string {
  const parts: string[] = [];
  if (difference.removed > 0) parts.push(`${difference.removed} removed`);
  if (difference.added > 0) parts.push(`${difference.added} added`);
  if (difference.edited > 0) parts.push(`${difference.edited} edited`);
  return parts.length === 0 ? 'same text' : `${parts.join(', ')} (paragraphs)`;
}

/** A delay as people read it: "+45m", "+2h 15m", "+3d 4h"; "" for none. */
export function formatDelay(seconds: number | null): string {
  if (seconds === null) return '';
  const sign = seconds < 0 ? '-' : '+';
  const minutes = Math.round(Math.abs(seconds) / 60);
  if (minutes < 60) return `${sign}${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${sign}${hours}h ${minutes % 60}m`;
  return `${sign}${Math.floor(hours / 24)}d ${hours % 24}h`;
}

interface Paragraph {
  /** Lower-cased letters and digits, one space between words. */
  flat: string;
  words: Set<string>;
}

function paragraphsOf(article: Article): Paragraph[] {
  const source = article.paragraphs.length > 0 ? article.paragraphs : article.text.split(/\n\s*\n/u);
  return source.map(flatten).filter((paragraph) => paragraph.flat.length > 0);
}

function flatten(text: string): Paragraph {
  const flat = text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return { flat, words: new Set(flat.split(' ').filter(Boolean)) };
}

/** How much of `paragraph`'s words `other` holds. */
function share(paragraph: Paragraph, other: Paragraph): number {
  if (paragraph.words.size === 0) return 0;
  let found = 0;
  for (const word of paragraph.words) if (other.words.has(word)) found++;
  return found / paragraph.words.size;
}

function difference(original: readonly Paragraph[], copy: readonly Paragraph[]): TextDifference {
  const result: TextDifference = { kept: 0, edited: 0, removed: 0, added: 0 };
  // A copy paragraph that carries any of the original's (whole or edited) is not an addition;
  // a copy may also run two original paragraphs together, so matching is by containment.
  const used = new Array<boolean>(copy.length).fill(false);
  for (const paragraph of original) {
    const whole = copy.findIndex((candidate) => candidate.flat.includes(paragraph.flat));
    if (whole !== -1) {
      result.kept++;
      used[whole] = true;
      continue;
    }
    let best = -1;
    let bestShare = EDITED_PARAGRAPH_SHARE;
    copy.forEach((candidate, i) => {
      const overlap = share(paragraph, candidate);
      if (overlap >= bestShare) {
        best = i;
        bestShare = overlap;
      }
    });
    if (best === -1) result.removed++;
    else {
      result.edited++;
      used[best] = true;
    }
  }
  result.added = used.filter((isUsed) => !isUsed).length;
  return result;
}

function siteOf(article: Article): string | null {
  if (article.siteName) return article.siteName;
  return hostOf(article.url ?? article.canonicalUrl) ?? article.source;
}
