// The dateline: where and when a story was filed, and the wire that carried it, read from the
// opening of the first paragraph ("BEIJING, July 4, 2023 /PRNewswire/ --", "LONDON, Feb 26 -",
// "北京2023年7月4日 /美通社/ --"). Every pattern here runs on a bounded head of the paragraph
// and has no nested quantifiers, so the cost per story is small and linear.
import { formatDay, isValidDay, monthNumber } from './months.js';
import { CREDIT_ALTERNATION, MARKER_ALTERNATION, wireByCredit, wireByMarker, type WireService } from './wires.js';

/** Only this much of a paragraph is read for a dateline: they are short. */
const HEAD_MAX = 400;
/** A wire credit further in than this is part of the story, not its dateline. */
const MARKER_WINDOW = 200;
/** A dateline without a wire credit ends at a dash within this many characters. */
const PLAIN_WINDOW = 140;
/** A place longer than this, or with more words, is prose, not a dateline. */
const PLACE_MAX_CHARS = 80;
const PLACE_MAX_WORDS = 9;
/** Dash separators tried when a dateline carries no wire credit (Reuters 1987, AP's "CITY —"). */
const PLAIN_TRIES = 3;

export interface DatelineMatch {
  /** The place as printed, tidied of decoration ("****LONDON" -> "LONDON"); may be "". */
  place: string;
  month?: number;
  day?: number;
  year?: number;
  wire?: WireService;
  /** A byline run into the dateline, as aggregators print AP copy ("By JANE DOE WASHINGTON (AP) --"). */
  byline?: string;
  /** The paragraph after the dateline, or "" when the dateline was all of it. */
  rest: string;
}

export interface DayParts {
  month: number;
  day: number;
  year?: number;
}

/** The dateline date as the model prints it: `YYYY-MM-DD` or `--MM-DD`. */
export function datelineDate(m: DatelineMatch): string | null {
  return m.month !== undefined && m.day !== undefined ? formatDay(m.month, m.day, m.year) : null;
}

/**
 * A word that may be a month; the month table decides. A plain letter class instead of an
 * alternation of every spelling keeps these patterns cheap on every paragraph.
 */
const MONTH_WORD = '[\\p{L}]{3,10}';
// "Feb 26", "March 4, 2024", "Sept. 5 2023", "July 4th": month first.
const MD_END_RE = new RegExp(
  `(?:^|[\\s,.\\-–—])(${MONTH_WORD})\\.?\\s*(\\d{1,2})(?:st|nd|rd|th)?(?:\\s*,?\\s*(\\d{4}))?\\.?$`,
  'iu',
);
// "2 March", "le 4 juillet 2023", "5 de marzo de 2024", "5. März 2024", "4 jul", "04 LUG", "1er mars 2024": day first.
const DM_END_RE = new RegExp(
  `(?:^|[\\s,.\\-–—])(?:le\\s+)?(\\d{1,2})(?:st|nd|rd|th|\\.|º|er)?\\s*(?:de\\s+)?(${MONTH_WORD})\\.?(?:\\s*(?:de\\s+|,\\s*)?(\\d{4}))?\\.?$`,
  'iu',
);
// "北京2023年7月4日": the CJK form runs the place into the date.
const CJK_END_RE = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$/u;
const MD_START_RE = new RegExp(
  `^[\\s/\\-–—]*(${MONTH_WORD})\\.?\\s*(\\d{1,2})(?:st|nd|rd|th)?(?:\\s*,?\\s*(\\d{4}))?(?![\\p{L}\\p{N}])`,
  'iu',
);
const DM_START_RE = new RegExp(
  `^[\\s/\\-–—]*(\\d{1,2})(?:st|nd|rd|th|\\.|º|er)?\\s*(?:de\\s+)?(${MONTH_WORD})\\.?(?:\\s*(?:de\\s+|,\\s*)?(\\d{4}))?(?![\\p{L}\\p{N}])`,
  'iu',
);

// A credit in brackets or slashes ("(Reuters)", "/PRNewswire-FirstCall/", "/ ACCESSWIRE /"),
// Newsfile's dated credit, and Media OutReach's dashed one.
const MARKER_RE = new RegExp(
  `[(/]\\s*(${MARKER_ALTERNATION})\\s*[)/]` +
    `|\\(\\s*(Newsfile\\s+Corp\\.?)\\s*[-–—]\\s*([^()\\n]{3,40})\\)` +
    `|(?:^|\\s)[-–—]{1,2}\\s*(Media\\s+OutReach(?:\\s+Newswire)?)\\s*[-–—]{1,2}`,
  'iu',
);
/** A byline before the place: "By JANE DOE WASHINGTON", "By JOHN Q. PUBLIC NEW YORK". */
const BYLINE_LEAD_RE = /^By\s+(\p{Lu}[\p{L}'’-]+\s+(?:\p{Lu}\.\s+)?\p{Lu}[\p{L}'’-]+)\s+(?=\p{Lu})/u;
/** An unknown credit in brackets closing a place: "OWINGS MILLS, Maryland (Ticker)". */
const TRAILING_CREDIT_RE = /\s*\([^()]{1,30}\)$/u;
/** Media OutReach's credit is the one not in brackets or slashes (its usual spellings). */
const hasOutreach = (s: string): boolean => s.includes('OutReach') || s.includes('Outreach') || s.includes('OUTREACH');
/** A leading agency credit: "Reuters - ", "Canadian Press - ", "AP -". */
const CREDIT_PREFIX_RE = new RegExp(`^(${CREDIT_ALTERNATION})\\s*(?:-{1,3}|[–—:])\\s+`, 'u');
/** What may follow a dateline before the story: dashes, colon, slash, EFE's ".-", TASS's ".", old AP's "_". */
const AFTER_RE = /^\s*(?:\.-|-{1,3}|[–—]{1,2}|_|:|\/|\.)?\s*(?:-{1,3}|[–—]{1,2})?\s*/u;
/** Whether a weak credit such as "(AP)" is followed by a separator, as in a dateline. */
const WEAK_FOLLOW_RE = /^\s*(?:\.?-|[–—:_]|\/)/u;
/**
 * A dash that may end a plain dateline: "LONDON, Feb 26 - ", "WASHINGTON — ", "Apr 7- ", and
 * "March 2 -The" (a spaced dash glued to the next word; a hyphen inside a word has no space).
 */
const PLAIN_SEP_RE = /\s*(?:-{1,3}|[–—]{1,2})(?=\s|$)|\s+(?:-{1,3}|[–—]{1,2})(?=\S)/gu;
/** Reuters 1987 datelines sometimes close with the agency: "ROME, March 13, Reuter -". */
const TRAILING_REUTER_RE = /[\s,]+Reuters?$/i;
/** A weekday between place and date, after a comma ("SANTO DOMINGO" is a place, not a Sunday). */
const WEEKDAY_END_RE =
  /\s*,\s*(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?|lunes|martes|miércoles|jueves|viernes|sábado|domingo|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)$/iu;
/** Europa Press prints only the day: "MADRID, 4 (EUROPA PRESS)". */
const BARE_DAY_RE = /[\s,]+\d{1,2}$/;
/** A place of capital letters and single spaces, the common case, needs no further checks. */
const CAPS_PLACE_RE = /^[A-Z]+(?: [A-Z]+)*$/;
const TRIM_START_RE = /^[^\p{L}[(]+/u;
/** Lower-case words that show a "place" is really a sentence. */
const PROSE_WORDS = new Set([
  'the', 'a', 'an', 'said', 'says', 'say', 'is', 'was', 'were', 'are', 'be', 'been', 'has', 'have', 'had',
  'will', 'would', 'to', 'for', 'with', 'by', 'at', 'in', 'on', 'from', 'that', 'this', 'it', 'he', 'she',
  'they', 'we', 'i', 'and', 'or', 'as', 'its', 'their', 'after', 'before', 'than', 'not',
]);
/** Capitalised leads that are slugs, not places ("UPDATE - ", "ANALYSIS - "). */
const SLUG_WORDS = new Set([
  'UPDATE', 'CORRECTION', 'CORRECTED', 'EMBARGOED', 'BREAKING', 'EXCLUSIVE', 'ANALYSIS', 'FACTBOX',
  'SUMMARY', 'NOTE', 'EDITORS', 'ADVISORY', 'PHOTO', 'VIDEO', 'WRAPUP', 'INSIGHT', 'COLUMN', 'REFILE',
]);
/** Abbreviations whose final period belongs to the place ("Md.", "N.J.", "Calif."). */
const ABBREVIATIONS = new Set(
  ('ala ariz ark calif colo conn del fla ga ill ind kan kans ky la md mass mich minn miss mo mont neb nev ' +
    'okla ore pa tenn tex va vt wash wis wyo alta ont que man sask nfld st mt ft sta co corp inc ltd ' +
    'bros dept gov jr sr')
    .split(' '),
);

/**
 * The dateline at the start of a paragraph, or null when it opens with none.
 *
 * @example parseDateline('BEIJING, July 4, 2023 /PRNewswire/ -- A report ...')
 *   // { place: 'BEIJING', year: 2023, month: 7, day: 4, wire: PR Newswire, rest: 'A report ...' }
 */
export function parseDateline(paragraph: string): DatelineMatch | null {
  let offset = 0;
  let credit: WireService | undefined;
  const creditMatch = CREDIT_PREFIX_RE.exec(paragraph.slice(0, 60));
  if (creditMatch) {
    credit = wireByCredit(creditMatch[1] ?? '');
    offset = creditMatch[0].length;
  }
  const head = paragraph.slice(offset, offset + HEAD_MAX);
  const found = withMarker(head) ?? plain(head);
  if (!found) {
    return credit ? { place: '', wire: credit, rest: paragraph.slice(offset).trim() } : null;
  }
  if (!found.wire && credit) found.wire = credit;
  const by = BYLINE_LEAD_RE.exec(found.place);
  if (by) {
    found.byline = by[1];
    found.place = found.place.slice(by[0].length);
  }
  found.rest = (found.rest + paragraph.slice(offset + head.length)).trim();
  return found;
}

/** A teaser sentence before the dateline ("... to appeal. NEW YORK (Reuters) - ..."). */
const SENTENCE_END_RE = /[.!?]["'”’)]?\s+/gu;
/** Or a time stamp glued before it ("... October 17, 2004 14:05:37 LAHORE, Pakistan (Reuters) -"). */
const STAMP_END_RE = /(?<![\d:])\d{1,2}:\d{2}(?::\d{2})?(?:\s?[AaPp]\.?[Mm]\.?)?(?:\s[A-Z]{2,4})?\s+/g;

/**
 * A dateline that opens a later sentence of the first paragraph, as web captures print a teaser
 * (or a time stamp) before the copy. Only a wire credit makes it count. Returns the teaser and
 * the dateline.
 */
export function parseInnerDateline(paragraph: string): { teaser: string; match: DatelineMatch } | null {
  const head = paragraph.slice(0, HEAD_MAX);
  const marker = MARKER_RE.exec(head);
  if (!marker || marker.index < 2) return null;
  let start = -1;
  for (const re of [SENTENCE_END_RE, STAMP_END_RE]) {
    re.lastIndex = 0;
    for (let m = re.exec(head); m !== null && m.index < marker.index; m = re.exec(head)) {
      if (m.index + m[0].length <= marker.index) start = Math.max(start, m.index + m[0].length);
    }
  }
  if (start < 0 || start > marker.index) return null;
  const match = withMarker(head.slice(start));
  if (!match) return null;
  match.rest = (match.rest + paragraph.slice(head.length)).trim();
  return { teaser: paragraph.slice(0, start).trim(), match };
}

/** A dateline around a wire credit: place and date before it, sometimes a date after it. */
function withMarker(head: string): DatelineMatch | null {
  const window = head.slice(0, MARKER_WINDOW);
  // Every credit sits in brackets or slashes, or between dashes (Media OutReach).
  if (!window.includes('(') && !window.includes('/') && !hasOutreach(window)) return null;
  const m = MARKER_RE.exec(window);
  if (!m) return null;
  const token = m[1] ?? m[2] ?? m[4] ?? '';
  const wire = wireByMarker(token);
  if (!wire) return null;
  let after = head.slice(m.index + m[0].length);
  const lead = head.slice(0, m.index);
  let parts: DayParts | null = m[3] !== undefined ? dateAtStart(m[3])?.parts ?? null : null;
  const leadParsed = splitPlaceDate(lead);
  if (!leadParsed) return null;
  if (wire.weak && !leadParsed.parts && !WEAK_FOLLOW_RE.test(after)) return null;
  parts = leadParsed.parts ?? parts;
  if (!parts) {
    const start = dateAtStart(after);
    if (start) {
      parts = start.parts;
      after = after.slice(start.length);
    }
  }
  const sep = AFTER_RE.exec(after);
  after = after.slice(sep ? sep[0].length : 0);
  let place = leadParsed.place;
  if (place === '' && !parts) {
    // "(ANSA) - ROMA, 04 LUG -": the credit comes first and the dateline follows it.
    const inner = plain(after);
    if (inner) return { ...inner, wire };
  }
  return { place, ...(parts ?? {}), wire, rest: after };
}

/** A dateline with no wire credit: "LONDON, Feb 26 - ", "WASHINGTON — ". */
function plain(head: string): DatelineMatch | null {
  const window = head.slice(0, PLAIN_WINDOW);
  PLAIN_SEP_RE.lastIndex = 0;
  let firstPlaceOnly: DatelineMatch | null = null;
  for (let i = 0; i < PLAIN_TRIES; i++) {
    const sep = PLAIN_SEP_RE.exec(window);
    if (!sep) break;
    const lead = window.slice(0, sep.index);
    const parsed = splitPlaceDate(lead);
    const rest = head.slice(sep.index + sep[0].length);
    if (parsed?.parts) return { place: parsed.place, ...parsed.parts, rest };
    if (i === 0 && parsed && isCapsPlace(parsed.place)) firstPlaceOnly = { place: parsed.place, rest };
  }
  return firstPlaceOnly;
}

/** A dateline place with no date must look like one: "WASHINGTON", "WOODBRIDGE, N.J.". */
function isCapsPlace(place: string): boolean {
  if (place === '') return false;
  const comma = place.indexOf(',');
  const city = comma < 0 ? place : place.slice(0, comma);
  if (!/\p{Lu}{2}/u.test(city) || /\p{Ll}/u.test(city)) return false;
  return !SLUG_WORDS.has(city.trim());
}

interface PlaceDate {
  place: string;
  parts: DayParts | null;
}

/** A date closing a lead is never longer than this ("5 de septiembre de 2024."): patterns
 * anchored at the end run on this tail only, so their cost does not grow with the lead. */
const DATE_TAIL = 40;

/** The last match of an end-anchored pattern within the tail of `s`, with its index in `s`. */
function execTail(re: RegExp, s: string): { m: RegExpExecArray; index: number } | null {
  const from = s.length > DATE_TAIL ? s.length - DATE_TAIL : 0;
  const m = re.exec(from === 0 ? s : s.slice(from));
  return m ? { m, index: m.index + from } : null;
}

/** Split "WEST HARTFORD, Conn., Feb 26" into place and date; null when the lead is not a place. */
export function splitPlaceDate(rawLead: string): PlaceDate | null {
  let lead = trimEnd(rawLead);
  const reuter = execTail(TRAILING_REUTER_RE, lead);
  if (reuter) lead = trimEnd(lead.slice(0, reuter.index));
  let parts: DayParts | null = null;
  let placeEnd = lead.length;
  if (lead.includes('年')) {
    const cjk = execTail(CJK_END_RE, lead);
    if (cjk) {
      parts = dayParts(cjk.m[2], cjk.m[3], cjk.m[1]);
      if (parts) placeEnd = cjk.index;
    }
  }
  if (!parts) {
    const md = execTail(MD_END_RE, lead);
    if (md) {
      parts = dayParts(monthNumber(md.m[1] ?? ''), md.m[2], md.m[3]);
      if (parts) placeEnd = md.index;
    }
  }
  if (!parts) {
    const dm = execTail(DM_END_RE, lead);
    if (dm) {
      parts = dayParts(monthNumber(dm.m[2] ?? ''), dm.m[1], dm.m[3]);
      if (parts) placeEnd = dm.index;
    }
  }
  if (!parts) {
    // A misspelt month ("Narch 2", "Marchg 12") or a mistyped day ("March 187"): the place
    // still ends where the date begins; the date is read only when the month is clear.
    const typo = execTail(TYPO_DATE_END_RE, lead);
    if (typo) {
      const month = nearMonth(typo.m[1] ?? '');
      if (month !== undefined) {
        placeEnd = typo.index;
        parts = dayParts(month, typo.m[2], undefined);
      }
    }
  }
  let place = lead.slice(0, placeEnd);
  if (!parts) place = place.replace(BARE_DAY_RE, '');
  else {
    place = trimEnd(place);
    const weekday = execTail(WEEKDAY_END_RE, place); // "NEW YORK, Tuesday, March 5, 2024"
    if (weekday) place = place.slice(0, weekday.index);
  }
  const tidy = tidyPlace(place);
  return tidy === null ? null : { place: tidy, parts };
}

/** Separators and spaces that may trail a lead or a place: " ,-–—:/". */
function isTrailing(c: number): boolean {
  return c === 32 || c === 44 || c === 45 || c === 0x2013 || c === 0x2014 || c === 58 || c === 47 || c === 9 || c === 10;
}

/** Drop trailing separators with a loop: an end-anchored regex would retry at every position. */
function trimEnd(s: string): string {
  let end = s.length;
  while (end > 0 && isTrailing(s.charCodeAt(end - 1))) end--;
  return end === s.length ? s : s.slice(0, end);
}

/** Month-like word and a number closing a lead, for misspelt dates. */
const TYPO_DATE_END_RE = /(?:^|[\s,.])(\p{L}{3,9})\.?\s*(\d{1,3})\.?$/u;
const ENGLISH_MONTHS = [
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
];

/** The month a word misspells by one letter (added, dropped, changed or swapped), or undefined. */
function nearMonth(word: string): number | undefined {
  const w = word.toLowerCase();
  if (w.length < 4) return monthNumber(w);
  const exact = monthNumber(w);
  if (exact !== undefined) return exact;
  for (let i = 0; i < ENGLISH_MONTHS.length; i++) {
    if (withinOneEdit(w, ENGLISH_MONTHS[i] as string)) return i + 1;
  }
  return undefined;
}

function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1 || b.length < 4) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // one changed
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // one swapped
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** Trim decoration and separators from a place and check it reads like one. */
function tidyPlace(raw: string): string | null {
  let place = trimEnd(raw);
  if (place !== '' && !/\p{L}/u.test(place[0] ?? '')) place = place.replace(TRIM_START_RE, '');
  if (place.endsWith(')')) place = place.replace(TRAILING_CREDIT_RE, '');
  if (place.endsWith('.')) {
    const last = /([\p{L}.]+)\.$/u.exec(place)?.[1] ?? '';
    // A short region after a comma is an abbreviation ("READING, Penn."); a bare city is not.
    const regionAbbrev = place.includes(',') && last.length <= 5 && /^\p{Lu}/u.test(last);
    const keep = last.includes('.') || last.length <= 2 || regionAbbrev || ABBREVIATIONS.has(last.toLowerCase());
    if (!keep) place = place.slice(0, -1);
  }
  // Most places are a few capitalised words ("NEW YORK"): nothing more to check.
  if (place.length <= PLACE_MAX_CHARS && CAPS_PLACE_RE.test(place)) return place;
  place = place.replace(/\s+/g, ' ').trim();
  if (place.length > PLACE_MAX_CHARS || /\d/.test(place) || / [-–—] /.test(place)) return null;
  if (place === '') return '';
  const words = place.split(' ');
  if (words.length > PLACE_MAX_WORDS) return null;
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    // "the Netherlands", "the Hague": an article before a capitalised name is part of a place.
    // "SANTA CLARA, Calif. and CALGARY, AB": "and" joining two capitalised places.
    if (!PROSE_WORDS.has(w)) continue;
    const joins = (w === 'the' || (w === 'and' && i > 0)) && /^\p{Lu}/u.test(words[i + 1] ?? '');
    if (!joins) return null;
  }
  return place;
}

function dayParts(month: number | string | undefined, day: string | undefined, year: string | undefined): DayParts | null {
  const mo = typeof month === 'string' ? Number(month) : month;
  const d = Number(day);
  if (mo === undefined || !Number.isInteger(mo) || !Number.isInteger(d)) return null;
  const y = year === undefined ? undefined : Number(year);
  if (y !== undefined && (y < 1900 || y > 2200)) return null;
  if (!isValidDay(mo, d, y)) return null;
  return y === undefined ? { month: mo, day: d } : { month: mo, day: d, year: y };
}

/** A date at the start of a string ("March 4, 2024 / ..."), with how many characters it used. */
export function dateAtStart(s: string): { parts: DayParts; length: number } | null {
  const md = MD_START_RE.exec(s);
  if (md) {
    const parts = dayParts(monthNumber(md[1] ?? ''), md[2], md[3]);
    if (parts) return { parts, length: md[0].length };
  }
  const dm = DM_START_RE.exec(s);
  if (dm) {
    const parts = dayParts(monthNumber(dm[2] ?? ''), dm[1], dm[3]);
    if (parts) return { parts, length: dm[0].length };
  }
  return null;
}
