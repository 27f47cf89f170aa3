// The API through its public surface, app.request(): each endpoint's answer and each way it
// refuses, with the status and the error code a client matches on.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ingest } from '../ingest/index.js';
import type { FetchedSource, SourceFetcher } from '../ingest/index.js';
import { openStore, type Store } from '../store/index.js';
import { createApp, createToken } from './index.js';

const inbox = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'samples', 'inbox');

let store: Store;
let app: ReturnType<typeof createApp>;
let writeToken: string;
let readToken: string;
const logged: string[] = [];

const RELEASE = 'BEIJING, July 4, 2023 /PRNewswire/ -- Harbor ferries will run all night from Friday, the port authority said.\n\nThe new timetable adds twelve crossings.\n';

/** A fetcher that answers from a table, as the real one would after its checks. */
const fakeFetcher: SourceFetcher = {
  async fetch(url: string): Promise<FetchedSource> {
    const pages: Record<string, { type: string; body: string }> = {
      'https://wire.example/feed.xml': { type: 'application/rss+xml', body: '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><link>https://wire.example/</link><item><title>A</title><link>https://wire.example/a</link></item></channel></rss>' },
      'https://wire.example/release': { type: 'text/html', body: `<html><head><title>Night ferries</title></head><body><article><h1>Night ferries</h1><p>${RELEASE.replace(/\n+/g, '</p><p>')}</p></article></body></html>` },
    };
    const page = pages[url];
    if (!page) throw Object.assign(new Error('no such page'), { code: 'E_FETCH_NETWORK' });
    return {
      finalUrl: url, status: 200, notModified: false, body: new TextEncoder().encode(page.body), headers: { 'content-type': page.type },
      contentType: page.type, fetchedAt: '2024-06-01T00:00:00.000Z', etag: null, lastModified: null,
    };
  },
};

before(async () => {
  store = await openStore(':memory:');
  await ingest(store, [inbox], { workers: false });
  writeToken = (await createToken(store, { scope: 'write', name: 'tests' })).token;
  readToken = (await createToken(store, { scope: 'read' })).token;
  app = createApp(store, { fetcher: fakeFetcher, log: (message) => logged.push(message), maxBodyBytes: 64 * 1024, rateLimit: null });
});
after(() => store.close());

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

async function json(response: Response): Promise<Record<string, any>> {
  assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
  assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
  return (await response.json()) as Record<string, any>;
}

async function expectError(response: Response, status: number, code: string): Promise<string> {
  assert.equal(response.status, status);
  const body = await json(response);
  assert.equal(body.error.code, code);
  assert.equal(typeof body.error.message, 'string');
  return body.error.message as string;
}

describe('read endpoints', () => {
  test('GET /healthz', async () => {
    const response = await app.request('/healthz');
    assert.equal(response.status, 200);
    assert.deepEqual(await json(response), { status: 'ok' });
  });

  test('GET /api/search pages with an opaque cursor until there is no next page', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response: Response = await app.request(`/api/search?q=port&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      assert.equal(response.status, 200);
      const body = await json(response);
      assert.equal(body.query, 'port');
      assert.ok(body.hits.length <= 2);
      seen.push(...body.hits.map((hit: { id: string }) => hit.id));
      cursor = body.nextCursor;
      pages++;
    } while (cursor && pages < 20);
    assert.ok(pages >= 2, 'more than one page');
    assert.equal(new Set(seen).size, seen.length, 'no hit twice');
    const all = await json(await app.request('/api/search?q=port&limit=100'));
    assert.deepEqual(seen, all.hits.map((hit: { id: string }) => hit.id));
  });

  test('GET /api/search refuses a cursor given for another search', async () => {
    const first = await json(await app.request('/api/search?q=port&limit=1'));
    assert.ok(first.nextCursor);
    // The same search (spaced differently, or with another page size) takes it.
    assert.equal((await app.request(`/api/search?q=${encodeURIComponent(' port ')}&limit=3&cursor=${first.nextCursor}`)).status, 200);
    for (const other of ['q=ferry', 'q=port&sort=newest', 'q=port&collapse=none']) {
      const message = await expectError(await app.request(`/api/search?${other}&limit=1&cursor=${first.nextCursor}`), 400, 'E_USAGE');
      assert.match(message, /belongs to another search/);
    }
    // A cursor from before cursors were bound names no search.
    await expectError(await app.request(`/api/search?q=port&cursor=${Buffer.from('{"o":1}').toString('base64url')}`), 400, 'E_USAGE');
  });

  test('GET /api/search collapses stories unless collapse=none', async () => {
    const collapsed = await json(await app.request('/api/search?q=Corvenna&limit=100'));
    const every = await json(await app.request('/api/search?q=Corvenna&limit=100&collapse=none'));
    assert.ok(every.hits.length > collapsed.hits.length);
    assert.ok(collapsed.hits.some((hit: { storySize: number }) => hit.storySize > 1));
  });

  test('GET /api/search sort=newest orders by published, latest first', async () => {
    const body = await json(await app.request('/api/search?q=port&limit=100&sort=newest&collapse=none'));
    const dates = body.hits.map((hit: { published: string | null }) => hit.published).filter(Boolean);
    assert.ok(dates.length > 2);
    assert.deepEqual(dates, [...dates].sort().reverse());
  });

  test('GET /api/search refuses bad parameters with 400', async () => {
    const syntax = await expectError(await app.request('/api/search?q=title:('), 400, 'E_QUERY_SYNTAX');
    assert.match(syntax, /column 8/);
    assert.match(syntax, /\n {2}title:\(\n {9}\^/);
    const field = await expectError(await app.request('/api/search?q=colour:red'), 400, 'E_QUERY_FIELD');
    assert.match(field, /title: text: wire: source: place:/);
    await expectError(await app.request('/api/search'), 400, 'E_USAGE');
    await expectError(await app.request('/api/search?q=a&limit=101'), 400, 'E_USAGE');
    await expectError(await app.request('/api/search?q=a&limit=0'), 400, 'E_USAGE');
    await expectError(await app.request('/api/search?q=a&limit=ten'), 400, 'E_USAGE');
    await expectError(await app.request('/api/search?q=a&sort=oldest'), 400, 'E_USAGE');
    await expectError(await app.request('/api/search?q=a&collapse=site'), 400, 'E_USAGE');
    await expectError(await app.request('/api/search?q=a&cursor=bm90IGpzb24'), 400, 'E_USAGE');
    await expectError(await app.request(`/api/search?q=a&cursor=${Buffer.from('{"o":-3}').toString('base64url')}`), 400, 'E_USAGE');
    await expectError(await app.request(`/api/search?q=a&cursor=${Buffer.from('{"o":10000}').toString('base64url')}`), 400, 'E_USAGE');
    await expectError(await app.request('/api/search?q=-ferries'), 400, 'E_QUERY_UNBOUNDED');
  });

  test('GET /api/articles/:id returns the article; HTML in it stays JSON data', async () => {
    const hit = (await json(await app.request('/api/search?q=ferry&limit=1'))).hits[0];
    const response = await app.request(`/api/articles/${hit.id}`);
    assert.equal(response.status, 200);
    const article = await json(response);
    assert.equal(article.id, hit.id);
    assert.ok(Array.isArray(article.paragraphs));
    await expectError(await app.request('/api/articles/nope'), 404, 'E_NOT_FOUND');
  });

  test('GET /api/stories/:id gives the original and the pickup timeline', async () => {
    const hit = (await json(await app.request('/api/search?q=Corvenna&limit=100'))).hits.find((h: { storySize: number }) => h.storySize > 1);
    const story = await json(await app.request(`/api/stories/${hit.storyId}`));
    assert.equal(story.id, hit.storyId);
    assert.equal(story.articles.length, hit.storySize);
    assert.equal(story.timeline.length, hit.storySize);
    assert.equal(story.timeline[0].original, true);
    assert.equal(story.timeline[0].articleId, story.originalId);
    await expectError(await app.request('/api/stories/s0'), 404, 'E_NOT_FOUND');
  });

  test('GET /api/stats', async () => {
    const stats = await json(await app.request('/api/stats'));
    assert.ok(stats.articles > 20);
    assert.ok(Array.isArray(stats.byWire));
  });

  test('GET /api/openapi.json is OpenAPI 3.1 with every endpoint and resolvable refs', async () => {
    const doc = await json(await app.request('/api/openapi.json'));
    assert.equal(doc.openapi, '3.1.0');
    for (const path of ['/api/search', '/api/articles/{id}', '/api/stories/{id}', '/api/stats', '/api/sources', '/api/sources/{idOrUrl}', '/api/ingest', '/healthz']) {
      assert.ok(doc.paths[path], path);
    }
    const limit = doc.paths['/api/search'].get.parameters.find((p: { name: string }) => p.name === 'limit');
    assert.equal(limit.schema.maximum, 100);
    for (const [, ref] of JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)) assert.ok(doc.components.schemas[ref!], ref);
    assert.ok(!JSON.stringify(doc).includes('$defs'));
  });

  test('unknown routes and methods are JSON 404s', async () => {
    await expectError(await app.request('/nope'), 404, 'E_NOT_FOUND');
    await expectError(await app.request('/api/stats', { method: 'PUT' }), 404, 'E_NOT_FOUND');
  });
});

describe('tokens', () => {
  test('write endpoints need a write token: none 401, read 403, unknown or revoked 401', async () => {
    const post = (headers: Record<string, string>) => app.request('/api/sources', { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: '{"url":"https://a.example/feed","kind":"feed"}' });
    const none = await post({});
    assert.equal(none.headers.get('www-authenticate'), 'Bearer');
    await expectError(none, 401, 'E_AUTH_REQUIRED');
    await expectError(await post(auth(readToken)), 403, 'E_AUTH_SCOPE');
    await expectError(await post(auth(writeToken.slice(0, -1) + (writeToken.endsWith('A') ? 'B' : 'A'))), 401, 'E_AUTH_REQUIRED');
    await expectError(await post({ Authorization: 'Bearer nonsense' }), 401, 'E_AUTH_REQUIRED');
    await expectError(await post({ Authorization: `Basic ${writeToken}` }), 401, 'E_AUTH_REQUIRED');
    const { token, info } = await createToken(store, { scope: 'write' });
    await store.revokeToken(info.id, new Date().toISOString());
    await expectError(await post(auth(token)), 401, 'E_AUTH_REQUIRED');
    assert.equal((await post(auth(writeToken))).status, 201);
  });

  test('read endpoints are open by default and need a token when the server says so', async () => {
    const closed = createApp(store, { readAuth: true });
    await expectError(await closed.request('/api/stats'), 401, 'E_AUTH_REQUIRED');
    assert.equal((await closed.request('/api/stats', { headers: auth(readToken) })).status, 200);
    assert.equal((await closed.request('/api/stats', { headers: auth(writeToken) })).status, 200);
    assert.equal((await closed.request('/healthz')).status, 200);
  });
});

describe('sources', () => {
  const send = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    app.request(path, { method, headers: { ...auth(writeToken), 'Content-Type': 'application/json', ...headers }, ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }) });

  test('add (detected by fetching, or with its kind), list, add again, remove', async () => {
    const detected = await send('POST', '/api/sources', { url: 'https://wire.example/feed.xml', title: 'Wire' });
    assert.equal(detected.status, 201);
    const added = await json(detected);
    assert.equal(added.source.kind, 'feed');
    assert.equal(added.source.title, 'Wire');
    const again = await send('POST', '/api/sources', { url: 'https://wire.example/feed.xml', kind: 'feed' });
    assert.equal(again.status, 200);
    assert.equal((await json(again)).added, false);
    const list = await json(await app.request('/api/sources'));
    assert.ok(list.sources.some((s: { url: string }) => s.url === 'https://wire.example/feed.xml'));
    const removed = await send('DELETE', `/api/sources/${added.source.id}`);
    assert.equal(removed.status, 200);
    await expectError(await send('DELETE', `/api/sources/${added.source.id}`), 404, 'E_NOT_FOUND');
    const byUrl = (await json(await send('POST', '/api/sources', { url: 'https://paper.example/', kind: 'page' }))).source;
    assert.equal((await send('DELETE', `/api/sources/${encodeURIComponent(byUrl.url)}`)).status, 200);
  });

  test('bad bodies: 400 naming the field, 415 for not JSON, 400 for broken JSON', async () => {
    assert.match(await expectError(await send('POST', '/api/sources', { url: 'ftp://x.example/' }), 400, 'E_USAGE'), /url/);
    assert.match(await expectError(await send('POST', '/api/sources', { url: 'https://x.example/', kind: 'podcast' }), 400, 'E_USAGE'), /kind/);
    await expectError(await send('POST', '/api/sources', '{"url":'), 400, 'E_USAGE');
    await expectError(await send('POST', '/api/sources', 'url=x', { 'Content-Type': 'application/x-www-form-urlencoded' }), 415, 'E_MEDIA_TYPE');
  });

  test('without a fetcher, a source needs its kind', async () => {
    const bare = createApp(store);
    const response = await bare.request('/api/sources', { method: 'POST', headers: { ...auth(writeToken), 'Content-Type': 'application/json' }, body: '{"url":"https://b.example/"}' });
    assert.match(await expectError(response, 400, 'E_USAGE'), /kind/);
  });
});

describe('ingest', () => {
  const post = (body: string | Uint8Array, type: string | null, path = '/api/ingest', target = app) =>
    target.request(path, { method: 'POST', headers: { ...auth(writeToken), ...(type ? { 'Content-Type': type } : {}) }, body });

  test('raw wire text: stored as a capture, its article searchable; the same bytes again are a duplicate', async () => {
    const first = await post(RELEASE, 'text/plain; charset=utf-8');
    assert.equal(first.status, 201);
    const stored = await json(first);
    assert.equal(stored.capture, 'new');
    assert.equal(stored.articles.length, 1);
    const article = await json(await app.request(`/api/articles/${stored.articles[0]}`));
    assert.equal(article.wire, 'PR Newswire');
    assert.equal(article.dateline.place, 'BEIJING');
    const again = await post(RELEASE, 'text/plain');
    assert.equal(again.status, 200);
    assert.deepEqual((await json(again)).articles, stored.articles);
    const hits = (await json(await app.request('/api/search?q=%22twelve%20crossings%22'))).hits;
    assert.deepEqual(hits.map((hit: { id: string }) => hit.id), stored.articles);
  });

  test('HTML with a URL for provenance; script in it comes back as data', async () => {
    const html = '<html><head><title>Evil &lt;b&gt;</title></head><body><article><h1>Ferry timetable</h1><p>The port said <script>alert(1)</script> the ferries run all night from Friday, with twelve crossings added to the timetable.</p><p>More text follows about the crossings and the timetable for the summer months ahead.</p></article></body></html>';
    const response = await post(html, 'text/html', '/api/ingest?url=https://port.example/ferries');
    assert.equal(response.status, 201);
    const [id] = (await json(response)).articles;
    const article = await app.request(`/api/articles/${id}`);
    assert.match(article.headers.get('content-type')!, /^application\/json/);
    const body = await json(article);
    assert.equal(body.url, 'https://port.example/ferries');
    assert.ok(!JSON.stringify(body).includes('<script>'));
  });

  test('a URL to fetch, through the fetcher; without one, 501', async () => {
    const response = await post('{"url":"https://wire.example/release"}', 'application/json');
    assert.equal(response.status, 201);
    const [id] = (await json(response)).articles;
    assert.equal((await json(await app.request(`/api/articles/${id}`))).url, 'https://wire.example/release');
    await expectError(await post('{"url":"https://wire.example/release"}', 'application/json', '/api/ingest', createApp(store)), 501, 'E_NOT_IMPLEMENTED');
    await expectError(await post('{"url":"file:///etc/passwd"}', 'application/json'), 400, 'E_USAGE');
  });

  test('refusals: empty 422, binary 422, no or unknown type 415, bad url 400, too large 413', async () => {
    await expectError(await post('', 'text/plain'), 422, 'E_INPUT_EMPTY');
    await expectError(await post('', 'text/plain'), 422, 'E_INPUT_EMPTY');
    await expectError(await post(new Uint8Array([0, 1, 2, 0, 255, 0, 0, 3, 0, 0]), 'text/plain'), 422, 'E_INPUT_BINARY');
    // A string body gets text/plain from fetch itself; bytes go without a type.
    await expectError(await post(new TextEncoder().encode(RELEASE), null), 415, 'E_MEDIA_TYPE');
    await expectError(await post(RELEASE, 'image/png'), 415, 'E_MEDIA_TYPE');
    await expectError(await post(RELEASE, 'text/plain', '/api/ingest?url=javascript:alert(1)'), 400, 'E_USAGE');
    await expectError(await post('x'.repeat(65 * 1024), 'text/plain'), 413, 'E_INPUT_TOO_LARGE');
    const unsized = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 80; i++) controller.enqueue(new Uint8Array(1024).fill(65));
        controller.close();
      },
    });
    const streamed = await app.request('/api/ingest', { method: 'POST', headers: { ...auth(writeToken), 'Content-Type': 'text/plain' }, body: unsized, duplex: 'half' } as RequestInit);
    await expectError(streamed, 413, 'E_INPUT_TOO_LARGE');
  });
});

describe('hostile input', () => {
  test('path traversal reaches no file', async () => {
    for (const path of ['/api/articles/..%2F..%2Fetc%2Fpasswd', '/api/articles/../../etc/passwd', '/../../etc/passwd', '/api/stories/%2e%2e%2f%2e%2e%2fetc', '/api/articles/%E0%A4%A']) {
      const response = await app.request(path);
      assert.ok(response.status === 404 || response.status === 400, `${path}: ${response.status}`);
      const text = await response.text();
      assert.ok(!text.includes('root:'), path);
      assert.doesNotThrow(() => JSON.parse(text));
    }
  });

  test('CR LF in inputs never reaches a response header', async () => {
    for (const path of ['/api/articles/x%0D%0ASet-Cookie:%20a=1', '/api/search?q=%0D%0ASet-Cookie:%20a=1', '/api/stories/%0d%0aX-Injected:%201']) {
      const response = await app.request(path);
      assert.equal(response.headers.get('set-cookie'), null);
      assert.equal(response.headers.get('x-injected'), null);
      for (const [, value] of response.headers) assert.ok(!/[\r\n]/.test(value));
    }
  });

  test('an internal failure is a 500 with no stack, and is logged', async () => {
    const broken = await openStore(':memory:');
    await broken.close();
    const failing = createApp(broken, { log: (message) => logged.push(message) });
    const message = await expectError(await failing.request('/api/stats'), 500, 'E_STORE');
    assert.ok(!/at |\.ts|\.js|closed/.test(message), message);
    assert.ok(logged.some((line) => line.includes('/api/stats')));
  });
});
