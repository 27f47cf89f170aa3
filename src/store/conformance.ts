// The Store conformance suite: the whole Store contract as node:test tests, run against every
// backend (SQLite now, PostgreSQL later) so they can be swapped without callers noticing.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isDatelineError } from '../core/index.js';
import { parseQuery } from '../query/index.js';
import { CORPUS, article, captureRecord } from './conformance-data.js';
import { articleRow } from './rows.js';
import type { Store } from './store.js';

/** Opens a fresh store, runs `body` with it, and closes it whatever happens. */
async function withStore(open: () => Promise<Store>, body: (store: Store) => Promise<void>): Promise<void> {
  const store = await open();
  try {
    await body(store);
  } finally {
    await store.close();
  }
}

/** Stores the corpus (one capture per entry) and returns the article id of each entry by name. */
async function loadCorpus(store: Store): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const batch = CORPUS.map((entry) => {
    const record = captureRecord(`corpus ${entry.name}`);
    const one = article(record.capture.id, 0, entry.fields);
    ids.set(entry.name, one.id);
    return { record, articles: [one] };
  });
  const results = await store.writeCaptures(batch);
  assert.ok(results.every((result) => result.capture === 'new'));
  return ids;
}

function rejectsWith(code: string): (error: unknown) => boolean {
  return (error) => isDatelineError(error) && error.code === code;
}

export function runStoreConformance(name: string, open: () => Promise<Store>): void {
  describe(`Store conformance: ${name}`, () => {
    describe('captures and articles', () => {
      test('the same capture twice creates nothing new', () =>
        withStore(open, async (store) => {
          const record = captureRecord('same bytes');
          const articles = [article(record.capture.id, 0)];
          assert.deepEqual(await store.writeCapture(record, articles), { capture: 'new', articlesAdded: 1 });
          assert.deepEqual(await store.writeCapture(record, articles), { capture: 'existing', articlesAdded: 0 });
          const stats = await store.stats();
          assert.equal(stats.captures, 1);
          assert.equal(stats.articles, 1);
        }));

      test('a capture and its articles read back as written', () =>
        withStore(open, async (store) => {
          const record = captureRecord('read back', { expectedArticles: 2 });
          const first = article(record.capture.id, 0, { tickers: [{ exchange: 'NYSE', symbol: 'ACME' }], extra: { k: [1] } });
          // Paragraphs that are not simply the text split at blank lines must come back as given.
          const second = article(record.capture.id, 1, { text: 'One.\n\nTwo.', paragraphs: ['One.\n', 'Two.'] });
          await store.writeCapture(record, [first, second]);
          const stored = await store.getCapture(record.capture.id);
          assert.ok(stored);
          assert.deepEqual(stored.capture, record.capture);
          assert.ok(stored.bytes instanceof Uint8Array);
          assert.deepEqual(Array.from(stored.bytes), Array.from(record.bytes));
          assert.deepEqual(await store.getArticle(first.id), first);
          assert.deepEqual(await store.getArticle(second.id), second);
          // Rows made ahead (as a parse worker sends them) store the same articles.
          const rows = captureRecord('read back as rows');
          const fromRows = [article(rows.capture.id, 0, { tickers: [{ exchange: 'NASDAQ', symbol: 'ACME' }] }), article(rows.capture.id, 1, { text: 'A.\n\nB.', paragraphs: ['A.', 'B.'] })];
          await store.writeCapture(rows, []);
          assert.equal(await store.appendArticles(rows.capture.id, fromRows.map(articleRow), 2), 2);
          for (const one of fromRows) assert.deepEqual(await store.getArticle(one.id), one);
          const found = (await store.search(parseQuery('ticker:ACME'), { limit: 10, collapse: 'none' })).map((hit) => hit.id);
          assert.ok(found.includes(fromRows[0]!.id), 'a row\'s folded ticker key is searchable');
          assert.equal(await store.getArticle('0000000000000000'), null);
          assert.equal(await store.getCapture('0'.repeat(64)), null);
          assert.deepEqual(await store.captureState(record.capture.id), {
            id: record.capture.id,
            storedArticles: 2,
            expectedArticles: 2,
            complete: true,
            error: null,
          });
          assert.equal(await store.captureState('f'.repeat(64)), null);
        }));

      test('a feed item polled again: unchanged it stays, changed it is revised and the old version kept', () =>
        withStore(open, async (store) => {
          const id = 'feed-item-0001';
          const first = captureRecord('feed poll 1');
          const v1 = { ...article(first.capture.id, 0, { title: 'Ferry order placed', text: 'Two ferries.', paragraphs: ['Two ferries.'] }), id };
          await store.writeCapture(first, [v1]);
          // The next poll returns the same item unchanged: nothing is written.
          const second = captureRecord('feed poll 2');
          assert.deepEqual(await store.writeCapture(second, [{ ...v1, captureId: second.capture.id }]), { capture: 'new', articlesAdded: 0 });
          assert.deepEqual(await store.articleRevisions(id), []);
          // A later poll carries a corrected text: the article is revised, the first version kept.
          const third = captureRecord('feed poll 3');
          const v2 = { ...v1, captureId: third.capture.id, text: 'Two electric ferries.', paragraphs: ['Two electric ferries.'] };
          assert.deepEqual(await store.writeCapture(third, [v2]), { capture: 'new', articlesAdded: 1 });
          assert.deepEqual(await store.getArticle(id), v2);
          const revisions = await store.articleRevisions(id);
          assert.equal(revisions.length, 1);
          assert.equal(revisions[0]!.revision, 1);
          assert.equal(revisions[0]!.captureId, first.capture.id);
          assert.deepEqual(revisions[0]!.article, v1);
          // The index follows: the new wording is found, the old one no longer.
          assert.equal((await store.search(parseQuery('electric'), { limit: 5 })).length, 1);
          // Replaying the first capture (reprocess) does not turn the clock back.
          await store.replaceArticles(first.capture.id, [v1], null);
          assert.deepEqual(await store.getArticle(id), v2);
          assert.equal((await store.articleRevisions(id)).length, 1);
        }));

      test('hasArticleUrl finds an article by its exact URL', () =>
        withStore(open, async (store) => {
          const record = captureRecord('article urls');
          await store.writeCapture(record, [
            article(record.capture.id, 0, { url: 'https://wire.example/news/ferries' }),
            article(record.capture.id, 1),
          ]);
          assert.equal(await store.hasArticleUrl('https://wire.example/news/ferries'), true);
          assert.equal(await store.hasArticleUrl('https://wire.example/news/ferries?page=2'), false);
          assert.equal(await store.hasArticleUrl('https://wire.example/news/'), false);
        }));

      test('tokens: stored with their hash, listed without it, revoked once', () =>
        withStore(open, async (store) => {
          const hash = new Uint8Array(32).fill(7);
          await store.addToken({ id: 'tok1', name: 'reader', scope: 'read', hash, createdAt: '2024-06-01T00:00:00Z', revokedAt: null });
          await store.addToken({ id: 'tok2', name: null, scope: 'write', hash: new Uint8Array(32), createdAt: '2024-06-02T00:00:00Z', revokedAt: null });
          await assert.rejects(store.addToken({ id: 'tok1', name: null, scope: 'read', hash, createdAt: '2024-06-03T00:00:00Z', revokedAt: null }), rejectsWith('E_STORE'));
          const got = await store.getToken('tok1');
          assert.deepEqual(got && [...got.hash], [...hash]);
          assert.equal(got?.scope, 'read');
          assert.equal(await store.getToken('nope'), null);
          assert.deepEqual((await store.listTokens()).map((token) => [token.id, token.scope, 'hash' in token]), [['tok1', 'read', false], ['tok2', 'write', false]]);
          assert.equal(await store.revokeToken('tok1', '2024-06-04T00:00:00Z'), true);
          assert.equal(await store.revokeToken('tok1', '2024-06-05T00:00:00Z'), false);
          assert.equal(await store.revokeToken('nope', '2024-06-05T00:00:00Z'), false);
          assert.equal((await store.getToken('tok1'))?.revokedAt, '2024-06-04T00:00:00Z');
        }));

    test('sources: added once per URL, listed, due by their next poll, updated and removed', () =>
        withStore(open, async (store) => {
          const added = await store.addSource({ url: 'https://wire.example/feed.xml', kind: 'feed', title: 'Wire', folder: 'News/Wires' }, '2024-06-01T00:00:00Z');
          assert.equal(added.added, true);
          assert.equal(added.source.state.nextPollAt, '2024-06-01T00:00:00.000Z');
          assert.equal(added.source.fullText, false);
          const again = await store.addSource({ url: 'https://wire.example/feed.xml', kind: 'feed' }, '2024-06-02T00:00:00Z');
          assert.equal(again.added, false);
          assert.equal(again.source.title, 'Wire');
          const other = (await store.addSource({ url: 'https://paper.example/', kind: 'page', fullText: true }, '2024-06-01T00:00:00Z')).source;
          assert.deepEqual((await store.listSources()).map((source) => source.url), ['https://wire.example/feed.xml', 'https://paper.example/']);

          await store.updateSourceState(added.source.id, { nextPollAt: '2024-06-01T02:00:00Z', etag: '"v1"', lastStatus: 200, newItems: 4 });
          assert.deepEqual((await store.dueSources('2024-06-01T01:00:00Z', 10)).map((source) => source.id), [other.id]);
          const due = await store.dueSources('2024-06-01T03:00:00Z', 10);
          assert.deepEqual(due.map((source) => source.id), [other.id, added.source.id]);
          assert.equal(due[1]!.state.etag, '"v1"');
          assert.equal(due[1]!.state.newItems, 4);

          assert.equal(await store.removeSource('https://paper.example/'), true);
          assert.equal(await store.removeSource(other.id), false);
          await assert.rejects(store.updateSourceState(other.id, { lastError: 'x' }), rejectsWith('E_NOT_FOUND'));
          assert.equal((await store.listSources()).length, 1);
          // Several at once: the gone source is named and skipped, the others recorded.
          const gone = await store.updateSourceStates([
            { id: other.id, state: { lastError: 'x' } },
            { id: added.source.id, state: { etag: '"v2"', newItems: 0 } },
          ]);
          assert.deepEqual(gone, [other.id]);
          const [kept] = await store.listSources();
          assert.equal(kept!.state.etag, '"v2"');
          assert.equal(kept!.state.lastStatus, 200);
        }));

      test('a failing article write rolls back its capture', () =>
        withStore(open, async (store) => {
          const record = captureRecord('atomic');
          const good = article(record.capture.id, 0);
          const stray = article('e'.repeat(64), 1); // belongs to another capture
          await assert.rejects(store.writeCapture(record, [good, stray]), rejectsWith('E_STORE'));
          assert.equal(await store.captureState(record.capture.id), null);
          assert.equal(await store.getArticle(good.id), null);
          assert.equal((await store.stats()).articles, 0);
        }));

      test('writeCaptures keeps the good captures of a batch and reports the failed one', () =>
        withStore(open, async (store) => {
          const a = captureRecord('batch a');
          const b = captureRecord('batch b');
          const c = captureRecord('batch c');
          const results = await store.writeCaptures([
            { record: a, articles: [article(a.capture.id, 0)] },
            { record: b, articles: [article(b.capture.id, 0), article(a.capture.id, 1)] },
            { record: c, articles: [article(c.capture.id, 0)] },
          ]);
          assert.deepEqual(results[0], { capture: 'new', articlesAdded: 1 });
          assert.equal(results[1]?.capture, 'failed');
          assert.equal(results[1]?.articlesAdded, 0);
          assert.equal(results[1]?.error?.code, 'E_STORE');
          assert.deepEqual(results[2], { capture: 'new', articlesAdded: 1 });
          assert.equal(await store.captureState(b.capture.id), null);
          assert.equal((await store.captureState(c.capture.id))?.storedArticles, 1);
        }));

      test('a split capture is completed by appendArticles and by a rerun', () =>
        withStore(open, async (store) => {
          const record = captureRecord('split', { expectedArticles: 4 });
          const all = [0, 1, 2, 3].map((position) => article(record.capture.id, position));
          await store.writeCapture(record, all.slice(0, 2));
          assert.deepEqual(await store.captureState(record.capture.id), {
            id: record.capture.id,
            storedArticles: 2,
            expectedArticles: 4,
            complete: false,
            error: null,
          });
          assert.equal(await store.appendArticles(record.capture.id, all.slice(1, 3)), 1);
          assert.equal((await store.captureState(record.capture.id))?.complete, false);
          assert.deepEqual(await store.writeCapture(record, all), { capture: 'existing', articlesAdded: 1 });
          assert.equal((await store.captureState(record.capture.id))?.complete, true);
          await assert.rejects(store.appendArticles('a'.repeat(64), []), rejectsWith('E_NOT_FOUND'));
        }));

      test('a capture written while still being parsed stays incomplete until its total is stated', () =>
        withStore(open, async (store) => {
          const record = captureRecord('streamed', { expectedArticles: null });
          const all = [0, 1, 2].map((position) => article(record.capture.id, position));
          await store.writeCapture(record, all.slice(0, 2));
          const partial = await store.captureState(record.capture.id);
          assert.equal(partial?.expectedArticles, null);
          assert.equal(partial?.complete, false, 'a crash now leaves it for the rerun to finish');
          assert.equal(await store.appendArticles(record.capture.id, all.slice(2), 3), 1);
          assert.deepEqual(await store.captureState(record.capture.id), {
            id: record.capture.id,
            storedArticles: 3,
            expectedArticles: 3,
            complete: true,
            error: null,
          });
        }));

      test('replaceArticles keeps ids, replaces content and the index, and records the error', () =>
        withStore(open, async (store) => {
          const record = captureRecord('reprocess', { expectedArticles: 2 });
          const old = [0, 1].map((p) => article(record.capture.id, p, { text: `zebra crossing number ${p}` }));
          await store.writeCapture(record, old);
          const fresh = [0, 1, 2].map((p) => article(record.capture.id, p, { text: `giraffe sighting number ${p}` }));
          await store.replaceArticles(record.capture.id, fresh, null);
          assert.equal((await store.getArticle(old[0]!.id))?.text, 'giraffe sighting number 0');
          assert.equal((await store.search(parseQuery('zebra'), { limit: 10 })).length, 0);
          assert.equal((await store.search(parseQuery('giraffe'), { limit: 10 })).length, 3);
          assert.deepEqual(await store.captureState(record.capture.id), {
            id: record.capture.id,
            storedArticles: 3,
            expectedArticles: 3,
            complete: true,
            error: null,
          });
          const error = { code: 'E_NO_ARTICLE', message: 'no article text' };
          await store.replaceArticles(record.capture.id, [], error);
          assert.equal((await store.search(parseQuery('giraffe'), { limit: 10 })).length, 0);
          assert.deepEqual((await store.captureState(record.capture.id))?.error, error);
          await assert.rejects(store.replaceArticles('b'.repeat(64), [], null), rejectsWith('E_NOT_FOUND'));
        }));

      test('failed captures are kept and listed; ids come oldest first', () =>
        withStore(open, async (store) => {
          const bad = captureRecord('binary junk', {
            format: null,
            encoding: null,
            expectedArticles: 0,
            error: { code: 'E_INPUT_BINARY', message: 'not text' },
          });
          const good = captureRecord('good text');
          await store.writeCapture(bad, []);
          await store.writeCapture(good, [article(good.capture.id, 0)]);
          assert.deepEqual(await store.failedCaptures(), [
            { id: bad.capture.id, url: bad.capture.url, error: { code: 'E_INPUT_BINARY', message: 'not text' } },
          ]);
          const ids: string[] = [];
          for await (const id of store.captureIds()) ids.push(id);
          assert.deepEqual(ids, [bad.capture.id, good.capture.id]);
          const stats = await store.stats();
          assert.equal(stats.captures, 2);
          assert.equal(stats.failedCaptures, 1);
        }));
    });

    describe('search', () => {
      /** Runs each query against one loaded corpus and compares the set of entry names found. */
      async function expectMatches(store: Store, ids: Map<string, string>, cases: [string, string[]][]): Promise<void> {
        const nameOf = new Map([...ids].map(([entry, id]) => [id, entry]));
        for (const [query, expected] of cases) {
          const hits = await store.search(parseQuery(query), { limit: 50 });
          const names = hits.map((hit) => nameOf.get(hit.id) ?? hit.id).sort();
          assert.deepEqual(names, [...expected].sort(), `query ${query}`);
        }
      }

      test('terms, AND by default, OR, NOT, -, phrases, prefixes and groups', () =>
        withStore(open, async (store) => {
          const ids = await loadCorpus(store);
          await expectMatches(store, ids, [
            ['cocoa', ['cocoa-title', 'cocoa-body']],
            ['cocoa bahia', ['cocoa-title']],
            ['cocoa AND london', ['cocoa-body']],
            ['bahia OR globex', ['cocoa-title', 'globex']],
            ['cocoa NOT bahia', ['cocoa-body']],
            ['cocoa -bahia', ['cocoa-body']],
            ['grain -(cocoa OR coffee)', ['globex']],
            ['"research centre"', ['globex']],
            ['"centre research"', []],
            ['announ*', ['acme', 'globex']],
            ['+acme dividend', ['acme']],
            ['title:cocoa', ['cocoa-title']],
            ['text:cocoa', ['cocoa-body']],
            ['title:(bahia OR globex)', ['cocoa-title', 'globex']],
            ['nonexistentword', []],
          ]);
        }));

      test('filters and published ranges', () =>
        withStore(open, async (store) => {
          const ids = await loadCorpus(store);
          await expectMatches(store, ids, [
            ['cocoa wire:reuters', ['cocoa-title', 'cocoa-body']],
            ['wire:"business wire"', ['cafe']],
            ['source:"acme corp"', ['acme']],
            ['source:"cafe societe inc."', ['cafe']],
            ['place:london', ['cocoa-body']],
            ['place:atlanta', ['acme']],
            ['place:montreal', ['cafe']],
            ['lang:fr', ['cafe']],
            ['kind:agency', ['cocoa-title', 'cocoa-body']],
            ['kind:article', ['tokyo']],
            ['grain -wire:reuters', ['globex']],
            ['published:>=2024-01-01', ['cafe', 'acme', 'globex']],
            ['published:>2024-03-05', ['globex']],
            ['published:<1987-03-01', ['cocoa-title']],
            ['published:<=1987-03-02', ['cocoa-title', 'cocoa-body']],
            ['published:2024-03-05', ['acme']],
            ['published:=2023-07-04', ['beijing']],
            ['cocoa published:>=1987-03-01 published:<1988-01-01', ['cocoa-body']],
            ['(wire:kyodo OR bahia)', ['tokyo', 'cocoa-title']],
          ]);
        }));

      test('diacritics and case are ignored in text', () =>
        withStore(open, async (store) => {
          const ids = await loadCorpus(store);
          await expectMatches(store, ids, [
            ['cafe', ['cafe']],
            ['CAFÉ', ['cafe']],
            ['montreal', ['cafe']],
            ['equitable', ['cafe']],
          ]);
        }));

      test('CJK text is found by substring, short terms included', () =>
        withStore(open, async (store) => {
          const ids = await loadCorpus(store);
          await expectMatches(store, ids, [
            ['北京市', ['beijing']],
            ['稳步增长', ['beijing']],
            ['北京', ['beijing']],
            ['上海', ['beijing']],
            ['京', ['beijing', 'tokyo']],
            ['電気自動車', ['tokyo']],
            ['トヨタ', ['tokyo']],
            ['title:トヨタ', ['tokyo']],
            ['text:トヨタ', []],
            ['北京 wire:"pr newswire"', ['beijing']],
            ['北京 -上海', []],
            ['发布报告 OR 東京', ['beijing', 'tokyo']],
            ['"北京市 报告"', ['beijing']],
          ]);
        }));

      test('ranking puts title hits first; scores are higher-is-better', () =>
        withStore(open, async (store) => {
          const ids = await loadCorpus(store);
          // Pad the index so the term is rare enough for BM25 to weigh it.
          for (let i = 0; i < 20; i++) {
            const record = captureRecord(`padding ${i}`);
            await store.writeCapture(record, [article(record.capture.id, 0, { text: `Unrelated filler text ${i}.` })]);
          }
          const hits = await store.search(parseQuery('cocoa'), { limit: 10 });
          assert.equal(hits[0]?.id, ids.get('cocoa-title'));
          assert.equal(hits[1]?.id, ids.get('cocoa-body'));
          assert.ok(hits[0]!.score > hits[1]!.score, 'a title hit scores higher');
          assert.ok(hits[1]!.score > 0);
        }));

      test('sort newest: latest published first, undated last, with or without filters, collapsed or not', () =>
        withStore(open, async (store) => {
          const record = captureRecord('newest order');
          const dated = (i: number, published: string | null) =>
            article(record.capture.id, i, { title: `Harbour note ${i}`, text: `Tug boats ${'harbour '.repeat(5 - i)}notes ${i}.`, published, wire: 'Reuters' });
          await store.writeCapture(record, [dated(0, '2024-01-02T00:00:00Z'), dated(1, null), dated(2, '2024-03-01T00:00:00Z'), dated(3, '2023-12-31T00:00:00Z')]);
          for (const query of ['harbour', 'harbour wire:reuters']) {
            for (const collapse of ['none', 'story'] as const) {
              const hits = await store.search(parseQuery(query), { limit: 10, sort: 'newest', collapse });
              assert.deepEqual(hits.map((hit) => hit.published), ['2024-03-01T00:00:00Z', '2024-01-02T00:00:00Z', '2023-12-31T00:00:00Z', null], `${query} ${collapse}`);
              assert.ok(hits.every((hit) => hit.score > 0));
            }
          }
          const paged = await store.search(parseQuery('harbour'), { limit: 2, offset: 1, sort: 'newest', collapse: 'none' });
          assert.deepEqual(paged.map((hit) => hit.published), ['2024-01-02T00:00:00Z', '2023-12-31T00:00:00Z']);
        }));

      test('snippets highlight matches; hits carry their fields', () =>
        withStore(open, async (store) => {
          const ids = await loadCorpus(store);
          const [hit] = await store.search(parseQuery('futures'), { limit: 1 });
          assert.ok(hit);
          assert.equal(hit.id, ids.get('cocoa-body'));
          assert.match(hit.snippet, /\[\[futures\]\]/);
          assert.equal(hit.title, 'Commodity markets weekly review');
          assert.equal(hit.wire, 'Reuters');
          assert.equal(hit.source, null);
          assert.equal(hit.published, '1987-03-02T10:00:00');
          const [cjk] = await store.search(parseQuery('北京市'), { limit: 1 });
          assert.match(cjk?.snippet ?? '', /\[\[/);
          const [short] = await store.search(parseQuery('上海'), { limit: 1 });
          assert.match(short?.snippet ?? '', /\[\[上海\]\]/);
          const [long] = await store.search(parseQuery('place:toronto'), { limit: 1 });
          assert.ok(long && long.snippet.length > 0, 'a filter-only hit still shows its opening words');
        }));

      test('limit and offset page through the ranked hits', () =>
        withStore(open, async (store) => {
          await loadCorpus(store);
          const all = await store.search(parseQuery('wire:reuters OR wire:"pr newswire"'), { limit: 10 });
          assert.equal(all.length, 4);
          const page = await store.search(parseQuery('wire:reuters OR wire:"pr newswire"'), { limit: 2, offset: 1 });
          assert.deepEqual(
            page.map((hit) => hit.id),
            all.slice(1, 3).map((hit) => hit.id),
          );
          assert.deepEqual(await store.search(parseQuery('cocoa'), { limit: 0 }), []);
        }));
    });

    test('stats count by wire, source, language and month', () =>
      withStore(open, async (store) => {
        await loadCorpus(store);
        const stats = await store.stats();
        assert.equal(stats.captures, CORPUS.length);
        assert.equal(stats.articles, CORPUS.length);
        assert.equal(stats.failedCaptures, 0);
        const count = (rows: { key: string | null; count: number }[], key: string | null) =>
          rows.find((row) => row.key === key)?.count;
        assert.equal(count(stats.byWire, 'Reuters'), 2);
        assert.equal(count(stats.byWire, 'PR Newswire'), 2);
        assert.equal(count(stats.bySource, null), 2);
        assert.equal(count(stats.byLanguage, 'en'), 4);
        assert.equal(count(stats.byLanguage, 'zh'), 1);
        assert.equal(count(stats.byMonth, '1987-02'), 1);
        assert.equal(count(stats.byMonth, '2024-03'), 1);
        assert.equal(count(stats.byMonth, null), 1);
        assert.equal(stats.byWire[0]?.count, 2, 'most frequent first');
      }));

    test('user text with FTS5 syntax never reaches FTS5 raw', () =>
      withStore(open, async (store) => {
        await loadCorpus(store);
        const nasty = ['NEAR(cocoa', '"a" OR', 'col:x', 'title:^cocoa', 'cocoa*', '"NEAR(a b)"', 'a"b"c', '{title}:x', 'cocoa AND:x'];
        for (const text of nasty) {
          let query;
          try {
            query = parseQuery(text);
          } catch (error) {
            assert.ok(isDatelineError(error), `${text}: ${String(error)}`);
            continue;
          }
          await store.search(query, { limit: 5 });
        }
      }));
  });
}
