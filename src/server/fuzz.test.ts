// Fuzzed requests: random paths, query strings, methods, headers and bodies. Whatever comes in,
// the answer is never a 5xx and always a JSON body (an error body when it is not a 2xx), whether
// reads are answered in process or by reader threads. API_FUZZ_RUNS sets the number of requests
// (each way).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { DatelineError } from '../core/index.js';
import { anyQueryText } from '../query/arbitraries.js';
import { openStore, type Store } from '../store/index.js';
import { CORPUS, article, captureRecord } from '../store/conformance-data.js';
import { createApp, createToken } from './index.js';
import { ReaderPool } from './readers/index.js';

const SEED = Number(process.env.FAST_CHECK_SEED ?? 20261128);
const RUNS = Number(process.env.API_FUZZ_RUNS ?? 400);

let store: Store;
let app: ReturnType<typeof createApp>;
let threaded: ReturnType<typeof createApp>;
let readers: ReaderPool;
let token: string;
const dir = mkdtempSync(join(tmpdir(), 'dateline-fuzz-'));

before(async () => {
  // A file, so reader threads can open it too.
  store = await openStore(join(dir, 'fuzz.db'));
  await store.writeCaptures(CORPUS.map((entry) => {
    const record = captureRecord(`fuzz ${entry.name}`);
    return { record, articles: [article(record.capture.id, 0, entry.fields)] };
  }));
  token = (await createToken(store, { scope: 'write' })).token;
  // A fetcher that refuses every URL, as the SSRF guard does a private one: no network here.
  const fetcher = { fetch: async (url: string) => Promise.reject(new DatelineError('E_FETCH_BLOCKED', `fetch: ${url} is not allowed`)) };
  const options = { maxBodyBytes: 4096, fetcher, log: () => {}, rateLimit: null };
  app = createApp(store, options);
  readers = await ReaderPool.open(join(dir, 'fuzz.db'), 2);
  threaded = createApp(store, { ...options, reads: readers });
});
after(async () => {
  await readers.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const segment = fc.oneof(
  fc.constantFrom('api', 'search', 'articles', 'stories', 'stats', 'sources', 'ingest', 'openapi.json', 'healthz', '..', '.', '%2e%2e', '%2F', '%00', '%0d%0a', '%E0%A4%A', '%', ''),
  fc.string({ maxLength: 12 }).map(encodeURIComponent),
);
const path = fc.oneof(
  fc.constantFrom('/api/ingest', '/api/sources', '/api/search', '/api/stats', '/api/openapi.json', '/healthz'),
  fc.array(segment, { maxLength: 5 }).map((parts) => `/${parts.join('/')}`),
  fc.tuple(fc.constantFrom('/api/articles/', '/api/stories/', '/api/sources/'), segment).map(([a, b]) => a + b),
);
const searchQuery = fc.record({
  q: fc.option(anyQueryText, { nil: undefined }),
  limit: fc.option(fc.oneof(fc.integer({ min: -5, max: 200 }).map(String), fc.string({ maxLength: 5 })), { nil: undefined }),
  cursor: fc.option(fc.oneof(fc.string({ maxLength: 20 }), fc.integer({ min: -2, max: 1e9 }).map((o) => Buffer.from(JSON.stringify({ o })).toString('base64url'))), { nil: undefined }),
  collapse: fc.option(fc.constantFrom('story', 'none', 'x'), { nil: undefined }),
  sort: fc.option(fc.constantFrom('relevance', 'newest', ''), { nil: undefined }),
});
const body = fc.oneof(
  fc.constant(undefined),
  fc.string({ maxLength: 300 }),
  fc.json({ maxDepth: 2 }),
  fc.record({ url: fc.oneof(fc.webUrl(), fc.string({ maxLength: 30 })), kind: fc.constantFrom('feed', 'page', 'sitemap', 'x', undefined) }).map((v) => JSON.stringify(v)),
  fc.uint8Array({ maxLength: 6000 }),
);
const request = fc.record({
  method: fc.constantFrom('GET', 'POST', 'DELETE', 'PUT', 'HEAD', 'OPTIONS'),
  target: fc.oneof(path, searchQuery.map((params) => `/api/search?${new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined))}`)),
  contentType: fc.constantFrom(undefined, 'text/plain', 'text/html', 'application/json', 'application/json; charset=utf-8', 'image/png', ';;;'),
  authorization: fc.constantFrom(undefined, 'valid', 'Bearer ', 'Bearer dl_000000000000_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'Basic abc'),
  body,
});

for (const [how, server] of [['in process', () => app], ['through reader threads', () => threaded]] as const) {
  test(`${RUNS} fuzzed requests, reads ${how}: never a 5xx, always JSON`, () => fuzz(server()));
}

async function fuzz(app: ReturnType<typeof createApp>): Promise<void> {
  await fc.assert(
    fc.asyncProperty(request, async (r) => {
      const headers: Record<string, string> = {};
      if (r.contentType) headers['Content-Type'] = r.contentType;
      if (r.authorization) headers.Authorization = r.authorization === 'valid' ? `Bearer ${token}` : r.authorization;
      const hasBody = r.body !== undefined && r.method !== 'GET' && r.method !== 'HEAD';
      const response = await app.request(r.target, { method: r.method, headers, ...(hasBody ? { body: r.body as string | Uint8Array } : {}) });
      assert.ok(response.status < 500, `${r.method} ${r.target}: ${response.status} ${await response.clone().text()}`);
      if (r.method === 'HEAD') return;
      const text = await response.text();
      const parsed = JSON.parse(text) as { error?: { code: unknown; message: unknown } };
      if (response.status >= 400) {
        assert.equal(typeof parsed.error?.code, 'string');
        assert.equal(typeof parsed.error?.message, 'string');
      }
    }),
    { numRuns: RUNS, seed: SEED },
  );
}
