import { test } from 'node:test';
import assert from 'node:assert/strict';
import { discoverFeeds } from './discover.js';
import { parseHtml } from './tree.js';

const PAGE = 'https://news.example/section/story.html';

test('alternate links of every feed type, resolved against the page, in the page order, each once', () => {
  const feeds = discoverFeeds(`<!doctype html><html><head>
<link rel="stylesheet" href="/s.css">
<link rel="alternate" type="application/rss+xml" title=" Main  feed " href="/feed">
<link rel="ALTERNATE" type="Application/Atom+XML" href="atom.xml">
<link rel="alternate" type="application/feed+json; charset=utf-8" href="https://news.example/feed.json#top">
<link rel="alternate" type="application/rss+xml" href="/feed">
<link rel="alternate" type="text/html" hreflang="de" href="/de/">
<link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
<link rel="alternate" type="application/rss+xml">
</head><body></body></html>`, PAGE);
  assert.deepEqual(feeds, [
    { url: 'https://news.example/feed', type: 'application/rss+xml', title: 'Main feed', how: 'link' },
    { url: 'https://news.example/section/atom.xml', type: 'application/atom+xml', title: null, how: 'link' },
    { url: 'https://news.example/feed.json', type: 'application/feed+json', title: null, how: 'link' },
  ]);
});

test('rel may hold several tokens; <base href> is resolved against the page and then used', () => {
  const feeds = discoverFeeds(`<head><base href="/en/"><link rel="home alternate" type="application/rss+xml" href="rss.xml"></head>`, PAGE);
  assert.deepEqual(feeds.map((f) => f.url), ['https://news.example/en/rss.xml']);
});

test('comment feeds and plain JSON rank after the posts feed; the WordPress REST API is not a feed', () => {
  const feeds = discoverFeeds(`<head>
<link rel="alternate" type="application/rss+xml" title="Site &raquo; Comments Feed" href="https://blog.example/comments/feed/">
<link rel="alternate" type="application/json" href="https://blog.example/wp-json/wp/v2/posts/12">
<link rel="alternate" type="application/json" title="JSON" href="https://blog.example/feed.json">
<link rel="alternate" type="application/rss+xml" title="Site &raquo; Feed" href="https://blog.example/feed/">
</head>`, 'https://blog.example/2024/03/post/');
  assert.deepEqual(feeds.map((f) => f.url), ['https://blog.example/feed/', 'https://blog.example/comments/feed/', 'https://blog.example/feed.json']);
  assert.equal(feeds[0]?.title, 'Site » Feed');
});

test('one parse: a page already parsed for extraction is taken as it is', () => {
  const parsed = parseHtml('<link rel="alternate" type="application/atom+xml" href="/atom">');
  assert.deepEqual(discoverFeeds(parsed, PAGE), [{ url: 'https://news.example/atom', type: 'application/atom+xml', title: null, how: 'link' }]);
});

test('no link: feed-like anchors are guessed, strongest first, then the well-known paths; sitemaps are not feeds', () => {
  const feeds = discoverFeeds(`<body>
<a href="/sitemap.xml">Sitemap</a>
<a href="/help/rss-explained">RSS</a>
<a href="/news/index.xml">All news</a>
<a href="https://feeds.feedburner.example/newsexample/rss"><img src="rss.png" alt="RSS"></a>
<a href="/about">About</a>
<a href="/feed">Subscribe</a>
</body>`, PAGE);
  assert.ok(feeds.every((f) => f.how === 'guess'));
  assert.deepEqual(feeds.slice(0, 4).map((f) => [f.url, f.type, f.title]), [
    ['https://feeds.feedburner.example/newsexample/rss', 'application/rss+xml', 'RSS'],
    ['https://news.example/news/index.xml', null, 'All news'],
    ['https://news.example/feed', 'application/rss+xml', 'Subscribe'],
    ['https://news.example/help/rss-explained', null, 'RSS'],
  ]);
  const rest = feeds.slice(4).map((f) => f.url);
  assert.equal(rest[0], 'https://news.example/rss');
  assert.ok(!rest.includes('https://news.example/feed'), 'a well-known path already guessed from an anchor is listed once');
  assert.ok(!feeds.some((f) => f.url.endsWith('/sitemap.xml') || f.url.endsWith('/about')));
});

test('guesses only when no link exists', () => {
  const feeds = discoverFeeds('<link rel="alternate" type="application/rss+xml" href="/rss"><a href="/other/feed">RSS</a>', PAGE);
  assert.deepEqual(feeds.map((f) => [f.url, f.how]), [['https://news.example/rss', 'link']]);
});

test('bad input: no page URL leaves relative links unresolved; garbage and empty pages give no crash', () => {
  assert.deepEqual(discoverFeeds('<link rel="alternate" type="application/rss+xml" href="/rss">', null), []);
  assert.deepEqual(
    discoverFeeds('<link rel="alternate" type="application/rss+xml" href="https://a.example/rss">', null).map((f) => f.url),
    ['https://a.example/rss'],
  );
  assert.deepEqual(discoverFeeds('', null), []);
  assert.deepEqual(discoverFeeds('<a href="http://[bad/feed">RSS</a><base href="::::">', 'not a url'), []);
  assert.equal(discoverFeeds('<<<>>> \u0000 <a href=/rss', PAGE).at(0)?.how, 'guess');
});
