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
