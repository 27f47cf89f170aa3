import assert from 'node:assert/strict';
import { test } from 'node:test';
import { backoffMs, DEFAULT_RETRY, isRetriableStatus, parseRetryAfter } from './retry.js';

test('Retry-After in seconds, as an HTTP date against the server clock, or unreadable', () => {
  const now = Date.parse('2024-02-12T10:00:00Z');
  assert.equal(parseRetryAfter('120', now), 120_000);
  assert.equal(parseRetryAfter(' 0 ', now), 0);
  assert.equal(parseRetryAfter('Mon, 12 Feb 2024 10:00:30 GMT', now), 30_000);
  // The server's clock is 10 minutes behind ours: its date still means "in 30 seconds".
  assert.equal(parseRetryAfter('Mon, 12 Feb 2024 09:50:30 GMT', now, 'Mon, 12 Feb 2024 09:50:00 GMT'), 30_000);
  assert.equal(parseRetryAfter('Mon, 12 Feb 2024 09:00:00 GMT', now), 0, 'a date in the past means now');
  assert.equal(parseRetryAfter('soon', now), null);
  assert.equal(parseRetryAfter('-5', now), null);
  assert.equal(parseRetryAfter(undefined, now), null);
});

test('backoff doubles, is capped, and keeps half of itself whatever the jitter', () => {
  const policy = { ...DEFAULT_RETRY, baseDelayMs: 100, maxDelayMs: 1_000 };
  assert.deepEqual([1, 2, 3, 4, 5].map((n) => backoffMs(n, policy, () => 1)), [100, 200, 400, 800, 1_000]);
  assert.deepEqual([1, 2, 3, 4, 5].map((n) => backoffMs(n, policy, () => 0)), [50, 100, 200, 400, 500]);
});

test('429 and 5xx are retried, except what a retry cannot change', () => {
  assert.deepEqual(
    [200, 304, 404, 410, 429, 500, 501, 502, 503, 504, 505].filter(isRetriableStatus),
    [429, 500, 502, 503, 504],
  );
});
