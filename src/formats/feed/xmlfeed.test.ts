import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFeedDocument } from './index.js';

const URL = 'https://wire.example/feed.xml';

test('RSS 2.0 channel: cloud, textInput, image description, redirect to a new location', () => {
  const { feed } = parseFeedDocument(`<rss version="2.0"><channel><title>Corvenna Wire</title>
    <cloud domain="rpc.wire.example" port="80" path="/RPC2" registerProcedure="wire.pleaseNotify" protocol="xml-rpc"/>
    <textInput><title>Search</title><description>Search the wire</description><name>q</name><link>/search</link></textInput>
    <image><url>/logo.png</url><title>Corvenna</title><link>/</link><description>Our masthead</description></image>
    <redirect><newLocation>https://wire.example/v2/feed.xml</newLocation></redirect>
  </channel></rss>`, { url: URL });
  assert.deepEqual(feed.cloud, { domain: 'rpc.wire.example', port: '80', path: '/RPC2', registerprocedure: 'wire.pleaseNotify', protocol: 'xml-rpc' });
  assert.deepEqual(feed.textInput, { title: 'Search', description: 'Search the wire', name: 'q', link: 'https://wire.example/search' });
  assert.equal(feed.image?.description, 'Our masthead');
  assert.equal(feed.newLocation, 'https://wire.example/v2/feed.xml');
});

test('RSS item: the link from a permalink guid is flagged; an enclosure is a link in document order', () => {
  const { items } = parseFeedDocument(`<rss version="2.0"><channel>
    <item><guid>https://wire.example/a</guid></item>
    <item><link>https://wire.example/b</link><guid>https://wire.example/b-guid</guid></item>
    <item><enclosure url="/audio/c.mp3" length="1200" type="audio/mpeg"/><link>https://wire.example/c</link></item>
  </channel></rss>`, { url: URL });
  assert.deepEqual(items.map((i) => [i.link, i.linkFromGuid]), [['https://wire.example/a', true], ['https://wire.example/b', false], ['https://wire.example/c', false]]);
  assert.deepEqual(items[2]?.links.map((l) => [l.rel, l.href]), [['enclosure', 'https://wire.example/audio/c.mp3'], ['alternate', 'https://wire.example/c']]);
  assert.deepEqual(items[2]?.enclosures, [{ href: 'https://wire.example/audio/c.mp3', type: 'audio/mpeg', length: '1200', medium: null }]);
});

test('RSS item: <xhtml:body> is the content, as XHTML', () => {
  const [item] = parseFeedDocument(`<rss version="2.0"><channel><item><title>Ferries</title>
    <body xmlns="http://www.w3.org/1999/xhtml" xml:lang="en"><p>Two <a href="/ferries">ferries</a> ordered.</p></body>
  </item></channel></rss>`, { url: URL }).items;
  assert.equal(item?.content[0]?.type, 'application/xhtml+xml');
  assert.equal(item?.content[0]?.value, '<p>Two <a href="https://wire.example/ferries">ferries</a> ordered.</p>');
  assert.equal(item?.content[0]?.language, 'en');
});

test('Atom: the XHTML wrapper div is dropped for mode="xml"; TypePad\'s div around escaped HTML is unwrapped', () => {
  const [a, b] = parseFeedDocument(`<feed xmlns="http://www.w3.org/2005/Atom">
    <entry><title type="application/xhtml+xml" mode="xml"><div xmlns="http://www.w3.org/1999/xhtml"><b>Bold</b> move</div></title></entry>
    <entry><title>T</title><content type="html"><div xmlns="http://www.w3.org/1999/xhtml">Tide &lt;b&gt;rises&lt;/b&gt;</div></content></entry>
  </feed>`).items;
  assert.equal(a?.title?.value, '<b>Bold</b> move');
  assert.equal(b?.content[0]?.value, 'Tide <b>rises</b>');
});

test('Atom: a link whose address is its text keeps its rel, so the alternate one is the link', () => {
  const [entry] = parseFeedDocument(`<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>T</title>
    <link rel="enclosure" type="audio/mpeg">https://wire.example/a.mp3</link>
    <link rel="alternate" type="text/html">https://wire.example/a</link>
  </entry></feed>`).items;
  assert.equal(entry?.link, 'https://wire.example/a');
  assert.equal(entry?.links[0]?.rel, 'enclosure');
});

test('Namespaces: dcterms created and valid, thr:in-reply-to, media thumbnail and player, wfw:comment resolved', () => {
  const { feed, items } = parseFeedDocument(`<rss version="2.0" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:thr="http://purl.org/syndication/thread/1.0"
      xmlns:media="http://search.yahoo.com/mrss/" xmlns:wfw="http://wellformedweb.org/CommentAPI/"><channel>
    <dcterms:created>2024-06-11T08:00:00Z</dcterms:created>
    <dcterms:valid>start=2024-06-11T09:00+01:00; end=2024-06-18T17:00+01:00; scheme=W3C-DTF</dcterms:valid>
    <item><title>Reply</title>
      <thr:in-reply-to ref="tag:wire.example,2024:1" href="/news/1" type="text/html"/>
      <media:thumbnail url="https://wire.example/t.jpg" width="72" height="72"/>
      <media:player url="https://wire.example/play/1"/>
      <wfw:comment>/comments/1</wfw:comment>
    </item>
  </channel></rss>`, { url: URL });
  assert.equal(feed.created?.iso, '2024-06-11T08:00:00Z');
  assert.equal(feed.validity?.start?.epochMs, Date.UTC(2024, 5, 11, 8));
  assert.equal(feed.validity?.end?.epochMs, Date.UTC(2024, 5, 18, 16));
  const [item] = items;
  assert.deepEqual(item?.inReplyTo, [{ ref: 'tag:wire.example,2024:1', href: 'https://wire.example/news/1', type: 'text/html' }]);
  assert.deepEqual(item?.thumbnails, [{ url: 'https://wire.example/t.jpg', width: '72', height: '72' }]);
  assert.deepEqual(item?.player, { url: 'https://wire.example/play/1' });
  assert.equal(item?.extensions['wfw:comment'], 'https://wire.example/comments/1');
});

test('iTunes: a misspelt namespace still gives itunes: elements; <itunes:link rel="image"> is the image', () => {
  const { feed } = parseFeedDocument(`<rss xmlns:itunes="http://www.itunes.com/DTDS/Podcast-1.0.dtd"><channel><title>Harbour Hour</title>
    <itunes:block>yes</itunes:block><itunes:link rel="image" href="https://harbour.example/cover.jpg"/>
  </channel></rss>`);
  assert.equal(feed.extensions['itunes:block'], 'yes');
  assert.equal(feed.image?.href, 'https://harbour.example/cover.jpg');
});

test('xml:base naming a javascript: URL is ignored; the base in effect stays', () => {
  const [entry] = parseFeedDocument(`<feed version="0.3" xmlns="http://purl.org/atom/ns#"><entry xml:base="https://wire.example/news/">
    <title type="text/html" mode="escaped" xml:base="javascript:alert(1)">&lt;a href="a.html"&gt;A&lt;/a&gt;</title>
  </entry></feed>`).items;
  assert.equal(entry?.title?.base, 'https://wire.example/news/');
  assert.equal(entry?.title?.value, '<a href="https://wire.example/news/a.html">A</a>');
});

test('Versions: RSS 0.90 by its namespace even when empty, Netscape RSS 0.91 by its DTD; Atom 0.3 with <item>', () => {
  assert.equal(parseFeedDocument('<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://my.netscape.com/rdf/simple/0.9/"></rdf:RDF>').version, 'rss090');
  const netscape = '<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd"><rss version="0.91"><channel><title>T</title></channel></rss>';
  assert.equal(parseFeedDocument(netscape).version, 'rss091n');
  assert.equal(parseFeedDocument('<rss version="0.91"><channel><title>T</title></channel></rss>').version, 'rss091u');
  const atom03 = parseFeedDocument('<feed version="0.3" xmlns="http://purl.org/atom/ns#"><item><title>Ferries</title></item></feed>');
  assert.equal(atom03.items[0]?.title?.value, 'Ferries');
});

test('URLs: an absolute link is kept as written; a relative one resolved against an IRI stays an IRI', () => {
  const { feed, items } = parseFeedDocument(`<rss version="2.0"><channel><title>T</title><link>http://Wire.EXAMPLE/Home</link>
    <item xml:base="http://www.詹姆斯.com/"><link>nouvelles/À</link></item>
    <item xml:base="http:///wire.example/broken/"><link>a</link></item>
  </channel></rss>`, { url: URL });
  assert.equal(feed.link, 'http://Wire.EXAMPLE/Home');
  assert.equal(items[0]?.link, 'http://www.詹姆斯.com/nouvelles/À');
  assert.equal(items[1]?.link, 'http://wire.example/broken/a');
});
