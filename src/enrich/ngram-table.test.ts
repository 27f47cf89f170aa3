import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadNgramTable } from './ngram-table.js';

test('the language table is built once, cached, and read back the same; a damaged cache is rebuilt', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'dateline-cache-test-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const previous = process.env.DATELINE_CACHE;
  process.env.DATELINE_CACHE = dir;
  t.after(() => {
    if (previous === undefined) delete process.env.DATELINE_CACHE;
    else process.env.DATELINE_CACHE = previous;
  });

  const built = await loadNgramTable();
  const files = readdirSync(dir);
  assert.equal(files.length, 1, 'one cache file, no leftovers');
  const cached = await loadNgramTable();
  assert.deepEqual(cached.languages, built.languages);
  assert.deepEqual(cached.slots, built.slots);
  assert.deepEqual(cached.pairs, built.pairs);

  writeFileSync(join(dir, files[0]!), 'not a table');
  const rebuilt = await loadNgramTable();
  assert.deepEqual(rebuilt.slots, built.slots);
});
