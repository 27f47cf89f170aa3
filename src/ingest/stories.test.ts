import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { Article } from '../core/index.js';
import { parseQuery } from '../query/index.js';
import { article, captureRecord } from '../store/conformance-data.js';
import { openStore, type Store } from '../store/index.js';
import { StoryDesk, restory, storiesOf } from './stories.js';

const dir = mkdtempSync(join(tmpdir(), 'dateline-stories-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const RELEASE = [
  'The board of the Harbour Authority approved a 2.1 billion dollar expansion of the Eastbank container terminal on Monday, the largest investment in the port since it opened.',
  'The expansion adds three deep-water berths and raises the yearly capacity of the terminal from 1.4 million to 2.6 million containers by 2029, the authority said in a statement.',
  'Dredging is due to begin in the autumn once the final environmental conditions have been published by the federal regulator and the province.',
  'Shipping lines have asked for more room on the west coast for several years, and the authority expects trade across the Pacific to keep growing.',
].join('\n\n');

/** A syndicated copy: another headline, a site's line before, a paragraph trimmed. */
const COPY = `Posted by the Ports desk of Freight Daily.\n\n${RELEASE.split('\n\n').slice(0, 3).join('\n\n')}`;
/** The next release of the same template: other figures. */
const NEXT = RELEASE.replace('2.1 billion', '3.4 billion').replace('three', 'five').replace('2.6 million', '3.9 million').replace('1.4 million', '2.2 million');

let n = 0;
/** One capture holding one article with this text. */
function capture(text: string, fields: Partial<Article> = {}) {
  const record = captureRecord(`stories test capture ${n++}`);
  return { record, articles: [article(record.capture.id, 0, { text, ...fields })] };
}

async function storyOf(store: Store, id: string): Promise<string | null> {
  return (await store.getArticle(id))!.storyId;
}

test('each article is put in a story as it is stored: a copy joins the original, a look-alike with other figures does not', async () => {
  const store = await openStore(':memory:');
  try {
    storiesOf(store);
    const wire = capture(RELEASE, { published: '2024-05-06T06:00:00-04:00', title: 'Authority approves terminal expansion' });
    const copy = capture(COPY, { published: '2024-05-06T09:15:00-07:00', title: 'Eastbank gets its berths', source: null });
    const next = capture(NEXT, { published: '2025-05-06T06:00:00-04:00' });
    await store.writeCapture(wire.record, wire.articles);
    await store.writeCaptures([copy, next]);
    const story = await storyOf(store, wire.articles[0]!.id);
    assert.ok(story);
    assert.equal(await storyOf(store, copy.articles[0]!.id), story);
    assert.notEqual(await storyOf(store, next.articles[0]!.id), story);

    const stories = [];
    for await (const listed of store.listStories()) stories.push(listed);
    assert.deepEqual(stories.map((s) => s.size), [2, 1]);
    assert.equal(stories[0]!.originalId, wire.articles[0]!.id);
    assert.deepEqual(stories[0]!.articles.map((a) => a.id), [wire.articles[0]!.id, copy.articles[0]!.id]);
    assert.equal(stories[0]!.latest, '2024-05-06T16:15:00.000Z');

    // Search shows one hit per story with its size; `collapse: 'none'` shows every copy.
    const hits = await store.search(parseQuery('berths'), { limit: 10 });
    assert.equal(hits.length, 2);
    assert.deepEqual(hits.map((hit) => hit.storySize).sort(), [1, 2]);
    assert.equal((await store.search(parseQuery('berths'), { limit: 10, collapse: 'none' })).length, 3);
    assert.equal((await store.search(parseQuery(`story:${story}`), { limit: 10, collapse: 'none' })).length, 2);
    assert.equal((await store.stats()).stories, 2);
  } finally {
    await store.close();
  }
});

test('an earlier copy stored later becomes the original; the story keeps its id', async () => {
  const store = await openStore(':memory:');
  try {
    storiesOf(store);
    const late = capture(COPY, { published: '2024-05-06T12:00:00Z' });
    const early = capture(RELEASE, { published: '2024-05-06T10:00:00Z' });
    await store.writeCapture(late.record, late.articles);
    const story = await storyOf(store, late.articles[0]!.id);
    await store.writeCapture(early.record, early.articles);
    assert.equal(await storyOf(store, early.articles[0]!.id), story);
    const kept = await store.getStory(story!);
    assert.equal(kept!.originalId, early.articles[0]!.id);
    assert.deepEqual(kept!.articles.map((a) => a.id), [late.articles[0]!.id, early.articles[0]!.id]);
  } finally {
    await store.close();
  }
});

test('two processes writing to one file see each other\'s stories (the second catches up from the store)', async () => {
  const path = join(dir, 'shared.db');
  const first = await openStore(path);
  const second = await openStore(path);
  try {
    storiesOf(first);
    storiesOf(second);
    const wire = capture(RELEASE, { published: '2024-05-06T10:00:00Z' });
    await first.writeCapture(wire.record, wire.articles);
    const copy = capture(COPY, { published: '2024-05-06T12:00:00Z' });
    await second.writeCapture(copy.record, copy.articles);
    assert.equal(await storyOf(second, copy.articles[0]!.id), await storyOf(first, wire.articles[0]!.id));
    // And back: an earlier copy written by the second process re-originates the story for the first.
    const earlier = capture(`${RELEASE}\n\nFiled early.`, { published: '2024-05-06T09:00:00Z' });
    await second.writeCapture(earlier.record, earlier.articles);
    const third = capture(RELEASE, { published: '2024-05-06T13:00:00Z' });
    await first.writeCapture(third.record, third.articles);
    const story = await first.getStory((await storyOf(first, wire.articles[0]!.id))!);
    assert.equal(story!.originalId, earlier.articles[0]!.id);
    assert.equal(story!.articles.length, 4);
  } finally {
    await first.close();
    await second.close();
  }
});

test('a process catches up on every story another wrote, even thousands founded in one write', async () => {
  const path = join(dir, 'many.db');
  const first = await openStore(path);
  const second = await openStore(path);
  try {
    storiesOf(first);
    const desk = storiesOf(second);
    // More stories in one transaction than the store reads a page at a time (2,000).
    const record = captureRecord(`stories test capture ${n++}`);
    const notes = Array.from({ length: 2500 }, (_, i) => article(record.capture.id, i, { text: `Trading note ${i}: the desk closed the book for the day.` }));
    await first.writeCapture(record, notes);
    // A server reads them a page at a time before its first write (Store.warmStories).
    const third = await openStore(path);
    const warmed = storiesOf(third);
    await third.warmStories();
    assert.equal(warmed.size, 2500);
    await third.close();
    const last = capture('Trading note 2499: the desk closed the book for the day.');
    await second.writeCapture(last.record, last.articles);
    assert.equal(desk.size, 2500, 'the second process knows every story the first founded');
    assert.equal(await storyOf(second, last.articles[0]!.id), await storyOf(first, notes[2499]!.id));
  } finally {
    await first.close();
    await second.close();
  }
});

test('a write that fails leaves no story behind, and the next write still places articles right', async () => {
  const store = await openStore(':memory:');
  try {
    storiesOf(store);
    const wire = capture(RELEASE);
    // An article claiming another capture makes the write fail after the first article was placed.
    const broken = capture(RELEASE.replace('Monday', 'Tuesday'));
    const stray = article('not-this-capture', 1, { text: 'stray' });
    await assert.rejects(store.writeCapture(broken.record, [...broken.articles, stray]), /belongs to capture/);
    assert.equal((await store.stats()).stories, 0);
    await store.writeCapture(wire.record, wire.articles);
    const copy = capture(COPY);
    await store.writeCapture(copy.record, copy.articles);
    assert.equal(await storyOf(store, copy.articles[0]!.id), await storyOf(store, wire.articles[0]!.id));
    assert.equal((await store.stats()).stories, 1);
  } finally {
    await store.close();
  }
});

test('restory recomputes the same stories for the same order, and places articles stored without one', async () => {
  const store = await openStore(':memory:');
  try {
    // Stored with no assigner: as in a database from before stories existed.
    const entries = [capture(RELEASE), capture(COPY), capture(NEXT), capture('Short note.'), capture('Short note.')];
    await store.writeCaptures(entries);
    assert.equal((await store.stats()).articlesWithoutStory, 5);
    const firstRun = await restory(store);
    assert.deepEqual(firstRun, { articles: 5, stories: 3 });
    const stories = await Promise.all(entries.map((entry) => storyOf(store, entry.articles[0]!.id)));
    assert.equal(stories[0], stories[1]);
    assert.equal(stories[3], stories[4], 'exact copies of a short text join');
    assert.equal(new Set(stories).size, 3);
    await restory(store);
    assert.deepEqual(await Promise.all(entries.map((entry) => storyOf(store, entry.articles[0]!.id))), stories);
    assert.equal((await store.stats()).articlesWithoutStory, 0);
    // After a restory, ingest goes on with the rebuilt index.
    const more = capture(COPY.replace('Freight Daily', 'Harbour Post'));
    await store.writeCapture(more.record, more.articles);
    assert.equal(await storyOf(store, more.articles[0]!.id), stories[0]);
  } finally {
    await store.close();
  }
});

test('rebuildStories wants a fresh assigner', async () => {
  const store = await openStore(':memory:');
  try {
    const desk = new StoryDesk();
    desk.catchUp([], 3);
    await assert.rejects(store.rebuildStories(desk), /fresh story assigner/);
  } finally {
    await store.close();
  }
});

test('a restory in one process makes another start over before its next write', async () => {
  const path = join(dir, 'rebuilt.db');
  const writer = await openStore(path);
  const other = await openStore(path);
  try {
    let forgotten = 0;
    const desk = new (class extends StoryDesk {
      override forget(): void {
        forgotten++;
        super.forget();
      }
    })();
    writer.assignStories(desk);
    const wire = capture(RELEASE, { published: '2024-05-06T10:00:00Z' });
    await writer.writeCapture(wire.record, wire.articles);
    const before = await storyOf(writer, wire.articles[0]!.id);
    assert.equal(forgotten, 0);
    // The other process rebuilds; stories get new change numbers and may get new ids.
    await restory(other);
    const copy = capture(COPY, { published: '2024-05-06T12:00:00Z' });
    await writer.writeCapture(copy.record, copy.articles);
    assert.equal(forgotten, 1, 'the writer dropped its index and caught up from the store');
    const after = await storyOf(writer, wire.articles[0]!.id);
    assert.equal(after, before, 'the same input order gives the same story id');
    assert.equal(await storyOf(writer, copy.articles[0]!.id), after);
    assert.equal((await writer.getStory(after!))!.articles.length, 2);
  } finally {
    await writer.close();
    await other.close();
  }
});

test('listing more stories than a page holds: every story once, largest or latest first, ties in the order founded', async () => {
  const store = await openStore(':memory:');
  try {
    storiesOf(store);
    // 1,200 singletons sharing three published times (ties across the pages of 500), and one
    // story of three: copies of a release published in between.
    const record = captureRecord(`stories test capture ${n++}`);
    const times = ['2024-03-01T08:00:00Z', '2024-03-02T08:00:00Z', '2024-03-03T08:00:00Z'];
    const notes = Array.from({ length: 1200 }, (_, i) =>
      article(record.capture.id, i, { text: `Desk note ${i}: the book closed for the day at ${i} lots.`, published: times[i % 3]! }));
    await store.writeCapture(record, notes);
    for (const text of [RELEASE, COPY, RELEASE]) {
      const one = capture(text, { published: '2024-03-02T12:00:00Z' });
      await store.writeCapture(one.record, one.articles);
    }

    const bySize = [];
    for await (const story of store.listStories()) bySize.push(story);
    assert.equal(bySize.length, 1201);
    assert.equal(new Set(bySize.map((story) => story.id)).size, 1201, 'no story twice');
    assert.equal(bySize[0]!.size, 3);
    assert.deepEqual(bySize.slice(1).map((story) => story.originalId), notes.map((note) => note.id), 'singletons in the order founded');

    const byLatest = [];
    for await (const story of store.listStories({ order: 'recent' })) byLatest.push(story);
    assert.equal(new Set(byLatest.map((story) => story.id)).size, 1201);
    const expected = [
      ...notes.filter((_, i) => i % 3 === 2),
      null, // the story of three, latest 2024-03-02T12:00
      ...notes.filter((_, i) => i % 3 === 1),
      ...notes.filter((_, i) => i % 3 === 0),
    ];
    assert.deepEqual(byLatest.map((story) => (story.size === 3 ? null : story.originalId)), expected.map((note) => note?.id ?? null));

    const since = [];
    for await (const story of store.listStories({ order: 'recent', since: '2024-03-02T10:00:00Z' })) since.push(story);
    assert.equal(since.length, 401, 'the latest day and the story of three');
  } finally {
    await store.close();
  }
});
