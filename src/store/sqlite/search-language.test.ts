// The query language end to end on SQLite: each construct added for issue 6 (proximity, ticker:,
// site:, url:, story:, date ranges, relative dates) through parse, compile and a real store;
// and migration 6, which gives articles stored before it the keys ticker: and site: compare.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Article } from '../../core/index.js';
import { parseQuery } from '../../query/index.js';
import { openStore } from '../index.js';
import type { Store, StoryAssigner } from '../store.js';
import { article, captureRecord } from '../conformance-data.js';
import { databaseAtVersion } from './older-schema.js';

const NOW = new Date('2026-03-31T12:00:00.000Z');

const ARTICLES: Record<string, Partial<Article>> = {
  ibm: {
    title: 'IBM opens a quantum lab',
    text: 'International Business Machines said its new quantum computing lab opens in Zurich next spring.',
    tickers: [{ exchange: 'NYSE', symbol: 'IBM' }],
    url: 'https://www.reuters.com/technology/ibm-lab-2026-03-30/',
    siteName: 'Reuters',
    published: '2026-03-30T09:00:00+02:00',
  },
  harbor: {
    title: 'Harbor Logistics expands',
    text: 'The lab for the port is new. Harbor said the expansion brings quantum gains in crane scheduling.',
    tickers: [{ exchange: 'Nasdaq', symbol: 'HRBL' }, { exchange: 'TSX', symbol: 'HRB' }],
    url: 'http://uk.reuters.com/article/harbor',
    siteName: null,
    published: '2023-12-31T23:30:00-05:00',
  },
  old: {
    title: 'Quantum news of long ago',
    text: 'A lab far away.',
    url: null,
    siteName: 'PR Newswire',
    published: '2023-01-01',
  },
  prn: {
    title: 'Acme releases results',
    text: 'Acme Corp reported quarterly results.',
    tickers: [{ exchange: 'NYSE American', symbol: 'ACM' }],
    url: 'https://www.prnewswire.com/news-releases/acme-results-301.html',
    published: '2026-03-31T07:00:00-04:00',
  },
};

let store: Store;
const names = new Map<string, string>();

/** Puts ibm and harbor in story-a, every other article in a story of its own. */
function fixedStories(): StoryAssigner {
  let seen = 0;
  return {
    get seen() {
      return seen;
    },
    catchUp: (_stories, through) => void (seen = through),
    assign: (candidate) => {
      const name = names.get(candidate.id)!;
      const storyId = name === 'ibm' || name === 'harbor' ? 'story-a' : `story-${name}`;
      return { storyId, originalId: candidate.id, founded: name !== 'harbor', key: name === 'harbor' ? null : Uint8Array.of(1) };
    },
    forget: () => void (seen = 0),
  };
}

before(async () => {
  store = await openStore(':memory:');
  store.assignStories(fixedStories());
  for (const [name, fields] of Object.entries(ARTICLES)) {
    const record = captureRecord(`search language ${name}`);
    const stored = article(record.capture.id, 0, fields);
    names.set(stored.id, name);
    await store.writeCapture(record, [stored]);
  }
});
after(() => store.close());

async function found(query: string): Promise<string[]> {
  const hits = await store.search(parseQuery(query, { now: NOW }), { limit: 50, collapse: 'none' });
  return hits.map((hit) => names.get(hit.id) ?? hit.id).sort();
}

async function expect(cases: [string, string[]][]): Promise<void> {
  for (const [query, expected] of cases) assert.deepEqual(await found(query), [...expected].sort(), query);
}

describe('search: proximity', () => {
  test('"a b"~N: the words within N words of each other, in either order', () =>
    expect([
      ['"quantum lab"~0', ['ibm']],
      ['"lab quantum"~0', ['ibm']],
      // In harbor, ten words stand between "lab" and "quantum".
      ['"lab quantum"~9', ['ibm']],
      ['"lab quantum"~10', ['harbor', 'ibm']],
      ['"quantum lab"', ['ibm']],
      ['"lab quantum"', []],
      ['title:"quantum lab"~1', ['ibm']],
      ['"quantum lab"~20 -ticker:IBM', ['harbor']],
    ]));
});

describe('search: fields', () => {
  test('ticker: by symbol on any exchange, or exchange:symbol, ignoring case', () =>
    expect([
      ['ticker:IBM', ['ibm']],
      ['ticker:nyse:ibm', ['ibm']],
      ['ticker:Nasdaq:IBM', []],
      ['ticker:HRB OR ticker:HRBL', ['harbor']],
      ['ticker:"NYSE American:ACM"', ['prn']],
      ['quantum -ticker:IBM', ['harbor', 'old']],
    ]));

  test('site: the host and its parent domains, or the site name', () =>
    expect([
      ['site:reuters.com', ['harbor', 'ibm']],
      ['site:www.reuters.com', ['ibm']],
      ['site:https://UK.Reuters.com/whatever', ['harbor']],
      ['site:reuters', ['ibm']],
      ['site:"PR Newswire"', ['old']],
      ['site:prnewswire.com', ['prn']],
      ['lab -site:reuters.com', ['old']],
    ]));

  test('url: exactly, or as a prefix with *, with a scheme or under either', () =>
    expect([
      ['url:https://www.reuters.com/technology/ibm-lab-2026-03-30/', ['ibm']],
      ['url:https://www.reuters.com/technology/ibm-lab', []],
      ['url:https://www.reuters.com/technology/*', ['ibm']],
      ['url:uk.reuters.com/article/harbor', ['harbor']],
      ['url:"www.prnewswire.com/news-releases/"*', ['prn']],
      ['lab -url:http://uk.reuters.com/*', ['ibm', 'old']],
    ]));

  test('story: the articles of one story', () =>
    expect([
      ['story:story-a', ['harbor', 'ibm']],
      ['story:story-a harbor', ['harbor']],
      ['story:STORY-A', []],
      ['lab -story:story-a', ['old']],
    ]));
});

describe('search: dates', () => {
  test('ranges of days, inclusive and exclusive, open at either end (the day as printed)', () =>
    expect([
      ['published:[2023-01-01 TO 2023-12-31]', ['harbor', 'old']],
      ['published:{2023-01-01 TO 2023-12-31]', ['harbor']],
      ['published:[2023-01-01 TO 2023-12-31}', ['old']],
      ['published:[2026-03-31 TO *]', ['prn']],
      ['published:[* TO 2023-06-30]', ['old']],
      ['lab published:[2023-01-01 TO *] -published:2023-01-01', ['harbor', 'ibm']],
    ]));

  test('moments relative to the injected now compare as moments, offsets applied', () =>
    expect([
      // NOW is 2026-03-31T12:00Z; ibm was published at 07:00Z the day before, prn at 11:00Z.
      ['published:>now-2h', ['prn']],
      ['published:>now-30h', ['ibm', 'prn']],
      ['published:>=now-1w', ['ibm', 'prn']],
      ['published:<now-1y', ['harbor', 'old']],
      ['published:[now-3y TO now-2y]', ['harbor']],
      // 2023-12-31T23:30-05:00 is 2024-01-01T04:30Z: a day as printed, a moment in UTC.
      ['published:2023-12-31', ['harbor']],
      ['published:>=2024-01-01T00:00Z published:<2024-01-02T00:00Z', ['harbor']],
    ]));
});

describe('migration 6', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dateline-migration-6-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('articles stored before it get their ticker and site keys', async () => {
    const path = join(dir, 'v5.db');
    const db = databaseAtVersion(path, 5);
    db.prepare(`INSERT INTO captures (id, url, fetched_at, headers, size) VALUES ('c', 'file:x', '2026-01-01', '{}', 1)`).run();
    const insert = db.prepare(`INSERT INTO articles (id, capture_id, position, title, text, kind, url, json)
      VALUES (?, 'c', ?, ?, 'body', 'release', ?, ?)`);
    insert.run('a1', 0, 'Old IBM', 'https://news.example.co.uk/a', JSON.stringify({ tickers: [{ exchange: 'NYSE', symbol: 'IBM' }] }));
    insert.run('a2', 1, 'Old plain', null, JSON.stringify({ siteName: 'Example Wire' }));
    db.close();

    const migrated = await openStore(path);
    try {
      const ids = async (q: string) => (await migrated.search(parseQuery(q), { limit: 5 })).map((hit) => hit.id).sort();
      assert.deepEqual(await ids('ticker:NYSE:IBM'), ['a1']);
      assert.deepEqual(await ids('site:example.co.uk'), ['a1']);
      assert.deepEqual(await ids('site:"example wire"'), ['a2']);
    } finally {
      await migrated.close();
    }
  });
});
