import { test } from 'node:test';
import assert from 'node:assert/strict';
import { articleIdFromCapture, articleIdFromGuid, sha256Hex } from './ids.js';

test('article ids are stable across runs and differ by position and by source', () => {
  const capture = sha256Hex('some bytes');
  assert.equal(articleIdFromCapture(capture, 3), articleIdFromCapture(capture, 3));
  assert.notEqual(articleIdFromCapture(capture, 3), articleIdFromCapture(capture, 4));
  assert.notEqual(articleIdFromGuid('feed-a', 'g1'), articleIdFromGuid('feed-b', 'g1'));
  assert.match(articleIdFromCapture(capture, 0), /^[0-9a-f]{16}$/);
});
