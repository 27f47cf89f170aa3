import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import type { Article } from '../../core/index.js';
import { article } from '../../store/conformance-data.js';
import { ARTICLE_CSV_COLUMNS, articleCsvRow, csvRow } from './csv.js';
import { articleToNinjs } from './ninjs.js';

const RELEASE: Article = {
  ...article('c1', 0, { text: 'First paragraph.\n\nSecond, with "quotes".' }),
  title: 'Acme opens a plant',
  byline: 'Dana Reyes',
  tickers: [{ exchange: 'NYSE', symbol: 'ACMI' }],
  url: 'https://news.example/acme',
  storyId: 'sabc',
  published: '2024-03-05T08:30:00-05:00',
};

test('ninjs 2.0: the fields a newsroom system reads, UTC date-times, nothing null', () => {
  const ninjs = articleToNinjs(RELEASE);
  assert.equal(ninjs.uri, 'https://news.example/acme');
  assert.deepEqual(ninjs.standard, { name: 'ninjs', version: '2.0', schema: 'http://www.iptc.org/std/ninjs/ninjs-schema_2.0.json' });
  assert.equal(ninjs.type, 'text');
  assert.equal(ninjs.firstcreated, '2024-03-05T13:30:00.000Z');
  assert.deepEqual(ninjs.headlines, [{ role: 'main', value: 'Acme opens a plant' }]);
  assert.deepEqual(ninjs.bodies, [{ role: 'main', contenttype: 'text/plain', charcount: RELEASE.text.length, wordcount: 5, value: RELEASE.text }]);
  assert.equal(ninjs.by, 'Dana Reyes');
  assert.equal(ninjs.located, 'NEW YORK');
  assert.deepEqual(ninjs.organisations, [{ name: 'Acme Corp', rel: 'issuer', symbols: [{ ticker: 'ACMI', exchange: 'NYSE' }] }]);
  assert.deepEqual(ninjs.infosources, [{ name: 'PR Newswire' }]);
  assert.deepEqual(ninjs.altids, [{ role: 'dateline', value: RELEASE.id }, { role: 'dateline-story', value: 'sabc' }]);
  assert.ok(!JSON.stringify(ninjs).includes('null'));
  // No URL: a URN still makes a valid uri.
  assert.equal(articleToNinjs({ ...RELEASE, url: null }).uri, `urn:dateline:article:${RELEASE.id}`);
});

test('CSV quotes what needs quoting, keeps formulas as text and ends records with CRLF', () => {
  assert.equal(csvRow(['a', 'b,c', 'say "hi"', null, 3, 'line\nbreak']), 'a,"b,c","say ""hi""",,3,"line\nbreak"\r\n');
  assert.equal(csvRow(['=SUM(A1)', '-5', '+2h', '@x']), "'=SUM(A1),-5,'+2h,'@x\r\n");
  const row = articleCsvRow(RELEASE);
  assert.ok(row.startsWith(`${RELEASE.id},sabc,2024-03-05T08:30:00-05:00,Acme opens a plant,PR Newswire,Acme Corp,,NEW YORK,en,release,https://news.example/acme,NYSE:ACMI,Dana Reyes,"First`));
  assert.equal(ARTICLE_CSV_COLUMNS.length, 14);
});
