import { strict as assert } from 'node:assert';
import { after, before, test } from 'node:test';
import type { Article } from '../../core/index.js';
import { parseQuery } from '../../query/index.js';
import { article, captureRecord } from '../conformance-data.js';
import { openStore } from '../index.js';
import type { Store } from '../store.js';

const ARTICLES: Partial<Article>[] = [
  { text: 'Copper prices rose in London.', wire: 'Reuters', source: null, dateline: { place: 'LONDON', date: '2024-05-06' }, language: 'en', published: '2024-05-06T09:00:00+01:00' },
  { text: 'Copper output fell in Chile.', wire: 'Reuters', source: null, dateline: { place: 'SANTIAGO', date: '2024-05-12' }, language: 'en', published: '2024-05-12T09:00:00-04:00' },
  { text: 'El cobre subió.', wire: 'EFE', source: null, dateline: { place: 'SANTIAGO', date: '2024-06-01' }, language: 'es', published: '2024-06-01T09:00:00-04:00' },
  { text: 'Copper miners strike.', wire: 'PR Newswire', source: 'Andes Mining', dateline: null, language: 'en', published: null },
  { text: 'Gold was steady.', wire: 'Reuters', source: null, dateline: { place: 'LONDON', date: '2024-05-07' }, language: 'en', published: '2024-05-07T09:00:00+01:00' },
];

let store: Store;
before(async () => {
  store = await openStore(':memory:');
  await store.writeCaptures(
    ARTICLES.map((fields, i) => {
      const record = captureRecord(`facets ${i}`);
      return { record, articles: [article(record.capture.id, 0, fields)] };
    }),
  );
});
after(() => store.close());

test('facets count the matching articles by wire, source, place and language', async () => {
  const facets = await store.facets(parseQuery('copper OR cobre'));
  assert.equal(facets.total, 4);
  assert.deepEqual(facets.byWire, [{ key: 'Reuters', count: 2 }, { key: 'EFE', count: 1 }, { key: 'PR Newswire', count: 1 }]);
  assert.deepEqual(facets.bySource[0], { key: null, count: 3 });
  assert.deepEqual(facets.byPlace[0], { key: 'SANTIAGO', count: 2 });
  assert.deepEqual(facets.byLanguage, [{ key: 'en', count: 3 }, { key: 'es', count: 1 }]);
  assert.equal((await store.facets(parseQuery('copper'), { limit: 1 })).byWire.length, 1);
});

test('the histogram buckets the published day by day, ISO week (its Monday) or month; undated articles are left out', async () => {
  const query = parseQuery('copper OR cobre OR gold');
  assert.deepEqual((await store.facets(query, { interval: 'month' })).histogram, [{ key: '2024-05', count: 3 }, { key: '2024-06', count: 1 }]);
  // 2024-05-06 and 05-07 are a Monday and a Tuesday; 05-12 is the Sunday of that week; 06-01 a Saturday.
  assert.deepEqual((await store.facets(query, { interval: 'week' })).histogram, [{ key: '2024-05-06', count: 3 }, { key: '2024-05-27', count: 1 }]);
  assert.equal((await store.facets(query, { interval: 'day' })).histogram.length, 4);
});

test('filters alone are faceted too', async () => {
  const facets = await store.facets(parseQuery('wire:Reuters'));
  assert.equal(facets.total, 3);
  assert.deepEqual(facets.byPlace, [{ key: 'LONDON', count: 2 }, { key: 'SANTIAGO', count: 1 }]);
});
