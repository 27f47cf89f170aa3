// Instants of the model's ISO 8601 strings, for ordering and delays. A time printed without an
// offset (its zone unknown) is read as UTC, not in the machine's zone, so every machine orders
// articles alike.

const HAS_ZONE = /(?:Z|[+-]\d{2}:?\d{2})$/i;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Epoch milliseconds of an ISO 8601 time, or null when it is missing or unreadable.
 * @example instantOf('2026-11-27T08:00:00+01:00') === Date.UTC(2026, 10, 27, 7)
 */
export function instantOf(time: string | null | undefined): number | null {
  if (!time) return null;
  const utc = HAS_ZONE.test(time) || DATE_ONLY.test(time) ? time : `${time}Z`;
  const ms = Date.parse(utc);
  return Number.isNaN(ms) ? null : ms;
}
