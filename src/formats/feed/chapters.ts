// Podlove Simple Chapters (http://podlove.org/simple-chapters): a podcast episode's chapter
// marks, `<psc:chapters version="1.2"><psc:chapter start="00:03:07.250" title="..."/>`.
import type { FeedChapters } from './model.js';
import { type XmlElement, resolveUrl } from './xml.js';

export const PSC_NS = 'http://podlove.org/simple-chapters';

/** A Normal Play Time offset ("HH:MM:SS.mmm", "MM:SS", "SS") in milliseconds, or null. */
export function playTimeMs(text: string): number | null {
  const m = /^(?:(?:(\d+):)?(\d{1,2}):)?(\d{1,2})(?:\.(\d{1,3}))?$/.exec(text.trim());
  if (!m) return null;
  const [, h = '0', min = '0', s = '0', frac = '0'] = m;
  return ((+h * 60 + +min) * 60 + +s) * 1000 + +frac.padEnd(3, '0');
}

/** The first psc:chapters of an item (later lists are ignored, as the spec allows one). */
export function chaptersOf(item: XmlElement): FeedChapters | null {
  const list = item.children.find((c): c is XmlElement => typeof c !== 'string' && c.ns === PSC_NS && c.local === 'chapters');
  if (!list) return null;
  const chapters: FeedChapters['chapters'] = [];
  for (const c of list.children) {
    if (typeof c === 'string' || c.ns !== PSC_NS || c.local !== 'chapter' || c.attrs.start === undefined) continue;
    const start = c.attrs.start.trim();
    chapters.push({
      start,
      startMs: playTimeMs(start),
      title: c.attrs.title ?? null,
      href: c.attrs.href ? resolveUrl(c.attrs.href.trim(), c.base) : null,
      image: c.attrs.image ? resolveUrl(c.attrs.image.trim(), c.base) : null,
    });
  }
  return { version: list.attrs.version?.trim() ?? null, chapters };
}
