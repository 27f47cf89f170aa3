import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { isDatelineError } from '../core/index.js';
import { parseCapture, parseReutersDate } from './index.js';

const fixture = readFileSync(new URL('../../test/fixtures/formats/three-stories.sgm', import.meta.url));
const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

function story(newId: number, inner: string): string {
  return `<REUTERS TOPICS="NO" LEWISSPLIT="TRAIN" CGISPLIT="TRAINING-SET" OLDID="1" NEWID="${newId}">\n` +
    `<DATE> 2-JAN-1987 10:00:00.00</DATE>\n<TOPICS></TOPICS>\n<PLACES></PLACES>\n${inner}\n</REUTERS>\n`;
}

test('a Reuters file gives one draft per story, with title, dateline and body as the structurer expects', () => {
  const parsed = parseCapture(fixture, { name: 'three-stories.sgm' });
  assert.equal(parsed.format, 'reuters-sgml');
  assert.deepEqual(parsed.problems, []);
  assert.equal(parsed.drafts.length, 3);
  const [full] = parsed.drafts;
  assert.ok(full);
  assert.equal(full.position, 0);
  assert.equal(
    full.text,
    'PRAIRIE WHEAT FARMERS <PWF> EXPECT LATE SEEDING\n\nWINNIPEG, March 5 - Wheat growers across the invented\n' +
      "prairie co-operative said a cold spring would delay seeding\nby about two weeks, the group's chairman said.\n" +
      '    Members & buyers meet again next month.\n Reuter',
  );
  assert.deepEqual(full.known, {
    wire: 'Reuters',
    kind: 'agency',
    title: 'PRAIRIE WHEAT FARMERS <PWF> EXPECT LATE SEEDING',
    byline: 'Ada Quill, Reuters',
    published: '1987-03-05T09:14:07.300',
    publishedZone: 'unknown',
  });
  assert.deepEqual(full.extra.topics, ['grain', 'wheat']);
  assert.deepEqual(full.extra.places, ['canada']);
  assert.equal(full.extra.newId, 11);
  assert.equal(full.extra.oldId, 901);
  assert.equal(full.extra.lewisSplit, 'TRAIN');
});

test('a brief with only a TITLE becomes a draft whose text is the title; unprocessed copy keeps its text', () => {
  const [, brief, unproc] = parseCapture(fixture, { name: 'three-stories.sgm' }).drafts;
  assert.equal(brief?.text, 'EXAMPLE CORP SEES HIGHER FIRST QUARTER NET');
  assert.equal(brief?.known.title, 'EXAMPLE CORP SEES HIGHER FIRST QUARTER NET');
  assert.equal(brief?.extra.textType, 'BRIEF');
  assert.equal(unproc?.text, 'INVENTED RESERVES TABLE - MARCH 5\n Free reserves..........120 vs.....98');
  assert.equal(unproc?.known.title, undefined);
  assert.equal(unproc?.extra.textType, 'UNPROC');
});

test('Reuters is sniffed by content, whatever the file is called', () => {
  assert.equal(parseCapture(fixture, { name: 'upload.bin.txt' }).format, 'reuters-sgml');
  const noDoctype = story(5, '<TEXT><TITLE>T</TITLE><DATELINE>X, Jan 2 - </DATELINE><BODY>Body.</BODY></TEXT>');
  assert.equal(parseCapture(bytes(noDoctype), { name: 'stdin' }).format, 'reuters-sgml');
});

test('Reuters dates become local ISO times with milliseconds', () => {
  assert.equal(parseReutersDate('26-FEB-1987 15:01:01.79'), '1987-02-26T15:01:01.790');
  assert.equal(parseReutersDate(' 3-APR-1987 07:09:06.48'), '1987-04-03T07:09:06.480');
  assert.equal(parseReutersDate('31-MAR-1987 605:12:19.12'), null);
});

test('malformed SGML: good stories parse, the rest are problems with line numbers', () => {
  const good = story(1, '<TEXT><TITLE>GOOD ONE</TITLE><DATELINE>OSLO, Jan 2 - </DATELINE><BODY>Fine.</BODY></TEXT>');
  const unclosed = story(2, '<TEXT><TITLE>CUT</TITLE><BODY>Never ends').replace('</REUTERS>\n', '');
  const text = `${good}stray words here\n${unclosed}${story(3, '<TEXT><TITLE>LAST</TITLE></TEXT>')}`;
  const parsed = parseCapture(bytes(text), { name: 'broken.sgm' });
  assert.deepEqual(parsed.drafts.map((d) => d.known.title), ['GOOD ONE', 'LAST']);
  // Positions count the broken story too, so ids hold when it is repaired.
  assert.deepEqual(parsed.drafts.map((d) => d.position), [0, 2]);
  assert.deepEqual(parsed.problems.map((p) => p.line), [7, 8]);
  assert.match(parsed.problems[0]?.message ?? '', /outside any story/);
  assert.match(parsed.problems[1]?.message ?? '', /no closing <\/REUTERS>/);
});

test('SGML with no readable story throws E_SGML_MALFORMED with a line number', () => {
  const text = 'line one\n<REUTERS NEWID="1">\n<TITLE>No end</TITLE>\n';
  assert.throws(
    () => parseCapture(bytes(text), { name: 'cut.sgm' }),
    (error: unknown) => isDatelineError(error) && error.code === 'E_SGML_MALFORMED' && error.line === 2 && error.input === 'cut.sgm',
  );
});

test('an unclosed BODY is read to the end of TEXT and reported', () => {
  const text = story(9, '<TEXT><TITLE>OPEN BODY</TITLE><DATELINE>ROME, Jan 2 - </DATELINE><BODY>Words\nmore words</TEXT>');
  const parsed = parseCapture(bytes(text), { name: 'open.sgm' });
  assert.equal(parsed.drafts[0]?.text, 'OPEN BODY\n\nROME, Jan 2 - Words\nmore words');
  assert.match(parsed.problems[0]?.message ?? '', /<BODY> is not closed/);
  assert.equal(parsed.problems[0]?.line, 5);
});

test('a file of unclosed stories is rejected quickly, not rescanned once per story', () => {
  const text = '<REUTERS NEWID="1">\n<TEXT><TITLE>X</TITLE><BODY>y</BODY></TEXT>\n'.repeat(20_000);
  const started = performance.now();
  assert.throws(() => parseCapture(bytes(text), { name: 'unclosed.sgm' }), (e: unknown) => isDatelineError(e) && e.code === 'E_SGML_MALFORMED');
  assert.ok(performance.now() - started < 2000);
});
