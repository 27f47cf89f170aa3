// The seed release (../shared/corpora/seed) must come out exactly as ARCHITECTURE.md describes.
// Its text is read at run time and never copied into the repository.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { structureWireText } from './index.js';

const corpora = process.env.DATELINE_CORPORA ?? fileURLToPath(new URL('../../../shared/corpora', import.meta.url));
const seedPath = join(corpora, 'seed', 'prnasia-sco-2023-07-04.txt');

test('the seed release is structured exactly', (t) => {
  if (!existsSync(seedPath)) {
    t.skip('../shared/corpora/seed absent');
    return;
  }
  const s = structureWireText(readFileSync(seedPath, 'utf8'));
  assert.equal(s.title, 'SCO member states to further strengthen solidarity, cooperation for peace, development');
  assert.equal(s.published, '2023-07-04T14:17:00+08:00');
  assert.equal(s.publishedZone, 'inferred');
  assert.deepEqual(s.views, { count: 1895, observedAt: '2023-07-04T14:17:00+08:00' });
  assert.deepEqual(s.dateline, { place: 'BEIJING', date: '2023-07-04' });
  assert.equal(s.wire, 'PR Newswire');
  assert.equal(s.kind, 'release');
  assert.equal(s.source, "People's Daily");
  assert.equal(s.paragraphs.length, 20);
  assert.ok(s.paragraphs[0]?.startsWith("A report from People's Daily:"), s.paragraphs[0]);
  for (const p of s.paragraphs) {
    assert.ok(!/^(omniture|collection)$/i.test(p), `junk kept: ${p}`);
    assert.ok(!p.includes("Source: People's Daily"), 'source line kept in the body');
    assert.ok(!p.includes('/PRNewswire/'), 'dateline kept in the body');
    assert.ok(!/^2023-07-04 14:17/.test(p), 'listing line kept in the body');
  }
  assert.deepEqual(
    s.removed.map((r) => r.text),
    ['omniture', 'collection'],
  );
});

test('the seed: a capture time given as a hint is when the views were observed', (t) => {
  if (!existsSync(seedPath)) {
    t.skip('../shared/corpora/seed absent');
    return;
  }
  const s = structureWireText(readFileSync(seedPath, 'utf8'), { observedAt: '2023-07-05T01:00:00Z' });
  assert.deepEqual(s.views, { count: 1895, observedAt: '2023-07-05T01:00:00Z' });
  assert.equal(s.published, '2023-07-04T14:17:00+08:00');
});
