import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import type { Article } from '../core/index.js';
import { describeDifference, formatDelay, timeline } from './timeline.js';

const PARAGRAPHS = [
  'The council approved the northern tram extension on Tuesday after two years of debate.',
  'Six new stations will be built, the first of them near the old harbour.',
  'Work is due to begin in the spring and to end within three years.',
];

function story(id: string, fields: Partial<Article>): Article {
  const paragraphs = fields.paragraphs ?? PARAGRAPHS;
  return {
    id, captureId: `c-${id}`, url: null, canonicalUrl: null, kind: 'article', wire: null, source: null, siteName: null,
    published: null, publishedZone: 'unknown', modified: null, dateline: null, title: null, byline: null, description: null,
    text: paragraphs.join('\n\n'), about: [], contacts: [], tickers: [], notices: [], image: null, language: 'en', views: null,
    entities: [], keywords: [], storyId: null, extractor: 'test', extra: {}, ...fields, paragraphs,
  } as Article;
}

test('the pickup timeline: the original first, copies by time with their delay, site and text differences', () => {
  const original = story('wire', { published: '2026-11-27T08:00:00Z', siteName: 'City Wire', title: 'Council backs trams' });
  const trimmed = story('trimmed', {
    published: '2026-11-27T10:30:00+01:00',
    url: 'https://www.harbour-gazette.example/trams',
    paragraphs: ['Advertisement', PARAGRAPHS[0]!, PARAGRAPHS[1]!.replace('Six new', 'Six more')],
  });
  const unknown = story('unknown', { source: 'Radio North' });
  const late = story('late', { published: '2026-11-29T09:00:00Z', canonicalUrl: 'https://late.example/t', paragraphs: [PARAGRAPHS.join(' ')] });
  const rows = timeline([unknown, late, trimmed, original], 'wire');
  assert.deepEqual(rows.map((row) => row.articleId), ['wire', 'trimmed', 'late', 'unknown']);
  assert.deepEqual(rows.map((row) => row.delaySeconds), [0, 90 * 60, 2 * 86400 + 3600, null]);
  assert.deepEqual(rows.map((row) => row.site), ['City Wire', 'harbour-gazette.example', 'late.example', 'Radio North']);
  assert.equal(rows[2]!.url, 'https://late.example/t');
  assert.deepEqual(rows[1]!.difference, { kept: 1, edited: 1, removed: 1, added: 1 });
  // One paragraph holding all three of the original's: nothing removed, nothing added.
  assert.deepEqual(rows[2]!.difference, { kept: 3, edited: 0, removed: 0, added: 0 });
  assert.equal(describeDifference(rows[1]!.difference), '1 removed, 1 added, 1 edited (paragraphs)');
  assert.equal(describeDifference(rows[2]!.difference), 'same text');
});

test('delays read as people write them', () => {
  assert.equal(formatDelay(null), '');
  assert.equal(formatDelay(45 * 60), '+45m');
  assert.equal(formatDelay(2 * 3600 + 15 * 60), '+2h 15m');
  assert.equal(formatDelay(3 * 86400 + 4 * 3600), '+3d 4h');
});
