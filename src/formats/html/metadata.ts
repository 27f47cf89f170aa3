// Page metadata (first cut; the full reader replaces this).
import type { PageMetadata } from './index.js';
import type { ParsedHtml } from './tree.js';

export interface MetadataOptions {
  url: string | null;
}

export function readMetadata(page: ParsedHtml, _options: MetadataOptions): PageMetadata {
  return {
    title: page.head.title || null, published: null, modified: null, byline: null, siteName: null,
    canonicalUrl: null, language: page.head.lang, description: null, image: null,
  };
}
