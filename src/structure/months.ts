// Month names as wire copy prints them, in the languages datelines come in (English, Spanish,
// French, German, Portuguese, Italian), mapped to 1..12. One lookup table instead of one regex
// per language keeps the dateline patterns small and lets them stay linear-time. Also the day
// arithmetic that gives a year-less dateline its year.
import type { Dateline } from '../core/index.js';

/** Each month's spellings, full and abbreviated, lower case and without a trailing period. */
const MONTH_SPELLINGS: readonly (readonly string[])[] = [
  ['january', 'jan', 'enero', 'ene', 'janvier', 'janv', 'januar', 'jänner', 'janeiro', 'gennaio', 'gen'],
  ['february', 'feb', 'febr', 'febrero', 'février', 'fevrier', 'févr', 'fevr', 'februar', 'fevereiro', 'fev', 'febbraio'],
  ['march', 'mar', 'marzo', 'mars', 'märz', 'marz', 'mär', 'março', 'marco'],
  ['april', 'apr', 'abril', 'abr', 'avril', 'avr', 'aprile'],
  ['may', 'mayo', 'mai', 'maio', 'maggio', 'mag'],
  ['june', 'jun', 'junio', 'juin', 'juni', 'junho', 'giugno', 'giu'],
  ['july', 'jul', 'julio', 'juillet', 'juil', 'juli', 'julho', 'luglio', 'lug'],
  ['august', 'aug', 'agosto', 'ago', 'août', 'aout'],
  ['september', 'sep', 'sept', 'septiembre', 'setiembre', 'septembre', 'setembro', 'set', 'settembre'],
  ['october', 'oct', 'octubre', 'octobre', 'oktober', 'okt', 'outubro', 'out', 'ottobre', 'ott'],
  ['november', 'nov', 'noviembre', 'novembre', 'novembro'],
  ['december', 'dec', 'diciembre', 'dic', 'décembre', 'decembre', 'déc', 'dezember', 'dez', 'dezembro'],
];

const MONTHS = new Map<string, number>();
MONTH_SPELLINGS.forEach((names, index) => {
  for (const name of names) MONTHS.set(name, index + 1);
});

/** The month number for a word such as "Feb", "FEb.", "marzo", "März"; undefined if none. */
export function monthNumber(word: string): number | undefined {
  const key = word.toLowerCase();
  return MONTHS.get(key.endsWith('.') ? key.slice(0, -1) : key);
}

/**
 * A regex source matching any month spelling (longest first, so "sept" wins over "sep").
 * Use with the `i` and `u` flags; a trailing period is left to the caller's pattern.
 */
export const MONTH_ALTERNATION = [...MONTHS.keys()]
  .sort((a, b) => b.length - a.length)
  .map((m) => m.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  .join('|');

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Whether day/month (and year, when known) name a real calendar day. */
export function isValidDay(month: number, day: number, year?: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  if (month === 2 && year !== undefined && day === 29) {
    return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  }
  return day <= (DAYS_IN_MONTH[month - 1] ?? 0);
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** `YYYY-MM-DD`, or `--MM-DD` when the year is unknown (the model's dateline date). */
export function formatDay(month: number, day: number, year?: number): string {
  return `${year === undefined ? '-' : String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

/** How far a dateline's day may be from the published day and still take its year. */
const YEAR_MATCH_DAYS = 2;

/**
 * A dateline printed without a year ("LONDON, March 2 -") takes it from a publication time known
 * from elsewhere when the two days are within YEAR_MATCH_DAYS (a Reuters archive's DATE, a
 * feed's pubDate): the year can then be known. Across New Year the nearer year wins.
 */
export function withYear(dateline: Dateline | null, published: string | null): Dateline | null {
  if (!dateline?.date?.startsWith('--') || !published || !/^\d{4}-\d{2}-\d{2}/.test(published)) return dateline;
  const year = Number(published.slice(0, 4));
  const day = Date.UTC(year, Number(published.slice(5, 7)) - 1, Number(published.slice(8, 10)));
  const [month, date] = [Number(dateline.date.slice(2, 4)), Number(dateline.date.slice(5, 7))];
  for (const candidate of [year, year - 1, year + 1]) {
    const printed = Date.UTC(candidate, month - 1, date);
    if (Math.abs(printed - day) <= YEAR_MATCH_DAYS * 86_400_000) return { ...dateline, date: `${candidate}${dateline.date.slice(1)}` };
  }
  return dateline;
}

export { pad2 };
