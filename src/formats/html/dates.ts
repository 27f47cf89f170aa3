// Dates as pages state them, made into ISO 8601 without moving them: a stated offset is kept
// (`+0100` becomes `+01:00`, `Z` stays `Z`), a time without one stays local, a day alone stays a
// day. Reads machine values (ISO and its near misses, RFC 2822, Unix seconds), URL paths
// (/2024/03/05/) and the dates people print ("5. März 2024", "March 5, 2024", "05.03.2024").
// One exception moves a time: a UTC one, into the publisher's country's zone (inPublisherZone).
import { DateTime } from 'luxon';

/**
 * Years outside this range are taken for noise. News on the web starts in the 1990s (earlier
 * years are birth dates and history in the text), and the reader is pure, with no clock to say
 * what "future" is: 2100 only rejects placeholders such as 9999-12-31; ingest, which knows when a
 * page was fetched, can judge a date that lies after it.
 */
export const MIN_YEAR = 1990;
export const MAX_YEAR = 2100;

/** Each month's printed names, lower case, no trailing period; languages the pages come in. */
const MONTH_NAMES: readonly (readonly string[])[] = [
  ['january', 'jan', 'januar', 'jänner', 'janvier', 'janv', 'enero', 'ene', 'janeiro', 'gennaio', 'gen', 'januari', 'stycznia', 'styczeń', 'января', 'январь', 'січня', 'ledna', 'leden', 'január', 'ocak', 'tammikuuta'],
  ['february', 'feb', 'febr', 'februar', 'février', 'fevrier', 'févr', 'fevr', 'febrero', 'fevereiro', 'fev', 'febbraio', 'februari', 'lutego', 'luty', 'февраля', 'февраль', 'лютого', 'února', 'únor', 'február', 'şubat', 'helmikuuta'],
  ['march', 'mar', 'märz', 'marz', 'mär', 'mars', 'marzo', 'março', 'marco', 'maart', 'marca', 'marzec', 'марта', 'март', 'березня', 'března', 'březen', 'március', 'mart', 'maaliskuuta'],
  ['april', 'apr', 'avril', 'avr', 'abril', 'abr', 'aprile', 'kwietnia', 'kwiecień', 'апреля', 'апрель', 'квітня', 'dubna', 'duben', 'április', 'nisan', 'huhtikuuta'],
  ['may', 'mai', 'mayo', 'maio', 'maggio', 'mag', 'mei', 'maja', 'maj', 'мая', 'май', 'травня', 'května', 'květen', 'május', 'mayıs', 'toukokuuta'],
  ['june', 'jun', 'juni', 'juin', 'junio', 'junho', 'giugno', 'giu', 'czerwca', 'czerwiec', 'июня', 'июнь', 'червня', 'června', 'červen', 'június', 'haziran', 'kesäkuuta'],
  ['july', 'jul', 'juli', 'juillet', 'juil', 'julio', 'julho', 'luglio', 'lug', 'lipca', 'lipiec', 'июля', 'июль', 'липня', 'července', 'červenec', 'július', 'temmuz', 'heinäkuuta'],
  ['august', 'aug', 'août', 'aout', 'agosto', 'ago', 'augustus', 'sierpnia', 'sierpień', 'августа', 'август', 'серпня', 'srpna', 'srpen', 'augusztus', 'ağustos', 'elokuuta'],
  ['september', 'sep', 'sept', 'septembre', 'septiembre', 'setiembre', 'setembro', 'set', 'settembre', 'września', 'wrzesień', 'сентября', 'сентябрь', 'вересня', 'září', 'szeptember', 'eylül', 'syyskuuta'],
  ['october', 'oct', 'oktober', 'okt', 'octobre', 'octubre', 'outubro', 'out', 'ottobre', 'ott', 'października', 'październik', 'октября', 'октябрь', 'жовтня', 'října', 'říjen', 'október', 'ekim', 'lokakuuta'],
  ['november', 'nov', 'novembre', 'noviembre', 'novembro', 'listopada', 'listopad', 'ноября', 'ноябрь', 'листопада', 'listopadu', 'kasım', 'marraskuuta'],
  ['december', 'dec', 'dezember', 'dez', 'décembre', 'decembre', 'déc', 'diciembre', 'dic', 'dezembro', 'dicembre', 'grudnia', 'grudzień', 'декабря', 'декабрь', 'грудня', 'prosince', 'prosinec', 'aralık', 'joulukuuta'],
];

const MONTHS = new Map<string, number>();
MONTH_NAMES.forEach((names, index) => {
  for (const name of names) MONTHS.set(name, index + 1);
});
const MONTH = [...MONTHS.keys()].sort((a, b) => b.length - a.length).join('|');

/** ISO 8601 and its near misses: a space for T, `+0100`, `UTC`, fractions, a missing second. */
const ISO_LIKE =
  /^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[T ]|\s+)(\d{1,2}):(\d{2})(?::(\d{2}))?(?:[.,]\d+)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?)?(?![\d:])/i;
/** `2024/03/05`, `2024.03.05`, `20240305` (a day only). */
const COMPACT_DAY = /^\s*(\d{4})([/.]?)(\d{1,2})\2(\d{1,2})(?!\d)/;
/** RFC 2822, as feeds and some metas write it: `Tue, 05 Mar 2024 09:30:00 +0100`. */
const RFC_2822 = /^\s*(?:[a-z]{3},?\s*)?(\d{1,2})\s+([a-z]{3})[a-z]*\.?\s+(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([+-]\d{4}|GMT|UTC|UT|Z)?/i;
const UNIX_SECONDS = /^\s*(\d{10})(?:\d{3})?\s*$/;

/**
 * Dates people print, each with named groups. Only the day is read: a printed time seldom says
 * its zone, and a day is what a reader checks.
 */
const PRINTED_DATES: readonly RegExp[] = [
  // 2024-03-05, 2024/03/05
  /(?<!\d)(?<y>(?:19|20)\d{2})[-/](?<m>\d{1,2})[-/](?<d>\d{1,2})(?!\d)/u,
  // 5. März 2024, 5 March 2024, 5th March, 2024, 5 de marzo de 2024, 5 марта 2024
  new RegExp(`(?<![\\p{L}\\d])(?<d>\\d{1,2})(?:\\.|st|nd|rd|th|er|º)?\\s*(?:de\\s+)?(?<mn>${MONTH})(?![\\p{L}])\\.?,?\\s*(?:de\\s+|del\\s+)?(?<y>(?:19|20)\\d{2})(?!\\d)`, 'iu'),
  // March 5, 2024; Mar. 5th 2024
  new RegExp(`(?<![\\p{L}])(?<mn>${MONTH})\\.?\\s+(?<d>\\d{1,2})(?:st|nd|rd|th)?,?\\s+(?<y>(?:19|20)\\d{2})(?!\\d)`, 'iu'),
  // 2024. március 5. (Hungarian)
  new RegExp(`(?<!\\d)(?<y>(?:19|20)\\d{2})\\.\\s*(?<mn>${MONTH})\\s+(?<d>\\d{1,2})(?!\\d)`, 'iu'),
  // 05.03.2024, 5.3.2024
  /(?<![\d.])(?<d>\d{1,2})\.\s?(?<m>\d{1,2})\.\s?(?<y>(?:19|20)\d{2})(?!\d)/u,
  // 05/03/2024 or 03/05/2024: the order is settled below
  /(?<![\d/])(?<a>\d{1,2})[/-](?<b>\d{1,2})[/-](?<y>(?:19|20)\d{2})(?!\d)/u,
  // 2024年3月5日
  /(?<y>(?:19|20)\d{2})\s*年\s*(?<m>\d{1,2})\s*月\s*(?<d>\d{1,2})\s*日/u,
];

/** Date patterns in a URL path, day precision only: /2024/03/05/, /2024-03-05/, 20240305. */
export const URL_DATE_PATTERNS: readonly RegExp[] = [
  /\/((?:19|20)\d{2})[/_-](\d{1,2})[/_-](\d{1,2})(?=[/_.-]|$)/,
  /(?<!\d)((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?!\d)/,
];

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** A real calendar day within MIN_YEAR..MAX_YEAR as `YYYY-MM-DD`; null otherwise. */
export function isoDay(year: number, month: number, day: number): string | null {
  if (!(year >= MIN_YEAR && year <= MAX_YEAR) || month < 1 || month > 12 || day < 1) return null;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  if (day > (month === 2 && !leap ? 28 : (DAYS_IN_MONTH[month - 1] ?? 0))) return null;
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

function isoOffset(zone: string | undefined): string | null | undefined {
  if (zone === undefined) return '';
  const upper = zone.toUpperCase();
  if (upper === 'Z' || upper === 'UTC' || upper === 'GMT' || upper === 'UT') return 'Z';
  const match = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (!match) return null;
  const [hours, minutes] = [Number(match[2]), Number(match[3] ?? '0')];
  if (hours > 14 || minutes > 59) return null;
  return `${match[1]}${match[2]}:${match[3] ?? '00'}`;
}

function withTime(day: string, hour?: string, minute?: string, second?: string, zone?: string): string | null {
  if (hour === undefined || minute === undefined) return day;
  const [h, m, s] = [Number(hour), Number(minute), Number(second ?? '0')];
  if (h > 23 || m > 59 || s > 59) return null;
  const offset = isoOffset(zone);
  if (offset === null || offset === undefined) return null;
  return `${day}T${pad2(h)}:${pad2(m)}:${pad2(s)}${offset}`;
}

/**
 * A date from a machine-readable value (a meta's content, a `datetime` attribute, JSON-LD),
 * as ISO 8601 with the page's own offset; falls back to a printed date; null when none.
 *
 * @example normalizeDate('2024-03-05 09:30:00 +0100') // '2024-03-05T09:30:00+01:00'
 */
export function normalizeDate(value: string, options: PrintedDateOptions = {}): string | null {
  if (!value) return null;
  let match = ISO_LIKE.exec(value);
  if (match) {
    const day = isoDay(Number(match[1]), Number(match[2]), Number(match[3]));
    return day && withTime(day, match[4], match[5], match[6], match[7]);
  }
  match = COMPACT_DAY.exec(value);
  if (match) return isoDay(Number(match[1]), Number(match[3]), Number(match[4]));
  match = RFC_2822.exec(value);
  if (match) {
    const month = MONTHS.get((match[2] ?? '').toLowerCase());
    const day = month && isoDay(Number(match[3]), month, Number(match[1]));
    if (day) return withTime(day, match[4], match[5], match[6], match[7]);
  }
  match = UNIX_SECONDS.exec(value);
  if (match) {
    const date = new Date(Number(match[1]) * 1000);
    const day = isoDay(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
    return day && `${date.toISOString().slice(0, 19)}Z`;
  }
  return printedDate(value.length > 200 ? value.slice(0, 200) : value, options);
}

export interface PrintedDateOptions {
  /** Whether `03/05/2024` means 3 May (true) or March 5 (false, as in the US). */
  dayFirst?: boolean;
}

/**
 * The first date printed in a short text, as `YYYY-MM-DD`; null when none.
 *
 * @example printedDate('Veröffentlicht am 5. März 2024, 09:30 Uhr') // '2024-03-05'
 */
export function printedDate(text: string, options: PrintedDateOptions = {}): string | null {
  let best: { index: number; day: string } | null = null;
  for (const pattern of PRINTED_DATES) {
    const match = pattern.exec(text);
    if (!match?.groups || (best && match.index >= best.index)) continue;
    const { y, m, d, mn, a, b } = match.groups;
    let month = m !== undefined ? Number(m) : mn !== undefined ? MONTHS.get(mn.toLowerCase()) : undefined;
    let date = Number(d);
    if (a !== undefined && b !== undefined) {
      const [first, second] = [Number(a), Number(b)];
      const dayFirst = first > 12 || (second <= 12 && options.dayFirst !== false);
      [date, month] = dayFirst ? [first, second] : [second, first];
    }
    const day = month === undefined ? null : isoDay(Number(y), month, date);
    if (day) best = { index: match.index, day };
  }
  return best?.day ?? null;
}

/**
 * The day a URL's path names; null when none.
 *
 * @example dateInUrl('https://example.com/news/2024/03/05/story') // '2024-03-05'
 */
export function dateInUrl(url: string): string | null {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return null;
  }
  for (const pattern of URL_DATE_PATTERNS) {
    const match = pattern.exec(path);
    const day = match && isoDay(Number(match[1]), Number(match[2]), Number(match[3]));
    if (day) return day;
  }
  return null;
}

/**
 * Time zones of countries that keep one, by top-level domain: a page that states its times in
 * UTC is read in its publisher's zone, so the day is the day the site printed (a German site's
 * `2022-11-06T23:00:00Z` is 7 November in Berlin). Countries spanning zones are absent.
 */
export const COUNTRY_ZONES: Readonly<Record<string, string>> = {
  de: 'Europe/Berlin', at: 'Europe/Vienna', ch: 'Europe/Zurich', li: 'Europe/Vaduz', fr: 'Europe/Paris',
  it: 'Europe/Rome', es: 'Europe/Madrid', nl: 'Europe/Amsterdam', be: 'Europe/Brussels', lu: 'Europe/Luxembourg',
  pl: 'Europe/Warsaw', cz: 'Europe/Prague', sk: 'Europe/Bratislava', hu: 'Europe/Budapest', dk: 'Europe/Copenhagen',
  se: 'Europe/Stockholm', no: 'Europe/Oslo', fi: 'Europe/Helsinki', uk: 'Europe/London', ie: 'Europe/Dublin',
  gr: 'Europe/Athens', ro: 'Europe/Bucharest', bg: 'Europe/Sofia', hr: 'Europe/Zagreb', si: 'Europe/Ljubljana',
  rs: 'Europe/Belgrade', ua: 'Europe/Kyiv', tr: 'Europe/Istanbul', il: 'Asia/Jerusalem', jp: 'Asia/Tokyo',
  kr: 'Asia/Seoul', cn: 'Asia/Shanghai', tw: 'Asia/Taipei', hk: 'Asia/Hong_Kong', sg: 'Asia/Singapore',
  in: 'Asia/Kolkata', bd: 'Asia/Dhaka', pk: 'Asia/Karachi', th: 'Asia/Bangkok', vn: 'Asia/Ho_Chi_Minh',
  ph: 'Asia/Manila', za: 'Africa/Johannesburg', ng: 'Africa/Lagos', ke: 'Africa/Nairobi', eg: 'Africa/Cairo',
  tn: 'Africa/Tunis', ma: 'Africa/Casablanca', nz: 'Pacific/Auckland', ar: 'America/Argentina/Buenos_Aires',
  bo: 'America/La_Paz', cl: 'America/Santiago', co: 'America/Bogota', pe: 'America/Lima', uy: 'America/Montevideo',
  py: 'America/Asuncion', ve: 'America/Caracas', ec: 'America/Guayaquil', gt: 'America/Guatemala',
  cr: 'America/Costa_Rica', pa: 'America/Panama', sv: 'America/El_Salvador', bz: 'America/Belize', cu: 'America/Havana',
};

const UTC_TIME = /T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]00:?00)$/;

/**
 * A UTC time moved to the zone of the country the page's host belongs to; anything else (a
 * local offset, a bare day, an unknown or multi-zone country) as it was.
 *
 * @example inPublisherZone('2022-11-06T23:00:00Z', 'https://beige.de/a') // '2022-11-07T00:00:00+01:00'
 */
export function inPublisherZone(iso: string | null, url: string | null): string | null {
  if (!iso || !url || !UTC_TIME.test(iso)) return iso;
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return iso;
  }
  const zone = COUNTRY_ZONES[host.slice(host.lastIndexOf('.') + 1).toLowerCase()];
  if (!zone) return iso;
  const local = DateTime.fromISO(iso, { setZone: true }).setZone(zone);
  return local.isValid ? local.toISO({ suppressMilliseconds: true }) : iso;
}
