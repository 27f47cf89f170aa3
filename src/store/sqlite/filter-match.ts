// How a filter value matches an article's field: whole value, ignoring case and accents; for
// places also any comma-separated part, so `place:atlanta` finds "ATLANTA, GA, UNITED STATES".

/** Lower case without diacritics: `MÜNCHEN` and `Munchen` both become `munchen`. */
export function foldValue(value: string): string {
  return value.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
}

/** `wanted` must already be folded. */
export function matchesFilter(value: string | null, wanted: string, anyPart: boolean): boolean {
  if (value === null) return false;
  const folded = foldValue(value);
  if (folded === wanted) return true;
  return anyPart && folded.split(',').some((part) => part.trim() === wanted);
}
