import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isDatelineError } from '../core/index.js';
import { parseCapture } from './index.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const line = (value: unknown): string => JSON.stringify(value);

test('each line is an article: known fields, title before the body, unknown fields in extra', () => {
  const input = [
    line({
      url: 'https://news.example/a', title: ' Acme  opens a plant ', text: 'OSLO, March 5, 2024 /PRNewswire/ -- Acme opened.',
      published: '2024-03-05T09:00:00+01:00', source: 'Acme', wire: 'PR Newswire', lang: 'EN', byline: 'Jo Writer',
      image: { url: 'https://news.example/a.jpg', width: 640 }, guid: 'a-1', tags: ['plants'],
    }),
    line({ title: 'Second', html: '<p>One &amp; two.</p><script>x()</script><p>Three.</p>', published: 'Tue, 05 Mar 2024 10:00:00 GMT' }),
  ].join('\n');
  const parsed = parseCapture(bytes(input), { name: 'export' });
  assert.equal(parsed.format, 'jsonl');
  assert.deepEqual(parsed.problems, []);
  const [first, second] = parsed.drafts;
  assert.equal(first?.text, 'Acme opens a plant\n\nOSLO, March 5, 2024 /PRNewswire/ -- Acme opened.');
  assert.deepEqual(first?.known, {
    title: 'Acme opens a plant', url: 'https://news.example/a', source: 'Acme', wire: 'PR Newswire', byline: 'Jo Writer',
    language: 'en', published: '2024-03-05T09:00:00+01:00', publishedZone: 'stated', image: 'https://news.example/a.jpg',
  });
  assert.deepEqual(first?.extra, { guid: 'a-1', tags: ['plants'] });
  assert.equal(second?.text, 'Second\n\nOne & two.\n\nThree.');
  assert.equal(second?.known.published, '2024-03-05T10:00:00Z');
  assert.equal(second?.position, 1);
});

test('broken lines are reported with their line numbers and the good lines are kept', () => {
  const input = [
    line({ title: 'Good one', text: 'Body.' }), // line 1
    '{"title": "cut off', // line 2
    '', // line 3 (blank: not a problem)
    '[1, 2]', // line 4
    line({ url: 'https://x.example', note: 'no text' }), // line 5
    line({ title: 'Good two', text: 'Body two.', extraField: 7 }), // line 6
  ].join('\r\n');
  const parsed = parseCapture(bytes(input), { name: 'mixed.jsonl' });
  assert.deepEqual(parsed.drafts.map((d) => d.known.title), ['Good one', 'Good two']);
  // Positions are 0-based line numbers, so fixing line 2 later does not move line 6's id.
  assert.deepEqual(parsed.drafts.map((d) => d.position), [0, 5]);
  assert.deepEqual(parsed.drafts[1]?.extra, { extraField: 7 });
  assert.deepEqual(parsed.problems.map((p) => p.line), [2, 4, 5]);
  assert.match(parsed.problems[0]?.message ?? '', /not JSON/);
  assert.match(parsed.problems[1]?.message ?? '', /array, not an object/);
  assert.match(parsed.problems[2]?.message ?? '', /no text, html or title/);
});

test('wrongly typed known fields are kept in extra with a note, not dropped', () => {
  const parsed = parseCapture(bytes(line({ title: 'T', text: 'B', published: 1709629200, source: ['a', 'b'] })), { name: 'x.jsonl' });
  assert.deepEqual(parsed.drafts[0]?.extra, { published: 1709629200, source: ['a', 'b'] });
  assert.equal(parsed.problems.length, 2);
  assert.equal(parsed.problems[0]?.line, 1);
});

test('language tags are cut to ISO 639-1', () => {
  const input = [line({ title: 'a', language: 'en-US' }), line({ title: 'b', lang: 'pt_BR' }), line({ title: 'c', lang: 'english' })].join('\n');
  const parsed = parseCapture(bytes(input), { name: 'x.jsonl' });
  assert.deepEqual(parsed.drafts.map((d) => d.known.language), ['en', 'pt', undefined]);
  assert.equal(parsed.drafts[2]?.extra.lang, 'english');
});

test('an unreadable date is kept in extra; a title alone is an article', () => {
  const parsed = parseCapture(bytes(line({ title: 'Only a headline', published: 'sometime in March' })), { name: 'x.jsonl' });
  assert.equal(parsed.drafts[0]?.text, 'Only a headline');
  assert.equal(parsed.drafts[0]?.extra.published, 'sometime in March');
  assert.equal(parsed.drafts[0]?.known.published, undefined);
});

test('a JSONL file with no usable line throws E_JSONL_MALFORMED naming the first bad line', () => {
  assert.throws(
    () => parseCapture(bytes('{\n  "title": "pretty printed"\n}\n'), { name: 'doc.jsonl' }),
    (e: unknown) => isDatelineError(e) && e.code === 'E_JSONL_MALFORMED' && e.line === 1 && /one object per line/.test(e.message),
  );
});

test('well-formed objects that are not articles: E_NO_ARTICLE, not a syntax error', () => {
  assert.throws(
    () => parseCapture(bytes(`${line({ path: 'a', ok: true })}\n${line({ path: 'b' })}\n`), { name: 'other.jsonl' }),
    (e: unknown) => isDatelineError(e) && e.code === 'E_NO_ARTICLE' && e.line === 1,
  );
});
