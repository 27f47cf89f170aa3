// JSONL exports: one article per line. A broken line is reported with its line number and the
// rest still parse; fields we do not model are kept in `extra`, so nothing in the input is lost.
import { ARTICLE_KINDS, type ArticleKind, DatelineError } from '../core/index.js';
import type { ArticleDraft, InputProblem, KnownFields } from '../core/index.js';
import { htmlToText } from './html-text.js';
import { collapseWhitespace, normaliseText } from './normalize.js';

const NO_CONTENT = 'no text, html or title';

/** Broken lines are quoted in problems up to this many characters. */
const QUOTE_CHARS = 60;

/** String fields copied to `known` under the same name (single-line values). */
const INLINE_FIELDS = ['title', 'url', 'canonicalUrl', 'source', 'wire', 'siteName', 'byline', 'modified'] as const;

/** Keys read into the draft; every other key goes to `extra` as it came. */
const MODELLED = new Set<string>([
  ...INLINE_FIELDS, 'text', 'html', 'published', 'description', 'language', 'lang', 'image', 'kind',
]);


export interface ParsedJsonl {
  drafts: ArticleDraft[];
  problems: InputProblem[];
}

/**
 * One draft per good line. A draft's position is the line's 0-based number in the file (blank
 * and broken lines count), so ids stay put when a broken line is fixed later. The draft text is
 * the title, a blank line and the body (from `text`, else `html`), so the structurer sees a
 * headline. Throws when no line gives an article: E_JSONL_MALFORMED if some lines are broken,
 * E_NO_ARTICLE if they are all well-formed objects without text, html or title.
 */
export function parseJsonl(text: string, name: string, onDraft?: (draft: ArticleDraft) => void): ParsedJsonl {
  const drafts: ArticleDraft[] = [];
  const problems: InputProblem[] = [];
  const lines = text.split('\n');
  let malformed = 0;
  for (let index = 0; index < lines.length; index++) {
    const line = (lines[index] ?? '').trim();
    if (line === '') continue;
    const result = parseLine(line, index);
    if (typeof result === 'string') {
      problems.push({ line: index + 1, message: result });
      if (!result.startsWith(NO_CONTENT)) malformed++;
    } else {
      drafts.push(result.draft);
      onDraft?.(result.draft);
      problems.push(...result.notes.map((message) => ({ line: index + 1, message, severity: 'warning' as const })));
    }
  }
  if (drafts.length === 0) {
    const first = problems[0];
    const hint = /^\s*[[{]\s*$/.test(lines[0] ?? '')
      ? '; a JSON document spread over many lines is not JSONL (one object per line)'
      : '';
    // Well-formed objects that are simply not articles are a different failure from broken JSON.
    throw new DatelineError(
      malformed === 0 ? 'E_NO_ARTICLE' : 'E_JSONL_MALFORMED',
      `formats: ${name} has no usable JSONL line${first ? ` (line ${first.line}: ${first.message})` : ''}${hint}`,
      first?.line === undefined ? { input: name } : { input: name, line: first.line },
    );
  }
  return { drafts, problems };
}

function parseLine(line: string, index: number): string | { draft: ArticleDraft; notes: string[] } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return `not JSON (${reason}): ${quote(line)}`;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return `a JSON ${Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value}, not an object: ${quote(line)}`;
  }
  const record = value as Record<string, unknown>;
  const notes: string[] = [];
  const known: KnownFields = {};
  const extra: Record<string, unknown> = {};

  // A modelled key with a value of the wrong type is kept in extra, with a note, not dropped.
  const str = (key: string): string | undefined => {
    const v = record[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'string') return v;
    extra[key] = v;
    notes.push(`field "${key}" is ${Array.isArray(v) ? 'an array' : `a ${typeof v}`}, not a string; kept in extra`);
    return undefined;
  };

  for (const key of INLINE_FIELDS) {
    const v = str(key);
    const cleaned = v === undefined ? '' : collapseWhitespace(v);
    if (cleaned) known[key] = cleaned;
  }
  const description = str('description');
  if (description !== undefined && normaliseText(description)) known.description = normaliseText(description);
  const fullKey = str('language')?.trim();
  const shortKey = str('lang')?.trim();
  const languageTag = fullKey || shortKey;
  if (languageTag) {
    // Articles carry ISO 639-1: "en-US" and "pt_BR" keep their primary subtag.
    const primary = /^([A-Za-z]{2})(?:[-_][A-Za-z0-9-]*)?$/.exec(languageTag)?.[1];
    if (primary) known.language = primary.toLowerCase();
    else {
      extra[fullKey ? 'language' : 'lang'] = languageTag;
      notes.push(`language "${quote(languageTag)}" is not an ISO 639-1 code; kept in extra`);
    }
  }
  if (fullKey && shortKey && fullKey !== shortKey) extra.lang = record.lang; // both given: keep the other

  const published = str('published')?.trim();
  if (published) {
    const iso = toIsoDate(published);
    if (iso) {
      known.published = iso.value;
      known.publishedZone = iso.zone;
    } else {
      extra.published = published;
      notes.push(`published "${quote(published)}" is not a date we read; kept in extra`);
    }
  }
  if (record.kind !== undefined) {
    if (ARTICLE_KINDS.includes(record.kind as ArticleKind)) known.kind = record.kind as ArticleKind;
    else {
      extra.kind = record.kind;
      notes.push(`kind must be release, agency or article; kept in extra`);
    }
  }
  if (record.image !== undefined && record.image !== null) {
    // A URL, or an object holding one (`{"url": ..., "width": ...}`) as many exports write it.
    const image = record.image as unknown;
    const url = typeof image === 'string' ? image : typeof image === 'object' && typeof (image as { url?: unknown }).url === 'string' ? (image as { url: string }).url : null;
    if (url !== null) known.image = url;
    else extra.image = record.image;
  }

  const plain = str('text');
  const html = str('html');
  const body = plain && plain.trim() ? normaliseText(plain) : html && html.trim() ? htmlToText(html) : '';
  const title = known.title ?? '';
  if (!body && !title) return `${NO_CONTENT}: ${quote(line)}`;

  for (const [key, v] of Object.entries(record)) if (!MODELLED.has(key)) extra[key] = v;
  const draftText = title && body ? `${title}\n\n${body}` : title || body;
  return { draft: { position: index, text: draftText, known, extra }, notes };
}

/**
 * Dates as export tools write them: ISO 8601 (kept as given; `stated` when it carries Z or an
 * offset) or RFC 2822 as in RSS (`Tue, 05 Mar 2024 10:00:00 +0100`, rewritten as ISO 8601).
 */
export function toIsoDate(raw: string): { value: string; zone: 'stated' | 'unknown' } | null {
  const iso = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?)?$/i.exec(raw);
  if (iso) {
    const [, date = '', time, offset] = iso;
    const value = time ? `${date}T${time}${offset ? normaliseOffset(offset) : ''}` : date;
    return { value, zone: offset ? 'stated' : 'unknown' };
  }
  const rfc = /^(?:[A-Za-z]{3},\s*)?(\d{1,2})\s+([A-Za-z]{3})[a-z]*\s+(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(Z|GMT|UTC|UT|[+-]\d{4})?$/.exec(raw);
  if (!rfc) return null;
  const [, day = '', mon = '', year = '', hour = '', minute = '', second, zone] = rfc;
  const month = MONTH_NUMBERS[mon.toLowerCase()];
  if (!month) return null;
  const offset = zone === undefined ? '' : /^[+-]/.test(zone) ? normaliseOffset(zone) : 'Z';
  const time = `${hour.padStart(2, '0')}:${minute}${second ? `:${second}` : ''}`;
  return { value: `${year}-${month}-${day.padStart(2, '0')}T${time}${offset}`, zone: offset ? 'stated' : 'unknown' };
}

const MONTH_NUMBERS: Readonly<Record<string, string>> = {
  jan: '01', feb: '02', mar: '03', apr: '04', may: '05', jun: '06',
  jul: '07', aug: '08', sep: '09', oct: '10', nov: '11', dec: '12',
};

function normaliseOffset(offset: string): string {
  if (offset.toUpperCase() === 'Z') return 'Z';
  return offset.includes(':') ? offset : `${offset.slice(0, 3)}:${offset.slice(3)}`;
}

function quote(text: string): string {
  return text.length > QUOTE_CHARS ? `${text.slice(0, QUOTE_CHARS)}…` : text;
}
