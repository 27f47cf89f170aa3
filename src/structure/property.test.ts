// Random text never makes the structurer throw or hang: unicode, long lines, many newlines, and
// fragments of wire openings glued together (the inputs most likely to wake a backtracking regex).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { structureWireText } from './index.js';

// A fixed seed keeps the suite deterministic; set FAST_CHECK_SEED to explore other inputs.
fc.configureGlobal({ seed: Number(process.env.FAST_CHECK_SEED ?? 20261127) });

/** Bounded input: long enough to expose super-linear patterns, short enough to run many times. */
const MAX_CHARS = 20_000;
/** Per-call budget: a linear structurer takes a few ms for 20k characters; backtracking takes seconds. Generous, as CI machines are shared. */
const MAX_MS = 1000;

const FRAGMENTS = [
  'BEIJING, July 4, 2023 /PRNewswire/ -- ', 'LONDON, Feb 26 - ', 'WASHINGTON (AP) — ', '(Reuters) - ',
  '--(BUSINESS WIRE)--', ' (GLOBE NEWSWIRE) -- ', ' / ACCESSWIRE / ', '/EINPresswire.com/ -- ',
  '--(Newsfile Corp. - March 4, 2024) - ', '北京2023年7月4日 /美通社/ --', '5 de marzo de 2024', '5. März 2024',
  '2023-07-04 14:17 1895', 'Jan 08, 2024, 08:30 ET', 'March 04, 2024 07:00 ET | Source: ', 'Source: ', 'SOURCE ',
  'About ', 'Contacts', 'Media Contact:', 'NYSE: ', '(Nasdaq: ', 'OTCQB:', 'EMBARGOED UNTIL ', 'CORRECTION -- ',
  'omniture', 'collection', 'Facebook Twitter LinkedIn', 'email us here', 'Reuter', ' - ', '--', '—', ', ', '. ',
  '(', ')', '/', ':', ' ', '\n', '\n\n', '    ', 'a', 'A', '1', '2024', 'March', 'jul', 'by ', 'By Jane Doe\n',
  '@', '+1 555 010 0100', '\u0003', '\u00a0', '\u2002', '\r\n', '\t',
];

const fragmentText = fc
  .array(fc.constantFrom(...FRAGMENTS), { maxLength: 400 })
  .map((parts) => parts.join('').slice(0, MAX_CHARS));
const repeated = fc
  .tuple(fc.constantFrom(...FRAGMENTS), fc.integer({ min: 1, max: 4000 }), fc.string({ maxLength: 20 }))
  .map(([frag, n, tail]) => (frag.repeat(n) + tail).slice(0, MAX_CHARS));
const unicode = fc.string({ unit: 'grapheme', maxLength: 2000 });
const lines = fc
  .array(fc.string({ unit: 'binary', maxLength: 300 }), { maxLength: 60 })
  .map((ls) => ls.join('\n').slice(0, MAX_CHARS));

function checkOne(text: string): void {
  const started = performance.now();
  const s = structureWireText(text);
  const ms = performance.now() - started;
  assert.ok(ms < MAX_MS, `took ${ms.toFixed(1)} ms on ${text.length} chars`);
  assert.ok(Array.isArray(s.paragraphs) && Array.isArray(s.removed));
  if (s.dateline?.date != null) assert.match(s.dateline.date, /^(?:\d{4}-|--)\d{2}-\d{2}$/);
}

test('random wire-like text never throws and finishes quickly', () => {
  fc.assert(fc.property(fc.oneof(fragmentText, repeated, unicode, lines), checkOne), { numRuns: 400, seed: 20230704 });
});

test('pathological inputs finish quickly', () => {
  const cases = [
    'A'.repeat(MAX_CHARS),
    ' '.repeat(MAX_CHARS),
    '\n'.repeat(MAX_CHARS),
    '-'.repeat(MAX_CHARS),
    '('.repeat(MAX_CHARS),
    '/'.repeat(MAX_CHARS),
    'March '.repeat(MAX_CHARS / 6),
    'LONDON, '.repeat(MAX_CHARS / 8),
    ', - '.repeat(MAX_CHARS / 4),
    'Facebook '.repeat(MAX_CHARS / 9),
    'NYSE: '.repeat(MAX_CHARS / 6),
    '1'.repeat(MAX_CHARS),
    'a@b.'.repeat(MAX_CHARS / 4),
    ('x'.repeat(70) + '\n').repeat(MAX_CHARS / 71),
  ];
  for (const text of cases) checkOne(text);
});
