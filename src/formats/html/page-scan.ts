// One walk over the page tree, gathering the elements the metadata reader weighs: headings, <time>
// elements, microdata (itemprop) and rel=author links, plus every element in document order, so
// "near the headline" is a subtraction. The walk tests tags and attribute presence only; class
// hints (a date box, a byline box, a comment section) are tested later, on the few elements a
// fallback looks at, because testing every class on a page costs more than the rest together.
import { HEADLINE_PART } from './rules.js';
import type { HtmlElement } from './tree.js';

/** Class or id words of an element that prints the publication date. */
export const DATE_BOX_HINT = /date|time|publi|posted|datum|fecha|meta|byline|author|dateline|stamp|info/i;
/** Class or id words of an element that prints the author. */
export const BYLINE_BOX_HINT = /author|byline|autor|auteur|writer|verfasser|reporter|journalist|posted-?by|submitted/i;
/**
 * Class or id words of a box that is not the article's own: comment threads, where every reply
 * has its byline and its <time pubdate>. Layout words ("sidebar", "widget", "footer") are not
 * here: themes put them on the article's own containers ("content-area sidebar", "widget Blog").
 */
export const FOREIGN_BOX_HINT = /(?:^|[\s_-])(?:comments?|comment-list|commentlist|comment-body|replies)(?:$|[\s_-])/i;
/** Elements that are never the article's: navigation. (Not <aside>: templates put the date line in one.) */
const FOREIGN_TAGS: ReadonlySet<string> = new Set(['nav']);
/** Elements that hold the article itself, whatever words their classes carry (WordPress puts every tag there). */
const NEVER_FOREIGN: ReadonlySet<string> = new Set(['html', 'body', 'main', 'article', '#root']);
/** Parts of a heading that are not the headline: the kicker above it, a subtitle, screen-reader text. */
export const HEADING_EXTRA_HINT = /kicker|dachzeile|overline|topline|roofline|eyebrow|subtitle|subline|h1small|visually-hidden|sr-only|screen-reader/i;

/** A link to an author's page, as blog and news CMSs make them. */
export const AUTHOR_PAGE = /\/(?:author|authors|autor|autoren|autorin|auteur|auteurs|autore|autores)\/[^/?#]+/i;

/** At most this many of each kind are kept: the article's own come first in nearly every page. */
const MAX_PER_KIND = 40;

/** An element and its position in document order (its index in `PageScan.elements`). */
export interface Placed {
  element: HtmlElement;
  order: number;
}

export interface PageScan {
  /** Every element, in document order. */
  elements: HtmlElement[];
  headings: Placed[];
  /** h2 elements: blogs print the site's name in h1 and each post's title in h2. */
  subheadings: Placed[];
  /** h3 elements: Blogger prints each post's title in h3. */
  minorHeadings: Placed[];
  times: Placed[];
  /** Elements with an itemprop, by the property's lower-cased name. */
  itemprops: Map<string, Placed[]>;
  /** Links with rel=author or to an author's page (/author/ann-lee). */
  authorLinks: Placed[];
}

/** Walks the tree once. */
export function scanPage(root: HtmlElement): PageScan {
  const scan: PageScan = { elements: [], headings: [], subheadings: [], minorHeadings: [], times: [], itemprops: new Map(), authorLinks: [] };
  visit(root, scan);
  return scan;
}

// Module-level rather than closures: this runs for every element of every page.
function visit(element: HtmlElement, scan: PageScan): void {
  const { elements } = scan;
  for (const child of element.children) {
    if (typeof child === 'string') continue;
    const order = elements.push(child) - 1;
    const { tag, attrs } = child;
    if (tag === 'h1') place(scan.headings, child, order);
    else if (tag === 'h2') place(scan.subheadings, child, order);
    else if (tag === 'h3') place(scan.minorHeadings, child, order);
    else if (tag === 'time') place(scan.times, child, order);
    else if (tag === 'a' && (attrs.rel?.includes('author') || (attrs.href?.includes('aut') && AUTHOR_PAGE.test(attrs.href)))) {
      place(scan.authorLinks, child, order);
    }
    const itemprop = attrs.itemprop;
    if (itemprop) {
      for (const name of itemprop.toLowerCase().split(/\s+/)) {
        let list = scan.itemprops.get(name);
        if (!list) scan.itemprops.set(name, (list = []));
        place(list, child, order);
      }
    }
    if (child.children.length) visit(child, scan);
  }
}

function place(list: Placed[], element: HtmlElement, order: number): void {
  if (list.length < MAX_PER_KIND) list.push({ element, order });
}

const hintsOf = (element: HtmlElement): string =>
  element.attrs.class || element.attrs.id ? `${element.attrs.class ?? ''} ${element.attrs.id ?? ''}` : '';

/** Whether an element sits in a comment section, a sidebar or another box not the article's. */
export function isForeign(element: HtmlElement): boolean {
  for (let node: HtmlElement | null = element; node; node = node.parent) {
    if (FOREIGN_TAGS.has(node.tag)) return true;
    if (NEVER_FOREIGN.has(node.tag)) continue;
    const hints = hintsOf(node);
    if (hints && FOREIGN_BOX_HINT.test(hints)) return true;
  }
  return false;
}

/**
 * Elements within `reach` of position `anchor` whose class or id matches `hint`, nearest first
 * (after the anchor before before it, at equal distance), outside foreign boxes.
 */
export function* boxesNear(scan: PageScan, anchor: number, reach: number, hint: RegExp): Generator<HtmlElement> {
  const { elements } = scan;
  const from = Math.max(0, anchor - reach);
  const to = Math.min(elements.length - 1, anchor + reach);
  for (let distance = 0; distance <= reach; distance++) {
    const after = anchor + distance;
    const before = anchor - distance;
    if (after > to && before < from) return;
    if (after <= to && hasHint(elements[after] as HtmlElement, hint)) yield elements[after] as HtmlElement;
    if (distance > 0 && before >= from && hasHint(elements[before] as HtmlElement, hint)) yield elements[before] as HtmlElement;
  }
}

function hasHint(element: HtmlElement, hint: RegExp): boolean {
  const { class: className, id } = element.attrs;
  if (!((className && hint.test(className)) || (id && hint.test(id)))) return false;
  return !isForeign(element);
}

/**
 * The page's text from position `from` on (backwards when `step` is -1), up to `max` characters,
 * read from each element's own text: the words a reader sees right after or before the headline.
 */
export function textAround(scan: PageScan, from: number, step: 1 | -1, max: number): string {
  const parts: string[] = [];
  let length = 0;
  for (let order = from; order >= 0 && order < scan.elements.length && length < max; order += step) {
    const element = scan.elements[order] as HtmlElement;
    for (const child of element.children) {
      if (typeof child !== 'string' || !child.trim()) continue;
      parts.push(child);
      length += child.length;
    }
  }
  if (step === -1) parts.reverse();
  return parts.join(' ').replace(/\s+/g, ' ');
}

export interface ShortTextOptions {
  /** Children left out (a heading's kicker). */
  skip?: (child: HtmlElement) => boolean;
  /** A space at every element boundary, not only at blocks: "By<a>Ann</a>" reads "By Ann". */
  spaced?: boolean;
}

/**
 * An element's text, whitespace collapsed, or null when it is longer than `max` characters:
 * the walk stops there, so asking a whole page container costs no more than `max`.
 */
export function shortText(element: HtmlElement, max: number, options: ShortTextOptions = {}): string | null {
  const state: TextState = { text: '', limit: max * 2 + 200, skip: options.skip, spaced: options.spaced ?? false };
  if (!collectText(element, state)) return null;
  const collapsed = state.text.replace(/\s+/g, ' ').trim();
  return collapsed.length <= max ? collapsed : null;
}

interface TextState {
  text: string;
  limit: number;
  skip: ShortTextOptions['skip'];
  spaced: boolean;
}

/** Appends a node's text to `state`; false once past the limit. */
function collectText(node: HtmlElement, state: TextState): boolean {
  for (const child of node.children) {
    if (typeof child === 'string') {
      state.text += child;
      if (state.text.length > state.limit) return false;
    } else if (!state.skip?.(child)) {
      const gap = state.spaced || BLOCK_BREAKS.has(child.tag);
      if (gap) state.text += ' ';
      if (!collectText(child, state)) return false;
      if (gap) state.text += ' ';
    }
  }
  return true;
}

/** Elements whose edges are word breaks even where the page's text has no space. */
const BLOCK_BREAKS: ReadonlySet<string> = new Set(['br', 'p', 'div', 'li', 'td', 'th', 'dt', 'dd', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/** A heading's text without its kicker, subtitle or screen-reader parts; null when too long. */
export function headingText(element: HtmlElement, max: number): string | null {
  return shortText(markedHeadline(element) ?? element, max, HEADING_TEXT);
}

/**
 * The one child a heading marks as its headline, when it has other text beside it: `<h1><span
 * class="topic">Energy</span><span class="headline">Story</span></h1>`, whatever the other
 * part's class says (kickers go by many names). A kicker named after the headline
 * (`headline__kicker`) is not it; where several children are marked, the mark tells nothing.
 */
function markedHeadline(heading: HtmlElement): HtmlElement | null {
  let marked: HtmlElement | null = null;
  let others = false;
  for (const child of heading.children) {
    if (typeof child === 'string') others ||= /\S/.test(child);
    else if (child.attrs.class && HEADLINE_PART.test(child.attrs.class) && !HEADING_EXTRA_HINT.test(child.attrs.class)) {
      if (marked) return null;
      marked = child;
    } else others = true;
  }
  return marked && others ? marked : null;
}

/** Inside a heading: a kicker in <small>, and ruby annotations (furigana) that are not the words. */
const HEADING_SKIPPED_TAGS: ReadonlySet<string> = new Set(['small', 'rt', 'rp']);
const HEADING_TEXT: ShortTextOptions = { skip: (child) => HEADING_SKIPPED_TAGS.has(child.tag) || HEADING_EXTRA_HINT.test(hintsOf(child)) };
