import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import type { Article } from '../../core/index.js';
import { article } from '../../store/conformance-data.js';
import { parseFeedDocument } from '../feed/index.js';
import { type FeedFormat, itemId, writeFeed } from './feeds.js';

const HEADER = {
  title: 'dateline: copper',
  selfUrl: 'http://127.0.0.1:8080/feeds/search.rss?q=copper',
  homeUrl: 'http://127.0.0.1:8080/',
  description: 'Articles matching copper',
  updated: '2024-05-06T09:00:00+01:00',
};

const ARTICLES: Article[] = [
  {
    ...article('c1', 0, { text: 'Copper rose 3% on Monday.\n\nTraders cited <script>alert(1)</script> & "demand" from Chile.' }),
    title: 'Copper rises — Café & <Co>',
    url: 'https://wire.example/copper?a=1&b=2',
    byline: 'Ana Ruiz',
    published: '2024-05-06T09:00:00+01:00',
    tickers: [{ exchange: 'LME', symbol: 'CU' }],
    description: 'Copper prices rose.',
  },
  { ...article('c2', 0, { text: 'Output fell in Chile.\u0001 Miners struck.' }), title: '铜价上涨', url: null, published: '2024-05-05T22:15:00-04:00', language: 'zh' },
];

for (const format of ['rss', 'atom', 'json'] as FeedFormat[]) {
  test(`${format}: our own feed reader reads back what we wrote, item for item`, () => {
    const text = writeFeed(format, HEADER, ARTICLES);
    const parsed = parseFeedDocument(text, { name: `out.${format}` });
    assert.equal(parsed.bozo, false, JSON.stringify(parsed.problems));
    assert.equal(parsed.version, { rss: 'rss20', atom: 'atom10', json: 'json11' }[format]);
    assert.equal(parsed.feed.title?.text, HEADER.title);
    assert.equal(parsed.items.length, 2);
    const [first, second] = parsed.items;
    assert.equal(first!.guid, itemId(ARTICLES[0]!));
    assert.equal(first!.title?.text, 'Copper rises — Café & <Co>');
    assert.equal(first!.link, 'https://wire.example/copper?a=1&b=2');
    assert.equal(first!.published?.iso, '2024-05-06T09:00:00+01:00');
    assert.equal(second!.published?.iso, '2024-05-05T22:15:00-04:00');
    assert.equal(first!.authors[0]?.name, 'Ana Ruiz');
    const body = first!.content[0]!;
    assert.equal(body.text.replace(/\s+/g, ' ').trim(), ARTICLES[0]!.text.replace(/\s+/g, ' '));
    // The article's text goes out as text: as plain text (JSON Feed), or escaped so that no
    // element from it is markup in the HTML a reader renders.
    if (format === 'json') assert.equal(body.type, 'text/plain');
    else assert.ok(!/<script/i.test(body.value));
    assert.equal(second!.title?.text, '铜价上涨');
    assert.equal(second!.link, `http://127.0.0.1:8080/api/articles/${ARTICLES[1]!.id}`);
    // XML cannot carry a control character, so it is dropped there; JSON carries it as it is.
    assert.equal(second!.content[0]!.text.replace(/\s+/g, ' ').trim(), format === 'json' ? ARTICLES[1]!.text : 'Output fell in Chile. Miners struck.');
    if (format !== 'json') assert.deepEqual(first!.categories.find((c) => c.term === 'CU')?.scheme, 'LME');
  });
}
