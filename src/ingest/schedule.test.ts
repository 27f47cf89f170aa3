import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initialState } from '../store/sqlite/sources.js';
import { DEFAULT_BOUNDS, itemsPerDay, nextState } from './schedule.js';

const now = new Date('2024-06-01T12:00:00Z');
const state = { ...initialState('2024-06-01T00:00:00Z'), intervalSeconds: 3600 };

test('new items bring the next poll sooner; none (or 304) push it later, within the bounds', () => {
  const busy = nextState(state, { kind: 'fetched', status: 200, newItems: 3, etag: '"a"', lastModified: null }, now);
  assert.equal(busy.intervalSeconds, 1800);
  assert.equal(busy.nextPollAt, '2024-06-01T12:30:00.000Z');
  assert.equal(busy.newItems, 3);
  assert.equal(busy.etag, '"a"');
  const quiet = nextState(state, { kind: 'not-modified', status: 304 }, now);
  assert.equal(quiet.intervalSeconds, 7200);
  assert.equal(quiet.etag, undefined, 'a 304 keeps the validators it was asked with');
  assert.equal(nextState({ ...state, intervalSeconds: 80_000 }, { kind: 'not-modified', status: 304 }, now).intervalSeconds, DEFAULT_BOUNDS.maxSeconds);
  assert.equal(nextState({ ...state, intervalSeconds: 400 }, { kind: 'fetched', status: 200, newItems: 9, etag: null, lastModified: null }, now).intervalSeconds, DEFAULT_BOUNDS.minSeconds);
});

test('errors back off exponentially, honour Retry-After, and a success clears the run', () => {
  let current = { ...state };
  const waits: number[] = [];
  for (let i = 0; i < 12; i++) {
    const next = nextState(current, { kind: 'failed', status: 503, error: 'HTTP 503' }, now);
    waits.push((Date.parse(next.nextPollAt!) - now.getTime()) / 1000);
    current = { ...current, ...next };
  }
  assert.deepEqual(waits.slice(0, 4), [300, 600, 1200, 2400]);
  assert.equal(Math.max(...waits), DEFAULT_BOUNDS.maxSeconds);
  assert.equal(current.errorCount, 12);
  assert.equal(current.lastError, 'HTTP 503');
  assert.equal(current.intervalSeconds, 3600, 'errors do not change the interval');
  const polite = nextState(state, { kind: 'failed', status: 429, error: 'HTTP 429', retryAfterSeconds: 5000 }, now);
  assert.equal(polite.nextPollAt, new Date(now.getTime() + 5_000_000).toISOString());
  const recovered = nextState(current, { kind: 'fetched', status: 200, newItems: 0, etag: null, lastModified: null }, now);
  assert.equal(recovered.consecutiveErrors, 0);
  assert.equal(recovered.lastError, null);
});

test('items a day count from when the source was added', () => {
  assert.equal(itemsPerDay({ ...state, newItems: 6 }, '2024-05-30T12:00:00Z', now), 3);
  assert.equal(itemsPerDay({ ...state, newItems: 6 }, '2024-06-01T11:30:00Z', now), null);
});
