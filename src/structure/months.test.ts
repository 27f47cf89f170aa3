import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withYear } from './months.js';

test('a dateline without a year takes it from a published day close to it, and only then', () => {
  const place = 'LONDON';
  assert.deepEqual(withYear({ place, date: '--03-02' }, '1987-03-02T11:05:44.600'), { place, date: '1987-03-02' });
  assert.deepEqual(withYear({ place, date: '--03-02' }, '1987-03-03T01:00:00+09:00'), { place, date: '1987-03-02' });
  assert.deepEqual(withYear({ place, date: '--12-31' }, '2024-01-01T08:00:00Z'), { place, date: '2023-12-31' }, 'across New Year');
  assert.deepEqual(withYear({ place, date: '--03-02' }, '1987-04-20'), { place, date: '--03-02' }, 'too far apart to tell');
  assert.deepEqual(withYear({ place, date: '--03-02' }, null), { place, date: '--03-02' });
  assert.deepEqual(withYear({ place, date: '2024-03-02' }, '1987-03-02'), { place, date: '2024-03-02' }, 'a printed year stays');
  assert.equal(withYear(null, '1987-03-02'), null);
});
