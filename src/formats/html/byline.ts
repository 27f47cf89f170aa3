// Who wrote the page: JSON-LD authors, author metas, microdata, author links and the byline
// printed near the headline, cleaned of "By", dates and the site's own name.
import { nameOf, resolve } from './json-ld.js';
import { BYLINE_BOX_HINT, boxesNear, isForeign, shortText } from './page-scan.js';
import { clean, isSiteName, sameText, type Sources } from './sources.js';
import type { HtmlElement } from './tree.js';

/** Meta names and properties (lower case) that carry the author, best first. */
export const AUTHOR_METAS = [
  'author', 'article:author', 'og:article:author', 'dc.creator', 'dcterms.creator', 'byl',
  'sailthru.author', 'parsely-author', 'cxenseparse:author', 'citation_author', 'twitter:creator:name',
];

/** Words before the names in a byline, in the languages the pages come in. */
export const BYLINE_PREFIX = new RegExp(
  '^(?:(?:written|posted|published|reported|submitted|text|story|words|photos?)\\s+by|by|von|vom|par|por|door|av|af|przez|' +
    'autor(?:in)?|author|auteur|autore|texto?|verfasst von|geschrieben von|gespeichert von|(?:ein\\s+)?(?:artikel|beitrag)\\s+von|' +
    'pressemitteilung von|redakteur(?:in)?|publiziert von|veröffentlicht von|publié par|publicado por|' +
    '记者|記者|作者|撰文|编辑|編輯|بقلم|كتبت?|' +
    '(?:view\\s+)?all\\s+(?:posts|articles|stories)\\s+by|(?:more|posts|articles|stories)\\s+(?:by|from)|' +
    '(?:zeige\\s+)?alle\\s+(?:beiträge|artikel|texte)\\s+von|mehr\\s+von|tous\\s+les\\s+articles\\s+de)(?:\\s*[:：\\-–]\\s*|\\s+|$)',
  'i',
);
/** Words and marks that trail a name once the date after it is cut: "Ann Lee, am Samstag,". */
const BYLINE_TAIL = new RegExp(
  '(?:[\\s,;|•·»«–—-]+|\\s+(?:am|on|le|el|em|il|den|vom|um|at|the|publié|updated|aktualisiert)|' +
    '\\s+(?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|monday|tuesday|wednesday|thursday|friday|saturday|sunday|' +
    'lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|mo|di|mi|do|fr|sa|so|mon|tue|wed|thu|fri|sat|sun|' +
    'january|february|march|april|may|june|july|august|september|october|november|december|' +
    'januar|februar|märz|juni|juli|oktober|dezember|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)\\.?|' +
    '\\s*[→»›>]+)$',
  'i',
);
/** A byline word inside a dated line, before a name: "... 2024 by Ann Lee", "... 记者 林晓雯". Not "von": in German prose it starts too many things. */
const BYLINE_INFIX = /(^|[\s,，|·])(?:by|par|por|door|记者|記者|作者|撰文|بقلم)[\s:：]*(?=[\p{Lu}\p{Lo}])/u;
/** A date as a byline line states it before the names: 2024-04-18, 14.05.2024, 14 May 2024, May 14, 2024. */
const DATED = /\d{4}-\d{1,2}-\d{1,2}|\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}|\d{1,2}\.?\s+\p{L}+\.?\s+\d{4}|\p{L}+\.?\s+\d{1,2},?\s+\d{4}/u;
/** A name starts with a capital, or with a letter of a script without case (CJK, Arabic). */
const NAME_START = /^[\p{Lu}\p{Lo}]/u;
/** Names that are placeholders or link labels, not authors. */
const PLACEHOLDER_AUTHORS =
  /^(?:admin|administrator|wordpressadmin|webmaster|editor|no author|unknown|anonymous|author|guest|publisher|null|undefined|none|veröffentlicht|published|posted|geschrieben|publié|publicado)$|^(?:view|afficher|ver|mostrar|zeige|mein)\b.*\b(?:profile?|perfil)\b/i;
/** An author label inside a line of labels. */
const AUTHOR_LABEL = /(?:^|\s)(?:autor(?:in)?|author|auteur|autore|verfasser(?:in)?|redaktion|text|von|by)\s*:\s*(.+)$/i;
/** Where a role or a credit follows the names: "Ann Lee - Chrome team", "Ann Lee | Reuters". */
const BYLINE_CREDIT_SEPARATOR = /\s[|•·–—-]\s/;
/** Small words that join names ("Ann Lee und Bo Li", "Ana de la Cruz"); other lower-case words are prose. */
const NAME_JOINERS: ReadonlySet<string> = new Set([
  'und', 'and', 'y', 'e', 'et', 'en', 'i', 'og', 'och', 'von', 'van', 'vom', 'zu', 'de', 'der', 'den', 'da', 'di', 'do', 'dos', 'das',
  'du', 'des', 'del', 'la', 'le', 'al', 'bin', 'ibn', 'ter', 'mit', 'im', 'with',
]);
/** More words than this in a byline must all be names or joiners. */
const PLAIN_BYLINE_WORDS = 4;
/** Longer than this, a byline is a paragraph, not a list of names. */
const MAX_BYLINE_LENGTH = 100;
/** How far (in elements) from the headline a byline box or a "By ..." line is looked for. */
const BYLINE_BOX_REACH = 400;
const BYLINE_LINE_REACH = 60;

/**
 * The byline. The first candidate that is not the site's own name wins (CMSs fill the author
 * meta with the site or its owner); the site's name is the answer only when nothing else is.
 */
export function readByline(sources: Sources): string | null {
  let siteAsAuthor: string | null = null;
  for (const byline of bylines(sources)) {
    if (!sources.siteNames.some((site) => isSiteName(byline, site))) return byline;
    siteAsAuthor ??= byline;
  }
  return siteAsAuthor;
}

/** Candidate bylines, best source first. */
function* bylines({ metas, ld, scan, anchor }: Sources): Generator<string> {
  for (const node of ld.ranked) {
    const names = authorNames(resolve(ld, node.author ?? node.creator));
    if (names) yield names;
  }
  for (const name of AUTHOR_METAS) {
    const byline = cleanByline(metas.get(name));
    if (byline) yield byline;
  }
  for (const { element } of scan.itemprops.get('author') ?? []) {
    if (isForeign(element)) continue;
    const named = findItemprop(element, 'name') ?? element;
    const byline = cleanByline(element.attrs.content ?? shortText(named, MAX_BYLINE_LENGTH, { spaced: true }));
    if (byline) yield byline;
  }
  for (const { element } of scan.authorLinks) {
    if (isForeign(element)) continue;
    const byline = cleanByline(shortText(element, MAX_BYLINE_LENGTH, { spaced: true }));
    if (byline) yield byline;
  }
  for (const element of boxesNear(scan, anchor, BYLINE_BOX_REACH, BYLINE_BOX_HINT)) {
    const byline = cleanByline(shortText(element, MAX_BYLINE_LENGTH, { spaced: true }));
    if (byline) yield byline;
  }
  // A line right after the headline, whatever its class, that starts "By ..." or "Von ...", or
  // states a date and then "by" ("Published 14 May 2024 by Ann Lee", "2024-04-18 来源：日报 记者 林晓雯").
  for (let order = anchor + 1; order <= anchor + BYLINE_LINE_REACH && order < scan.elements.length; order++) {
    const element = scan.elements[order] as HtmlElement;
    const text = shortText(element, MAX_BYLINE_LENGTH, { spaced: true });
    if (!text || isForeign(element)) continue;
    const prefix = BYLINE_PREFIX.exec(text);
    let from = prefix && NAME_START.test(text.slice(prefix[0].length)) ? 0 : -1;
    if (from < 0 && /\d/.test(text)) {
      const infix = BYLINE_INFIX.exec(text);
      if (infix && DATED.test(text.slice(0, infix.index))) from = infix.index + (infix[1]?.length ?? 0);
    }
    const byline = from >= 0 ? cleanByline(text.slice(from)) : null;
    if (byline) yield byline;
  }
}

function findItemprop(element: HtmlElement, property: string): HtmlElement | null {
  for (const child of element.children) {
    if (typeof child === 'string') continue;
    if (child.attrs.itemprop?.toLowerCase() === property) return child;
    const found = findItemprop(child, property);
    if (found) return found;
  }
  return null;
}

/** JSON-LD authors as "A, B": strings, {name}, {givenName, familyName}, lists of those. */
function authorNames(value: unknown): string | null {
  const names: string[] = [];
  for (const item of Array.isArray(value) ? value : [value]) {
    const name = cleanByline(nameOf(item));
    if (name && !names.some((n) => sameText(n, name))) names.push(name);
  }
  return names.length ? names.join(', ') : null;
}

/**
 * A byline as names only: without "By"/"Von"/"Par"/"Por", without the date printed after it;
 * never a URL, an e-mail address or a placeholder such as "admin".
 *
 * @example cleanByline('Von Anna Lee am 5. März 2024') // 'Anna Lee'
 */
export function cleanByline(value: string | null | undefined): string | null {
  if (!value) return null;
  let text = clean(value);
  for (let i = 0; i < 2 && BYLINE_PREFIX.test(text); i++) text = text.replace(BYLINE_PREFIX, '');
  text = text.replace(/^[©\s]+/, '');
  // "Datum: 19.11.2021 Autor: Ann Lee Quelle: dpa": the labelled part, up to the next label.
  const labelled = AUTHOR_LABEL.exec(text);
  if (labelled) text = (labelled[1] as string).replace(/\s\p{L}+:\s.*$/u, '');
  // The date or time printed after the names: from the first number that stands alone.
  const number = /(?:^|[\s,(])\d/.exec(text);
  if (number) text = text.slice(0, number.index);
  const credit = BYLINE_CREDIT_SEPARATOR.exec(text);
  if (credit) text = text.slice(0, credit.index);
  // A label after the names starts something else: "Ann Lee Kategorien: News".
  const nextLabel = /\s\p{L}+:(?:\s|$)/u.exec(text);
  if (nextLabel) text = text.slice(0, nextLabel.index);
  for (let before = ''; before !== text; ) {
    before = text;
    text = text.replace(BYLINE_TAIL, '');
  }
  text = text.replace(/^[\s,:;|•·»–—-]+/, '').trim();
  // The same names twice (a photo credit and the byline run together).
  const half = text.slice(0, text.length / 2).trim();
  if (half && text === `${half} ${half}`) text = half;
  if (!text || text.length > MAX_BYLINE_LENGTH || PLACEHOLDER_AUTHORS.test(text)) return null;
  if (/@|:\/\/|^www\.|^\/|\.(?:com|org|net|html?)\b|[:!?]$/i.test(text)) return null;
  return /\p{L}/u.test(text) && !/^\p{Ll}{1,3}\.?$/u.test(text) && readsAsNames(text) ? text : null;
}

/** Whether a text reads as names: short, or every lower-case word a joiner (not a sentence). */
function readsAsNames(text: string): boolean {
  const words = text.split(/[\s,;&/]+/).filter(Boolean);
  if (words.length <= PLAIN_BYLINE_WORDS) return true;
  return words.every((word) => !/^\p{Ll}/u.test(word) || NAME_JOINERS.has(word));
}
