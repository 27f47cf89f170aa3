import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { isDatelineError } from '../core/index.js';
import { MAX_PROBLEMS, MAX_SITEMAP_URLS, parseSitemap, parseW3cDatetime } from './sitemap.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const SM = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"';
const NEWS = 'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"';
const IMAGE = 'xmlns:image="http://www.google.com/schemas/sitemap-image/1.1"';
const urlset = (body: string): string => `<?xml version="1.0" encoding="UTF-8"?>\n<urlset ${SM} ${NEWS} ${IMAGE}>\n${body}\n</urlset>\n`;
const messages = (parsed: { problems: { message: string }[] }): string => parsed.problems.map((p) => p.message).join('\n');

test('a Google News sitemap: news title, publication, language, date with its offset, images, lastmod, changefreq, priority', () => {
  const parsed = parseSitemap(
    bytes(urlset(`<url>
  <loc>https://wire.example/news/acme-plant?id=1&amp;src=sm</loc>
  <lastmod>2024-03-05T09:31:00+01:00</lastmod><changefreq>hourly</changefreq><priority>0.8</priority>
  <news:news>
    <news:publication><news:name>Example Wire</news:name><news:language>EN</news:language></news:publication>
    <news:genres>PressRelease, UserGenerated</news:genres>
    <news:publication_date>2024-03-05T09:30:00+01:00</news:publication_date>
    <news:title>Acme &amp; Co. open a plant</news:title>
    <news:keywords>plants, Oslo</news:keywords><news:stock_tickers>NASDAQ:ACME</news:stock_tickers>
  </news:news>
  <image:image><image:loc>https://cdn.example.net/acme.jpg</image:loc><image:caption><![CDATA[The <new> plant]]></image:caption></image:image>
</url>`)),
    { url: 'https://wire.example/sitemap-news.xml' },
  );
  assert.equal(parsed.kind, 'urlset');
  assert.deepEqual(parsed.problems, []);
  assert.deepEqual(parsed.entries, [{
    url: 'https://wire.example/news/acme-plant?id=1&src=sm',
    lastmod: '2024-03-05T09:31:00+01:00',
    changefreq: 'hourly',
    priority: 0.8,
    news: {
      title: 'Acme & Co. open a plant', published: '2024-03-05T09:30:00+01:00', publication: 'Example Wire', language: 'en',
      genres: ['PressRelease', 'UserGenerated'], keywords: ['plants', 'Oslo'], tickers: ['NASDAQ:ACME'],
    },
    images: [{ url: 'https://cdn.example.net/acme.jpg', caption: 'The <new> plant' }],
  }]);
});

test('namespace prefixes are read by their URI, not their spelling', () => {
  const parsed = parseSitemap(`<sm:urlset xmlns:sm="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:n="http://www.google.com/schemas/sitemap-news/0.9">
<sm:url><sm:loc>https://a.example/1</sm:loc><n:news><n:title>One</n:title></n:news></sm:url></sm:urlset>`);
  assert.equal(parsed.entries[0]?.news?.title, 'One');
});

test('a sitemap index lists its child sitemaps with their lastmod', () => {
  const parsed = parseSitemap(`<sitemapindex ${SM}>
<sitemap><loc>https://a.example/sitemap-2024-03.xml.gz</loc><lastmod>2024-03-05</lastmod></sitemap>
<sitemap><loc>https://a.example/sitemap-2024-02.xml.gz</loc></sitemap>
<sitemap><loc>https://a.example/sitemap-2024-02.xml.gz</loc></sitemap>
<url><loc>https://a.example/stray</loc></url>
</sitemapindex>`, { url: 'https://a.example/sitemap.xml' });
  assert.equal(parsed.kind, 'index');
  assert.deepEqual(parsed.entries, []);
  assert.deepEqual(parsed.sitemaps, ['https://a.example/sitemap-2024-03.xml.gz', 'https://a.example/sitemap-2024-02.xml.gz']);
  assert.deepEqual(parsed.sitemapLastmod, { 'https://a.example/sitemap-2024-03.xml.gz': '2024-03-05' });
  assert.match(messages(parsed), /listed before/);
  assert.match(messages(parsed), /<url> in a <sitemapindex>; dropped/);
});

test('gzip is detected by its magic bytes and inflated', () => {
  const parsed = parseSitemap(gzipSync(bytes(urlset('<url><loc>https://a.example/1</loc></url>'))));
  assert.deepEqual(parsed.entries.map((e) => e.url), ['https://a.example/1']);
});

test('a gzip bomb stops at the limit with E_INPUT_TOO_LARGE naming the input', () => {
  const bomb = gzipSync(Buffer.alloc(4 * 1024 * 1024)); // 4 MiB of zeros in about 4 KiB
  assert.ok(bomb.length < 10_000);
  assert.throws(
    () => parseSitemap(bomb, { name: 'https://a.example/bomb.xml.gz', maxBytes: 1024 * 1024 }),
    (error: unknown) => isDatelineError(error) && error.code === 'E_INPUT_TOO_LARGE' && error.input === 'https://a.example/bomb.xml.gz' &&
      error.message.includes('https://a.example/bomb.xml.gz'),
  );
});

test('the default limit holds a bomb past the capture size', () => {
  const bomb = gzipSync(Buffer.alloc(65 * 1024 * 1024));
  assert.throws(() => parseSitemap(bomb, { name: 'bomb.gz' }), (error: unknown) => isDatelineError(error) && error.code === 'E_INPUT_TOO_LARGE');
});

test('a cut-off gzip stream gives what inflated, with a problem; a corrupt one is E_INPUT_BINARY', () => {
  const lines = Array.from({ length: 2000 }, (_, i) => `https://a.example/story/${i * 7919}`).join('\n');
  const whole = gzipSync(bytes(lines));
  const cut = parseSitemap(whole.subarray(0, Math.floor(whole.length / 2)));
  assert.equal(cut.kind, 'text');
  assert.ok(cut.entries.length > 10 && cut.entries.length < 2000);
  assert.match(messages(cut), /gzip stream is cut off/);
  const corrupt = Uint8Array.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0x03, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
  assert.throws(() => parseSitemap(corrupt, { name: 'bad.gz' }), (error: unknown) => isDatelineError(error) && error.code === 'E_INPUT_BINARY');
});

test('relative, non-http and foreign-host URLs are dropped with a problem and a line; www. and allowed hosts are kept', () => {
  const parsed = parseSitemap(urlset(`<url><loc>/news/relative</loc></url>
<url><loc>javascript:alert(1)</loc></url>
<url><loc>https://elsewhere.example/x</loc></url>
<url><loc>https://partner.example/y</loc></url>
<url><loc>https://example.com/ok</loc></url>
<url><lastmod>2024-01-01</lastmod></url>`), { url: 'https://www.example.com/sitemap.xml', allowedHosts: ['partner.example'] });
  assert.deepEqual(parsed.entries.map((e) => e.url), ['https://partner.example/y', 'https://example.com/ok']);
  assert.deepEqual(parsed.problems.map((p) => [p.line, p.message]), [
    [3, 'dropped "/news/relative": not an absolute URL'],
    [4, 'dropped "javascript:alert(1)": not an http(s) URL'],
    [5, 'dropped "https://elsewhere.example/x": on another host (elsewhere.example) than the sitemap'],
    [8, '<url> without <loc>; dropped'],
  ]);
});

test('without the sitemap URL, any absolute http(s) host is kept', () => {
  assert.equal(parseSitemap(urlset('<url><loc>https://elsewhere.example/x</loc></url>')).entries.length, 1);
});

test('a text sitemap: one URL per line, blank lines skipped, bad lines reported with their number', () => {
  const parsed = parseSitemap(bytes('https://a.example/1\r\n\r\nnot a url\nhttps://a.example/2\nhttps://a.example/1\nftp://a.example/f\n'));
  assert.equal(parsed.kind, 'text');
  assert.deepEqual(parsed.entries, [{ url: 'https://a.example/1', lastmod: null }, { url: 'https://a.example/2', lastmod: null }]);
  assert.deepEqual(parsed.problems.map((p) => p.line), [3, 5, 6]);
});

test('malformed XML: unclosed <url> and a cut-off end still give every URL, with problems', () => {
  const parsed = parseSitemap(`<urlset ${SM}>
<url><loc>https://a.example/1</loc>
<url><loc>https://a.example/2</loc></url>
<url><loc>https://a.example/3</loc><lastmod>2024-03`);
  assert.deepEqual(parsed.entries.map((e) => e.url), ['https://a.example/1', 'https://a.example/2', 'https://a.example/3']);
  assert.equal(parsed.entries[2]?.lastmod, '2024-03');
  assert.match(messages(parsed), /<url> is not closed before the next <url>/);
  assert.match(messages(parsed), /never closed/);
});

test('billion laughs and external entities are never expanded or fetched', () => {
  const laughs = `<?xml version="1.0"?>
<!DOCTYPE urlset [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY xxe SYSTEM "file:///etc/passwd">
]>
<urlset ${SM} ${NEWS}>
<url><loc>https://a.example/1</loc><news:news><news:title>&lol3;&xxe;&eacute;&#233;</news:title></news:news></url>
</urlset>`;
  const parsed = parseSitemap(laughs);
  assert.deepEqual(parsed.entries.map((e) => e.url), ['https://a.example/1']);
  // Entity references stay as written (HTML's &eacute; too); character references are decoded.
  assert.equal(parsed.entries[0]?.news?.title, '&lol3;&xxe;&eacute;é');
  assert.match(messages(parsed), /entities are never expanded or fetched/);
});

test('W3C datetime forms keep their precision and offset; near misses are read with a warning; nonsense is null', () => {
  assert.deepEqual(parseW3cDatetime('1997'), { iso: '1997', strict: true });
  assert.deepEqual(parseW3cDatetime('1997-07'), { iso: '1997-07', strict: true });
  assert.deepEqual(parseW3cDatetime('1997-07-16'), { iso: '1997-07-16', strict: true });
  assert.deepEqual(parseW3cDatetime('1997-07-16T19:20+01:00'), { iso: '1997-07-16T19:20:00+01:00', strict: true });
  assert.deepEqual(parseW3cDatetime('1997-07-16T19:20:30.45Z'), { iso: '1997-07-16T19:20:30.45Z', strict: true });
  assert.deepEqual(parseW3cDatetime('1997-07-16T19:20:30'), { iso: '1997-07-16T19:20:30', strict: false });
  assert.deepEqual(parseW3cDatetime('2024-03-05 09:30:00 +0100'), { iso: '2024-03-05T09:30:00+01:00', strict: false });
  assert.deepEqual(parseW3cDatetime('Tue, 05 Mar 2024 09:30:00 GMT'), { iso: '2024-03-05T09:30:00Z', strict: false });
  assert.equal(parseW3cDatetime('2024-02-30'), null);
  assert.equal(parseW3cDatetime('2024-13'), null);
  assert.equal(parseW3cDatetime('yesterday'), null);
  const parsed = parseSitemap(urlset(`<url><loc>https://a.example/1</loc><lastmod>soon</lastmod><changefreq>often</changefreq><priority>2</priority>
<news:news><news:publication_date>2024-03-05 09:30</news:publication_date></news:news></url>`));
  assert.deepEqual(parsed.entries[0], {
    url: 'https://a.example/1', lastmod: null, news: { title: null, published: '2024-03-05T09:30:00', publication: null, language: null },
  });
  assert.equal(parsed.problems.length, 4);
  assert.ok(parsed.problems.every((p) => p.severity === 'warning' && p.line === 3));
});

test('past 50,000 URLs the protocol limit is a problem and every URL is still kept; problems are capped', () => {
  const count = MAX_SITEMAP_URLS + 5;
  const body = Array.from({ length: count }, (_, i) => `<url><loc>https://a.example/${i}</loc></url>`).join('\n');
  const parsed = parseSitemap(urlset(body));
  assert.equal(parsed.entries.length, count);
  assert.match(messages(parsed), /lists 50005 URLs, more than the protocol's 50000; all kept/);

  const bad = Array.from({ length: 500 }, (_, i) => `/relative/${i}`).join('\n');
  const capped = parseSitemap(bad);
  assert.equal(capped.problems.length, MAX_PROBLEMS + 1);
  assert.match(capped.problems.at(-1)?.message ?? '', /^400 more problems not listed$/);
});

test('not a sitemap: an RSS feed or HTML throws E_INPUT_PROBLEM naming the root; empty input is E_INPUT_EMPTY', () => {
  assert.throws(
    () => parseSitemap('<?xml version="1.0"?><rss version="2.0"><channel/></rss>', { name: 'feed.xml' }),
    (error: unknown) => isDatelineError(error) && error.code === 'E_INPUT_PROBLEM' && /feed\.xml.*<rss>.*feed parser/.test(error.message),
  );
  assert.throws(() => parseSitemap('<!doctype html><html><body>hi</body></html>'), (error: unknown) => isDatelineError(error) && error.code === 'E_INPUT_PROBLEM');
  assert.throws(() => parseSitemap(bytes(' \n')), (error: unknown) => isDatelineError(error) && error.code === 'E_INPUT_EMPTY');
});

test('a sitemap in another declared encoding is decoded', () => {
  const latin1 = Buffer.from(`<?xml version="1.0" encoding="ISO-8859-1"?><urlset ${SM} ${NEWS}><url><loc>https://a.example/1</loc><news:news><news:title>Caf\u00e9</news:title></news:news></url></urlset>`, 'latin1');
  assert.equal(parseSitemap(latin1).entries[0]?.news?.title, 'Café');
});
