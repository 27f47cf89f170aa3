// Politeness: requests to one host go one at a time with a gap between them, and no more than a
// fixed number run at once across all hosts. The clock is injectable so tests need not wait.

/** Time, as the queue and the retry logic see it. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms` (at once when ms <= 0); rejects with the signal's reason on abort. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/**
 * Added to every gap: the clock reads whole milliseconds and timers fire a little early, and a
 * server seeing its last response end a few milliseconds after we did would count the gap short.
 */
export const GAP_MARGIN_MS = 10;

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      signal?.throwIfAborted();
      if (ms <= 0) return resolve();
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

/** A FIFO counting semaphore: the global concurrency limit. */
export class Semaphore {
  #free: number;
  readonly #waiting: Array<() => void> = [];

  constructor(size: number) {
    if (!(size >= 1)) throw new RangeError(`semaphore: size must be at least 1, got ${size}`);
    this.#free = size;
  }

  /** Waits for a slot; the returned function gives it back (call it exactly once). */
  async acquire(signal?: AbortSignal): Promise<() => void> {
    signal?.throwIfAborted();
    if (this.#free > 0) {
      this.#free--;
    } else {
      await new Promise<void>((resolve, reject) => {
        const wake = () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        };
        const onAbort = () => {
          this.#waiting.splice(this.#waiting.indexOf(wake), 1);
          reject(signal?.reason);
        };
        this.#waiting.push(wake);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      // Hand the slot straight to the next waiter, so a newcomer cannot overtake the queue.
      const next = this.#waiting.shift();
      if (next) next();
      else this.#free++;
    };
  }
}

interface HostState {
  /** Settles when the host's last queued task has finished: the next one starts after it. */
  tail: Promise<void>;
  /** Tasks queued or running. */
  pending: number;
  /** Epoch ms before which no request may start (the gap after the last one, or a Retry-After). */
  notBefore: number;
}

/** Hosts whose gap has passed and that have nothing queued are forgotten past this many. */
const MAX_IDLE_HOSTS = 10_000;

export interface HostQueueOptions {
  /** Requests in flight across all hosts. */
  concurrency: number;
  clock?: Clock;
}

/**
 * One lane per host, a shared pool of slots. A task waits for the host's previous task, then for
 * the host's gap, then for a global slot; the gap after it is measured from when it ends, so a
 * slow response does not eat into the pause the host is owed.
 *
 * @example
 * const queue = new HostQueue({ concurrency: 8 });
 * await queue.run('example.com', () => get(url), () => 1000); // next request >= 1 s later
 */
export class HostQueue {
  readonly #hosts = new Map<string, HostState>();
  readonly #slots: Semaphore;
  readonly #clock: Clock;

  constructor(options: HostQueueOptions) {
    this.#slots = new Semaphore(options.concurrency);
    this.#clock = options.clock ?? systemClock;
  }

  /**
   * Runs `task` in `host`'s lane. `gapAfterMs` is asked when the task ends (it may have learnt a
   * robots.txt Crawl-delay in the meantime) for how long the host then rests.
   */
  run<T>(host: string, task: () => Promise<T>, gapAfterMs: () => number, signal?: AbortSignal): Promise<T> {
    const state = this.#state(host);
    state.pending++;
    const turn = state.tail.then(async () => {
      try {
        // Timers may fire a millisecond early: sleep until the clock, not the timer, says so.
        while (this.#clock.now() < state.notBefore) await this.#clock.sleep(state.notBefore - this.#clock.now(), signal);
        const release = await this.#slots.acquire(signal);
        try {
          return await task();
        } finally {
          release();
          this.defer(host, this.#clock.now() + gapAfterMs() + GAP_MARGIN_MS);
        }
      } finally {
        state.pending--;
      }
    });
    // The next task waits for this one to settle, whichever way it went.
    state.tail = turn.then(
      () => undefined,
      () => undefined,
    );
    return turn;
  }

  /** No request to `host` starts before `epochMs` (a Retry-After, a backoff). */
  defer(host: string, epochMs: number): void {
    const state = this.#state(host);
    state.notBefore = Math.max(state.notBefore, epochMs);
  }

  /** Hosts with work queued or running. */
  get busyHosts(): number {
    let busy = 0;
    for (const state of this.#hosts.values()) if (state.pending > 0) busy++;
    return busy;
  }

  #state(host: string): HostState {
    let state = this.#hosts.get(host);
    if (!state) {
      if (this.#hosts.size >= MAX_IDLE_HOSTS) this.#forgetIdle();
      state = { tail: Promise.resolve(), pending: 0, notBefore: 0 };
      this.#hosts.set(host, state);
    }
    return state;
  }

  #forgetIdle(): void {
    const now = this.#clock.now();
    for (const [host, state] of this.#hosts) {
      if (state.pending === 0 && state.notBefore <= now) this.#hosts.delete(host);
    }
  }
}
