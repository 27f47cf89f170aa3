import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DatelineSchema } from './schemas.js';

test('a dateline date is YYYY-MM-DD, or --MM-DD when no year is known', () => {
  assert.ok(DatelineSchema.safeParse({ place: 'LONDON', date: '2024-03-05' }).success);
  assert.ok(DatelineSchema.safeParse({ place: 'SALVADOR', date: '--02-26' }).success);
  assert.ok(DatelineSchema.safeParse({ place: 'AP', date: null }).success);
  for (const bad of ['---02-26', '24-03-05', '2024-3-5', 'March 5']) {
    assert.ok(!DatelineSchema.safeParse({ place: 'X', date: bad }).success, bad);
  }
});
