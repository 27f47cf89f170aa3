import { test } from 'node:test';
import assert from 'node:assert/strict';
import { changedSince } from './sitemap-poll.js';

test('a child sitemap counts as changed unless its lastmod is clearly before the last poll', () => {
  const since = '2024-06-03T12:00:00.000Z';
  assert.equal(changedSince('2024-06-03T13:00:00Z', since), true);
  assert.equal(changedSince('2024-06-03T11:30:00Z', since), true, 'within the slack for clocks and long polls');
  assert.equal(changedSince('2024-06-03T09:00:00Z', since), false);
  assert.equal(changedSince('2024-06-03T09:00:00-05:00', since), true, 'the offset is read');
  assert.equal(changedSince('2024-06-03', since), true, 'a day means any time in it');
  assert.equal(changedSince('2024-06-02', since), true, 'until the day has ended everywhere');
  assert.equal(changedSince('2024-06-01', since), false);
  assert.equal(changedSince('2024-05', since), false);
  assert.equal(changedSince('2024-06', since), true);
  assert.equal(changedSince(null, since), true);
  assert.equal(changedSince('soon', since), true);
});
