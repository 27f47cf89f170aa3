// Values of `published:`: a calendar day, a moment, a moment relative to now, or a range of them.
// `now` comes from the caller (the CLI passes the real clock), so tests can fix it.
import type { Comparison, QueryNode } from '../core/index.js';

/** A calendar day as printed in the article, compared by the date part of `published`. */
export const DATE = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
/** A moment: a day, `T`, hours and minutes, optional seconds and fraction, optional offset (else UTC). */
const INSTANT =
  /^(\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01]))T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(\.\d{1,9})?)?(Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)?$/i;
/** `now`, or `now` plus or minus a whole number of hours, days, weeks, months or years. */
const RELATIVE = /^now(?:([+-])(\d{1,6})([hdwmy]))?$/;
const HOUR_MS = 3_600_000;
const UNIT_MS = { h: HOUR_MS, d: 24 * HOUR_MS, w: 7 * 24 * HOUR_MS } as const;

export type Bound = { kind: 'date'; date: string } | { kind: 'instant'; instant: string };

/** What a `published:` value may be, for messages. */
export const PUBLISHED_FORMS =
  'published: takes a date as YYYY-MM-DD (or YYYY-MM-DDTHH:MM[:SS][Z|+HH:MM], or now-7d with h d w m y), ' +
  'optionally after > >= < <= or =, or a range [2023-01-01 TO 2023-12-31]';

/** Reads one bound, or says what is wrong with it. */
export function readBound(text: string, now: () => Date): Bound | { problem: string } {
  const day = DATE.exec(text);
  if (day) {
    return dayExists(text) ? { kind: 'date', date: text } : { problem: `${text} is not a day of the calendar` };
  }
  const moment = INSTANT.exec(text);
  if (moment) {
    const [, date, hours, minutes, seconds = '00', fraction = '', zone = 'Z'] = moment;
    if (!dayExists(date!)) return { problem: `${date} is not a day of the calendar` };
    const offset = zone.toUpperCase() === 'Z' ? 'Z' : zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone;
    // Milliseconds are as fine as JavaScript's Date goes; finer digits are dropped.
    const at = new Date(`${date}T${hours}:${minutes}:${seconds}${fraction.slice(0, 4)}${offset}`);
    return inYears(at) ? { kind: 'instant', instant: at.toISOString() } : { problem: `${text} is outside the years 0000 to 9999` };
  }
  const relative = RELATIVE.exec(text);
  if (relative) {
    const [, sign, amount, unit] = relative;
    const at = sign === undefined ? now() : shift(now(), (sign === '-' ? -1 : 1) * Number(amount), unit as keyof typeof UNIT_MS | 'm' | 'y');
    return inYears(at) ? { kind: 'instant', instant: at.toISOString() } : { problem: `${text} is outside the years 0000 to 9999` };
  }
  return { problem: PUBLISHED_FORMS };
}

/** The comparison as a node: days compare as days, moments as moments. */
export function comparisonOf(op: Comparison, bound: Bound): QueryNode | { problem: string } {
  if (bound.kind === 'date') return { type: 'published', op, date: bound.date };
  if (op === '=') {
    return { problem: 'a moment is compared with > >= < or <= (published:>now-7d); for a whole day write published:YYYY-MM-DD' };
  }
  return { type: 'publishedAt', op, instant: bound.instant };
}

function shift(from: Date, amount: number, unit: 'h' | 'd' | 'w' | 'm' | 'y'): Date {
  if (unit !== 'm' && unit !== 'y') return new Date(from.getTime() + amount * UNIT_MS[unit]);
  // Calendar months: the same day of the month, or the month's last day when it has fewer
  // (a month before March 31 is February 28 or 29), at the same time of day, in UTC.
  const months = unit === 'y' ? amount * 12 : amount;
  const at = new Date(from.getTime());
  const day = at.getUTCDate();
  at.setUTCDate(1);
  at.setUTCMonth(at.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 0)).getUTCDate();
  at.setUTCDate(Math.min(day, lastDay));
  return at;
}

function inYears(at: Date): boolean {
  const year = at.getUTCFullYear();
  return !Number.isNaN(at.getTime()) && year >= 0 && year <= 9999;
}

/** False for days the calendar lacks, such as 2023-02-29 and 2024-04-31. */
function dayExists(date: string): boolean {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  return day <= days;
}
