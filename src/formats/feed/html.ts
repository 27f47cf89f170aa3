// HTML inside feeds: sanitised with sanitize-html (no scripts, event handlers, javascript: URLs
// or style attacks survive), relative URLs resolved against the base in effect, and decoded to
// plain text where a text is wanted (titles, article bodies).
import { decodeHTMLStrict } from 'entities';
import type sanitizeHtml from 'sanitize-html';
import { sanitizer } from '../lazy.js';
import { htmlToText } from '../html-text.js';
import type { FeedText } from './model.js';
import { resolveUrl } from './xml.js';

/** Elements kept in feed HTML beyond sanitize-html's defaults: media and the older inline ones. */
const EXTRA_TAGS = [
  'img', 'figure', 'figcaption', 'picture', 'source', 'video', 'audio', 'track', 'del', 'ins', 'sup', 'sub',
  'font', 'big', 'small', 'center', 'u', 's', 'strike', 'acronym', 'colgroup', 'col', 'tfoot', 'span',
];

/** Attributes holding URLs, resolved against the base. */
const URL_ATTRIBUTES = ['href', 'src', 'cite', 'poster', 'longdesc', 'background', 'action'];

/** The sanitiser's options, made on first use (sanitize-html loads lazily). */
let defaultOptions: sanitizeHtml.IOptions | undefined;
const options = (): sanitizeHtml.IOptions => (defaultOptions ??= {
  allowedTags: [...sanitizer().defaults.allowedTags, ...EXTRA_TAGS],
  allowedAttributes: {
    '*': ['title', 'lang', 'dir', 'class', 'id', 'align', 'abbr', 'colspan', 'rowspan', 'headers', 'scope', 'width', 'height'],
    a: ['href', 'name', 'rel', 'hreflang', 'type'],
    img: ['src', 'srcset', 'alt', 'longdesc', 'border', 'hspace', 'vspace'],
    source: ['src', 'srcset', 'type', 'media'],
    video: ['src', 'poster', 'controls'],
    audio: ['src', 'controls'],
    track: ['src', 'kind', 'srclang', 'label'],
    blockquote: ['cite'],
    q: ['cite'],
    del: ['cite', 'datetime'],
    ins: ['cite', 'datetime'],
    font: ['color', 'face', 'size'],
    ol: ['start', 'type'],
    li: ['value'],
  },
  allowedSchemes: ['http', 'https', 'ftp', 'mailto', 'tel', 'data'],
  allowedSchemesByTag: { img: ['http', 'https', 'data'] },
  allowProtocolRelative: true,
  disallowedTagsMode: 'discard',
});

/**
 * Sanitises feed HTML and resolves its relative URLs against `base`.
 *
 * @example sanitizeFeedHtml('<a href="/x" onclick="evil()">x</a><script>1</script>', 'http://a.example/') // '<a href="http://a.example/x">x</a>'
 */
export function sanitizeFeedHtml(html: string, base: string | null): string {
  if (!html) return '';
  const settings: sanitizeHtml.IOptions = base
    ? {
        ...options(),
        transformTags: {
          '*': (tagName, attribs) => {
            const out = { ...attribs };
            for (const name of URL_ATTRIBUTES) {
              const value = out[name];
              if (value !== undefined) out[name] = resolveUrl(value.trim(), base);
            }
            return { tagName, attribs: out };
          },
        },
      }
    : options();
  return sanitizer()(html, settings);
}

const HTMLISH_TYPES = new Set(['text/html', 'application/xhtml+xml', 'html', 'xhtml']);

/** Whether a FeedText's value is HTML. */
export function isHtmlType(type: string): boolean {
  return HTMLISH_TYPES.has(type);
}

/**
 * Builds a FeedText: HTML types are sanitised, every value gets its plain-text form.
 */
export function feedText(raw: string, type: string, language: string | null, base: string | null): FeedText {
  if (isHtmlType(type)) {
    const value = sanitizeFeedHtml(raw, base);
    return { value, type, text: htmlToText(value), language, base };
  }
  return { value: raw, type, text: raw.replace(/\s+/g, ' ').trim(), language, base };
}

/** Element names feedparser's sanitizer accepts, used to guess whether plain text is HTML. */
const HTML_ELEMENTS = new Set([
  'a', 'abbr', 'acronym', 'address', 'area', 'article', 'aside', 'audio', 'b', 'big', 'blockquote', 'br', 'button',
  'canvas', 'caption', 'center', 'cite', 'code', 'col', 'colgroup', 'command', 'datagrid', 'datalist', 'dd', 'del',
  'details', 'dfn', 'dialog', 'dir', 'div', 'dl', 'dt', 'em', 'event-source', 'fieldset', 'figcaption', 'figure',
  'font', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'i', 'img', 'input', 'ins',
  'kbd', 'keygen', 'label', 'legend', 'li', 'm', 'map', 'menu', 'meter', 'multicol', 'nav', 'nextid', 'noscript',
  'ol', 'optgroup', 'option', 'output', 'p', 'pre', 'progress', 'q', 's', 'samp', 'section', 'select', 'small',
  'sound', 'source', 'spacer', 'span', 'strike', 'strong', 'sub', 'sup', 'table', 'tbody', 'td', 'textarea', 'tfoot',
  'th', 'thead', 'time', 'tr', 'tt', 'u', 'ul', 'var', 'video',
]);

/**
 * Whether text said to be plain is really HTML (RSS titles often are): it has an end tag or an
 * entity reference, and every tag is an HTML element.
 */
export function looksLikeHtml(text: string): boolean {
  if (!/<\/(\w+)>/.test(text) && !/&#?\w+;/.test(text)) return false;
  for (const m of text.matchAll(/<\/?(\w+)/g)) if (!HTML_ELEMENTS.has(m[1]!.toLowerCase())) return false;
  for (const m of text.matchAll(/&(\w+);/g)) if (decodeHTMLStrict(m[0]) === m[0]) return false;
  return true;
}
