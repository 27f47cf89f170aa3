// When a page was published and last modified: the dates it states in markup (JSON-LD, metas,
// microdata, <time>), then its URL, then what it prints near the headline. dates.ts reads the
// strings; this file decides which of a page's dates is the publication.
import { dateInUrl, normalizeDate, printedDate } from './dates.js';
import { DATE_BOX_HINT, boxesNear, isForeign, shortText, textAround, type Placed } from './page-scan.js';
import type { Sources } from './sources.js';
import type { HtmlElement } from './tree.js';

/** Meta names and properties (lower case) that carry the publication date, best first. */
export const PUBLISHED_METAS = [
  'article:published_time', 'og:article:published_time', 'article:published', 'datepublished',
  'og:published_time', 'published_time', 'publication_date', 'publication-date', 'publish-date',
  'publish_date', 'publishdate', 'pubdate', 'published', 'published_at', 'date.published',
  'dc.date.issued', 'dcterms.issued', 'dc.date.created', 'dcterms.created', 'dc.date', 'dcterms.date',
  'date', 'sailthru.date', 'parsely-pub-date', 'article.published', 'cxenseparse:recs:publishtime',
  'citation_publication_date', 'citation_date', 'release_date', 'datecreated', 'created',
];
/** Meta names and properties (lower case) that carry the last modification, best first. */
export const MODIFIED_METAS = [
  'article:modified_time', 'og:article:modified_time', 'datemodified', 'og:updated_time',
  'article:updated_time', 'modified_time', 'dc.date.modified', 'dcterms.modified', 'last-modified',
  'lastmod', 'article.updated', 'parsely-updated',
];

/** A <time> or date box this far (in elements) from the headline is still near it. */
const NEAR_HEADLINE = 400;
/** Characters of text after and before the headline that are read for a printed date. */
const TEXT_AFTER_HEADLINE = 600;
const TEXT_BEFORE_HEADLINE = 120;
/** Words that label the publication date, in the languages the pages come in. */
export const PUBLISHED_LABEL =
  /(?:^|\s)(?:erschienen|veröffentlicht|publiziert|datum|published|posted|publication date|date published|publié|mis en ligne|mise en ligne|publicado|publicación|pubblicato|data di pubblicazione|gepubliceerd|opublikowano)\b/i;
/** Characters after a publication label read for its date. */
const LABELLED_DATE_REACH = 80;
/** Longer than this, a date box is a container, not a date line. */
const MAX_DATE_BOX_TEXT = 200;

/**
 * The publication date. Stated dates first (JSON-LD, metas, microdata, <time>); when the first
 * is in UTC and another source states the same instant with a local offset, that one is how the
 * page gives it (CMSs serialise in UTC; the local day is the one readers see). Then the URL,
 * JSON-LD dateCreated, and a date printed near the headline.
 */
export function readPublished(sources: Sources, urls: readonly (string | null)[]): string | null {
  let first: string | null = null;
  for (const date of statedDates(sources, 'datePublished', PUBLISHED_METAS, true)) {
    if (first === null) {
      first = date;
      if (!isUtc(date)) return date;
    } else if (!isUtc(date) && date.length > 10 && Date.parse(date) === Date.parse(first)) {
      return date;
    }
  }
  if (first) return first;
  for (const url of urls) {
    const date = url ? dateInUrl(url) : null;
    if (date) return date;
  }
  for (const node of sources.ld.ranked) {
    const date = typeof node.dateCreated === 'string' ? normalizeDate(node.dateCreated, sources) : null;
    if (date) return date;
  }
  // Last, a date in the title ("Story | DW | 23.05.2011").
  return printedNearHeadline(sources) ?? printedDate(sources.title, sources);
}

/** The last modification the page states in markup. */
export function readModified(sources: Sources): string | null {
  for (const date of statedDates(sources, 'dateModified', MODIFIED_METAS, false)) return date;
  return null;
}

const isUtc = (date: string): boolean => date.endsWith('Z') || date.endsWith('+00:00');

/** Dates the page states in markup, best source first: JSON-LD, metas, microdata, <time>. */
function* statedDates(sources: Sources, property: string, metaNames: readonly string[], withTimes: boolean): Generator<string> {
  const { ld, metas, scan } = sources;
  for (const node of ld.ranked) {
    const value = node[property];
    const date = typeof value === 'string' ? normalizeDate(value, sources) : null;
    if (date) yield date;
  }
  for (const name of metaNames) {
    const value = metas.get(name);
    const date = value ? normalizeDate(value, sources) : null;
    if (date) yield date;
  }
  for (const { element } of scan.itemprops.get(property.toLowerCase()) ?? []) {
    if (isForeign(element)) continue;
    // <abbr title> is the microformats way, which Blogger combines with microdata.
    const { attrs } = element;
    const value = attrs.content ?? attrs.datetime ?? (element.tag === 'abbr' ? attrs.title : undefined) ?? shortText(element, 100);
    const date = value ? normalizeDate(value, sources) : null;
    if (date) yield date;
  }
  if (!withTimes) return;
  // A <time> marked as the publication (pubdate), else those nearest the headline.
  const marked = scan.times.find((t) => t.element.attrs.pubdate !== undefined && !isForeign(t.element));
  for (const { element } of marked ? [marked] : byNearness(scan.times, sources.anchor)) {
    if (isForeign(element)) continue;
    const value = element.attrs.datetime ?? element.attrs.content;
    const date = value ? normalizeDate(value, sources) : null;
    if (date) yield date;
  }
}

/** Candidates near the anchor, nearest first; after it before before it at equal distance. */
function byNearness(list: readonly Placed[], anchor: number): Placed[] {
  return list
    .filter((p) => Math.abs(p.order - anchor) <= NEAR_HEADLINE)
    .sort((a, b) => Math.abs(a.order - anchor) - Math.abs(b.order - anchor) || b.order - a.order);
}

/**
 * A date printed near the headline: in the heading itself or the text right after it (a date
 * line, "Hamburg, 2. November 2021 -"), then in a box whose class says date or meta, then just
 * before the heading (a kicker line).
 */
function printedNearHeadline({ scan, anchor, dayFirst }: Sources): string | null {
  if (scan.elements[anchor]) {
    const after = printedDate(textAround(scan, anchor, 1, TEXT_AFTER_HEADLINE), { dayFirst });
    if (after) return after;
  }
  for (const element of boxesNear(scan, anchor, NEAR_HEADLINE, DATE_BOX_HINT)) {
    const text = shortText(element, MAX_DATE_BOX_TEXT, { spaced: true });
    const date = text ? printedDate(text, { dayFirst }) : null;
    if (date) return date;
  }
  const before = anchor > 0 ? printedDate(textAround(scan, anchor - 1, -1, TEXT_BEFORE_HEADLINE), { dayFirst }) : null;
  return before ?? labelledDate(scan, dayFirst);
}

/**
 * A date after a publication label anywhere on the page ("Erschienen am: 01.11.2023", "Mise en
 * ligne 23 mai 2019"): the last resort, so the text walk costs only pages with nothing better.
 */
function labelledDate(scan: Sources['scan'], dayFirst: boolean): string | null {
  const { elements } = scan;
  for (let order = 0; order < elements.length; order++) {
    for (const child of (elements[order] as HtmlElement).children) {
      const label = typeof child === 'string' && child.length <= MAX_DATE_BOX_TEXT ? PUBLISHED_LABEL.exec(child) : null;
      if (!label) continue;
      const text = `${(child as string).slice(label.index)} ${textAround(scan, order + 1, 1, LABELLED_DATE_REACH)}`;
      const date = printedDate(text.slice(0, LABELLED_DATE_REACH * 2), { dayFirst });
      if (date) return date;
    }
  }
  return null;
}
