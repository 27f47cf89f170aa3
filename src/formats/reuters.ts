// Reuters-21578 SGML: one file, many <REUTERS> stories. A hand-written scanner (indexOf, no
// backtracking regexes over the file) so the 20 MB training file parses in a fraction of a second,
// and a broken story costs only itself: it goes to `problems`, the others still parse.
import { decodeHTML } from 'entities';
import { DatelineError } from '../core/index.js';
import type { ArticleDraft, InputProblem, KnownFields } from '../core/index.js';
import { collapseWhitespace, normaliseLines, normaliseText } from './normalize.js';

const OPEN = '<REUTERS';
const CLOSE = '</REUTERS>';
const MONTHS: Readonly<Record<string, string>> = {
  JAN: '01', FEB: '02', MAR: '03', APR: '04', MAY: '05', JUN: '06',
  JUL: '07', AUG: '08', SEP: '09', OCT: '10', NOV: '11', DEC: '12',
};
const GARBAGE = 'text outside any story ignored';
/** Garbage between stories is quoted in the problem up to this many characters. */
const QUOTE_CHARS = 40;

export interface ParsedReuters {
  drafts: ArticleDraft[];
  problems: InputProblem[];
}

/**
 * Splits a Reuters-21578 file into drafts, one per <REUTERS> element. A draft's position is the
 * element's 0-based ordinal in the file (broken ones included), so ids do not shift when a broken
 * story is repaired. Throws E_SGML_MALFORMED only when no story at all could be read.
 *
 * Draft text: TITLE, a blank line, then the DATELINE (trimmed), a space and the BODY with its
 * line breaks as in the file; TITLE alone for briefs; the bare TEXT for unprocessed stories.
 */
export function parseReuters(input: string, name: string, onDraft?: (draft: ArticleDraft) => void): ParsedReuters {
  // Normalised once for the whole file: one pass over one flat string is several times faster
  // than one per story, and it keeps line numbers. Trailing spaces are mostly in the markup
  // ("<UNKNOWN> "), so they are trimmed from bodies only (trimBody), titles being collapsed.
  const text = normaliseLines(input, { trimLineEnds: false });
  const drafts: ArticleDraft[] = [];
  const problems: InputProblem[] = [];
  const lineAt = lineCounter(text);

  let ordinal = 0;
  let cursor = 0;
  // The next </REUTERS> is remembered, so a file of unclosed stories is not rescanned to its
  // end once per story (quadratic on a 20 MB file).
  let close = -1;
  for (;;) {
    const start = findOpen(text, cursor);
    noteGarbage(text, cursor, start === -1 ? text.length : start, lineAt, problems);
    if (start === -1) break;
    const position = ordinal++;
    const nextOpen = findOpen(text, start + OPEN.length);
    if (close !== Infinity && close < start) {
      close = text.indexOf(CLOSE, start);
      if (close === -1) close = Infinity;
    }
    if (close === Infinity || (nextOpen !== -1 && nextOpen < close)) {
      problems.push({
        line: lineAt(start),
        message: `story ${position + 1} (<REUTERS> at line ${lineAt(start)}) has no closing </REUTERS>; skipped`,
      });
      if (nextOpen === -1) break;
      cursor = nextOpen;
      continue;
    }
    const story = text.slice(start, close);
    const draft = parseStory(story, position, (offset) => lineAt(start + offset), problems);
    if (draft) {
      drafts.push(draft);
      onDraft?.(draft);
    }
    cursor = close + CLOSE.length;
  }

  if (drafts.length === 0) {
    // A broken story says more than the stray text around it, so it is named first.
    const first = problems.find((p) => !p.message.startsWith(GARBAGE)) ?? problems[0];
    const detail = first ? `: ${first.message}` : '';
    throw new DatelineError(
      'E_SGML_MALFORMED',
      `formats: ${name} looks like Reuters SGML but no story could be read${detail}`,
      first?.line === undefined ? { input: name } : { input: name, line: first.line },
    );
  }
  return { drafts, problems };
}

function parseStory(
  story: string,
  position: number,
  lineAt: (offset: number) => number,
  problems: InputProblem[],
): ArticleDraft | null {
  const tagEnd = story.indexOf('>');
  const attributes = parseAttributes(story.slice(OPEN.length, tagEnd === -1 ? 0 : tagEnd));
  const label = `story ${position + 1}${attributes.NEWID ? ` (NEWID ${attributes.NEWID})` : ''}`;
  const problem = (offset: number, message: string, severity: 'error' | 'warning' = 'error'): void => {
    problems.push({ line: lineAt(offset), message: `${label}: ${message}`, severity });
  };

  const element = (tag: string, from = 0, to = story.length): string | undefined => {
    const open = story.indexOf(`<${tag}>`, from);
    if (open === -1 || open >= to) return undefined;
    const contentStart = open + tag.length + 2;
    const close = story.indexOf(`</${tag}>`, contentStart);
    if (close !== -1) return story.slice(contentStart, close);
    // Unclosed: read to the next tag (or the end of TEXT for BODY) and say so.
    const stop = tag === 'BODY' ? story.indexOf('</TEXT>', contentStart) : story.indexOf('<', contentStart);
    problem(open, `<${tag}> is not closed; read up to the next tag`);
    return story.slice(contentStart, stop === -1 ? story.length : stop);
  };

  // Metadata sits before <TEXT>, the story after it: each tag is looked for only where it lives.
  const textStart = story.indexOf('<TEXT');
  const from = textStart === -1 ? 0 : textStart;
  const headEnd = textStart === -1 ? story.length : textStart;
  const title = cleanInline(element('TITLE', from));
  const dateline = cleanInline(element('DATELINE', from));
  const body = element('BODY', from);
  const author = cleanInline(element('AUTHOR', from));
  const rawDate = element('DATE', 0, headEnd);

  const known: KnownFields = { wire: 'Reuters', kind: 'agency' };
  if (title) known.title = title;
  if (author) known.byline = author.replace(/^by\s+/i, '');
  const extra: Record<string, unknown> = {
    topics: listOf(element('TOPICS', 0, headEnd)),
    places: listOf(element('PLACES', 0, headEnd)),
    people: listOf(element('PEOPLE', 0, headEnd)),
    orgs: listOf(element('ORGS', 0, headEnd)),
    exchanges: listOf(element('EXCHANGES', 0, headEnd)),
    companies: listOf(element('COMPANIES', 0, headEnd)),
  };
  addNumber(extra, 'newId', attributes.NEWID);
  addNumber(extra, 'oldId', attributes.OLDID);
  if (attributes.LEWISSPLIT) extra.lewisSplit = attributes.LEWISSPLIT;
  if (attributes.CGISPLIT) extra.cgiSplit = attributes.CGISPLIT;
  if (attributes.TOPICS) extra.hasTopics = attributes.TOPICS === 'YES';
  const textType = /^<TEXT\s+TYPE="(\w+)"/.exec(story.slice(from, from + 24))?.[1];
  if (textType) extra.textType = textType;

  if (rawDate !== undefined) {
    const published = parseReutersDate(rawDate);
    if (published) {
      known.published = published;
      known.publishedZone = 'unknown';
    } else {
      // A garbled time ("605:12:19.12") still leaves a good day: keep that, and the raw value.
      const day = parseReutersDay(rawDate);
      if (day) {
        known.published = day;
        known.publishedZone = 'unknown';
      }
      extra.date = rawDate.trim();
      const kept = day ? `kept the day ${day}` : 'no date kept';
      problem(story.indexOf('<DATE>'), `DATE "${rawDate.trim().slice(0, QUOTE_CHARS)}" is not a time we read (${kept}; raw value in extra.date)`, 'warning');
    }
  }

  let draftText: string;
  if (body !== undefined) {
    const bodyText = trimBody(decode(body));
    draftText = [title, [dateline, bodyText].filter(Boolean).join(' ')].filter(Boolean).join('\n\n');
  } else if (title) {
    draftText = title;
  } else {
    // Unprocessed copy (TYPE="UNPROC"): no TITLE or BODY, only the text itself.
    const textOpen = textStart === -1 ? -1 : story.indexOf('>', textStart);
    const textClose = story.indexOf('</TEXT>');
    draftText = textOpen === -1 ? '' : normaliseText(decode(story.slice(textOpen + 1, textClose === -1 ? story.length : textClose)));
  }
  if (!draftText) {
    problem(0, 'is empty (no TITLE, BODY or TEXT); skipped', 'warning');
    return null;
  }
  return { position, text: draftText, known, extra };
}

/** "26-FEB-1987 15:01:01.79" -> "1987-02-26T15:01:01.790" (local time as printed; zone unknown). */
export function parseReutersDate(raw: string): string | null {
  const match = /^\s*(\d{1,2})-([A-Za-z]{3})-(\d{4})\s+(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?/.exec(raw);
  if (!match) return null;
  const [, day = '', mon = '', year = '', hour = '', minute = '', second = '', fraction] = match;
  const month = MONTHS[mon.toUpperCase()];
  if (!month) return null;
  const ms = fraction === undefined ? '' : `.${fraction.padEnd(3, '0')}`;
  return `${year}-${month}-${day.padStart(2, '0')}T${hour.padStart(2, '0')}:${minute}:${second}${ms}`;
}

function parseReutersDay(raw: string): string | null {
  const match = /^\s*(\d{1,2})-([A-Za-z]{3})-(\d{4})/.exec(raw);
  const month = match ? MONTHS[(match[2] ?? '').toUpperCase()] : undefined;
  return match && month ? `${match[3]}-${month}-${(match[1] ?? '').padStart(2, '0')}` : null;
}

/** `<REUTERS` at a line start or at the start of the text (not inside a body that quotes it). */
function findOpen(text: string, from: number): number {
  for (let at = text.indexOf(OPEN, from); at !== -1; at = text.indexOf(OPEN, at + OPEN.length)) {
    const after = text.charCodeAt(at + OPEN.length);
    const isTag = after === 32 || after === 62 || after === 9 || after === 10 || after === 13;
    if (isTag && (at === 0 || text.charCodeAt(at - 1) === 10)) return at;
  }
  return -1;
}

/** Text between stories should be blank (or the DOCTYPE line); anything else is reported. */
function noteGarbage(text: string, from: number, to: number, lineAt: (offset: number) => number, problems: InputProblem[]): void {
  let at = from;
  while (at < to) {
    const ch = text.charCodeAt(at);
    if (ch === 32 || ch === 9 || ch === 10 || ch === 13 || ch === 0xfeff) {
      at++;
      continue;
    }
    if (text.startsWith('<!DOCTYPE', at)) {
      const end = text.indexOf('>', at);
      if (end !== -1 && end < to) {
        at = end + 1;
        continue;
      }
    }
    const quote = text.slice(at, Math.min(to, at + QUOTE_CHARS)).split('\n')[0] ?? '';
    problems.push({ line: lineAt(at), message: `${GARBAGE}: "${quote}"` });
    return;
  }
}

/** 1-based line of an offset; queries mostly move forward, so it counts on from the last one. */
function lineCounter(text: string): (offset: number) => number {
  let lastOffset = 0;
  let lastLine = 1;
  return (offset) => {
    if (offset < lastOffset) {
      lastOffset = 0;
      lastLine = 1;
    }
    for (let nl = text.indexOf('\n', lastOffset); nl !== -1 && nl < offset; nl = text.indexOf('\n', nl + 1)) lastLine++;
    lastOffset = offset;
    return lastLine;
  };
}

/** `TOPICS="YES" NEWID="1"` -> { TOPICS: 'YES', NEWID: '1' }; scanned, it runs once per story. */
function parseAttributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  let at = 0;
  for (let eq = tag.indexOf('="', at); eq !== -1; eq = tag.indexOf('="', at)) {
    const end = tag.indexOf('"', eq + 2);
    if (end === -1) break;
    const nameStart = tag.lastIndexOf(' ', eq) + 1;
    out[tag.slice(nameStart, eq).trim()] = tag.slice(eq + 2, end);
    at = end + 1;
  }
  return out;
}

function listOf(content: string | undefined): string[] {
  if (!content) return [];
  const values: string[] = [];
  for (let at = content.indexOf('<D>'); at !== -1; at = content.indexOf('<D>', at + 3)) {
    const end = content.indexOf('</D>', at + 3);
    const value = collapseWhitespace(decode(content.slice(at + 3, end === -1 ? content.length : end)));
    if (value) values.push(value);
  }
  return values;
}

function addNumber(extra: Record<string, unknown>, key: string, value: string | undefined): void {
  if (value === undefined) return;
  const n = Number(value);
  extra[key] = Number.isInteger(n) ? n : value;
}

const SGML_ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/**
 * Entities (&lt; &amp; &#3;) decoded, and the control characters they spell (&#2; &#3; &#127;)
 * dropped (raw control characters are left to normaliseText). Hand-rolled for the handful of entities the corpus uses, since building a new
 * string per story through a general decoder was most of the parse time; other named entities
 * go to the `entities` package.
 */
function decode(raw: string): string {
  let at = raw.indexOf('&');
  if (at === -1) return raw;
  let out = '';
  let last = 0;
  for (; at !== -1; at = raw.indexOf('&', at + 1)) {
    const semi = raw.indexOf(';', at + 1);
    if (semi === -1 || semi - at > 32) continue;
    const name = raw.slice(at + 1, semi);
    let value: string;
    if (name.charCodeAt(0) === 35 /* # */) {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      if (!Number.isInteger(code) || code < 0 || code > 0x10ffff) continue;
      // &#2; &#3; &#127; are transmission codes, not text: dropped here rather than in a later pass.
      const isControl = (code < 0x20 && code !== 9 && code !== 10) || (code >= 0x7f && code < 0xa0);
      value = isControl ? '' : String.fromCodePoint(code);
    } else {
      value = SGML_ENTITIES[name] ?? decodeHTML(`&${name};`);
    }
    out += raw.slice(last, at) + value;
    last = semi + 1;
    at = semi;
  }
  return out + raw.slice(last);
}

/** The file is normalised already but for trailing spaces, which go here. */
function trimBody(body: string): string {
  const trimmed = body.trim();
  // Most bodies have none, so checked before replacing.
  return trimmed.includes(' \n') || trimmed.includes('\t\n') ? trimmed.replace(/[ \t]+\n/g, '\n') : trimmed;
}

function cleanInline(raw: string | undefined): string {
  return raw === undefined ? '' : collapseWhitespace(decode(raw));
}
