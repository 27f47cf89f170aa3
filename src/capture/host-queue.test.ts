import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GAP_MARGIN_MS, HostQueue, Semaphore, type Clock } from './host-queue.js';

/** A clock that moves only when slept on, so the test reads the waits off it. */
function manualClock(): Clock & { slept: number[] } {
  let now = 0;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    sleep: async (ms) => {
      if (ms <= 0) return;
      slept.push(ms);
      now += ms;
    },
  };
}

test('one host runs in order, one at a time, with its gap between tasks', async () => {
  const clock = manualClock();
  const queue = new HostQueue({ concurrency: 4, clock });
  const log: string[] = [];
  const task = (name: string) => async () => {
    log.push(`start ${name}`);
    await new Promise((r) => setTimeout(r, 5));
    log.push(`end ${name}`);
  };
  await Promise.all(['1', '2', '3'].map((n) => queue.run('a.example', task(n), () => 500)));
  assert.deepEqual(log, ['start 1', 'end 1', 'start 2', 'end 2', 'start 3', 'end 3']);
  // The gap plus its safety margin.
  assert.deepEqual(clock.slept, [500 + GAP_MARGIN_MS, 500 + GAP_MARGIN_MS]);
});

test('defer holds a host back; other hosts are not held', async () => {
  // Sleeps take real (if shortened) time here, so the other host has the chance to go first.
  const manual = manualClock();
  const clock: Clock & { slept: number[] } = {
    ...manual,
    sleep: async (ms) => {
      await manual.sleep(ms);
      if (ms > 0) await new Promise((r) => setTimeout(r, ms / 100));
    },
  };
  const queue = new HostQueue({ concurrency: 4, clock });
  queue.defer('slow.example', 2_000);
  const order: string[] = [];
  await Promise.all([
    queue.run('slow.example', async () => void order.push('slow'), () => 0),
    queue.run('fast.example', async () => void order.push('fast'), () => 0),
  ]);
  assert.deepEqual(order, ['fast', 'slow']);
  assert.deepEqual(clock.slept, [2_000]);
});

test('a failed task does not stall its host', async () => {
  const queue = new HostQueue({ concurrency: 1, clock: manualClock() });
  await assert.rejects(queue.run('a.example', async () => Promise.reject(new Error('boom')), () => 0), /boom/);
  assert.equal(await queue.run('a.example', async () => 'next', () => 0), 'next');
  assert.equal(queue.busyHosts, 0);
});

test('the semaphore hands slots out first come, first served', async () => {
  const slots = new Semaphore(1);
  const release = await slots.acquire();
  const order: number[] = [];
  const waiting = [1, 2, 3].map((n) => slots.acquire().then((done) => (order.push(n), done())));
  release();
  await Promise.all(waiting);
  assert.deepEqual(order, [1, 2, 3]);
});

test('a semaphore wait can be abandoned', async () => {
  const slots = new Semaphore(1);
  const release = await slots.acquire();
  const controller = new AbortController();
  const waiting = slots.acquire(controller.signal);
  controller.abort(new Error('gave up'));
  await assert.rejects(waiting, /gave up/);
  release();
  (await slots.acquire())();
});
