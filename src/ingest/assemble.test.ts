import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ArticleDraft } from '../core/index.js';
import { articleOf } from './assemble.js';

const CAPTURE = 'c'.repeat(64);
const OBSERVED = '2023-07-04T08:00:00.000Z';

const RELEASE_TEXT = [
  'Lanting Robotics Opens Research Centre in Beijing',
  'News provided by',
  'Lanting Robotics Co., Ltd.',
  'Jul 04, 2023, 14:17 ET',
  'BEIJING, July 4, 2023 /PRNewswire/ -- Lanting Robotics Co., Ltd. (NASDAQ: LTRB) today opened a research centre in Beijing that will employ 400 engineers.',
  'The centre will develop navigation software for delivery robots, the company said.',
].join('\n\n');

const draft = (known: ArticleDraft['known'], text = RELEASE_TEXT): ArticleDraft => ({ position: 0, text, known, extra: {} });

test("a page's metadata fills its fields; the structurer fills dateline, wire, source and tickers", () => {
  const article = articleOf(CAPTURE, null, OBSERVED, draft({
    title: 'Lanting Robotics Opens Research Centre in Beijing',
    published: '2023-07-04T14:17:00+08:00',
    publishedZone: 'stated',
    byline: 'Press Office',
    siteName: 'PR Newswire',
    canonicalUrl: 'https://prnewswire.example/lanting.html',
    description: 'A research centre.',
    image: 'https://prnewswire.example/lanting.jpg',
    modified: '2023-07-05T09:00:00+08:00',
    language: 'en',
  }));
  assert.equal(article.title, 'Lanting Robotics Opens Research Centre in Beijing');
  assert.deepEqual([article.published, article.publishedZone], ['2023-07-04T14:17:00+08:00', 'stated'], "the page's stated time wins over the text's ET stamp");
  assert.equal(article.byline, 'Press Office');
  assert.deepEqual(
    [article.siteName, article.canonicalUrl, article.description, article.image, article.modified],
    ['PR Newswire', 'https://prnewswire.example/lanting.html', 'A research centre.', 'https://prnewswire.example/lanting.jpg', '2023-07-05T09:00:00+08:00'],
  );
  assert.deepEqual(article.dateline, { place: 'BEIJING', date: '2023-07-04' });
  assert.equal(article.wire, 'PR Newswire');
  assert.equal(article.kind, 'release');
  assert.equal(article.source, 'Lanting Robotics Co., Ltd.');
  assert.deepEqual(article.tickers, [{ exchange: 'Nasdaq', symbol: 'LTRB' }]);
  assert.ok(article.paragraphs[0]!.startsWith('Lanting Robotics Co., Ltd. (NASDAQ: LTRB) today opened'));
  assert.ok(!article.paragraphs.some((p) => p === article.title), 'the headline printed again at the top is not body');
});

test("a page's day alone gives way to the text's stamp for that same day; another day does not", () => {
  const sameDay = articleOf(CAPTURE, null, OBSERVED, draft({ published: '2023-07-04', publishedZone: 'unknown' }));
  assert.deepEqual([sameDay.published, sameDay.publishedZone], ['2023-07-04T14:17:00-04:00', 'stated']);
  const otherDay = articleOf(CAPTURE, null, OBSERVED, draft({ published: '2023-07-03', publishedZone: 'unknown' }));
  assert.deepEqual([otherDay.published, otherDay.publishedZone], ['2023-07-03', 'unknown']);
  const none = articleOf(CAPTURE, null, OBSERVED, draft({}));
  assert.equal(none.published, '2023-07-04T14:17:00-04:00', 'with no page time, the text gives it');
});

test("the language is the page's own, else the detector's", () => {
  const text = 'Die Stadtwerke eröffnen heute ein neues Wasserkraftwerk an der Mosel, das zehntausend Haushalte mit Strom versorgen soll.';
  assert.equal(articleOf(CAPTURE, null, OBSERVED, draft({ language: 'fr' }, text)).language, 'fr');
  assert.equal(articleOf(CAPTURE, null, OBSERVED, draft({}, text)).language, 'de');
});
