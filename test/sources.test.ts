// End to end through the built binary: following a site found by autodiscovery, polling it from
// a local server (conditional GET, a revised item, a failing source), and OPML in and out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { binary, jsonLines, repoRoot, scratch } from './helpers.js';

/** Runs the binary without blocking this process's event loop (the test's server lives in it). */
function run(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [binary, ...args], { cwd: repoRoot, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

function rss(items: Array<{ guid: string; title: string; body: string }>): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Harbour Board News</title><link>http://harbour.test/</link>
${items.map((i) => `<item><guid>${i.guid}</guid><title>${i.title}</title><link>http://harbour.test/news/${i.guid}</link>
<pubDate>Mon, 03 Jun 2024 09:00:00 +0100</pubDate><description><![CDATA[<p>${i.body}</p>]]></description></item>`).join('\n')}
</channel></rss>`;
}

test('sources add finds a page\'s feed; poll stores its items, asks again conditionally, revises a changed item and records a failing source', async (t) => {
  const dir = scratch(t);
  const db = join(dir, 'd.db');
  let version = 1;
  const log: Array<{ path: string; inm: string | undefined }> = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    log.push({ path: req.url ?? '', inm: req.headers['if-none-match'] });
    if (req.url === '/robots.txt') return void res.end('User-agent: *\nDisallow: /private/\n');
    if (req.url === '/') {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      return void res.end('<html><head><title>Harbour Board</title><link rel="alternate" type="application/rss+xml" title="News" href="/news.xml"></head><body><p>Welcome.</p></body></html>');
    }
    if (req.url === '/news.xml') {
      const etag = `"v${version}"`;
      if (req.headers['if-none-match'] === etag) {
        res.statusCode = 304;
        return void res.end();
      }
      res.setHeader('content-type', 'application/rss+xml');
      res.setHeader('etag', etag);
      const second = version === 1 ? 'The second berth opens in the autumn.' : 'The second berth opens in October, a month early.';
      return void res.end(rss([
        { guid: 'berth-1', title: 'First new berth opens', body: 'The harbour board opened the first of its two new berths on Monday morning.' },
        { guid: 'berth-2', title: 'Second berth date set', body: second },
      ]));
    }
    if (req.url === '/broken.xml') {
      res.statusCode = 503;
      return void res.end('try later');
    }
    res.statusCode = 404;
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => server.close());
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const allow = ['--allow-private', '127.0.0.0/8'];

  // Without the allow-list the fetcher refuses a loopback address.
  const refused = await run(['sources', 'add', `${base}/`, '--db', db]);
  assert.equal(refused.status, 1);
  assert.match(refused.stderr, /127\.0\.0\.1/);

  const added = await run(['sources', 'add', `${base}/`, '--db', db, '--json', ...allow]);
  assert.equal(added.status, 0, added.stderr);
  const { source } = jsonLines(added.stdout)[0] as { source: { url: string; kind: string; siteUrl: string } };
  assert.equal(source.url, `${base}/news.xml`);
  assert.equal(source.kind, 'feed');
  assert.equal(source.siteUrl, `${base}/`);
  assert.equal((await run(['sources', 'add', `${base}/broken.xml`, '--kind', 'feed', '--db', db])).status, 0);

  const first = await run(['poll', '--once', '--db', db, '--json', '--delay', '0', ...allow]);
  assert.equal(first.status, 1, 'a failing source fails a --once run');
  const reports = jsonLines(first.stdout);
  const news = reports.find((r) => r.url === `${base}/news.xml`)!;
  assert.equal(news.outcome, 'fetched');
  assert.equal(news.newItems, 2);
  assert.equal(reports.find((r) => r.url === `${base}/broken.xml`)!.outcome, 'failed');

  const found = jsonLines((await run(['search', 'berth', '--db', db, '--json'])).stdout);
  assert.equal(found.length, 2);

  // Again at once: the feed answers 304 to the ETag it gave.
  const again = await run(['poll', '--once', '--all', '--db', db, '--json', '--delay', '0', ...allow]);
  assert.equal(jsonLines(again.stdout).find((r) => r.url === `${base}/news.xml`)!.outcome, 'not-modified');
  assert.equal(log.filter((l) => l.path === '/news.xml').at(-1)!.inm, '"v1"');

  // The feed changes one item: it is revised, not duplicated, and its first version kept.
  version = 2;
  const third = await run(['poll', '--once', '--all', '--db', db, '--json', '--delay', '0', ...allow]);
  assert.equal(jsonLines(third.stdout).find((r) => r.url === `${base}/news.xml`)!.newItems, 1);
  const hits = jsonLines((await run(['search', 'berth', '--db', db, '--json'])).stdout);
  assert.equal(hits.length, 2);
  const revised = hits.find((h) => h.title === 'Second berth date set')!;
  const shown = jsonLines((await run(['show', String(revised.id), '--db', db, '--json'])).stdout)[0] as { text: string; revisions: Array<{ article: { text: string } }> };
  assert.match(shown.text, /October/);
  assert.equal(shown.revisions.length, 1);
  assert.match(shown.revisions[0]!.article.text, /autumn/);

  const listed = jsonLines((await run(['sources', 'list', '--db', db, '--json'])).stdout) as Array<{ url: string; state: { lastError: string | null; errorCount: number; newItems: number } }>;
  const broken = listed.find((s) => s.url === `${base}/broken.xml`)!;
  assert.match(broken.state.lastError ?? '', /503/);
  assert.ok(broken.state.errorCount >= 1);
  assert.equal(listed.find((s) => s.url === `${base}/news.xml`)!.state.newItems, 3);
  // robots.txt was asked for, once per host.
  assert.equal(log.filter((l) => l.path === '/robots.txt').length >= 1, true);
});

test('sources export writes OPML that sources import reads back; remove forgets a source', async (t) => {
  const dir = scratch(t);
  const db = join(dir, 'd.db');
  assert.equal((await run(['sources', 'add', 'https://wire.example/feed.xml', '--kind', 'feed', '--title', 'Wire & Co', '--folder', 'News/Wires', '--db', db])).status, 0);
  assert.equal((await run(['sources', 'add', 'https://paper.example/', '--kind', 'page', '--db', db])).status, 0);
  const exported = await run(['sources', 'export', '--db', db]);
  assert.match(exported.stdout, /<opml version="2.0">/);
  assert.match(exported.stdout, /Wire &amp; Co/);
  assert.doesNotMatch(exported.stdout, /paper\.example/, 'pages are not feeds');
  const opml = join(dir, 'feeds.opml');
  writeFileSync(opml, exported.stdout);
  const other = join(dir, 'e.db');
  const imported = await run(['sources', 'import', opml, '--db', other, '--json']);
  assert.deepEqual(jsonLines(imported.stdout)[0], { sources: 1, added: 1, problems: [] });
  const listed = jsonLines((await run(['sources', 'list', '--db', other, '--json'])).stdout) as Array<{ title: string; folder: string }>;
  assert.equal(listed[0]!.title, 'Wire & Co');
  assert.equal(listed[0]!.folder, 'News/Wires');
  assert.equal((await run(['sources', 'remove', 'https://wire.example/feed.xml', '--db', other])).status, 0);
  const gone = await run(['sources', 'remove', 'https://wire.example/feed.xml', '--db', other]);
  assert.equal(gone.status, 1);
  assert.match(gone.stderr, /no source/);
});

test('poll follows a news sitemap (three pages, three articles) and, with --full-text, gives summary-only feed items their page\'s text', async (t) => {
  const dir = scratch(t);
  const db = join(dir, 'd.db');
  const asked: string[] = [];
  const page = (title: string | null, body: string) =>
    `<!doctype html><html lang="en"><head>${title ? `<title>${title}</title>` : ''}</head><body><nav><a href="/">Home</a> <a href="/about">About</a></nav><article>${title ? `<h1>${title}</h1>` : ''}${[1, 2, 3, 4]
      .map((n) => `<p>${body} Paragraph ${n} goes on to give the figures, the dates and what the board said about them afterwards.</p>`)
      .join('')}</article><footer>Harbour Board, Quay Street</footer></body></html>`;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = req.url ?? '';
    asked.push(path);
    if (path === '/robots.txt') return void res.end('User-agent: *\nAllow: /\n');
    if (path === '/news-sitemap.xml') {
      res.setHeader('content-type', 'application/xml');
      const entry = (n: number, title: string, day: number) =>
        `<url><loc>http://${req.headers.host}/story/${n}</loc><news:news><news:publication><news:name>Harbour Wire</news:name><news:language>en</news:language></news:publication><news:publication_date>2024-06-0${day}T09:00:00+01:00</news:publication_date><news:title>${title}</news:title></news:news></url>`;
      return void res.end(`<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
${entry(1, 'Tug fleet renewed', 1)}
${entry(2, 'Pilot boat named', 3)}
${entry(3, 'Dredger hired', 2)}
</urlset>`);
    }
    const story = /^\/story\/(\d)$/.exec(path);
    if (story) {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      const bodies = ['', 'The tug fleet was renewed with three new vessels.', 'The new pilot boat was named at a ceremony.', 'A dredger was hired to deepen the channel.'];
      // The second page has no title of its own: the sitemap's news title fills it.
      return void res.end(page(story[1] === '2' ? null : `Story ${story[1]} from the quay`, bodies[Number(story[1])]!));
    }
    if (path === '/summaries.xml') {
      res.setHeader('content-type', 'application/rss+xml');
      return void res.end(`<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Harbour Board Briefs</title><link>http://${req.headers.host}/</link>
<item><guid>brief-1</guid><title>Berth tariffs revised</title><link>http://${req.headers.host}/full/1</link><pubDate>Mon, 03 Jun 2024 09:00:00 +0100</pubDate><description>The board revised its berth tariffs for next year…</description></item>
</channel></rss>`);
    }
    if (path === '/full/1') {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      return void res.end(page(null, 'The board revised its berth tariffs for next year, raising the fee for large ships.'));
    }
    res.statusCode = 404;
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => server.close());
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const allow = ['--allow-private', '127.0.0.0/8'];

  const sitemap = await run(['sources', 'add', `${base}/news-sitemap.xml`, '--db', db, '--json', ...allow]);
  assert.equal(sitemap.status, 0, sitemap.stderr);
  assert.equal((jsonLines(sitemap.stdout)[0] as { source: { kind: string } }).source.kind, 'sitemap');
  assert.equal((await run(['sources', 'add', `${base}/summaries.xml`, '--kind', 'feed', '--db', db])).status, 0);

  const polled = await run(['poll', '--once', '--full-text', '--db', db, '--json', '--delay', '0', ...allow]);
  assert.equal(polled.status, 0, polled.stderr + polled.stdout);
  const reports = jsonLines(polled.stdout) as Array<{ url: string; newItems: number; pages: { stored: number; failed: number } | null }>;
  const fromSitemap = reports.find((r) => r.url === `${base}/news-sitemap.xml`)!;
  assert.equal(fromSitemap.newItems, 3);
  assert.deepEqual(fromSitemap.pages, { stored: 3, failed: 0, skipped: 0, errors: [] });
  // Newest first, by the news publication date.
  assert.deepEqual(asked.filter((p) => p.startsWith('/story/')), ['/story/2', '/story/3', '/story/1']);
  const stories = jsonLines((await run(['search', 'board', '--db', db, '--json'])).stdout) as Array<{ id: string; title: string }>;
  assert.deepEqual(stories.map((s) => s.title).filter((title) => title !== 'Berth tariffs revised').sort(), ['Pilot boat named', 'Story 1 from the quay', 'Story 3 from the quay']);

  const briefs = reports.find((r) => r.url === `${base}/summaries.xml`)!;
  assert.equal(briefs.newItems, 1);
  assert.equal(briefs.pages!.stored, 1);
  const tariffs = stories.find((s) => s.title === 'Berth tariffs revised')!;
  const shown = jsonLines((await run(['show', tariffs.id, '--db', db, '--json'])).stdout)[0] as {
    text: string; url: string; published: string; revisions: Array<{ article: { text: string } }>;
  };
  assert.match(shown.text, /raising the fee for large ships/);
  assert.match(shown.text, /Paragraph 4/);
  assert.equal(shown.url, `${base}/full/1`);
  assert.equal(shown.published, '2024-06-03T09:00:00+01:00', "the feed's time, the page giving none");
  assert.equal(shown.revisions.length, 1);
  assert.equal(shown.revisions[0]!.article.text, 'The board revised its berth tariffs for next year…');

  // Rebuilding from the captures keeps the full-text article under the feed item's id.
  assert.equal((await run(['reprocess', '--db', db])).status, 0);
  const rebuilt = jsonLines((await run(['show', tariffs.id, '--db', db, '--json'])).stdout)[0] as { text: string };
  assert.match(rebuilt.text, /raising the fee for large ships/);
  assert.equal(jsonLines((await run(['search', 'tariffs', '--db', db, '--json'])).stdout).length, 1, 'no second copy of the page');
});
