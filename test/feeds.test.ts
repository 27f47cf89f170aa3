// End to end through the built binary: a feed file parsed and ingested like any other input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dateline, jsonLines, scratch } from './helpers.js';

function feed(items: { guid: string; title: string; body: string }[]): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Corvenna Wire</title><link>https://wire.example/</link>
${items
  .map(
    (i) => `<item><title>${i.title}</title><link>https://wire.example/news/${i.guid}</link><guid isPermaLink="false">${i.guid}</guid>
<category domain="NYSE">TDW</category><pubDate>Tue, 11 Jun 2024 08:00:00 -0700</pubDate>
<content:encoded><![CDATA[<p>${i.body}</p><p>The company said deliveries begin next spring.</p>]]></content:encoded></item>`,
  )
  .join('\n')}
</channel></rss>`;
}

const ITEMS = [
  { guid: 'tdw-1', title: 'Tidewater Marine orders two battery-electric ferries', body: 'SEATTLE, June 11, 2024 /PRNewswire/ -- Tidewater Marine Ltd. (NYSE: TDW) ordered two battery-electric ferries for the Corvenna crossing.' },
  { guid: 'tdw-2', title: 'Tidewater Marine names new harbour pilot chief', body: 'SEATTLE, June 11, 2024 /PRNewswire/ -- Tidewater Marine Ltd. named a new chief of harbour pilots.' },
];

test('parse --json prints one article per feed item, in feed order, each with its url', (t) => {
  const dir = scratch(t);
  const path = join(dir, 'wire.xml');
  writeFileSync(path, feed(ITEMS));
  const result = dateline(['parse', path, '--json']);
  assert.equal(result.status, 0, result.stderr);
  const articles = jsonLines(result.stdout);
  assert.equal(articles.length, 2);
  assert.deepEqual(articles.map((a) => a.url), ['https://wire.example/news/tdw-1', 'https://wire.example/news/tdw-2']);
  assert.equal(articles[0]!.format, 'feed');
  assert.equal(articles[0]!.title, ITEMS[0]!.title);
  assert.equal(articles[0]!.published, '2024-06-11T08:00:00-07:00');
  assert.equal(articles[0]!.wire, 'PR Newswire');
  assert.deepEqual((articles[0]!.extra as { categories: unknown }).categories, [{ term: 'TDW', domain: 'NYSE' }]);
});

test('ingest takes a feed file; an edited copy of the feed adds only its new item', (t) => {
  const dir = scratch(t);
  const db = join(dir, 'test.db');
  const folder = join(dir, 'in');
  mkdirSync(folder);
  writeFileSync(join(folder, 'wire.xml'), feed(ITEMS.slice(0, 1)));
  const first = dateline(['ingest', folder, '--db', db, '--json']);
  assert.equal(first.status, 0, first.stderr);

  // The feed as polled a little later: the same first item, one new item.
  writeFileSync(join(folder, 'wire.xml'), feed(ITEMS));
  const second = dateline(['ingest', folder, '--db', db, '--json']);
  assert.equal(second.status, 0, second.stderr);

  const found = dateline(['search', 'ferries', '--db', db, '--json']);
  assert.equal(found.status, 0, found.stderr);
  const hits = jsonLines(found.stdout);
  assert.equal(hits.length, 1, 'the first item is stored once');
  const all = jsonLines(dateline(['search', 'Tidewater', '--db', db, '--json']).stdout);
  assert.equal(all.length, 2);
});
