// Wire-text structure: the one door to turning text as crawled into an article's fields.
//
// Choices made where the issue leaves room (each is also noted where it is implemented):
// - `published` is the meta line's local time with the offset of the zone it states ("ET" is
//   America/New_York with daylight saving; "EST" is -05:00 as printed) or, failing that, of the
//   dateline place's zone (places.ts). With no meta line, a dateline with a full date gives a
//   date-only `published` ("2024-03-05", zone unknown); a dateline without a year gives none.
// - A dateline without a year stays `--MM-DD`; the year is taken from the text's own meta
//   line for the same month-day, or from `hints.published` (an archive's DATE, a feed's date)
//   when the days are within two. A dateline with no date at all (Business Wire) takes the
//   meta line's date.
// - `dateline` is null when neither a place nor a date is found ("AP - ..." credits only the
//   wire); `place` may be "" when only a date is.
// - The wire of a story is the credit in its dateline ("Canadian Press - KINSHASA (AP) -" is AP
//   copy); failing that a credit line ("The Canadian Press"), a headline's "(AP)", or the 1987
//   Reuters sign-off "Reuter".
// - `byline` is the name without "By ". The heading that opens a contact block ("Contacts",
//   "For further information:") and the "About ..." heading are labels and are not kept in
//   `contacts`/`about`; sub-labels inside a block ("Investors:") are. Meta lines (stamps,
//   listing lines, "News provided by", source lines) become fields, not `removed` entries:
//   `removed` lists junk only, each with its rule. An About section or contact block ends at
//   the other's heading, a source line, a junk line between blocks, or the end.
// - Exchange names are normalised to one spelling each (tickers.ts): NASDAQ -> Nasdaq,
//   NYSE MKT/AMEX -> NYSE American, TSX-V/TSX Venture -> TSXV.
export type { RemovedLine, StructureHints, WireStructure } from './types.js';
export { structureWireText } from './structure.js';
export { parseDateline, datelineDate, type DatelineMatch } from './dateline.js';
export { WIRE_SERVICES, wireByName, type WireService } from './wires.js';
export { JUNK_RULES, type JunkRule } from './junk.js';
export { zoneOfPlace } from './places.js';
