// How a filter value matches an article's field: the whole value, ignoring case and accents;
// for places also any comma-separated part, so `place:atlanta` finds "ATLANTA, GA, UNITED STATES".
// The article side is folded once, at write time, into key columns that plain SQL compares.

/** Lower case without diacritics: `MÜNCHEN` and `Munchen` both become `munchen`. */
export function foldValue(value: string): string {
  return value.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
}

/** Separates the whole place and its parts in `place_key`; it cannot occur in folded text. */
export const PLACE_KEY_SEPARATOR = '\u0001';

/** The key columns of an article: folded wire and source; place and each part, delimited. */
export function filterKeys(
  wire: string | null,
  source: string | null,
  place: string | null,
): { wire: string | null; source: string | null; place: string | null } {
  let placeKey: string | null = null;
  if (place !== null) {
    const whole = foldValue(place);
    const parts = whole.split(',').map((part) => part.trim()).filter(Boolean);
    placeKey = PLACE_KEY_SEPARATOR + [whole, ...parts].join(PLACE_KEY_SEPARATOR) + PLACE_KEY_SEPARATOR;
  }
  return { wire: wire === null ? null : foldValue(wire), source: source === null ? null : foldValue(source), place: placeKey };
}
