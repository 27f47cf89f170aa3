// The API with reader threads, over the wire: many clients at once get what the in-process API
// gives, a write is seen by the next read, a reader's failure keeps its status, and closing the
// server ends the readers (a thread left running would keep this file from exiting).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { ingest } from '../ingest/index.js';
import { parseQuery } from '../query/index.js';
import { openStore, type Store } from '../store/index.js';
import { createApp, createToken, ReaderPool, serve } from './index.js';

const inbox = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'samples', 'inbox');
const dir = mkdtempSync(join(tmpdir(), 'dateline-serve-readers-'));
const database = join(dir, 'served.db');

let store: Store;
let writeToken: string;

before(async () => {
  store = await openStore(database);
  await ingest(store, [inbox], { workers: false });
  writeToken = (await createToken(store, { scope: 'write' })).token;
});
after(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('serve() with reader threads', () => {
  test('32 clients at once get what the in-process API answers', async () => {
    const server = await serve(store, { host: '127.0.0.1', port: 0, rateLimit: null, readers: { database, count: 2 } });
    try {
      assert.equal(server.readers, 2);
      const inProcess = createApp(store, { rateLimit: null });
      const some = (await (await inProcess.request('/api/search?q=Corvenna&limit=1')).json()) as { hits: Array<{ id: string; storyId: string }> };
      const { id, storyId } = some.hits[0]!;
      const paths = [
        '/api/search?q=port&limit=3',
        '/api/search?q=ferry%20OR%20vaccine&limit=5&sort=newest&collapse=none',
        '/api/search?q=Corvenna&facets=true&interval=day',
        `/api/articles/${id}`,
        `/api/stories/${storyId}`,
        '/api/stats',
        '/api/export?q=port&format=csv',
        '/feeds/search.json?q=port',
        '/api/articles/nope',
      ];
      const asked = Array.from({ length: 32 }, (_, i) => paths[i % paths.length]!);
      const answers = await Promise.all(asked.map(async (path) => {
        const response = await fetch(server.url + path);
        return { path, status: response.status, body: await response.text() };
      }));
      for (const answer of answers) {
        const expected = await inProcess.request(server.url + answer.path);
        assert.deepEqual(answer, { path: answer.path, status: expected.status, body: await expected.text() });
      }
      assert.ok(answers.some((a) => a.status === 404));
    } finally {
      await server.close();
    }
  });

  test('a read after a write sees it', async () => {
    const server = await serve(store, { host: '127.0.0.1', port: 0, readers: { database, count: 2 } });
    try {
      const release = 'OSLO, May 2, 2024 /PRNewswire/ -- Quillmere Fjord Lines will add a night crossing, the operator said.\n\nTickets go on sale Monday.\n';
      const posted = await fetch(`${server.url}/api/ingest`, { method: 'POST', body: release, headers: { 'Content-Type': 'text/plain', Authorization: `Bearer ${writeToken}` } });
      assert.equal(posted.status, 201);
      const { articles } = (await posted.json()) as { articles: string[] };
      const found = (await (await fetch(`${server.url}/api/search?q=Quillmere`)).json()) as { hits: Array<{ id: string }> };
      assert.deepEqual(found.hits.map((hit) => hit.id), articles);
      assert.equal((await fetch(`${server.url}/api/articles/${articles[0]}`)).status, 200);
    } finally {
      await server.close();
    }
  });

  test('a capture of a megabyte or more is parsed in a worker and stored whole', async () => {
    const archive = readFileSync(join(inbox, 'archive-1987.sgm'), 'utf8');
    const copies = Math.ceil((1024 * 1024) / archive.length) + 1;
    const perCopy = archive.match(/<REUTERS /g)!.length;
    const body = Array.from({ length: copies }, () => archive).join('\n');
    const server = await serve(store, { host: '127.0.0.1', port: 0, readers: { database, count: 1 } });
    try {
      const posted = await fetch(`${server.url}/api/ingest`, { method: 'POST', body, headers: { 'Content-Type': 'text/plain', Authorization: `Bearer ${writeToken}` } });
      assert.equal(posted.status, 201);
      const { articles } = (await posted.json()) as { articles: string[] };
      assert.equal(articles.length, copies * perCopy);
      const last = (await (await fetch(`${server.url}/api/articles/${articles.at(-1)}`)).json()) as { id: string };
      assert.equal(last.id, articles.at(-1));
    } finally {
      await server.close();
    }
  });

  test('an in-memory store is answered on this thread', async () => {
    const memory = await openStore(':memory:');
    try {
      const server = await serve(memory, { host: '127.0.0.1', port: 0, readers: { database: ':memory:', count: 2 } });
      assert.equal(server.readers, 0);
      assert.equal((await fetch(`${server.url}/api/stats`)).status, 200);
      await server.close();
    } finally {
      await memory.close();
    }
  });
});

describe("a reader's failure, as the client sees it", () => {
  test("a store error in a reader is a 500 with the store's code; the log has the reader's message", async () => {
    // A copy of the store with one article's stored JSON broken: reading that article fails in the reader.
    const broken = join(dir, 'broken.db');
    const copy = await openStore(broken);
    await ingest(copy, [join(inbox, 'acme-kestrel2-launch.prnewswire.txt')], { workers: false });
    const [hit] = await copy.search(parseQuery('Kestrel'), { limit: 1 });
    await copy.close();
    new Database(broken).prepare("UPDATE articles SET json = '{broken' WHERE id = ?").run(hit!.id);
    const logged: string[] = [];
    const server = await serve(store, { host: '127.0.0.1', port: 0, log: (m) => logged.push(m), readers: { database: broken, count: 1 } });
    try {
      const response = await fetch(`${server.url}/api/articles/${hit!.id}`);
      assert.equal(response.status, 500);
      const body = (await response.json()) as { error: { code: string; message: string } };
      assert.equal(body.error.code, 'E_STORE');
      assert.doesNotMatch(body.error.message, /JSON/);
      assert.match(logged.join('\n'), /reading article .*JSON/);
      assert.equal((await fetch(`${server.url}/api/articles/nope`)).status, 404);
    } finally {
      await server.close();
    }
  });

  test('a reader that stops mid-request is a 503 with Retry-After, and the next request is answered', async () => {
    const pool = await ReaderPool.open(database, 1, { log: () => undefined });
    const app = createApp(store, { reads: pool, rateLimit: null, log: () => undefined });
    try {
      const stopping = pool.threads[0]!.terminate();
      const refused = await app.request('/api/stats');
      await stopping;
      assert.equal(refused.status, 503);
      assert.equal(refused.headers.get('retry-after'), '1');
      assert.equal(((await refused.json()) as { error: { code: string } }).error.code, 'E_UNAVAILABLE');
      assert.equal((await app.request('/api/stats')).status, 200);
    } finally {
      await pool.close();
    }
  });
});
