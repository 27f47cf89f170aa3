import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeDate, printedDate } from './dates.js';
import { extractHtml } from './index.js';
import { readMetadata } from './metadata.js';
import { parseHtml } from './tree.js';

const read = (html: string, url: string | null = null) => readMetadata(parseHtml(html), { url });

const ld = (value: unknown): string => `<script type="application/ld+json">${JSON.stringify(value)}</script>`;

test('JSON-LD: the article in an @graph wins over the WebSite, and an author list reads "A, B"', () => {
  const page = read(`<html><head>${ld({
    '@context': 'https://schema.org',
    '@graph': [
      { '@type': 'WebSite', name: 'Harbour Times', datePublished: '2001-01-01' },
      { '@type': ['NewsArticle'], headline: 'Ferry fares rise', datePublished: '2024-03-05T09:30:00+01:00',
        author: [{ '@type': 'Person', name: 'Ann Lee' }, { '@id': '#bo' }],
        publisher: { '@type': 'Organization', name: 'Harbour Times' } },
      { '@type': 'Person', '@id': '#bo', name: 'Bo Chen' },
    ],
  })}</head><body><h1>Ferry fares rise</h1></body></html>`);
  assert.equal(page.title, 'Ferry fares rise');
  assert.equal(page.published, '2024-03-05T09:30:00+01:00');
  assert.equal(page.byline, 'Ann Lee, Bo Chen');
  assert.equal(page.siteName, 'Harbour Times');
});

test('JSON-LD that cannot be repaired is skipped; a repairable one in an HTML comment is read', () => {
  const page = read(`<head>
    <script type="application/ld+json">{"@type": "NewsArticle", "headline": </script>
    <script type="application/ld+json"><!--
      {"@type": "BlogPosting", "datePublished": "2023-11-02", "description": "Line one
      line two",}
    --></script></head><body><p>Text</p></body>`);
  assert.equal(page.published, '2023-11-02');
  assert.equal(page.description, 'Line one line two');
});

test('the site name is cut off <title>, after or before the headline', () => {
  assert.equal(read('<title>Storm closes the bridge | Harbour Times</title>').title, 'Storm closes the bridge');
  assert.equal(read('<title>Storm closes the bridge - Harbour Times</title>').siteName, 'Harbour Times');
  const prefixed = read('<meta property="og:site_name" content="Harbour Times"><title>Harbour Times: Storm closes the bridge</title>');
  assert.equal(prefixed.title, 'Storm closes the bridge');
  // With no site known, the last part is the site unless the first is much shorter.
  assert.equal(read('<title>Page not found | Riverside Chronicle</title>').title, 'Page not found');
  // Chinese and Japanese titles use the full-width bar.
  assert.equal(read('<title>大桥因暴风雨关闭｜港口时报</title><h1>大桥因暴风雨关闭</h1>').title, '大桥因暴风雨关闭');
  // A hyphen inside a word is not a separator.
  assert.equal(read('<title>Covid-19 figures fall</title>').title, 'Covid-19 figures fall');
});

test('og:title that is only the site name loses to the headline the page prints', () => {
  const page = read(`<meta property="og:title" content="Harbour Times">
    <title>Storm closes the bridge | Harbour Times</title><body><h1>Storm closes the bridge</h1>`);
  assert.equal(page.title, 'Storm closes the bridge');
});

test('a heading confirmed by og:title is read as printed, without its kicker', () => {
  const page = read(`<meta property="og:title" content="Storm closes the bridge">
    <body><h1><span class="kicker">Weather</span> <span>Storm closes the bridge “for days”</span></h1>`);
  assert.equal(page.title, 'Storm closes the bridge “for days”');
});

test('dates keep the offset the page states, normalised to ISO 8601', () => {
  assert.equal(read('<meta property="article:published_time" content="2024-03-05 09:30:00 +0100">').published, '2024-03-05T09:30:00+01:00');
  assert.equal(read('<meta property="article:published_time" content="2024-03-05T09:30:00+0100">').published, '2024-03-05T09:30:00+01:00');
  assert.equal(read('<meta property="article:published_time" content="2024-03-05T08:30:00Z">').published, '2024-03-05T08:30:00Z');
  assert.equal(read('<meta name="date" content="2024-03-05">').published, '2024-03-05');
  assert.equal(read('<meta property="article:modified_time" content="2024-03-06T10:00:00-05:00">').modified, '2024-03-06T10:00:00-05:00');
});

test('a UTC date gives way to the same instant stated with the local offset', () => {
  const page = read(`<meta property="article:published_time" content="2024-03-04T23:30:00Z">
    <body><h1>Late news</h1><time datetime="2024-03-05T00:30:00+01:00">5. März 2024</time>`);
  assert.equal(page.published, '2024-03-05T00:30:00+01:00');
});

test('impossible dates are rejected', () => {
  assert.equal(normalizeDate('2024-13-05'), null);
  assert.equal(normalizeDate('2023-02-29'), null);
  assert.equal(normalizeDate('1970-01-01T00:00:00Z'), null);
  assert.equal(read('<meta name="date" content="2024-02-30">').published, null);
});

test('the URL gives the day when the markup states none', () => {
  assert.equal(read('<p>Text</p>', 'https://example.org/news/2024/03/05/ferry-fares').published, '2024-03-05');
  assert.equal(read('<p>Text</p>', 'https://example.org/news/2024-03-05-ferry-fares').published, '2024-03-05');
  assert.equal(read('<p>Text</p>', 'https://example.org/archive/20240305/ferry').published, '2024-03-05');
});

test('a date printed near the headline, in the languages pages use', () => {
  const page = read('<body><h1>Fähre wird teurer</h1><p class="meta">Veröffentlicht am 5. März 2024</p><p>Text.</p>');
  assert.equal(page.published, '2024-03-05');
  assert.equal(printedDate('March 5, 2024'), '2024-03-05');
  assert.equal(printedDate('le 5 mars 2024'), '2024-03-05');
  assert.equal(printedDate('05.03.2024'), '2024-03-05');
  assert.equal(printedDate('03/05/2024', { dayFirst: false }), '2024-03-05');
});

test('a <time pubdate> wins over a comment\'s time', () => {
  const page = read(`<body><article><h1>Ferry</h1><time datetime="2024-03-05T09:30:00+01:00" pubdate>5 March</time></article>
    <div class="comments"><time pubdate datetime="2024-03-07T10:00:00+01:00">7 March</time></div>`);
  assert.equal(page.published, '2024-03-05T09:30:00+01:00');
});

test('bylines lose "By"/"Von"/"Par"/"Por", dates after the names, URLs and e-mail addresses', () => {
  assert.equal(read('<meta name="author" content="By Ann Lee">').byline, 'Ann Lee');
  assert.equal(read('<body><h1>Fähre</h1><p class="byline">Von Anna Berg am 5. März 2024</p>').byline, 'Anna Berg');
  assert.equal(read('<body><h1>Ferry</h1><span class="author">Par Jeanne Roux</span>').byline, 'Jeanne Roux');
  assert.equal(read('<body><h1>Ferry</h1><span class="autor">Por María Gil</span>').byline, 'María Gil');
  assert.equal(read('<meta property="article:author" content="https://facebook.com/annlee">').byline, null);
  assert.equal(read('<meta name="author" content="ann@example.org">').byline, null);
});

test('a byline after the date in a line under the headline, in scripts without capitals too', () => {
  assert.equal(read('<body><h1>Nets reopen</h1><p class="story-meta">Published 14 May 2024 by Ann Lee</p>').byline, 'Ann Lee');
  assert.equal(read('<body><h1>老街开放</h1><div>2024-04-18 08:30 来源：日报 记者 林晓雯</div>').byline, '林晓雯');
  assert.equal(read('<body><h1>خبر</h1><p class="byline">بقلم سلمى الحداد</p>').byline, 'سلمى الحداد');
});

test('an author meta that is only the site name yields to the byline the page prints', () => {
  const page = read(`<meta property="og:site_name" content="Harbour Times"><meta name="author" content="Harbour Times">
    <body><h1>Ferry</h1><a href="/author/ann-lee">Ann Lee</a>`);
  assert.equal(page.byline, 'Ann Lee');
});

test('a relative canonical URL is resolved against the page URL; other schemes are refused', () => {
  assert.equal(read('<link rel="canonical" href="/news/ferry">', 'https://example.org/x?utm=1').canonicalUrl, 'https://example.org/news/ferry');
  assert.equal(read('<meta property="og:url" content="https://example.org/a">').canonicalUrl, 'https://example.org/a');
  assert.equal(read('<link rel="canonical" href="javascript:alert(1)">', 'https://example.org/').canonicalUrl, null);
  assert.equal(read('<link rel="canonical" href="/news/ferry">').canonicalUrl, null);
});

test('the language is reduced to ISO 639-1', () => {
  assert.equal(read('<html lang="de-DE"><p>x</p></html>').language, 'de');
  assert.equal(read('<html lang="EN_us"><p>x</p></html>').language, 'en');
  assert.equal(read('<meta http-equiv="content-language" content="fr-FR">').language, 'fr');
  assert.equal(read('<meta property="og:locale" content="es_ES">').language, 'es');
  assert.equal(read('<html lang="x-default"><p>x</p></html>').language, null);
  assert.equal(read('<p>x</p>').language, null);
});

test('description has entities decoded and whitespace collapsed; image URLs are absolute', () => {
  const page = read(`<meta property="og:description" content="Fares &amp;amp; timetables
      change"><meta property="og:image" content="/img/ferry.jpg">`, 'https://example.org/news/ferry');
  assert.equal(page.description, 'Fares & timetables change');
  assert.equal(page.image, 'https://example.org/img/ferry.jpg');
  const fromLd = read(ld({ '@type': 'Article', image: [{ '@type': 'ImageObject', url: 'https://cdn.example.org/a.jpg' }] }));
  assert.equal(fromLd.image, 'https://cdn.example.org/a.jpg');
});

test('an empty page yields nulls, never a throw', () => {
  assert.deepEqual(read(''), {
    title: null, published: null, modified: null, byline: null, siteName: null,
    canonicalUrl: null, language: null, description: null, image: null,
  });
});

test('a UTC time is read in the zone of a one-zone country the host belongs to; elsewhere it stays UTC', () => {
  const html = '<html><head><meta property="article:published_time" content="2022-11-06T23:00:00Z"></head><body><h1>Herbst</h1></body></html>';
  assert.equal(read(html, 'https://zeitung.example.de/herbst').published, '2022-11-07T00:00:00+01:00');
  assert.equal(read(html, 'https://news.example.com/autumn').published, '2022-11-06T23:00:00Z');
  const local = html.replace('2022-11-06T23:00:00Z', '2022-11-06T23:00:00-05:00');
  assert.equal(read(local, 'https://zeitung.example.de/herbst').published, '2022-11-06T23:00:00-05:00');
});

test('a title that names the site gives way: to the heading over the body, or to the other side of <title>', () => {
  const body = '<article><h1>Interning small integers</h1><p>Small integers are shared objects in CPython, so identity checks on them can surprise you.</p></article>';
  const swapped = extractHtml(`<title>Four Years Remaining » Interning small integers</title>${body}`, { url: 'https://fouryears.example/2019/10/21/x/' });
  assert.equal(swapped.title, 'Interning small integers');
  const noHeading = extractHtml('<title>Kleine Schafskunde | Mäscot das Schaf</title><p>Schafe sind Herdentiere und fühlen sich allein nicht wohl, auch nicht im Stall.</p>', { url: 'https://maescot.example/kleine-schafskunde/' });
  assert.equal(noHeading.title, 'Kleine Schafskunde');
  // A longer title that mentions the host is a story about the site's own product.
  const product = extractHtml('<title>Quarry Desktop 15 for Mac</title><p>The new release runs Windows applications side by side with macOS ones.</p>', { url: 'https://quarry.example/desktop/' });
  assert.equal(product.title, 'Quarry Desktop 15 for Mac');
});

test('the heading over a comment thread is never the title', () => {
  const page = read('<title>15 Jahre Netzwerk — Netzwerk</title><h2>4 thoughts on “15 Jahre Netzwerk”</h2><h1>15 Jahre Netzwerk</h1>');
  assert.equal(page.title, '15 Jahre Netzwerk');
});

test('the title comes in Unicode NFC, however the page composes its letters', () => {
  const page = read('<title>Cafe\u0301 reopens by the harbour</title><h1>Cafe\u0301 reopens by the harbour</h1>');
  assert.equal(page.title, 'Caf\u00e9 reopens by the harbour');
});

test('a site name that is the whole <title> and as long as a headline is the headline, not the site', () => {
  const headline = 'Ferry fares rise again after the winter timetable ends';
  const page = read(`<meta name="application-name" content="${headline}"><title>${headline}</title><body><h1>${headline}</h1>`);
  assert.equal(page.title, headline);
});

test('with no site name stated, what <title> adds to og:title is the site, even before a colon', () => {
  const page = read(`<meta property="og:title" content="Storm closes the bridge">
    <title>Harbour Notes: Storm closes the bridge</title><body><h1>Harbour Notes</h1><h3 class="post-title">Storm closes the bridge</h3>`);
  assert.equal(page.title, 'Storm closes the bridge');
  assert.equal(page.siteName, 'Harbour Notes');
});

test('a heading that marks one of its parts as the headline reads as that part', () => {
  const page = read(`<title>Storm closes the bridge | Harbour Times</title>
    <body><h1><span class="topic">Weather warning</span><span class="sep">: </span><span class="headline">Storm closes the bridge</span></h1>`);
  assert.equal(page.title, 'Storm closes the bridge');
  // Every part marked a headline: the mark tells nothing, the heading is read whole.
  const allMarked = read(`<title>Weather warning: Storm closes the bridge | Harbour Times</title>
    <body><h1><span class="headline headline--small">Weather warning</span><span class="headline headline--colon">: </span><span class="headline headline--large">Storm closes the bridge</span></h1>`);
  assert.equal(allMarked.title, 'Weather warning: Storm closes the bridge');
  // A kicker named after the headline is still the kicker.
  const kicker = read(`<title>Storm closes the bridge | Harbour Times</title>
    <body><h1><span class="headline__kicker">Weather warning:</span> <span>Storm closes the bridge</span></h1>`);
  assert.equal(kicker.title, 'Storm closes the bridge');
});

const POST_TEXT = '<p>The harbour bridge closed at noon as the storm reached the coast, and the ferries stopped an hour later. Crews will inspect it tomorrow.</p>';

test('a title that is the site with nothing else in <title> gives way to the heading over the body', () => {
  const page = extractHtml(`<title>harbour-notes.example | Fares</title><body><h2>Ferry fares rise in spring</h2>${POST_TEXT}`, { url: 'https://harbour-notes.example/fares/123' });
  assert.equal(page.title, 'Ferry fares rise in spring');
  // A one-word heading is a landmark ("Overview"), not a headline.
  const landmark = extractHtml(`<title>harbour-notes.example | Fares</title><body><h2>Overview</h2>${POST_TEXT}`, { url: 'https://harbour-notes.example/fares/123' });
  assert.equal(landmark.title, 'harbour-notes.example');
});

test("a blog's index page is titled by its first post, whose heading links to the post's own page", () => {
  const page = extractHtml(`<title>blog | Harbour Notes</title><body><h1><a href="/">Harbour Notes</a></h1>
    <div class="post"><h2 class="entry-title"><a href="https://harbour-notes.example/2024/03/storm/" rel="bookmark">Storm closes the bridge</a></h2>
    <div class="entry-meta">Posted on 5 March 2024</div><div class="entry-content">${POST_TEXT}</div></div>`, { url: 'https://harbour-notes.example/blog/' });
  assert.equal(page.title, 'Storm closes the bridge');
});
