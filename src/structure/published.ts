// When a release was published, from the meta lines a page prints around it: a listing line
// ("2023-07-04 14:17 1895": time and view count), a wire page's stamp ("Jan 08, 2024, 08:30 ET",
// "March 04, 2024 07:00 ET | Source: Acme"). Times are kept as printed (local), with the offset
// of the zone the line states or, failing that, the zone of the dateline's place.
import { DateTime } from 'luxon';
import type { PublishedZone } from '../core/index.js';
import { monthNumber, MONTH_ALTERNATION, isValidDay, pad2 } from './months.js';

/** A local date and time as printed, before any zone is applied. */
export interface LocalTime {
  year: number;
  month: number;
  day: number;
  hour?: number;
  minute?: number;
  second?: number;
}

/** A zone a line states: an IANA zone (ET has daylight saving) or a fixed offset (EST). */
export type StatedZone = { iana: string } | { offset: string };

export interface MetaLine {
  local: LocalTime;
  zone?: StatedZone;
  /** A listing line's view count. */
  views?: number;
  /** GlobeNewswire's "| Source: Acme". */
  source?: string;
}

/** Zone names with daylight saving, resolved per date with the IANA database. */
const NAMED_ZONES: Readonly<Record<string, string>> = {
  et: 'America/New_York', 'eastern time': 'America/New_York', eastern: 'America/New_York',
  ct: 'America/Chicago', 'central time': 'America/Chicago',
  mt: 'America/Denver', 'mountain time': 'America/Denver',
  pt: 'America/Los_Angeles', 'pacific time': 'America/Los_Angeles',
  'hong kong time': 'Asia/Hong_Kong', 'beijing time': 'Asia/Shanghai', 'singapore time': 'Asia/Singapore',
  'tokyo time': 'Asia/Tokyo', 'london time': 'Europe/London', 'paris time': 'Europe/Paris', 'cet/cest': 'Europe/Paris',
};
/** Abbreviations that state one offset (EST is -05:00 even in July, if that is what was printed). */
const FIXED_ZONES: Readonly<Record<string, string>> = {
  est: '-05:00', edt: '-04:00', cst: '-06:00', cdt: '-05:00', mst: '-07:00', mdt: '-06:00',
  pst: '-08:00', pdt: '-07:00', akst: '-09:00', akdt: '-08:00', hst: '-10:00',
  ast: '-04:00', adt: '-03:00', nst: '-03:30', ndt: '-02:30',
  gmt: '+00:00', utc: '+00:00', ut: '+00:00', z: '+00:00', wet: '+00:00', bst: '+01:00', west: '+01:00',
  cet: '+01:00', cest: '+02:00', met: '+01:00', mez: '+01:00', mesz: '+02:00', eet: '+02:00', eest: '+03:00',
  msk: '+03:00', gst: '+04:00', ist: '+05:30', pkt: '+05:00', wib: '+07:00', ict: '+07:00',
  sgt: '+08:00', hkt: '+08:00', awst: '+08:00', pht: '+08:00', myt: '+08:00', jst: '+09:00', kst: '+09:00',
  acst: '+09:30', aest: '+10:00', aedt: '+11:00', nzst: '+12:00', nzdt: '+13:00',
  'eastern standard time': '-05:00', 'eastern daylight time': '-04:00',
  'central standard time': '-06:00', 'central daylight time': '-05:00',
  'mountain standard time': '-07:00', 'mountain daylight time': '-06:00',
  'pacific standard time': '-08:00', 'pacific daylight time': '-07:00',
  'greenwich mean time': '+00:00', 'british summer time': '+01:00',
  'central european time': '+01:00', 'central european summer time': '+02:00',
};

/**
 * The dates a stamp prints, as named groups: "Jan 08, 2024", "5 March 2024", "2024-03-05",
 * "05.03.2024" (day first, as German and French pages print it) and "2023年7月4日".
 * Slashed dates are left out: "03/05/2024" is March in New York and May in London.
 */
const DATE_SRC =
  `(?:(?<mdMonth>${MONTH_ALTERNATION})\\.?\\s+(?<mdDay>\\d{1,2}),?\\s+(?<mdYear>\\d{4})` +
  `|(?<dmDay>\\d{1,2})\\.?\\s+(?<dmMonth>${MONTH_ALTERNATION})\\.?,?\\s+(?<dmYear>\\d{4})` +
  `|(?<isoYear>\\d{4})-(?<isoMonth>\\d{2})-(?<isoDay>\\d{2})` +
  `|(?<dotDay>\\d{1,2})\\.(?<dotMonth>\\d{1,2})\\.(?<dotYear>\\d{4})` +
  `|(?<cjkYear>\\d{4})\\s*年\\s*(?<cjkMonth>\\d{1,2})\\s*月\\s*(?<cjkDay>\\d{1,2})\\s*日)`;
const TIME_SRC = `(?<hour>\\d{1,2})[:.](?<minute>\\d{2})(?::(?<second>\\d{2}))?\\s*(?<ampm>[ap]\\.?\\s?m\\.?)?`;
const ZONE_SRC =
  `(?<zone>[a-z]{1,5}(?:\\/[a-z]{1,5})?|(?:eastern|central|mountain|pacific|greenwich|british|central european)(?:\\s[a-z]+){0,3}` +
  `|(?:hong kong|beijing|singapore|tokyo|london|paris)\\stime|(?:gmt|utc)\\s?[+-]\\s?\\d{1,2}(?::?\\d{2})?|[+-]\\d{2}:?\\d{2})`;

/** Words a meta line may open with. */
const META_PREFIX = `(?:(?:published|posted|updated|released|date|issued)\\s*:?\\s*)?(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\\.?,?\\s+)?`;
/**
 * "2023-07-04 14:17 1895": a listing's time and view count (count optional); also an ISO 8601
 * stamp with its offset ("2024-01-08T08:30:00Z").
 */
const LISTING_RE =
  /^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?(?:\s+(\d{1,3}(?:,\d{3})+|\d+))?$/;
/**
 * "Jan 08, 2024, 08:30 ET", "March 04, 2024 07:00 ET | Source: Acme", "5 March 2024 at 9:00 GMT",
 * "05.03.2024 – 08:00", "2023年7月4日 14:17".
 */
const META_RE = new RegExp(
  `^${META_PREFIX}${DATE_SRC}(?:[,\\s–-]+(?:at\\s+|um\\s+|à\\s+)?${TIME_SRC}(?:\\s*uhr)?)?(?:\\s*\\(?${ZONE_SRC}\\)?)?(?:\\s*\\|\\s*source\\s*:\\s*(?<source>.{1,120}))?$`,
  'iu',
);
/** Meta lines are short; longer lines are never tried. */
const META_MAX = 160;

/** A meta line's date, time, zone, view count and source; null for any other line. */
export function parseMetaLine(line: string): MetaLine | null {
  const s = line.trim();
  if (s.length > META_MAX || s.length < 8 || !/\d{4}/.test(s)) return null;
  const listing = LISTING_RE.exec(s);
  if (listing) {
    const local = localTime(listing[1], listing[2], listing[3], listing[4], listing[5], listing[6]);
    if (!local) return null;
    const out: MetaLine = { local };
    if (listing[7] !== undefined) {
      const zone = statedZone(listing[7] === 'Z' ? 'z' : listing[7]);
      if (zone) out.zone = zone;
    }
    if (listing[8] !== undefined) out.views = Number(listing[8].replace(/,/g, ''));
    return out;
  }
  const g = META_RE.exec(s)?.groups;
  if (!g) return null;
  const date = dateFromGroups(g);
  if (!date) return null;
  const local = withTime(date, g.hour, g.minute, g.second, g.ampm);
  if (!local) return null;
  const out: MetaLine = { local };
  if (g.zone !== undefined) {
    const zone = statedZone(g.zone);
    if (!zone) return null; // an unknown word after the time: not a meta line
    out.zone = zone;
  }
  if (g.source !== undefined) out.source = g.source.trim();
  return out;
}

type Groups = Record<string, string | undefined>;

/** The date from whichever alternative of DATE_SRC matched. */
function dateFromGroups(g: Groups): LocalTime | null {
  if (g.mdMonth !== undefined) return localTime(g.mdYear, monthNumber(g.mdMonth), g.mdDay);
  if (g.dmMonth !== undefined) return localTime(g.dmYear, monthNumber(g.dmMonth), g.dmDay);
  if (g.isoYear !== undefined) return localTime(g.isoYear, g.isoMonth, g.isoDay);
  if (g.dotYear !== undefined) return localTime(g.dotYear, g.dotMonth, g.dotDay);
  if (g.cjkYear !== undefined) return localTime(g.cjkYear, g.cjkMonth, g.cjkDay);
  return null;
}

function withTime(date: LocalTime, h?: string, mi?: string, sec?: string, ampm?: string): LocalTime | null {
  if (h === undefined || mi === undefined) return date;
  let hour = Number(h);
  const minute = Number(mi);
  const second = sec === undefined ? 0 : Number(sec);
  if (ampm !== undefined) {
    if (hour < 1 || hour > 12) return null;
    const pm = ampm.toLowerCase().startsWith('p');
    hour = (hour % 12) + (pm ? 12 : 0);
  }
  if (hour > 23 || minute > 59 || second > 59) return null;
  return { ...date, hour, minute, second };
}

function localTime(
  y: string | undefined, mo: string | number | undefined, d: string | undefined,
  h?: string, mi?: string, sec?: string,
): LocalTime | null {
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (!Number.isInteger(year) || year < 1900 || year > 2200 || !isValidDay(month, day, year)) return null;
  const date: LocalTime = { year, month, day };
  return withTime(date, h, mi, sec);
}

/** A zone as printed: "ET", "EST", "GMT+8", "+08:00", "Eastern Time". */
export function statedZone(raw: string): StatedZone | undefined {
  const key = raw.toLowerCase().replace(/\s+/g, ' ').trim();
  const iana = NAMED_ZONES[key];
  if (iana) return { iana };
  const fixed = FIXED_ZONES[key];
  if (fixed) return { offset: fixed };
  const m = /^(?:gmt|utc)?\s?([+-])\s?(\d{1,2})(?::?(\d{2}))?$/.exec(key);
  if (m) {
    const hours = Number(m[2]);
    if (hours > 14) return undefined;
    return { offset: `${m[1]}${pad2(hours)}:${m[3] ?? '00'}` };
  }
  return undefined;
}

/**
 * `published` and `publishedZone` for a local time: the stated zone wins, then the zone of the
 * dateline place; a date without a time carries no offset.
 *
 * @example formatPublished({year: 2023, month: 7, day: 4, hour: 14, minute: 17}, undefined, 'Asia/Shanghai')
 *   // { published: '2023-07-04T14:17:00+08:00', publishedZone: 'inferred' }
 */
export function formatPublished(
  local: LocalTime,
  stated: StatedZone | undefined,
  inferred: string | undefined,
): { published: string; publishedZone: PublishedZone } {
  const day = `${String(local.year).padStart(4, '0')}-${pad2(local.month)}-${pad2(local.day)}`;
  if (local.hour === undefined) return { published: day, publishedZone: stated ? 'stated' : 'unknown' };
  const clock = `${pad2(local.hour)}:${pad2(local.minute ?? 0)}:${pad2(local.second ?? 0)}`;
  if (stated && 'offset' in stated) return { published: `${day}T${clock}${stated.offset}`, publishedZone: 'stated' };
  const zone = stated ? stated.iana : inferred;
  if (zone) {
    const offset = offsetIn(zone, local);
    if (offset) return { published: `${day}T${clock}${offset}`, publishedZone: stated ? 'stated' : 'inferred' };
  }
  return { published: `${day}T${clock}`, publishedZone: 'unknown' };
}

/** The UTC offset ("+08:00") a zone has at a local time, with daylight saving. */
function offsetIn(zone: string, local: LocalTime): string | undefined {
  const dt = DateTime.fromObject(
    { year: local.year, month: local.month, day: local.day, hour: local.hour ?? 0, minute: local.minute ?? 0 },
    { zone },
  );
  if (!dt.isValid) return undefined;
  return dt.toFormat('ZZ');
}

// Looser reading for embargo lines, which put date, time and zone in any order:
// "EMBARGOED UNTIL 00:01 GMT, 5 MARCH 2024", "Embargoed until March 5, 2024, 8:00 a.m. ET".
const LOOSE_DATE_RE = new RegExp(DATE_SRC, 'iu');
const LOOSE_TIME_RE = new RegExp(`(?<![\\d.])${TIME_SRC}(?:\\s*\\(?${ZONE_SRC}\\)?(?![\\p{L}]))?`, 'iu');

/** An ISO 8601 time found anywhere in a short line (offset when a zone is stated), or undefined. */
export function findDateTime(line: string): string | undefined {
  const s = line.slice(0, META_MAX);
  const d = LOOSE_DATE_RE.exec(s);
  if (!d?.groups) return undefined;
  const date = dateFromGroups(d.groups);
  if (!date) return undefined;
  const rest = s.slice(0, d.index) + ' '.repeat(d[0].length) + s.slice(d.index + d[0].length);
  const t = LOOSE_TIME_RE.exec(rest)?.groups;
  const local = t ? withTime(date, t.hour, t.minute, t.second, t.ampm) : date;
  if (!local) return undefined;
  const zone = t?.zone !== undefined ? statedZone(t.zone) : undefined;
  return formatPublished(local, zone, undefined).published;
}
