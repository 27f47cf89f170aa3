// What the field readers (title, published, byline) read, gathered once per page: the metas by
// name, the JSON-LD, the tree scan and where the headline is; and the text cleaning they share.
import { decodeHTML } from 'entities';
import type { LinkedData } from './json-ld.js';
import type { PageScan } from './page-scan.js';

export interface Sources {
  /** Each meta's first non-empty content by lower-cased property, name, itemprop or http-equiv. */
  metas: Map<string, string>;
  ld: LinkedData;
  scan: PageScan;
  /** Position of the headline in `scan.elements`: bylines and printed dates are looked for near it. */
  anchor: number;
  /** Whether the page writes 03/05/2024 for 3 May (all but US English). */
  dayFirst: boolean;
  /** The page's <title>, as written. */
  title: string;
  /** The site's names (og:site_name, publisher, the part cut off <title>, the host): an author that is one of them is a weak claim. */
  siteNames: string[];
}

/** Each meta's first non-empty content, by its lower-cased property, name, itemprop or http-equiv. */
export function metaMap(metas: readonly Record<string, string>[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const meta of metas) {
    const content = meta.content ?? meta.value;
    if (!content?.trim()) continue;
    for (const key of [meta.property, meta.name, meta.itemprop, meta['http-equiv']]) {
      if (!key) continue;
      const name = key.trim().toLowerCase();
      if (!map.has(name)) map.set(name, content.trim());
    }
  }
  return map;
}

/** The first of `names` the page has a meta for. */
export function firstMeta(metas: Map<string, string>, names: readonly string[]): string | null {
  for (const name of names) {
    const value = metas.get(name);
    if (value) return value;
  }
  return null;
}

const ENTITY = /&(?:#\d+|#x[\da-f]+|[a-z][a-z\d]*);/i;
const TAG = /<\/?[a-z][^>]*>/gi;

/** Entities decoded (once more: CMSs double-encode), tags dropped, whitespace collapsed. */
export function clean(text: string): string {
  let out = text;
  if (out.includes('<')) out = out.replace(TAG, ' ');
  if (ENTITY.test(out)) out = decodeHTML(out);
  return out.replace(/\s+/g, ' ').trim();
}

/** The first value that is not empty once cleaned. */
export function firstClean(...values: (string | null | undefined)[]): string | null {
  for (const value of values) {
    const text = value ? clean(value) : '';
    if (text) return text;
  }
  return null;
}

export const sameText = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** Letters and digits only, lower case: "Presse-Augsburg.de" and "Presse Augsburg" compare. */
export const squash = (text: string): string => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/** Whether a text names the site: equal, or one holds the other ("tagesschau.de", "tagesschau"). */
export function isSiteName(text: string, site: string): boolean {
  const [a, b] = [squash(text), squash(site)];
  if (!a || !b) return false;
  if (a === b || a === squash(site.replace(/\.[a-z]{2,}$/i, ''))) return true; // "DW" for "DW.COM"
  return (a.length > 3 && b.includes(a)) || (b.length > 3 && a.includes(b));
}
