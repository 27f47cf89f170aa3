import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { RateLimiter } from './rate-limit.js';

test('a burst up to capacity, then refusals with a Retry-After, then requests back as time passes', () => {
  let now = 0;
  const limiter = new RateLimiter({ capacity: 3, perSecond: 0.5, now: () => now });
  assert.deepEqual([1, 2, 3].map(() => limiter.take('a').allowed), [true, true, true]);
  const refused = limiter.take('a');
  assert.equal(refused.allowed, false);
  assert.equal(refused.retryAfterSeconds, 2);
  assert.equal(limiter.take('b').allowed, true, 'each key has its own bucket');
  now += 2000;
  assert.equal(limiter.take('a').allowed, true);
  assert.equal(limiter.take('a').allowed, false);
});

test('only the most recently seen keys are kept', () => {
  let now = 0;
  const limiter = new RateLimiter({ capacity: 1, perSecond: 0.001, maxKeys: 2, now: () => now });
  assert.equal(limiter.take('a').allowed, true);
  assert.equal(limiter.take('b').allowed, true);
  assert.equal(limiter.take('c').allowed, true);
  // 'a' was forgotten (its bucket starts full again); 'c' is remembered and empty.
  assert.equal(limiter.take('a').allowed, true);
  assert.equal(limiter.take('c').allowed, false);
  assert.throws(() => new RateLimiter({ capacity: 0, perSecond: 1 }), RangeError);
});
