// What an element's tag, ARIA role, class and id say it is: furniture (and how sure), content,
// hidden, or nothing. Class names repeat across a page and across pages, so each distinct
// name is read into words once and its verdict cached.
import {
  AD_WORDS, BOILERPLATE_ROLES, BOILERPLATE_TAGS, CONTENT_ROLES, CONTENT_WORDS, HIDDEN_CLASSES, HIDDEN_STYLE,
  OVERLAY_WORDS, STRONG_BOILERPLATE_WORDS, UNTELLING_FIRST_WORDS, UNTELLING_LAST_WORDS, WEAK_BOILERPLATE_WORDS,
} from './rules.js';
import { textOf, type HtmlElement } from './tree.js';

/**
 * `furniture`: page furniture; `weak` and `ads`: furniture unless they hold real paragraphs
 * (WEAK_TEXT_CHARS, AD_TEXT_CHARS); `overlay`: furniture whatever it holds.
 */
export type Hint = 'furniture' | 'weak' | 'overlay' | 'ads' | 'content' | 'hidden' | null;

/** What an element's tag, role, class and id say it is. */
export function hintOf(element: HtmlElement): Hint {
  const { tag, attrs } = element;
  if (attrs.hidden !== undefined || (attrs.style && HIDDEN_STYLE.test(attrs.style))) return 'hidden';
  if (tag === 'noscript') return standsInForScript(element) ? null : 'hidden';
  if (tag === 'body' || tag === 'html') return null;
  const role = attrs.role;
  if (role && BOILERPLATE_ROLES.has(role)) return 'furniture';
  if (role && CONTENT_ROLES.has(role)) return 'content';
  if (attrs.itemprop === 'articleBody' || attrs.itemprop === 'text') return 'content';
  const names = attrs.id ? `${attrs.class ?? ''} ${attrs.id}` : attrs.class;
  const said = names ? verdictOf(names) : 0;
  if (said & HIDDEN) return 'hidden';
  if (said & OVERLAY) return 'overlay';
  // An <article> or <main> is what it says; its classes often list the post's categories.
  if (tag === 'article' || tag === 'main') return 'content';
  if (said & STRONG || BOILERPLATE_TAGS.has(tag)) return 'furniture';
  if (said & WEAK && !(said & CONTENT)) return 'weak';
  if (said & ADS) return 'ads';
  if (said & CONTENT) return 'content';
  return null;
}

const HIDDEN = 1, OVERLAY = 2, STRONG = 4, WEAK = 8, ADS = 16, CONTENT = 32;

/** Verdicts of class names seen; cleared when it grows past VERDICT_CACHE_SIZE. */
const verdicts = new Map<string, number>();
const VERDICT_CACHE_SIZE = 50_000;

function verdictOf(names: string): number {
  let verdict = 0;
  for (const name of names.split(' ')) {
    if (!name) continue;
    let said = verdicts.get(name);
    if (said === undefined) {
      said = verdictOfName(name.trim());
      if (verdicts.size >= VERDICT_CACHE_SIZE) verdicts.clear();
      // A copy as the key: `name` is a slice of the page's source, which the cache would keep alive.
      verdicts.set(Buffer.from(name).toString(), said);
    }
    verdict |= said;
  }
  return verdict;
}

const splitWords = (value: string): string[] =>
  value
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/);

function verdictOfName(name: string): number {
  if (!name) return 0;
  // Tailwind marks an important utility with `!`: `!hidden` hides as surely as `hidden`.
  if (HIDDEN_CLASSES.has(name.charCodeAt(0) === 33 ? name.slice(1) : name)) return HIDDEN;
  // A BEM modifier (`section--has-ads`) describes a state, not what the element is.
  const modifier = name.indexOf('--');
  const words = splitWords(modifier > 0 ? name.slice(0, modifier) : name);
  if (UNTELLING_FIRST_WORDS.has(words[0]!) || UNTELLING_LAST_WORDS.has(words[words.length - 1]!)) return 0;
  // A name's last telling word is its noun: `post-author-bio` is a bio, `entry-content` content.
  let verdict = 0;
  let noun = 0;
  for (const word of words) {
    if (STRONG_BOILERPLATE_WORDS.has(word)) verdict |= STRONG;
    else if (OVERLAY_WORDS.has(word)) verdict |= OVERLAY;
    else if (AD_WORDS.has(word)) verdict |= ADS;
    else if (WEAK_BOILERPLATE_WORDS.has(word)) noun = WEAK;
    else if (CONTENT_WORDS.has(word)) noun = CONTENT;
  }
  return verdict | noun;
}

/**
 * A `<noscript>` is read only where it stands in for script-rendered content: nothing else
 * beside it has text. Elsewhere it says "enable JavaScript" or repeats an image.
 */
function standsInForScript(noscript: HtmlElement): boolean {
  for (const sibling of noscript.parent?.children ?? []) {
    if (sibling === noscript) continue;
    if (/\S/.test(typeof sibling === 'string' ? sibling : textOf(sibling))) return false;
  }
  return true;
}
