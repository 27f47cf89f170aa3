// Group commit: what concurrent polls write together goes in one transaction, and one bad
// capture, or a source removed meanwhile, fails only its own write.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isDatelineError } from '../core/index.js';
import { article, captureRecord } from '../store/conformance-data.js';
import { type Store, openStore } from '../store/index.js';
import { GroupWriter } from './group-writer.js';

/** The store, counting the batches its writeCaptures and updateSourceStates were given. */
async function countingStore(): Promise<{ store: Store; batches: number[]; stateBatches: number[] }> {
  const store = await openStore(':memory:');
  const batches: number[] = [];
  const stateBatches: number[] = [];
  const writeCaptures = store.writeCaptures.bind(store);
  const updateSourceStates = store.updateSourceStates.bind(store);
  store.writeCaptures = (batch) => (batches.push(batch.length), writeCaptures(batch));
  store.updateSourceStates = (updates) => (stateBatches.push(updates.length), updateSourceStates(updates));
  return { store, batches, stateBatches };
}

test('captures written together go in one transaction; a bad one fails alone', async () => {
  const { store, batches } = await countingStore();
  try {
    const writer = new GroupWriter(store);
    const good = [captureRecord('first feed'), captureRecord('second feed')];
    const bad = captureRecord('third feed');
    const results = await Promise.allSettled([
      writer.write(good[0]!, [article(good[0]!.capture.id, 0)]),
      // An article that names another capture: the store refuses it.
      writer.write(bad, [article(good[0]!.capture.id, 1)]),
      writer.write(good[1]!, [article(good[1]!.capture.id, 0), article(good[1]!.capture.id, 1)]),
    ]);
    assert.deepEqual(batches, [3]);
    assert.deepEqual(results[0], { status: 'fulfilled', value: { capture: 'new', articlesAdded: 1 } });
    assert.deepEqual(results[2], { status: 'fulfilled', value: { capture: 'new', articlesAdded: 2 } });
    assert.equal(results[1]!.status, 'rejected');
    assert.ok(isDatelineError((results[1] as PromiseRejectedResult).reason), 'the failure is the store\'s error');
    assert.equal(await store.captureState(bad.capture.id), null, 'nothing of the bad capture is kept');
    assert.equal((await store.captureState(good[1]!.capture.id))?.storedArticles, 2);

    // A write after the batch goes in a batch of its own.
    const later = captureRecord('fourth feed');
    await writer.write(later, []);
    assert.deepEqual(batches, [3, 1]);
  } finally {
    await store.close();
  }
});

test('source states recorded together; a source removed meanwhile rejects with E_NOT_FOUND', async () => {
  const { store, stateBatches } = await countingStore();
  try {
    const writer = new GroupWriter(store);
    const { source: kept } = await store.addSource({ url: 'https://wire.example/feed.xml', kind: 'feed' }, '2024-06-01T00:00:00Z');
    const { source: removed } = await store.addSource({ url: 'https://paper.example/feed.xml', kind: 'feed' }, '2024-06-01T00:00:00Z');
    await store.removeSource(removed.id);
    const results = await Promise.allSettled([
      writer.updateSourceState(kept.id, { etag: '"v1"', newItems: 3 }),
      writer.updateSourceState(removed.id, { etag: '"v9"' }),
    ]);
    assert.deepEqual(stateBatches, [2]);
    assert.equal(results[0]!.status, 'fulfilled');
    const reason = (results[1] as PromiseRejectedResult).reason;
    assert.ok(isDatelineError(reason) && reason.code === 'E_NOT_FOUND');
    const [state] = (await store.listSources()).map((source) => source.state);
    assert.equal(state!.etag, '"v1"');
    assert.equal(state!.newItems, 3);
  } finally {
    await store.close();
  }
});
