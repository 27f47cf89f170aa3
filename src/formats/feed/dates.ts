// Feed dates: RFC 822 and the broken forms real feeds print, W3C-DTF/ISO 8601 (with the old
// two-digit and ordinal forms), asctime, and a few national forms feedparser reads (Korean,
// Greek, Hungarian, Perforce). The result keeps the time as printed with its offset, so a
// Beijing wire's 09:30 stays 09:30+08:00, and gives the instant for sorting and comparison.

/** A date read from a feed. */
export interface FeedDate {
  /** ISO 8601 as printed: local date and time, with the offset when the feed stated one. */
  iso: string;
  /** The instant in milliseconds since the epoch (a time without a zone is read as UTC). */
  epochMs: number;
  /** `stated` when the feed gave a zone or offset, `unknown` otherwise. */
  zone: 'stated' | 'unknown';
}

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};

/** Zone names RFC 822 allows, and the ones feeds use anyway, in minutes east of UTC. */
const ZONES: Readonly<Record<string, number>> = {
  ut: 0, utc: 0, gmt: 0, z: 0, 'etc/gmt': 0, 'etc/utc': 0,
  est: -300, edt: -240, cst: -360, cdt: -300, mst: -420, mdt: -360, pst: -480, pdt: -420,
  // The one-letter forms feedparser treats as US zones (AT Atlantic, ET Eastern, ...).
  at: -240, et: -300, ct: -360, mt: -420, pt: -480,
  ast: -240, adt: -180, akst: -540, akdt: -480, hst: -600,
  bst: 60, ist: 330, cet: 60, cest: 120, met: 60, mest: 120, eet: 120, eest: 180, wet: 0, west: 60,
  msk: 180, jst: 540, kst: 540, hkt: 480, sgt: 480, aest: 600, aedt: 660, awst: 480, nzst: 720, nzdt: 780,
};

/** Korean, Greek and Hungarian month and day names as some national blog tools print them. */
const GREEK_MONTHS: Readonly<Record<string, string>> = {
  'Ιαν': 'Jan', 'Φεβ': 'Feb', 'Μάώ': 'Mar', 'Μαώ': 'Mar', 'Μαρ': 'Mar', 'Απρ': 'Apr', 'Μάι': 'May', 'Μαϊ': 'May',
  'Μαι': 'May', 'Ιούν': 'Jun', 'Ιον': 'Jun', 'Ιούλ': 'Jul', 'Ιολ': 'Jul', 'Αύγ': 'Aug', 'Αυγ': 'Aug',
  'Σεπ': 'Sep', 'Οκτ': 'Oct', 'Νοέ': 'Nov', 'Νοε': 'Nov', 'Δεκ': 'Dec',
};
const HUNGARIAN_MONTHS: Readonly<Record<string, string>> = {
  'január': '01', 'februári': '02', 'február': '02', 'március': '03', 'április': '04', 'május': '05', 'június': '06',
  'július': '07', 'augusztus': '08', 'szeptember': '09', 'október': '10', 'november': '11', 'december': '12',
};

/**
 * Reads a date as feeds print it; null when it is not a date we can read (or not a real date:
 * 25:14, February 30, an offset of -99:99).
 *
 * @example parseFeedDate('Tue, 05 Mar 2024 10:00:00 +0100')?.iso // '2024-03-05T10:00:00+01:00'
 */
export function parseFeedDate(raw: string | null | undefined): FeedDate | null {
  if (!raw) return null;
  const text = raw.trim().replace(/\s+/g, ' ');
  if (!text) return null;
  return w3dtf(text) ?? rfc822(translate(text)) ?? asctime(text) ?? korean(text) ?? perforce(text) ?? oldIso(text);
}

/** Greek and Hungarian dates rewritten into forms the general readers take. */
function translate(text: string): string {
  const greek = /^[^\s,]+, (\d{1,2}) (\S+) (\d{4}) (.*)$/u.exec(text);
  if (greek && GREEK_MONTHS[greek[2]!]) return `${greek[1]} ${GREEK_MONTHS[greek[2]!]} ${greek[3]} ${greek[4]}`;
  return text;
}

function w3dtf(text: string): FeedDate | null {
  const hu = /^(\d{4})-([^\d\s-]+)-(\d{1,2})(.*)$/u.exec(text);
  if (hu) {
    const month = HUNGARIAN_MONTHS[hu[2]!.toLowerCase()];
    if (!month) return null;
    text = `${hu[1]}-${month}-${hu[3]!.padStart(2, '0')}${hu[4]!.replace(/^T(\d):/, 'T0$1:')}`;
  }
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?)?)? ?(Z|[+-]\d{2}:?\d{2}|GMT|UTC)?$/i.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, z] = m;
  if (z && h === undefined) return null;
  const offset = z ? zoneOf(z) : null;
  if (offset === undefined) return null;
  return build(+y!, mo ? +mo : 1, d ? +d : 1, h ? +h : 0, mi ? +mi : 0, s ? +s : 0, offset, {
    precision: h !== undefined ? (s !== undefined ? 'seconds' : 'minutes') : d ? 'day' : mo ? 'month' : 'year',
    fraction: frac,
  });
}

function rfc822(text: string): FeedDate | null {
  // Day names are optional and not checked: feeds get them wrong often enough.
  let t = text.replace(/^[A-Za-z]+\.?,? ?/, (day) => (/^[A-Za-z]{2,}\.?,? ?$/.test(day) && !MONTHS[day.slice(0, 3).toLowerCase()] ? '' : day));
  t = t.replace(/,/g, ' ').replace(/\s+/g, ' ').trim();
  // "Thu Aug 30 2012 17:26:16 +0200" (JavaScript's toString): month before day.
  const swapped = /^([A-Za-z]+) (\d{1,2}) (\d{2,4})(.*)$/.exec(t);
  if (swapped && MONTHS[swapped[1]!.slice(0, 3).toLowerCase()]) t = `${swapped[2]} ${swapped[1]} ${swapped[3]}${swapped[4]}`;
  const m = /^(\d{1,2}) ([A-Za-z]+)\.? (\d{2,4})(?: (\d{1,2}):(\d{1,2})(?::(\d{1,2}))?(?: ?(.+))?)?$/.exec(t);
  if (!m) return null;
  const [, d, mon, yRaw, h, mi, s, zoneRaw] = m;
  const month = MONTHS[mon!.slice(0, 3).toLowerCase()];
  if (!month) return null;
  let year = +yRaw!;
  if (yRaw!.length === 2) year += year < 90 ? 2000 : 1900;
  let offset: number | null = null;
  if (zoneRaw !== undefined) {
    const zone = zoneOf(zoneRaw);
    if (zone === undefined) return null;
    offset = zone;
  }
  return build(year, month, +d!, h ? +h : 0, mi ? +mi : 0, s ? +s : 0, offset, {
    precision: h !== undefined ? (s !== undefined ? 'seconds' : 'minutes') : 'day',
  });
}

function asctime(text: string): FeedDate | null {
  // "Sun Jan  4 16:29:06 2004", and Twitter's "Sun Jul 15 01:16:00 +0000 2012".
  const m = /^[A-Za-z]{3} ([A-Za-z]{3}) (\d{1,2}) (\d{2}):(\d{2}):(\d{2})(?: ([+-]\d{4}|[A-Z]{2,4}))? (\d{4})$/.exec(text);
  if (!m) return null;
  const month = MONTHS[m[1]!.toLowerCase()];
  if (!month) return null;
  const offset = m[6] ? zoneOf(m[6]) : null;
  if (offset === undefined) return null;
  return build(+m[7]!, month, +m[2]!, +m[3]!, +m[4]!, +m[5]!, offset, { precision: 'seconds' });
}

/** Korean blog tools: "2004-05-25 오후 11:23:17" (Nate) and "2004년 05월 28일 01:31:15" (OnBlog), in KST. */
function korean(text: string): FeedDate | null {
  const nate = /^(\d{4})-(\d{2})-(\d{2}) (오전|오후) (\d{1,2}):(\d{2}):(\d{2})$/u.exec(text);
  if (nate) {
    let hour = +nate[5]!;
    if (nate[4] === '오후' && hour < 12) hour += 12;
    return build(+nate[1]!, +nate[2]!, +nate[3]!, hour, +nate[6]!, +nate[7]!, 540, { precision: 'seconds' });
  }
  const onblog = /^(\d{4})년 (\d{2})월 (\d{2})일 (\d{2}):(\d{2}):(\d{2})$/u.exec(text);
  if (onblog) return build(+onblog[1]!, +onblog[2]!, +onblog[3]!, +onblog[4]!, +onblog[5]!, +onblog[6]!, 540, { precision: 'seconds' });
  return null;
}

/** Perforce: "Fri, 2006/09/15 08:19:53 EDT". */
function perforce(text: string): FeedDate | null {
  const m = /^(?:[A-Za-z]{3}, )?(\d{4})\/(\d{2})\/(\d{2}) (\d{2}):(\d{2}):(\d{2}) ([A-Za-z]+)$/.exec(text);
  if (!m) return null;
  const offset = zoneOf(m[7]!);
  if (offset === undefined) return null;
  return build(+m[1]!, +m[2]!, +m[3]!, +m[4]!, +m[5]!, +m[6]!, offset, { precision: 'seconds' });
}

/**
 * ISO 8601's older forms (two-digit years, ordinal days): 031231, 03-12-31, -0312, -03-12,
 * 03335, 2003-012-31. A two-digit year is read in this century.
 */
function oldIso(text: string): FeedDate | null {
  let m = /^(\d{2})-?(\d{2})-?(\d{2})$/.exec(text);
  if (m) return build(2000 + +m[1]!, +m[2]!, +m[3]!, 0, 0, 0, null, { precision: 'day' });
  m = /^-(\d{2})-?(\d{2})$/.exec(text);
  if (m) return build(2000 + +m[1]!, +m[2]!, 1, 0, 0, 0, null, { precision: 'month' });
  m = /^(\d{2})(\d{3})$/.exec(text);
  if (m) {
    const start = Date.UTC(2000 + +m[1]!, 0, 1) + (+m[2]! - 1) * 86_400_000;
    const day = new Date(start);
    if (+m[2]! < 1 || +m[2]! > 366) return null;
    return build(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), 0, 0, 0, null, { precision: 'day' });
  }
  m = /^(\d{4})-0(\d{2})-(\d{2})(T.*)?$/.exec(text);
  if (m) return w3dtf(`${m[1]}-${m[2]}-${m[3]}${m[4] ?? ''}`);
  return null;
}

/** Minutes east of UTC for a zone as feeds write it; undefined when it is not a zone. */
function zoneOf(raw: string): number | null | undefined {
  const zone = raw.trim();
  const named = ZONES[zone.toLowerCase()];
  if (named !== undefined) return named;
  const m = /^(?:(?:GMT|UTC|UT))?([+-])(\d{1,2}):?(\d{2})$/i.exec(zone);
  if (!m) return undefined;
  const minutes = +m[2]! * 60 + +m[3]!;
  if (+m[3]! > 59) return undefined;
  return m[1] === '-' ? -minutes : minutes;
}

interface BuildOptions {
  precision: 'year' | 'month' | 'day' | 'minutes' | 'seconds';
  fraction?: string | undefined;
}

function build(year: number, month: number, day: number, hour: number, minute: number, second: number, offset: number | null, options: BuildOptions): FeedDate | null {
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return null;
  if (hour > 24 || minute > 59 || second > 60 || (hour === 24 && (minute > 0 || second > 0))) return null;
  if (offset !== null && Math.abs(offset) >= 24 * 60) return null;
  const local = new Date(0);
  local.setUTCFullYear(year, month - 1, day);
  local.setUTCHours(hour, minute, Math.min(second, 59), 0);
  const epochMs = local.getTime() - (offset ?? 0) * 60_000;
  const date = `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`;
  let iso = date;
  if (options.precision === 'minutes' || options.precision === 'seconds') {
    iso += `T${pad(hour)}:${pad(minute)}:${pad(second)}`;
    if (options.fraction && /[1-9]/.test(options.fraction)) iso += `.${options.fraction.slice(0, 3).padEnd(3, '0')}`;
    if (offset !== null) iso += offset === 0 ? 'Z' : formatOffset(offset);
  } else if (options.precision === 'month') iso = date.slice(0, 7);
  else if (options.precision === 'year') iso = date.slice(0, 4);
  return { iso, epochMs, zone: offset === null ? 'unknown' : 'stated' };
}

function daysIn(year: number, month: number): number {
  return [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
