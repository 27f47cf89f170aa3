import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DatelineError } from '../core/index.js';
import { openStore } from '../store/index.js';
import { type FetchedSource, type SourceFetcher, pollDue } from './poll.js';

const page = (headline: string) =>
  new TextEncoder().encode(`<html lang="en"><head><title>${headline}</title></head><body><nav><a href="/">Home</a></nav>
  <article><h1>${headline}</h1><p>The harbour board met on Monday and approved the plan for two new berths after a long debate.</p></article></body></html>`);

/** A fetcher answering from a script: one reply per call, recording what it was asked. */
function scripted(replies: Array<Partial<FetchedSource> | Error>): SourceFetcher & { asked: Array<{ url: string; etag?: string | null }> } {
  const asked: Array<{ url: string; etag?: string | null }> = [];
  return {
    asked,
    async fetch(url, conditions) {
      asked.push({ url, etag: conditions.etag ?? null });
      const reply = replies.shift();
      if (!reply) throw new Error('no more replies');
      if (reply instanceof Error) throw reply;
      return {
        finalUrl: url, status: 200, notModified: false, body: null, headers: {}, contentType: 'text/html',
        fetchedAt: '2024-06-01T00:00:00.000Z', etag: null, lastModified: null, ...reply,
      };
    },
  };
}

test('polling stores what a source returns, asks again with its validators, and records failures on the source', async () => {
  const store = await openStore(':memory:');
  try {
    const { source } = await store.addSource({ url: 'https://harbour.example/news/berths', kind: 'page' }, '2024-06-01T00:00:00Z');
    const fetcher = scripted([
      { body: page('Harbour board approves two berths'), etag: '"v1"' },
      { status: 304, notModified: true },
      new DatelineError('E_FETCH_STATUS', 'fetch: https://harbour.example/news/berths answered 503'),
    ]);
    let clock = new Date('2024-06-01T00:00:00Z');
    const now = () => clock;

    const [first] = await pollDue(store, fetcher, { now });
    assert.equal(first!.outcome, 'fetched');
    assert.equal(first!.newItems, 1);
    const hits = await store.search((await import('../query/index.js')).parseQuery('berths'), { limit: 5 });
    assert.equal(hits[0]!.title, 'Harbour board approves two berths');
    let [state] = (await store.listSources()).map((s) => s.state);
    assert.equal(state!.etag, '"v1"');
    assert.equal(state!.newItems, 1);

    // Not due yet: nothing is fetched.
    assert.deepEqual(await pollDue(store, fetcher, { now }), []);
    clock = new Date(state!.nextPollAt);
    const [second] = await pollDue(store, fetcher, { now });
    assert.equal(second!.outcome, 'not-modified');
    assert.equal(fetcher.asked[1]!.etag, '"v1"');

    clock = new Date((await store.listSources())[0]!.state.nextPollAt);
    const [third] = await pollDue(store, fetcher, { now });
    assert.equal(third!.outcome, 'failed');
    [state] = (await store.listSources()).map((s) => s.state);
    assert.match(state!.lastError ?? '', /503/);
    assert.equal(state!.consecutiveErrors, 1);
    assert.equal(state!.etag, '"v1"', 'a failure keeps the validators');
  } finally {
    await store.close();
  }
});

test('a body that cannot be read is kept as a failed capture and the error recorded', async () => {
  const store = await openStore(':memory:');
  try {
    await store.addSource({ url: 'https://harbour.example/empty', kind: 'page' }, '2024-06-01T00:00:00Z');
    const [report] = await pollDue(store, scripted([{ body: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]) }]), { now: () => new Date('2024-06-01T00:00:00Z') });
    assert.equal(report!.outcome, 'failed');
    assert.ok(report!.captureId);
    const failed = await store.failedCaptures();
    assert.equal(failed.length, 1);
  } finally {
    await store.close();
  }
});

type Reply = Partial<FetchedSource> | Error;

/**
 * A fetcher answering by URL from a table that a test may change between polls (an Error
 * reply is thrown, a missing URL answers 404), recording every URL asked for in order.
 */
function routed(table: Map<string, Reply>): SourceFetcher & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    async fetch(url, conditions) {
      asked.push(url);
      const reply = table.get(url);
      if (reply instanceof Error) throw reply;
      if (!reply) throw new DatelineError('E_FETCH_STATUS', `fetch: ${url} answered 404`);
      if (reply.etag && conditions.etag === reply.etag) {
        return { finalUrl: url, status: 304, notModified: true, body: null, headers: {}, contentType: null, fetchedAt: '2024-06-01T00:00:00.000Z', etag: reply.etag, lastModified: null };
      }
      return {
        finalUrl: url, status: 200, notModified: false, body: null, headers: {}, contentType: 'text/html',
        fetchedAt: '2024-06-01T00:00:00.000Z', etag: null, lastModified: null, ...reply,
      };
    },
  };
}

const xml = (text: string): Partial<FetchedSource> => ({ body: new TextEncoder().encode(text), contentType: 'application/xml' });
const html = (text: string): Partial<FetchedSource> => ({ body: new TextEncoder().encode(text), contentType: 'text/html' });

/** A page with a body of `sentences` sentences, and a <title> and a date only when given. */
function storyPage(body: string, sentences: number, meta: { title?: string; published?: string } = {}): Partial<FetchedSource> {
  const head = `${meta.title ? `<title>${meta.title}</title>` : ''}${meta.published ? `<meta property="article:published_time" content="${meta.published}">` : ''}`;
  const paragraphs = Array.from({ length: sentences }, (_, i) => `<p>${body} This is sentence ${i + 1} of the report, which goes on about the harbour for a while.</p>`).join('\n');
  return html(`<html lang="en"><head>${head}</head><body><nav><a href="/">Home</a></nav><article>${meta.title ? `<h1>${meta.title}</h1>` : ''}${paragraphs}</article></body></html>`);
}

function newsSitemap(entries: Array<{ loc: string; title?: string; published?: string; lastmod?: string }>): Partial<FetchedSource> {
  return xml(`<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
${entries.map((e) => `<url><loc>${e.loc}</loc>${e.lastmod ? `<lastmod>${e.lastmod}</lastmod>` : ''}${e.title || e.published ? `<news:news><news:publication><news:name>Harbour Wire</news:name><news:language>en</news:language></news:publication>${e.published ? `<news:publication_date>${e.published}</news:publication_date>` : ''}${e.title ? `<news:title>${e.title}</news:title>` : ''}</news:news>` : ''}</url>`).join('\n')}
</urlset>`);
}

const at = (iso: string) => () => new Date(iso);

test('a news sitemap: pages not yet stored are fetched newest first, each its own article, the news title and date filling gaps; the next poll fetches only what is new', async () => {
  const store = await openStore(':memory:');
  try {
    const base = 'https://harbour.example';
    const { source } = await store.addSource({ url: `${base}/news-sitemap.xml`, kind: 'sitemap' }, '2024-06-01T00:00:00Z');
    const table = new Map<string, Reply>([
      [`${base}/news-sitemap.xml`, { ...newsSitemap([
        { loc: `${base}/news/old`, title: 'Old berth news', published: '2024-05-01T09:00:00+01:00' },
        { loc: `${base}/news/newest`, title: 'Ferry timetable changes', published: '2024-06-01T08:00:00+01:00' },
        { loc: `${base}/news/gone`, title: 'A page that went away', published: '2024-05-20T09:00:00+01:00' },
        { loc: `${base}/news/middle`, title: 'Crane arrives', published: '2024-05-15T09:00:00+01:00' },
      ]), etag: '"s1"' }],
      [`${base}/news/old`, storyPage('The old berth was closed.', 3, { title: 'Old berth closes for repairs', published: '2024-05-01T09:00:00+01:00' })],
      [`${base}/news/newest`, storyPage('The ferry timetable changes on Monday.', 3)],
      [`${base}/news/middle`, storyPage('A new crane arrived by sea.', 3, { title: 'Crane arrives at the harbour' })],
    ]);
    const fetcher = routed(table);
    const [report] = await pollDue(store, fetcher, { now: at('2024-06-01T00:00:00Z') });
    assert.equal(report!.outcome, 'fetched');
    assert.equal(report!.newItems, 3);
    assert.equal(report!.captureId, null, 'the sitemap itself is not kept');
    assert.deepEqual(
      fetcher.asked,
      [`${base}/news-sitemap.xml`, `${base}/news/newest`, `${base}/news/gone`, `${base}/news/middle`, `${base}/news/old`],
      'pages newest first by news publication date',
    );
    assert.equal(report!.pages!.stored, 3);
    assert.equal(report!.pages!.failed, 1);
    assert.equal(report!.pages!.errors[0]!.url, `${base}/news/gone`);
    assert.match(report!.pages!.errors[0]!.error, /404/);

    const { parseQuery } = await import('../query/index.js');
    // Every article, not one per story: these pages share most of their (filler) text.
    const titles = async (q: string) => (await store.search(parseQuery(q), { limit: 10, collapse: 'none' })).map((hit) => hit.title).sort();
    // The page's own title wins; where a page has none, the sitemap's news title fills it, and its date the published time.
    assert.deepEqual(await titles('harbour'), ['Crane arrives at the harbour', 'Ferry timetable changes', 'Old berth closes for repairs']);
    const ferry = (await store.search(parseQuery('ferry'), { limit: 1 }))[0]!;
    const article = (await store.getArticle(ferry.id))!;
    assert.equal(article.url, `${base}/news/newest`);
    assert.equal(article.published, '2024-06-01T08:00:00+01:00');
    assert.equal(article.publishedZone, 'stated');
    assert.equal(article.siteName, 'Harbour Wire');
    assert.equal(await store.hasArticleUrl(`${base}/news/newest`), true);

    // The sitemap changes: one new page is listed. Only it (and the page that failed) is fetched.
    table.set(`${base}/news-sitemap.xml`, { ...newsSitemap([
      { loc: `${base}/news/later`, title: 'Second ferry ordered', published: '2024-06-02T08:00:00+01:00' },
      { loc: `${base}/news/newest`, title: 'Ferry timetable changes', published: '2024-06-01T08:00:00+01:00' },
      { loc: `${base}/news/gone`, title: 'A page that went away', published: '2024-05-20T09:00:00+01:00' },
      { loc: `${base}/news/middle`, title: 'Crane arrives', published: '2024-05-15T09:00:00+01:00' },
    ]), etag: '"s2"' });
    table.set(`${base}/news/later`, storyPage('A second ferry was ordered.', 3));
    fetcher.asked.length = 0;
    const [second] = await pollDue(store, fetcher, { now: at('2024-06-03T00:00:00Z') });
    assert.deepEqual(fetcher.asked, [`${base}/news-sitemap.xml`, `${base}/news/later`, `${base}/news/gone`]);
    assert.equal(second!.newItems, 1);
    const state = (await store.listSources()).find((s) => s.id === source.id)!.state;
    assert.equal(state.etag, '"s2"');
    assert.equal(state.lastError, null, 'a failed page does not fail the source');
  } finally {
    await store.close();
  }
});

test('a sitemap index: children read most recently modified first; the next poll skips a child unchanged since, and a failing child is reported', async () => {
  const store = await openStore(':memory:');
  try {
    const base = 'https://wire.example';
    await store.addSource({ url: `${base}/sitemap.xml`, kind: 'sitemap' }, '2024-06-01T00:00:00Z');
    const index = (aLastmod: string, etag: string): Reply => ({
      ...xml(`<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
        <sitemap><loc>${base}/sitemap-2024-05.xml</loc><lastmod>2024-05-31</lastmod></sitemap>
        <sitemap><loc>${base}/sitemap-2024-06.xml</loc><lastmod>${aLastmod}</lastmod></sitemap>
        <sitemap><loc>${base}/sitemap-broken.xml</loc><lastmod>2024-01-01</lastmod></sitemap>
      </sitemapindex>`),
      etag,
    });
    const table = new Map<string, Reply>([
      [`${base}/sitemap.xml`, index('2024-06-01T10:00:00Z', '"i1"')],
      [`${base}/sitemap-2024-05.xml`, xml(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>${base}/may</loc><lastmod>2024-05-31</lastmod></url></urlset>`)],
      [`${base}/sitemap-2024-06.xml`, xml(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>${base}/june-1</loc><lastmod>2024-06-01</lastmod></url></urlset>`)],
      [`${base}/sitemap-broken.xml`, xml('<rss version="2.0"><channel><title>not a sitemap</title></channel></rss>')],
      [`${base}/may`, storyPage('Cargo volumes rose in May.', 3, { title: 'May cargo volumes' })],
      [`${base}/june-1`, storyPage('The June schedule is out.', 3, { title: 'June schedule' })],
      [`${base}/june-2`, storyPage('A storm closed the port.', 3, { title: 'Storm closes port' })],
    ]);
    const fetcher = routed(table);
    const [first] = await pollDue(store, fetcher, { now: at('2024-06-02T00:00:00Z') });
    assert.deepEqual(fetcher.asked.slice(0, 4), [`${base}/sitemap.xml`, `${base}/sitemap-2024-06.xml`, `${base}/sitemap-2024-05.xml`, `${base}/sitemap-broken.xml`]);
    assert.equal(first!.newItems, 2);
    assert.equal(first!.pages!.failed, 1);
    assert.match(first!.pages!.errors[0]!.error, /not a sitemap/);
    // A failed child makes the poll incomplete: the index's validators are not kept.
    assert.equal((await store.listSources())[0]!.state.etag, null);

    // A complete poll now keeps them.
    table.set(`${base}/sitemap-broken.xml`, xml(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>`));
    table.set(`${base}/sitemap.xml`, index('2024-06-01T10:00:00Z', '"i2"'));
    fetcher.asked.length = 0;
    const [second] = await pollDue(store, fetcher, { all: true, now: at('2024-06-03T00:00:00Z') });
    assert.equal(second!.newItems, 0);
    assert.equal(fetcher.asked.length, 4, 'after an incomplete poll every child is read again');
    assert.equal((await store.listSources())[0]!.state.etag, '"i2"');

    // June's sitemap changes; May's and the third are older than the last poll: not read.
    table.set(`${base}/sitemap.xml`, index('2024-06-04T08:00:00Z', '"i3"'));
    table.set(`${base}/sitemap-2024-06.xml`, xml(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <url><loc>${base}/june-1</loc><lastmod>2024-06-01</lastmod></url><url><loc>${base}/june-2</loc><lastmod>2024-06-04</lastmod></url></urlset>`));
    fetcher.asked.length = 0;
    const [third] = await pollDue(store, fetcher, { all: true, now: at('2024-06-05T00:00:00Z') });
    assert.deepEqual(fetcher.asked, [`${base}/sitemap.xml`, `${base}/sitemap-2024-06.xml`, `${base}/june-2`]);
    assert.equal(third!.newItems, 1);
  } finally {
    await store.close();
  }
});

test('a sitemap longer than the per-poll bound: the newest pages first, the rest on the next poll', async () => {
  const { MAX_SITEMAP_PAGES } = await import('./sitemap-poll.js');
  const store = await openStore(':memory:');
  try {
    const base = 'https://archive.example';
    await store.addSource({ url: `${base}/sitemap.txt`, kind: 'sitemap' }, '2024-06-01T00:00:00Z');
    const count = MAX_SITEMAP_PAGES + 3;
    const urls = Array.from({ length: count }, (_, i) => `${base}/story/${i}`);
    const table = new Map<string, Reply>([[`${base}/sitemap.txt`, { body: new TextEncoder().encode(urls.join('\n')), contentType: 'text/plain', etag: '"t1"' }]]);
    urls.forEach((url, i) => table.set(url, storyPage(`Story number ${i} about the harbour.`, 2, { title: `Story ${i}` })));
    const fetcher = routed(table);
    const [first] = await pollDue(store, fetcher, { now: at('2024-06-01T00:00:00Z') });
    assert.equal(first!.newItems, MAX_SITEMAP_PAGES);
    assert.equal(first!.pages!.skipped, 3);
    fetcher.asked.length = 0;
    const [second] = await pollDue(store, fetcher, { all: true, now: at('2024-06-01T01:00:00Z') });
    assert.equal(second!.outcome, 'fetched', 'the validators were dropped: the sitemap is read again, not answered 304');
    assert.deepEqual(fetcher.asked.slice(1), urls.slice(MAX_SITEMAP_PAGES));
    assert.equal((await store.stats()).articles, count);
  } finally {
    await store.close();
  }
});

function rss(items: Array<{ guid: string; title: string; body: string }>): Partial<FetchedSource> {
  return {
    ...xml(`<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour Board News</title><link>https://harbour.example/</link>
${items.map((i) => `<item><guid>${i.guid}</guid><title>${i.title}</title><link>https://harbour.example/news/${i.guid}</link><pubDate>Mon, 03 Jun 2024 09:00:00 +0100</pubDate><description><![CDATA[<p>${i.body}</p>]]></description></item>`).join('\n')}
</channel></rss>`),
    contentType: 'application/rss+xml',
  };
}

test('full text: a new summary-only item takes its page\'s text under its own id, the summary kept as a revision; a failing page keeps the summary; a re-poll never puts the summary back', async () => {
  const store = await openStore(':memory:');
  try {
    const feedUrl = 'https://harbour.example/news.xml';
    await store.addSource({ url: feedUrl, kind: 'feed', fullText: true }, '2024-06-01T00:00:00Z');
    const long = 'The harbour board published its annual report, which runs to many pages and covers every berth. '.repeat(6);
    const items = [
      { guid: 'berths', title: 'Board approves two berths', body: 'The board approved two new berths on Monday…' },
      { guid: 'cranes', title: 'Cranes delayed', body: 'Two cranes will arrive late. Read more' },
      { guid: 'report', title: 'Annual report', body: long },
    ];
    const table = new Map<string, Reply>([
      [feedUrl, { ...rss(items), etag: '"f1"' }],
      // No <title> and no date on the page: the feed's title and time are kept.
      ['https://harbour.example/news/berths', storyPage('The harbour board approved two new berths on Monday after a long debate.', 4)],
      ['https://harbour.example/news/cranes', new DatelineError('E_FETCH_STATUS', 'fetch: https://harbour.example/news/cranes answered 500')],
    ]);
    const fetcher = routed(table);
    const [report] = await pollDue(store, fetcher, { now: at('2024-06-03T12:00:00Z') });
    assert.equal(report!.outcome, 'fetched');
    assert.equal(report!.newItems, 3);
    assert.deepEqual(fetcher.asked, [feedUrl, 'https://harbour.example/news/berths', 'https://harbour.example/news/cranes'], 'the full item is not fetched');
    assert.deepEqual({ ...report!.pages!, errors: report!.pages!.errors.map((e) => e.url) }, { stored: 1, failed: 1, skipped: 0, errors: ['https://harbour.example/news/cranes'] });

    const { articleIdFromGuid } = await import('../core/index.js');
    const berths = (await store.getArticle(articleIdFromGuid(feedUrl, 'berths')))!;
    assert.match(berths.text, /sentence 4 of the report/);
    assert.equal(berths.title, 'Board approves two berths');
    assert.equal(berths.published, '2024-06-03T09:00:00+01:00');
    assert.equal(berths.url, 'https://harbour.example/news/berths');
    assert.equal(berths.extra.guid, 'berths');
    assert.notEqual(berths.captureId, report!.captureId, 'the page is its own capture');
    const revisions = await store.articleRevisions(berths.id);
    assert.equal(revisions.length, 1);
    assert.equal(revisions[0]!.article.text, 'The board approved two new berths on Monday…');
    const cranes = (await store.getArticle(articleIdFromGuid(feedUrl, 'cranes')))!;
    assert.equal(cranes.text, 'Two cranes will arrive late. Read more');
    assert.equal((await store.listSources())[0]!.state.lastError, null);

    // The feed changes (a new full item): the summary does not replace the page's text, and
    // no page is fetched again.
    table.set(feedUrl, { ...rss([...items, { guid: 'dredging', title: 'Dredging starts', body: long.replace('annual report', 'dredging plan') }]), etag: '"f2"' });
    fetcher.asked.length = 0;
    const [again] = await pollDue(store, fetcher, { all: true, now: at('2024-06-04T12:00:00Z') });
    assert.equal(again!.newItems, 1);
    assert.equal(again!.pages, null);
    assert.deepEqual(fetcher.asked, [feedUrl]);
    assert.match((await store.getArticle(berths.id))!.text, /sentence 4 of the report/);
    assert.equal((await store.articleRevisions(berths.id)).length, 1);
  } finally {
    await store.close();
  }
});

test('full text: a page no longer than the summary keeps the summary; without full text no page is fetched', async () => {
  const store = await openStore(':memory:');
  try {
    const feedUrl = 'https://harbour.example/news.xml';
    await store.addSource({ url: feedUrl, kind: 'feed' }, '2024-06-01T00:00:00Z');
    const table = new Map<string, Reply>([
      [feedUrl, rss([{ guid: 'berths', title: 'Board approves two berths', body: 'The board approved two new berths on Monday after a long debate about the cost of both.' }])],
      ['https://harbour.example/news/berths', html('<html><body><article><p>Subscribe to read the story about the berths.</p></article></body></html>')],
    ]);
    const plain = routed(table);
    await pollDue(store, plain, { now: at('2024-06-03T12:00:00Z') });
    assert.deepEqual(plain.asked, [feedUrl]);

    const other = await openStore(':memory:');
    try {
      await other.addSource({ url: feedUrl, kind: 'feed' }, '2024-06-01T00:00:00Z');
      const full = routed(table);
      const [report] = await pollDue(other, full, { fullText: true, now: at('2024-06-03T12:00:00Z') });
      assert.equal(report!.pages!.failed, 1);
      assert.match(report!.pages!.errors[0]!.error, /no longer than the feed item's summary/);
      const { articleIdFromGuid } = await import('../core/index.js');
      assert.match((await other.getArticle(articleIdFromGuid(feedUrl, 'berths')))!.text, /long debate/);
      assert.deepEqual(await other.articleRevisions(articleIdFromGuid(feedUrl, 'berths')), []);
    } finally {
      await other.close();
    }
  } finally {
    await store.close();
  }
});

test('a feed that answers with a web page fails as a feed, keeping the page as a failed capture', async () => {
  const store = await openStore(':memory:');
  try {
    await store.addSource({ url: 'https://harbour.example/feed.xml', kind: 'feed' }, '2024-06-01T00:00:00Z');
    const [report] = await pollDue(store, scripted([{ body: page('Please log in') }]), { now: () => new Date('2024-06-01T00:00:00Z') });
    assert.equal(report!.outcome, 'failed');
    assert.match(report!.error ?? '', /served html, not a feed/);
    assert.equal((await store.stats()).articles, 0);
    assert.equal((await store.failedCaptures()).length, 1);
  } finally {
    await store.close();
  }
});
