// Renders kept blocks as HTML for display: headings, paragraphs, lists, quotes, code and rows,
// with links and emphasis inline. Built from escaped text, so it is safe by construction;
// sanitize-html then enforces the allowlist once more, a second lock on the same door.
import type sanitizeHtml from 'sanitize-html';
import { sanitizer } from '../lazy.js';
import type { Block } from './content.js';

/** What the rendered HTML may contain; links only to the web or mail. */
const ALLOWED: sanitizeHtml.IOptions = {
  allowedTags: ['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'ul', 'ol', 'li', 'blockquote', 'pre', 'code', 'a', 'strong', 'em', 'sub', 'sup', 'mark'],
  allowedAttributes: { a: ['href'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
};

export function renderBlocks(blocks: readonly Block[]): string {
  let html = '';
  let openList: Block['list'] = null;
  let listTag = '';
  for (const block of blocks) {
    if (openList && (block.kind !== 'item' || block.list !== openList)) {
      html += `</${listTag}>`;
      openList = null;
    }
    switch (block.kind) {
      case 'heading':
        html += `<h${block.level}>${block.html}</h${block.level}>`;
        break;
      case 'item':
        if (!openList) {
          openList = block.list;
          listTag = block.ordered ? 'ol' : 'ul';
          html += `<${listTag}>`;
        }
        html += `<li>${block.html}</li>`;
        break;
      case 'quote':
        html += `<blockquote><p>${block.html}</p></blockquote>`;
        break;
      case 'code':
        html += `<pre>${block.html}</pre>`;
        break;
      default:
        html += `<p>${block.html}</p>`;
    }
  }
  if (openList) html += `</${listTag}>`;
  return sanitizer()(html, ALLOWED);
}
