// What the API serves for other tools: facets beside a search, exports streamed, searches as
// feeds (read back by our own feed reader, with validators and 304s), and rate limits.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseFeedDocument } from '../formats/feed/index.js';
import { ingest } from '../ingest/index.js';
import { openStore, type Store } from '../store/index.js';
import { createApp, createToken } from './index.js';

const inbox = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'samples', 'inbox');

let store: Store;
let app: ReturnType<typeof createApp>;

before(async () => {
  store = await openStore(':memory:');
  await ingest(store, [inbox], { workers: false });
  app = createApp(store, { rateLimit: null, log: () => {} });
});
after(() => store.close());

test('search with facets=true counts every match by wire, source, place and language, with a histogram', async () => {
  const response = await app.request('/api/search?q=port&limit=2&facets=true&interval=week');
  assert.equal(response.status, 200);
  const body = (await response.json()) as { hits: unknown[]; facets: { total: number; interval: string; byWire: { key: string | null; count: number }[]; histogram: { key: string }[] } };
  assert.equal(body.hits.length, 2);
  assert.equal(body.facets.total, (await store.facets((await import('../query/index.js')).parseQuery('port'))).total);
  assert.ok(body.facets.total > 2, 'facets count every match, not the page');
  assert.equal(body.facets.interval, 'week');
  assert.ok(body.facets.histogram.every((bucket) => new Date(`${bucket.key}T00:00:00Z`).getUTCDay() === 1), 'weeks are keyed by their Monday');
  assert.equal((await (await app.request('/api/search?q=port')).json() as { facets?: unknown }).facets, undefined);
  assert.equal((await app.request('/api/search?q=port&interval=year')).status, 400);
});

test('export streams every match as JSON lines, CSV or ninjs', async () => {
  const jsonl = await app.request('/api/export?q=lang:es');
  assert.equal(jsonl.status, 200);
  assert.match(jsonl.headers.get('content-type') ?? '', /application\/x-ndjson/);
  const lines = (await jsonl.text()).trim().split('\n').map((line) => JSON.parse(line) as { language: string });
  assert.equal(lines.length, 2);
  assert.ok(lines.every((article) => article.language === 'es'));
  const csv = await app.request('/api/export?q=lang:es&format=csv');
  assert.match(csv.headers.get('content-type') ?? '', /text\/csv/);
  assert.equal((await csv.text()).trim().split('\r\n').length, 3);
  const ninjs = (await (await app.request('/api/export?q=lang:es&format=ninjs')).text()).trim().split('\n').map((line) => JSON.parse(line) as { standard: { name: string } });
  assert.deepEqual(ninjs.map((item) => item.standard.name), ['ninjs', 'ninjs']);
  assert.equal((await app.request('/api/export?q=lang:es&format=xml')).status, 400);
  assert.equal((await app.request('/api/export?q=(broken')).status, 400);
});

for (const format of ['rss', 'atom', 'json'] as const) {
  test(`/feeds/search.${format}: a valid feed our reader reads back, with ETag and Last-Modified, 304 when unchanged`, async () => {
    const response = await app.request(`http://127.0.0.1:8080/feeds/search.${format}?q=${encodeURIComponent('port expansion')}`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', { rss: /rss\+xml/, atom: /atom\+xml/, json: /feed\+json/ }[format]);
    const parsed = parseFeedDocument(await response.text(), { name: format });
    assert.equal(parsed.bozo, false);
    const hits = await store.search((await import('../query/index.js')).parseQuery('port expansion'), { limit: 50, sort: 'newest', collapse: 'story' });
    assert.equal(parsed.items.length, hits.length);
    assert.deepEqual(parsed.items.map((item) => item.guid), hits.map((hit) => `urn:dateline:article:${hit.id}`));
    const etag = response.headers.get('etag')!;
    const lastModified = response.headers.get('last-modified')!;
    assert.ok(etag && lastModified);
    const again = await app.request(`http://127.0.0.1:8080/feeds/search.${format}?q=${encodeURIComponent('port expansion')}`, { headers: { 'If-None-Match': etag } });
    assert.equal(again.status, 304);
    assert.equal(await again.text(), '');
    const since = await app.request(`http://127.0.0.1:8080/feeds/search.${format}?q=${encodeURIComponent('port expansion')}`, { headers: { 'If-Modified-Since': lastModified } });
    assert.equal(since.status, 304);
  });
}

test('feeds that do not exist, or a bad query, answer JSON errors', async () => {
  assert.equal((await app.request('/feeds/search.xml?q=port')).status, 404);
  assert.equal((await app.request('/feeds/other.rss?q=port')).status, 404);
  assert.equal((await app.request('/feeds/search.rss?q=(port')).status, 400);
  assert.equal((await app.request('/feeds/search.rss')).status, 400);
});

test('rate limits: past the burst, 429 with Retry-After; a token has a budget of its own', async () => {
  const limited = createApp(store, { rateLimit: { perSecond: 1, burst: 3 }, log: () => {} });
  const statuses: number[] = [];
  for (let i = 0; i < 4; i++) statuses.push((await limited.request('/api/stats')).status);
  assert.deepEqual(statuses, [200, 200, 200, 429]);
  const refused = await limited.request('/api/stats');
  assert.equal(refused.status, 429);
  assert.ok(Number(refused.headers.get('retry-after')) >= 1);
  assert.equal(((await refused.json()) as { error: { code: string } }).error.code, 'E_RATE_LIMITED');
  const { token } = await createToken(store, { scope: 'read' });
  assert.equal((await limited.request('/api/stats', { headers: { Authorization: `Bearer ${token}` } })).status, 200);
});
