// Main content (first cut; the scorer replaces this).
import { textOf, type ParsedHtml } from './tree.js';

export interface ContentOptions {
  title: string | null;
}

export function extractContent(page: ParsedHtml, _options: ContentOptions): { paragraphs: string[]; html: string } {
  const text = textOf(page.root).replace(/\s+/g, ' ').trim();
  return { paragraphs: text ? [text] : [], html: '' };
}
