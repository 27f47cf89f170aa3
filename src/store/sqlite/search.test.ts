// Search pages over stories: collapsed pages show each story once, offsets page through the
// stories without gaps or repeats, and relevance ranked a window of matches at a time keeps
// both true across windows. Snippets stay marked whichever way a page was found.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseQuery } from '../../query/index.js';
import { article, captureRecord } from '../conformance-data.js';
import { openStore } from '../index.js';
import type { SearchHit, SearchOptions, StoryAssigner, StoryCandidate } from '../store.js';
import { openDatabase } from './database.js';
import type { Db } from './database.js';
import { Searcher } from './search.js';

/** Puts articles with one title in one story: enough to test collapsing without clustering. */
class StoryByTitle implements StoryAssigner {
  seen = 0;
  private readonly stories = new Map<string, string>();
  catchUp(_stories: unknown, through: number): void {
    this.seen = through;
  }
  forget(): void {
    this.stories.clear();
  }
  assign(candidate: StoryCandidate) {
    const title = candidate.title ?? candidate.id;
    const known = this.stories.get(title);
    if (known) return { storyId: known, originalId: '', founded: false, key: null };
    const storyId = `story-${this.stories.size}`;
    this.stories.set(title, storyId);
    return { storyId, originalId: candidate.id, founded: true, key: new Uint8Array(0) };
  }
}

const STORIES = 12;
const COPIES = 3;
const dir = mkdtempSync(join(tmpdir(), 'dateline-search-'));
const path = join(dir, 'stories.db');
let db: Db;

before(async () => {
  const store = await openStore(path);
  store.assignStories(new StoryByTitle());
  // Copies are written round after round, as wires pick a release up, so the newest matches of
  // a term are the last round's; the text varies so copies of a story rank apart.
  for (let copy = 0; copy < COPIES; copy++) {
    const record = captureRecord(`round ${copy}`, { expectedArticles: STORIES });
    const articles = Array.from({ length: STORIES }, (_, story) =>
      article(record.capture.id, story, {
        title: `Harbour report ${story}`,
        text: `${'cargo '.repeat(1 + ((story + copy) % 5))}moved through the harbour in round ${copy}.`,
        wire: story % 2 === 0 ? 'Reuters' : 'PR Newswire',
        published: `2024-03-${String(10 + copy).padStart(2, '0')}T08:00:00Z`,
      }),
    );
    await store.writeCapture(record, articles);
  }
  await store.close();
  db = openDatabase(path, { readonly: true });
});
after(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Every page of `size` from offset 0 until a short one, joined. */
function allPages(searcher: Searcher, query: string, size: number, options: Partial<SearchOptions> = {}): SearchHit[] {
  const hits: SearchHit[] = [];
  for (let offset = 0; ; offset += size) {
    const page = searcher.search(parseQuery(query), { ...options, limit: size, offset });
    hits.push(...page);
    if (page.length < size) return hits;
  }
}

const QUERIES = ['cargo', 'carg*', 'cargo wire:reuters', 'cargo published:>=2024-03-11', 'wire:reuters', '"cargo moved"'];

describe('search pages', () => {
  for (const window of [4, 1000]) {
    describe(`ranking ${window} matches at a time`, () => {
      for (const query of QUERIES) {
        test(`${query}: collapsed pages show each story once, paging without gaps or repeats`, () => {
          const searcher = new Searcher(db, window);
          const whole = searcher.search(parseQuery(query), { limit: 100 });
          const stories = whole.map((hit) => hit.storyId);
          assert.equal(new Set(stories).size, stories.length, 'no story twice');
          const expected = query.includes('reuters') ? STORIES / 2 : STORIES;
          assert.equal(whole.length, expected, 'every story that matches');
          assert.ok(whole.every((hit) => hit.storySize === COPIES));
          for (const size of [1, 5]) {
            assert.deepEqual(allPages(searcher, query, size).map((hit) => hit.id), whole.map((hit) => hit.id), `pages of ${size}`);
          }
        });

        test(`${query}: uncollapsed pages hold every matching copy once`, () => {
          const searcher = new Searcher(db, window);
          const whole = searcher.search(parseQuery(query), { limit: 100, collapse: 'none' });
          const copies = query.includes('reuters') ? (STORIES / 2) * COPIES : query.includes('published') ? STORIES * (COPIES - 1) : STORIES * COPIES;
          assert.equal(whole.length, copies);
          assert.equal(new Set(whole.map((hit) => hit.id)).size, whole.length);
          assert.deepEqual(allPages(searcher, query, 7, { collapse: 'none' }).map((hit) => hit.id), whole.map((hit) => hit.id));
        });
      }
    });
  }

  test('a collapsed hit is its story\'s best-ranked copy within a window', () => {
    const searcher = new Searcher(db, 1000);
    const copies = searcher.search(parseQuery('cargo'), { limit: 100, collapse: 'none' });
    for (const hit of searcher.search(parseQuery('cargo'), { limit: 100 })) {
      const best = copies.find((copy) => copy.storyId === hit.storyId);
      assert.equal(hit.id, best?.id);
    }
  });

  test('matches up to one window are ranked whole; more are ranked newest window first, windows doubling', () => {
    const whole = new Searcher(db, 1000).search(parseQuery('cargo'), { limit: 100, collapse: 'none' });
    const scores = whole.map((hit) => hit.score);
    assert.deepEqual(scores, [...scores].sort((a, b) => b - a), 'best first');
    const windowed = new Searcher(db, STORIES).search(parseQuery('cargo'), { limit: 100, collapse: 'none' });
    assert.equal(windowed.length, STORIES * COPIES);
    // The first window is the last round written, best first; the second, twice its size, the
    // two rounds before it ranked together.
    const rounds = windowed.map((hit) => Number(/round (\d)/.exec(hit.snippet)?.[1] ?? NaN));
    assert.deepEqual(rounds.slice(0, STORIES), Array(STORIES).fill(2));
    assert.deepEqual([...rounds.slice(STORIES)].sort(), [...Array(STORIES).fill(0), ...Array(STORIES).fill(1)]);
    for (const window of [windowed.slice(0, STORIES), windowed.slice(STORIES)]) {
      const ranked = window.map((hit) => hit.score);
      assert.deepEqual(ranked, [...ranked].sort((a, b) => b - a));
    }
    assert.notDeepEqual(rounds.slice(STORIES), [...Array(STORIES).fill(1), ...Array(STORIES).fill(0)], 'the second window mixes its rounds by rank');
  });

  test('snippets are marked on every page, prefixes and phrases included', () => {
    const searcher = new Searcher(db, 4);
    for (const query of ['cargo', 'carg*', '"cargo moved"', 'harbour wire:reuters']) {
      for (const hit of allPages(searcher, query, 3)) assert.match(hit.snippet, /\[\[(cargo|harbour)/i, `${query}: ${hit.snippet}`);
    }
  });

  test('prefix snippets mark the words the prefix begins, whatever their case, accents or column', async () => {
    const file = join(dir, 'prefixes.db');
    const store = await openStore(file);
    const record = captureRecord('prefixes', { expectedArticles: 4 });
    // More words than a prefix is replaced by: its snippet comes from reading the range instead.
    const many = Array.from({ length: 70 }, (_, i) => `zz${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`);
    await store.writeCapture(record, [
      article(record.capture.id, 0, { title: 'Statistics office', text: 'The STATE-owned bureau published Státistiques on Monday.' }),
      article(record.capture.id, 1, { title: 'Weather', text: 'Rain fell on the city.', dateline: { place: 'YORKTOWN', date: '2024-03-05' } }),
      article(record.capture.id, 2, { title: 'Stations', text: 'Nothing else here.' }),
      article(record.capture.id, 3, { title: 'Sleepers', text: many.join(' ') }),
    ]);
    await store.close();
    const prefixes = openDatabase(file, { readonly: true });
    try {
      const searcher = new Searcher(prefixes);
      const snippets = (query: string) => searcher.search(parseQuery(query), { limit: 10, collapse: 'none' }).map((hit) => hit.snippet);
      const stat = snippets('STAT*');
      assert.equal(stat.length, 2);
      assert.ok(stat.some((snippet) => /\[\[STATE\]\]-owned bureau published \[\[Státistiques\]\]/.test(snippet)), stat.join(' | '));
      assert.ok(stat.some((snippet) => /\[\[Stations\]\]/.test(snippet)), stat.join(' | '));
      assert.deepEqual(snippets('yorkt*'), ['[[YORKTOWN]]']);
      assert.deepEqual(snippets('rain yorkt*'), ['[[Rain]] fell on the city.']);
      assert.deepEqual(snippets('stat* -station*').length, 1);
      assert.match(snippets('zz*')[0] ?? '', /^\[\[zzaa\]\] \[\[zzba\]\]/);
    } finally {
      prefixes.close();
    }
  });

  test('sort newest collapsed shows each story\'s newest matching copy', () => {
    const hits = new Searcher(db, 4).search(parseQuery('cargo'), { limit: 100, sort: 'newest' });
    assert.equal(hits.length, STORIES);
    assert.ok(hits.every((hit) => hit.published === '2024-03-12T08:00:00Z'));
  });
});
