// A whole HTML page as one article draft: the extractor's main content becomes the structurer's
// text and the page's own metadata becomes known fields. Structuring is not done here (formats
// import only core); ingest hands the draft to the wire-text structurer like any other.
import { DatelineError } from '../core/index.js';
import type { ArticleDraft, KnownFields } from '../core/index.js';
import { type ExtractedPage, extractHtml } from './html/index.js';
import { hasWords, normaliseText } from './normalize.js';

/** An offset or `Z` at the end of an ISO 8601 time: the page stated its zone. */
const STATED_OFFSET = /(?:Z|[+-]\d{2}:?\d{2})$/i;

/**
 * The page's one draft. Throws E_NO_ARTICLE, naming the input, when the extractor finds no main
 * content (a bare index page, a page that builds its text with scripts).
 */
export function parseHtmlPage(html: string, name: string, url: string | null = null): ArticleDraft[] {
  const page = extractHtml(html, { url });
  const text = normaliseText(page.paragraphs.join('\n\n'));
  if (!hasWords(text)) {
    throw new DatelineError(
      'E_NO_ARTICLE',
      `formats: ${name} is an HTML page with no main content (no paragraphs of text outside navigation and page furniture), so no article`,
      { input: name },
    );
  }
  return [{ position: 0, text, known: knownFieldsOf(page), extra: {} }];
}

/** The page's metadata as fields that win over what the structurer reads from the text. */
export function knownFieldsOf(page: ExtractedPage): KnownFields {
  const known: KnownFields = {};
  if (page.title) known.title = page.title;
  if (page.published) {
    known.published = page.published;
    known.publishedZone = STATED_OFFSET.test(page.published) ? 'stated' : 'unknown';
  }
  if (page.modified) known.modified = page.modified;
  if (page.byline) known.byline = page.byline;
  if (page.siteName) known.siteName = page.siteName;
  if (page.canonicalUrl) known.canonicalUrl = page.canonicalUrl;
  if (page.description) known.description = page.description;
  if (page.image) known.image = page.image;
  const language = primaryLanguage(page.language);
  if (language) known.language = language;
  return known;
}

/**
 * The ISO 639-1 code of a language tag (`en-US` -> `en`), or null for tags that name none
 * (`x-default`, a three-letter code): the search filter `lang:` matches two-letter codes.
 */
export function primaryLanguage(tag: string | null): string | null {
  const primary = tag?.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return /^[a-z]{2}$/.test(primary) ? primary : null;
}
