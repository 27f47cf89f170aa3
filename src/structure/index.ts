// Wire-text structure: the one door to turning text as crawled into an article's fields.
export type { RemovedLine, StructureHints, WireStructure } from './types.js';
export { structureWireText } from './structure.js';
export { parseDateline, datelineDate, type DatelineMatch } from './dateline.js';
export { WIRE_SERVICES, wireByName, type WireService } from './wires.js';
export { JUNK_RULES, type JunkRule } from './junk.js';
export { zoneOfPlace } from './places.js';
