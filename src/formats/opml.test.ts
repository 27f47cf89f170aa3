import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isDatelineError } from '../core/index.js';
import { escapeXml, exportOpml, parseOpml, type FeedSource } from './opml.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

test('nested outlines: folders as the path, text before title, htmlUrl as the site', () => {
  const parsed = parseOpml(bytes(`<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>My  feeds</title></head>
  <body>
    <outline text="Wires">
      <outline text="PR Newswire" title="PRN" type="rss" xmlUrl="https://www.prnewswire.com/rss/news-releases-list.rss" htmlUrl="https://www.prnewswire.com/"/>
      <outline title="Agencies">
        <outline text="Xinhua &amp; partners" xmlUrl="http://www.xinhuanet.com/english/rss/worldrss.xml"/>
      </outline>
    </outline>
    <outline text="Top level" xmlUrl="https://a.example/feed"/>
  </body>
</opml>`));
  assert.equal(parsed.title, 'My feeds');
  assert.deepEqual(parsed.problems, []);
  assert.deepEqual(parsed.sources, [
    { title: 'PR Newswire', feedUrl: 'https://www.prnewswire.com/rss/news-releases-list.rss', siteUrl: 'https://www.prnewswire.com/', folder: ['Wires'] },
    { title: 'Xinhua & partners', feedUrl: 'http://www.xinhuanet.com/english/rss/worldrss.xml', siteUrl: null, folder: ['Wires', 'Agencies'] },
    { title: 'Top level', feedUrl: 'https://a.example/feed', siteUrl: null, folder: [] },
  ]);
});

test('OPML 1.0 and no version at all; attribute names in any case; a category as the folder of a top-level feed', () => {
  const v1 = parseOpml('<opml version="1.0"><body><outline text="A" xmlUrl="https://a.example/rss"/></body></opml>');
  const none = parseOpml('<OPML><BODY><OUTLINE TEXT="A" XMLURL="https://a.example/rss" HTMLURL="https://a.example/"/></BODY></OPML>');
  assert.deepEqual(v1.sources, [{ title: 'A', feedUrl: 'https://a.example/rss', siteUrl: null, folder: [] }]);
  assert.deepEqual(none.sources, [{ title: 'A', feedUrl: 'https://a.example/rss', siteUrl: 'https://a.example/', folder: [] }]);
  const category = parseOpml('<opml version="2.0"><body><outline text="B" xmlUrl="https://b.example/rss" category="/News/Tech,/Other"/></body></opml>');
  assert.deepEqual(category.sources[0]?.folder, ['News', 'Tech']);
});

test('duplicates are kept once and reported with both lines', () => {
  const parsed = parseOpml(`<opml version="2.0"><body>
<outline text="A" xmlUrl="https://a.example/rss"/>
<outline text="Folder"><outline text="A again" xmlUrl="https://A.example/rss"/></outline>
</body></opml>`);
  assert.deepEqual(parsed.sources.map((s) => s.title), ['A']);
  assert.deepEqual(parsed.problems, [
    { line: 3, message: 'feed https://a.example/rss is listed again (first on line 2); kept once', severity: 'warning' },
  ]);
});

test('non-http feed URLs are skipped and reported; feed:// is read as http with a warning; links are not feeds', () => {
  const parsed = parseOpml(`<opml><body>
<outline text="Relative" xmlUrl="/rss"/>
<outline text="File" xmlUrl="file:///etc/passwd"/>
<outline text="Script" xmlUrl="javascript:alert(1)"/>
<outline text="Old" xmlUrl="feed://old.example/rss"/>
<outline text="A page" type="link" url="https://a.example/"/>
</body></opml>`);
  assert.deepEqual(parsed.sources, [{ title: 'Old', feedUrl: 'http://old.example/rss', siteUrl: null, folder: [] }]);
  assert.deepEqual(parsed.problems.map((p) => [p.line, p.severity ?? 'error']), [
    [2, 'error'], [3, 'error'], [4, 'error'], [5, 'warning'], [6, 'warning'],
  ]);
  assert.match(parsed.problems[0]?.message ?? '', /"Relative".*not an absolute http\(s\) URL/);
});

test('malformed XML: unclosed outlines still give their feeds, with a problem', () => {
  const parsed = parseOpml(`<opml version="2.0"><body>
<outline text="Folder">
<outline text="A" xmlUrl="https://a.example/rss">
<outline text="B" xmlUrl="https://b.example/rss">
</body>`);
  assert.deepEqual(parsed.sources.map((s) => [s.title, s.folder]), [['A', ['Folder']], ['B', ['Folder']]]);
  assert.match(parsed.problems.at(-1)?.message ?? '', /still open/);
});

test('billion laughs and external entities are never expanded or fetched', () => {
  const parsed = parseOpml(`<?xml version="1.0"?>
<!DOCTYPE opml [
 <!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY xxe SYSTEM "file:///etc/passwd">
]>
<opml version="2.0"><body><outline text="&lol2;&xxe;" xmlUrl="https://a.example/rss"/></body></opml>`);
  assert.deepEqual(parsed.sources.map((s) => s.title), ['&lol2;&xxe;']);
});

test('not OPML: HTML throws E_INPUT_PROBLEM naming the input; empty is E_INPUT_EMPTY', () => {
  assert.throws(
    () => parseOpml('<html><body><a href="x">x</a></body></html>', 'subs.opml'),
    (error: unknown) => isDatelineError(error) && error.code === 'E_INPUT_PROBLEM' && error.input === 'subs.opml' && /<html>/.test(error.message),
  );
  assert.throws(() => parseOpml(bytes('\uFEFF  '), 'x.opml'), (error: unknown) => isDatelineError(error) && error.code === 'E_INPUT_EMPTY');
});

test('export writes OPML 2.0, folders nested, every value XML-escaped', () => {
  const xml = exportOpml(
    [
      { title: 'A <&> "quoted"', feedUrl: 'https://a.example/rss?x=1&y=2', siteUrl: 'https://a.example/', folder: ['Wires & agencies'] },
      { title: 'B', feedUrl: 'https://b.example/feed', siteUrl: null, folder: [] },
    ],
    { title: 'Desk <1>', dateCreated: 'Tue, 05 Mar 2024 09:30:00 GMT' },
  );
  assert.equal(xml, `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head>
    <title>Desk &lt;1&gt;</title>
    <dateCreated>Tue, 05 Mar 2024 09:30:00 GMT</dateCreated>
  </head>
  <body>
    <outline type="rss" text="B" title="B" xmlUrl="https://b.example/feed"/>
    <outline text="Wires &amp; agencies" title="Wires &amp; agencies">
      <outline type="rss" text="A &lt;&amp;&gt; &quot;quoted&quot;" title="A &lt;&amp;&gt; &quot;quoted&quot;" xmlUrl="https://a.example/rss?x=1&amp;y=2" htmlUrl="https://a.example/"/>
    </outline>
  </body>
</opml>
`);
  assert.equal(escapeXml('a\u0000b\u0007c\tline\nnext \uD800x'), 'abc&#9;line&#10;next x');
});

test('round trip: export then import gives the same sources', () => {
  const sources: FeedSource[] = [
    { title: 'Top', feedUrl: 'https://top.example/feed', siteUrl: null, folder: [] },
    { title: "O'Brien & Sons <Weekly>", feedUrl: 'https://a.example/rss?x=1&y=%20z', siteUrl: 'https://a.example/', folder: ['Wires'] },
    { title: 'Xinhua', feedUrl: 'http://www.xinhuanet.com/english/rss/worldrss.xml', siteUrl: 'http://www.xinhuanet.com/', folder: ['Wires', 'Agencies / state'] },
    { title: 'Tab\there\nand line', feedUrl: 'https://b.example/feed.json', siteUrl: null, folder: ['Wires', 'Agencies / state'] },
    { title: '日本語のニュース', feedUrl: 'https://c.example/atom.xml', siteUrl: null, folder: ['Asia'] },
  ];
  const back = parseOpml(bytes(exportOpml(sources)));
  assert.deepEqual(back.problems, []);
  assert.equal(back.title, 'dateline sources');
  assert.deepEqual(back.sources, sources);
});
