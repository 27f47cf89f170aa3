// Reader threads against a real file: they answer what the store on this thread answers, side
// by side; they leave the file as it was; a reader that stops is replaced and its requests are
// refused, never left waiting; closing ends every thread.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Article } from '../../core/index.js';
import { ingest } from '../../ingest/index.js';
import { parseQuery } from '../../query/index.js';
import { article, captureRecord } from '../../store/conformance-data.js';
import { openStore, type Store } from '../../store/index.js';
import { READER_IN_FLIGHT, ReaderPool } from './index.js';

const inbox = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'samples', 'inbox');
const dir = mkdtempSync(join(tmpdir(), 'dateline-readers-'));
const database = join(dir, 'readers.db');
/** More matches than one export page, so an export crosses pages. */
const HARBOUR_ARTICLES = 1200;

let store: Store;
let pool: ReaderPool;

before(async () => {
  store = await openStore(database);
  await ingest(store, [inbox], { workers: false });
  const record = captureRecord('many harbour notices', { expectedArticles: HARBOUR_ARTICLES });
  const notices = Array.from({ length: HARBOUR_ARTICLES }, (_, i) => article(record.capture.id, i, { text: `Harbour notice number ${i}.` }));
  await store.writeCapture(record, notices);
  pool = await ReaderPool.open(database, 2, { log: () => undefined });
});
after(async () => {
  await pool.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function collect(articles: AsyncIterable<Article>): Promise<string[]> {
  const ids: string[] = [];
  for await (const a of articles) ids.push(a.id);
  return ids;
}

describe('reading through the pool', () => {
  test('concurrent reads answer what the store on this thread answers', async () => {
    const queries = ['port', 'ferry OR ferries', 'Corvenna', 'harbour', 'place:"new york"', 'vaccine'].map((q) => parseQuery(q));
    const hit = (await store.search(parseQuery('Corvenna'), { limit: 1, collapse: 'none' }))[0]!;
    const asked = () =>
      queries.flatMap((query) => [
        (r: Pick<Store, 'search' | 'facets'>) => r.search(query, { limit: 10, offset: 2, collapse: 'none', sort: 'newest' }),
        (r: Pick<Store, 'search' | 'facets'>) => r.search(query, { limit: 5 }),
        (r: Pick<Store, 'search' | 'facets'>) => r.facets(query, { interval: 'week' }),
      ]);
    // Forty requests at once across two readers, each compared with this thread's answer.
    const calls = [...asked(), ...asked(), ...asked()];
    const fromPool = await Promise.all([...calls.map((ask) => ask(pool)), pool.stats(), pool.getArticle(hit.id), pool.getStory(hit.storyId!), pool.getArticle('nope')]);
    const fromStore = await Promise.all([...calls.map((ask) => ask(store)), store.stats(), store.getArticle(hit.id), store.getStory(hit.storyId!), store.getArticle('nope')]);
    assert.deepEqual(fromPool, fromStore);
    assert.equal(fromPool.at(-1), null);
  });

  test('an export crosses pages in one reader and ends; one left early lets go', async () => {
    const query = parseQuery('harbour');
    const all = await collect(pool.articlesMatching(query));
    assert.deepEqual(all, await collect(store.articlesMatching(query)));
    assert.equal(all.length, HARBOUR_ARTICLES);
    for await (const _ of pool.articlesMatching(query)) break;
    assert.equal((await pool.stats()).articles, (await store.stats()).articles);
  });

  test('a read after a write on this thread sees the write', async () => {
    const record = captureRecord('a late notice about lighthouses');
    await store.writeCapture(record, [article(record.capture.id, 0, { text: 'Lighthouse keepers return to Corvenna.' })]);
    const hits = await pool.search(parseQuery('lighthouse'), { limit: 5 });
    assert.deepEqual(hits.map((h) => h.id), [article(record.capture.id, 0).id]);
  });

  test('readers leave the file as it was', async () => {
    const fingerprint = () => ['', '-wal'].map((suffix) => createHash('sha256').update(readFileSync(database + suffix)).digest('hex'));
    const before = fingerprint();
    await Promise.all([pool.stats(), pool.search(parseQuery('port'), { limit: 3 }), collect(pool.articlesMatching(parseQuery('ferry')))]);
    const other = await ReaderPool.open(database, 1, { log: () => undefined });
    await other.stats();
    await other.close();
    assert.deepEqual(fingerprint(), before);
  });

  test('the connection a reader opens refuses writes', async () => {
    const readOnly = await openStore(database, { readonly: true });
    try {
      const record = captureRecord('a write that must not land');
      await assert.rejects(readOnly.writeCapture(record, [article(record.capture.id, 0)]), { code: 'E_STORE', message: /readonly/ });
    } finally {
      await readOnly.close();
    }
  });
});

describe('failures', () => {
  test("a reader's DatelineError arrives with its code", async () => {
    await assert.rejects(ReaderPool.open(join(dir, 'missing.db'), 1), (error: { code?: string; message?: string }) => error.code === 'E_STORE' && /cannot open/.test(error.message ?? ''));
  });

  test('a reader that stops is replaced; what it held is refused with E_UNAVAILABLE, what waited goes to the new one', async () => {
    const logged: string[] = [];
    const small = await ReaderPool.open(database, 1, { log: (m) => logged.push(m) });
    try {
      const [thread] = small.threads;
      const stopping = thread!.terminate();
      // The first READER_IN_FLIGHT go to the stopping reader; the rest wait in the pool's queue.
      const asked = Array.from({ length: READER_IN_FLIGHT + 2 }, () => small.stats());
      const outcomes = await Promise.allSettled(asked);
      await stopping;
      const expected = { status: 'fulfilled', value: await store.stats() };
      const refused = { status: 'rejected', code: 'E_UNAVAILABLE' };
      assert.deepEqual(
        outcomes.map((o) => (o.status === 'rejected' ? { status: o.status, code: (o.reason as { code: string }).code } : o)),
        [...Array<unknown>(READER_IN_FLIGHT).fill(refused), expected, expected],
      );
      assert.equal(small.size, 1);
      assert.notEqual(small.threads[0], thread);
      assert.match(logged.join('\n'), /reader thread stopped.*starting another/);
    } finally {
      await small.close();
    }
  });

  test('an export whose reader stopped between pages is refused', async () => {
    const small = await ReaderPool.open(database, 1, { log: () => undefined });
    try {
      const pages = small.articlesMatching(parseQuery('harbour'))[Symbol.asyncIterator]();
      assert.equal((await pages.next()).done, false);
      await small.threads[0]!.terminate();
      await assert.rejects(async () => {
        for (;;) if ((await pages.next()).done) break;
      }, { code: 'E_UNAVAILABLE' });
    } finally {
      await small.close();
    }
  });

  test('close ends every reader and refuses what comes after', async () => {
    const closing = await ReaderPool.open(database, 2, { log: () => undefined });
    const threads = closing.threads;
    const waiting = assert.rejects(closing.stats(), { code: 'E_UNAVAILABLE' });
    await closing.close();
    assert.deepEqual(threads.map((t) => t.threadId), [-1, -1]);
    assert.equal(closing.size, 0);
    await waiting;
    await assert.rejects(closing.search(parseQuery('port'), { limit: 1 }), { code: 'E_UNAVAILABLE' });
  });
});
