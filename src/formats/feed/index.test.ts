import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DatelineError } from '../../core/index.js';
import { parseFeedDocument } from './index.js';

const RSS = `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/">
<channel>
  <title>Corvenna Wire</title><link>https://wire.example/</link><language>en-us</language>
  <generator>wirebot 2</generator>
  <item>
    <title>Tidewater Marine orders &lt;b&gt;two&lt;/b&gt; ferries</title>
    <link>https://wire.example/news/tidewater</link>
    <guid isPermaLink="false">wire-2024-0611-001</guid>
    <category domain="https://wire.example/tickers/NYSE">TDW</category>
    <category domain="subject">Shipping</category>
    <pubDate>Tue, 11 Jun 2024 08:00:00 -0700</pubDate>
    <dc:creator>Jane Roe</dc:creator>
    <description>Short summary.</description>
    <content:encoded><![CDATA[<p>SEATTLE, June 11, 2024 /PRNewswire/ -- Tidewater Marine <a href="/about">ordered</a> two ferries.</p><script>alert(1)</script><p onclick="x()">Second paragraph.</p>]]></content:encoded>
    <media:content url="https://wire.example/img/ferry.jpg" medium="image" type="image/jpeg"/>
  </item>
  <item><description>An item with no title, link or date.</description></item>
</channel>
</rss>`;

test('RSS 2.0: content:encoded sanitised, category domains kept, dates with their offset', () => {
  const feed = parseFeedDocument(RSS, { url: 'https://wire.example/feed.xml' });
  assert.equal(feed.version, 'rss20');
  assert.equal(feed.bozo, false);
  assert.equal(feed.feed.title?.text, 'Corvenna Wire');
  assert.equal(feed.feed.generator?.name, 'wirebot 2');
  const [item, bare] = feed.items;
  assert.ok(item && bare);
  assert.equal(item.guid, 'wire-2024-0611-001');
  assert.equal(item.guidIsPermaLink, false);
  assert.equal(item.link, 'https://wire.example/news/tidewater');
  assert.equal(item.title?.text, 'Tidewater Marine orders two ferries');
  assert.equal(item.published?.iso, '2024-06-11T08:00:00-07:00');
  assert.deepEqual(item.categories.slice(0, 2), [
    { term: 'TDW', scheme: 'https://wire.example/tickers/NYSE', label: null },
    { term: 'Shipping', scheme: 'subject', label: null },
  ]);
  assert.equal(item.authors[0]?.name, 'Jane Roe');
  assert.deepEqual(item.dc.creator, ['Jane Roe']);
  const html = item.content[0]?.value ?? '';
  assert.match(html, /<a href="https:\/\/wire\.example\/about">ordered<\/a>/);
  assert.doesNotMatch(html, /script|onclick/);
  assert.equal(item.summary?.text, 'Short summary.');
  assert.equal(item.enclosures[0]?.href, 'https://wire.example/img/ferry.jpg');
  assert.equal(bare.title, null);
  assert.equal(bare.link, null);
  assert.equal(bare.published, null);
});

test('Atom 1.0: xml:base resolves relative links, type="xhtml" loses its wrapper div', () => {
  const atom = `<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://news.example/section/">
  <title type="html">Harbour &amp;lt;news&amp;gt;</title>
  <link rel="self" href="feed.atom"/>
  <entry xml:base="/2024/">
    <id>tag:news.example,2024:1</id>
    <title>Port expansion approved</title>
    <link href="port-expansion"/>
    <updated>2024-05-07T06:00:00-07:00</updated>
    <author><name>Ana Pike</name><email>ana@news.example</email></author>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Three <a href="berths">berths</a>.</p></div></content>
  </entry>
</feed>`;
  const feed = parseFeedDocument(atom);
  assert.equal(feed.version, 'atom10');
  assert.equal(feed.feed.links[0]?.href, 'https://news.example/section/feed.atom');
  const entry = feed.items[0]!;
  assert.equal(entry.id, 'tag:news.example,2024:1');
  assert.equal(entry.link, 'https://news.example/2024/port-expansion');
  assert.equal(entry.updated?.iso, '2024-05-07T06:00:00-07:00');
  assert.deepEqual(entry.authors[0], { name: 'Ana Pike', email: 'ana@news.example', href: null });
  assert.equal(entry.content[0]?.type, 'application/xhtml+xml');
  assert.equal(entry.content[0]?.value, '<p>Three <a href="https://news.example/2024/berths">berths</a>.</p>');
});

test('RSS 1.0 (RDF) with Dublin Core dates', () => {
  const rdf = `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://rdf.example/"><title>RDF wire</title><link>https://rdf.example/</link></channel>
  <item rdf:about="https://rdf.example/1"><title>First</title><link>https://rdf.example/1</link><dc:date>2024-03-05T14:17:00+08:00</dc:date><dc:subject>Trade</dc:subject></item>
</rdf:RDF>`;
  const feed = parseFeedDocument(rdf);
  assert.equal(feed.version, 'rss10');
  assert.equal(feed.items[0]?.title?.text, 'First');
  assert.equal(feed.items[0]?.updated?.iso, '2024-03-05T14:17:00+08:00');
  assert.equal(feed.items[0]?.categories[0]?.term, 'Trade');
});

test('JSON Feed 1.1', () => {
  const json = JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: 'JSON wire',
    home_page_url: 'https://json.example/',
    items: [{ id: 'j-1', url: 'https://json.example/1', title: 'One', content_html: '<p>Body <b>one</b></p>', date_published: '2024-01-02T03:04:05Z', tags: ['Energy'] }],
  });
  const feed = parseFeedDocument(json);
  assert.equal(feed.version, 'json11');
  assert.equal(feed.feed.title?.text, 'JSON wire');
  assert.equal(feed.items[0]?.guid, 'j-1');
  assert.equal(feed.items[0]?.content[0]?.text, 'Body one');
  assert.equal(feed.items[0]?.published?.iso, '2024-01-02T03:04:05Z');
  assert.deepEqual(feed.items[0]?.categories.map((c) => c.term), ['Energy']);
});

test('malformed XML is read past, each error recorded (bozo)', () => {
  const broken = `<rss version="2.0"><channel><title>Broken & wire</title>
  <item><title>One &nbsp; two</title><link>https://b.example/1?a=1&b=2</link></item>
  <item><title>Unclosed<b></title></item>
  <item><title>Third</title></channel>`;
  const feed = parseFeedDocument(broken);
  assert.equal(feed.bozo, true);
  assert.ok(feed.problems.length >= 3, JSON.stringify(feed.problems));
  assert.equal(feed.feed.title?.text, 'Broken & wire');
  assert.deepEqual(feed.items.map((i) => i.title?.text), ['One two', 'Unclosed', 'Third']);
  assert.equal(feed.items[0]?.link, 'https://b.example/1?a=1&b=2');
});

test('entity bombs are never expanded and external entities never fetched', () => {
  const bomb = `<?xml version="1.0"?>
<!DOCTYPE rss [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY xxe SYSTEM "file:///etc/passwd">
]>
<rss version="2.0"><channel><title>&lol3;</title><item><title>&xxe;</title><description>&lol;</description></item></channel></rss>`;
  const feed = parseFeedDocument(bomb);
  assert.ok((feed.feed.title?.value.length ?? 0) < 100, 'not expanded');
  assert.doesNotMatch(feed.items[0]?.title?.value ?? '', /root:/);
  assert.equal(feed.items[0]?.summary?.text, 'lol', 'a plain internal entity is expanded');
  assert.ok(feed.problems.some((p) => /never fetched/.test(p.message)));
  assert.ok(feed.problems.some((p) => /never expanded/.test(p.message)));
});

test('an HTML page served as a feed is a clear error', () => {
  assert.throws(
    () => parseFeedDocument('<!DOCTYPE html><html><head><title>Home</title></head><body><p>Hi</p></body></html>', { name: 'home.xml' }),
    (error: unknown) => error instanceof DatelineError && error.code === 'E_FEED_MALFORMED' && /home\.xml is an HTML page, not a feed/.test(error.message),
  );
});

test('duplicate guids are reported; 10,000 items read in feed order', () => {
  const items = Array.from({ length: 10_000 }, (_, i) => `<item><title>Item ${i}</title><guid>g-${i === 9_999 ? 0 : i}</guid></item>`).join('');
  const started = performance.now();
  const feed = parseFeedDocument(`<rss version="2.0"><channel><title>Big</title>${items}</channel></rss>`);
  assert.equal(feed.items.length, 10_000);
  assert.equal(feed.items[9_998]?.title?.text, 'Item 9998');
  assert.ok(feed.problems.some((p) => /items 1 and 10000 share the guid "g-0"/.test(p.message)));
  assert.ok(performance.now() - started < 10_000);
});
