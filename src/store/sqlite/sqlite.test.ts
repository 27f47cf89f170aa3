// Runs the Store conformance suite on SQLite (in memory and in a file), plus what only SQLite
// has: the schema on disk, reopening, and fuzzed queries that must never upset FTS5.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import Database from 'better-sqlite3';
import { isDatelineError } from '../../core/index.js';
import { parseQuery } from '../../query/index.js';
import { openStore } from '../index.js';
import { runStoreConformance } from '../conformance.js';
import { CORPUS, article, captureRecord } from '../conformance-data.js';
import { MIGRATIONS } from './migrations.js';
import { databaseAtVersion } from './older-schema.js';

// A fixed seed keeps the suite deterministic; set FAST_CHECK_SEED to explore other inputs.
fc.configureGlobal({ seed: Number(process.env.FAST_CHECK_SEED ?? 20261127) });

const dir = mkdtempSync(join(tmpdir(), 'dateline-store-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

runStoreConformance('sqlite :memory:', () => openStore(':memory:'));
runStoreConformance('sqlite file', () => openStore(join(dir, `conformance-${files++}.db`)));

describe('sqlite specifics', () => {
  test('a file store uses WAL, records its migrations and survives reopening', async () => {
    const path = join(dir, 'reopen.db');
    const record = captureRecord('reopen');
    const store = await openStore(path);
    await store.writeCapture(record, [article(record.capture.id, 0, { text: 'persistent cocoa' })]);
    await store.close();
    const again = await openStore(path);
    assert.equal((await again.search(parseQuery('cocoa'), { limit: 5 })).length, 1);
    await again.close();
    const db = new Database(path, { readonly: true });
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(db.pragma('user_version', { simple: true }), MIGRATIONS.length);
    assert.equal((db.prepare('SELECT count(*) AS n FROM schema_migrations').get() as { n: number }).n, MIGRATIONS.length);
    assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
    db.close();
  });

  test('a store from before the published index gets it, and a search of filters alone walks it instead of sorting', async () => {
    const path = join(dir, 'v7.db');
    databaseAtVersion(path, 7).close();
    const store = await openStore(path);
    const record = captureRecord('published order');
    await store.writeCapture(record, ['2024-03-01T00:00:00Z', '2024-03-03T00:00:00Z', '2024-03-02T00:00:00Z'].map((published, i) =>
      article(record.capture.id, i, { text: `Cocoa note ${i}`, published, wire: 'Reuters' })));
    const hits = await store.search(parseQuery('wire:reuters'), { limit: 2 });
    assert.deepEqual(hits.map((hit) => hit.published), ['2024-03-03T00:00:00Z', '2024-03-02T00:00:00Z']);
    await store.close();
    const db = new Database(path, { readonly: true });
    const plan = db.prepare("EXPLAIN QUERY PLAN SELECT seq FROM articles a WHERE a.wire_key LIKE '%x%' ORDER BY a.published DESC, a.seq DESC LIMIT 2").all() as { detail: string }[];
    db.close();
    assert.ok(plan.some((step) => step.detail.includes('articles_by_published')), JSON.stringify(plan));
    assert.ok(!plan.some((step) => step.detail.includes('TEMP B-TREE')), 'no sort of every match');
  });

  test('only articles with CJK text enter the trigram index', async () => {
    const path = join(dir, 'cjk.db');
    const store = await openStore(path);
    await store.writeCaptures(
      CORPUS.map((entry, i) => {
        const record = captureRecord(`cjk ${i}`);
        return { record, articles: [article(record.capture.id, 0, entry.fields)] };
      }),
    );
    await store.close();
    const db = new Database(path, { readonly: true });
    assert.equal((db.prepare('SELECT count(*) AS n FROM articles_cjk').get() as { n: number }).n, 2);
    db.close();
  });

  test('a file that is not a database is refused with E_STORE, naming it', async () => {
    const path = join(dir, 'not-a-db.txt');
    writeFileSync(path, 'hello, this is text and not SQLite '.repeat(100));
    await assert.rejects(openStore(path), (error) => isDatelineError(error) && error.code === 'E_STORE' && error.message.includes(path));
  });

  test('a read-only store searches but does not migrate or write', async () => {
    const path = join(dir, 'readonly.db');
    const writer = await openStore(path);
    const record = captureRecord('readonly');
    await writer.writeCapture(record, [article(record.capture.id, 0, { text: 'readonly cocoa' })]);
    await writer.close();
    // As a file from before migration 8 would be: newest first still works without its index.
    const older = new Database(path);
    older.exec('DROP INDEX articles_by_published');
    older.close();
    const reader = await openStore(path, { readonly: true });
    assert.equal((await reader.search(parseQuery('cocoa'), { limit: Number.NaN })).length, 1);
    assert.equal((await reader.search(parseQuery('cocoa'), { limit: 5, sort: 'newest' })).length, 1);
    const other = captureRecord('other');
    await assert.rejects(reader.writeCapture(other, []), (error) => isDatelineError(error) && error.code === 'E_STORE');
    await reader.close();
  });

  test('a closed store refuses work with E_STORE', async () => {
    const store = await openStore(':memory:');
    await store.close();
    await assert.rejects(store.stats(), (error) => isDatelineError(error) && error.code === 'E_STORE');
  });

  test('random queries that parse never make SQLite throw', async () => {
    const store = await openStore(':memory:');
    await store.writeCaptures(
      CORPUS.map((entry, i) => {
        const record = captureRecord(`fuzz ${i}`);
        return { record, articles: [article(record.capture.id, 0, entry.fields)] };
      }),
    );
    const pieces = ['NEAR(', 'NEAR', '"', '"a" OR', 'col:', 'title:', 'wire:', 'published:>=2024-01-01', '^', '*',
      '(', ')', '-', '+', 'AND', 'OR', 'NOT', ':', '{', '}', 'cocoa', 'café', '北京', '京', 'a', '  ', "'", '\\', '%', '_'];
    const text = fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 4 }), fc.string({ unit: 'binary', maxLength: 3 })), { maxLength: 12 })
      .map((parts) => parts.join(' '));
    let parsed = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(text, fc.string({ maxLength: 30 })), async (source) => {
        let query;
        try {
          query = parseQuery(source);
        } catch (error) {
          if (!isDatelineError(error)) throw error;
          return;
        }
        parsed++;
        await store.search(query, { limit: 5 });
      }),
      { numRuns: 2000 },
    );
    await store.close();
    assert.ok(parsed > 100, `enough random queries parsed to mean something (${parsed})`);
  });
});
