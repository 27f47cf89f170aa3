// A small, block-aware HTML-to-text for HTML that arrives inside other formats (JSONL `html`
// fields): paragraphs where blocks end, no scripts or navigation, entities decoded. Main-content
// extraction from whole pages is a separate, larger job.
import { Parser } from 'htmlparser2';
import { normaliseText } from './normalize.js';

/** Elements whose end (and start) is a paragraph break. */
const BLOCK = new Set([
  'p', 'div', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'tr', 'table', 'ul', 'ol', 'dl',
  'dt', 'dd', 'section', 'article', 'header', 'main', 'aside', 'figure', 'figcaption', 'pre', 'hr',
  'address', 'caption', 'details', 'summary', 'center',
]);

/** Elements dropped with everything inside them: code, styling and page furniture, not content. */
const DROPPED = new Set([
  'script', 'style', 'noscript', 'template', 'nav', 'footer', 'head', 'svg', 'iframe', 'object',
  'button', 'select', 'textarea',
]);

/** Table cells are separated by a tab so a row stays one readable line. */
const CELL = new Set(['td', 'th']);

/**
 * Converts an HTML fragment or page to text with blank lines between blocks.
 * A single `<br>` is a line break inside a paragraph (address and contact lines keep their
 * shape), two in a row make a blank line, so `<br><br>`-separated paragraphs stay paragraphs.
 *
 * @example htmlToText('<p>One &amp; two</p><p>Three<br>four</p>') // 'One & two\n\nThree\nfour'
 */
export function htmlToText(html: string): string {
  const out: string[] = [];
  let dropDepth = 0;
  let preDepth = 0;

  const parser = new Parser(
    {
      onopentag(name) {
        if (DROPPED.has(name)) dropDepth++;
        else if (dropDepth > 0) return;
        else if (name === 'br') out.push('\n');
        else if (BLOCK.has(name)) {
          out.push('\n\n');
          if (name === 'pre') preDepth++;
        } else if (CELL.has(name)) out.push('\t');
      },
      ontext(text) {
        if (dropDepth > 0) return;
        // Outside <pre>, HTML whitespace (line breaks included) is one space.
        out.push(preDepth > 0 ? text : text.replace(/[ \t\n\r\f]+/g, ' '));
      },
      onclosetag(name) {
        if (DROPPED.has(name)) dropDepth = Math.max(0, dropDepth - 1);
        else if (dropDepth > 0) return;
        else if (BLOCK.has(name)) {
          out.push('\n\n');
          if (name === 'pre') preDepth = Math.max(0, preDepth - 1);
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();

  const joined = out
    .join('')
    .replace(/[ \t]*\n[ \t]*/g, '\n') // spaces around line breaks are layout, not content
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^[ \t]+/gm, '');
  return normaliseText(joined);
}
