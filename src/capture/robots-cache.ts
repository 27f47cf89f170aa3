// robots.txt rules per origin, fetched once and kept for a while (RFC 9309 §2.4: "crawlers
// SHOULD NOT use the cached version for more than 24 hours"). Concurrent asks for a new origin
// share one fetch.
import type { Clock } from './host-queue.js';
import { robotsUrlFor, type RobotsRules } from './robots.js';

/** What fetching one robots.txt gave: the rules, and whether the server could be reached at all. */
export interface RobotsOutcome {
  rules: RobotsRules;
  /** A 5xx, a timeout, a refused connection: the rules are "disallow all" and kept briefly. */
  unreachable: boolean;
}

export interface RobotsCacheOptions {
  /** Fetches and parses the robots.txt at `robotsUrl`. */
  load: (robotsUrl: string) => Promise<RobotsOutcome>;
  /** How long rules from a robots.txt (or its 4xx absence) are kept. */
  ttlMs: number;
  /**
   * How long "unreachable, so disallow all" is kept: short, so that a brief outage does not shut
   * a source out for a day.
   */
  unreachableTtlMs: number;
  clock: Clock;
}

interface Entry {
  rules: Promise<RobotsRules>;
  /** Set once loaded; undefined while the fetch runs. */
  settled?: RobotsRules;
  expiresAt: number;
}

/** Origins kept before expired entries are swept. */
const SWEEP_AT = 10_000;

export class RobotsCache {
  readonly #entries = new Map<string, Entry>();
  readonly #options: RobotsCacheOptions;

  constructor(options: RobotsCacheOptions) {
    this.#options = options;
  }

  /**
   * The rules governing `url`, fetching its origin's robots.txt when not cached. The fetch is
   * shared by every caller waiting on that origin, so no one caller's signal can cancel it.
   */
  rulesFor(url: URL): Promise<RobotsRules> {
    const key = robotsUrlFor(url);
    const now = this.#options.clock.now();
    const cached = this.#entries.get(key);
    if (cached && cached.expiresAt > now) return cached.rules;

    if (this.#entries.size >= SWEEP_AT) this.#sweep(now);
    const entry: Entry = {
      expiresAt: Infinity,
      rules: this.#options.load(key).then(
        ({ rules, unreachable }) => {
          entry.settled = rules;
          const ttl = unreachable ? this.#options.unreachableTtlMs : this.#options.ttlMs;
          entry.expiresAt = this.#options.clock.now() + ttl;
          return rules;
        },
        (error: unknown) => {
          // A failure that is not the server's answer (a blocked address, a closed fetcher) is
          // not cached: the next ask tries again.
          if (this.#entries.get(key) === entry) this.#entries.delete(key);
          throw error;
        },
      ),
    };
    this.#entries.set(key, entry);
    return entry.rules;
  }

  /** The cached rules for `url`'s origin, if loaded: for the pacing decision, which cannot wait. */
  peek(url: URL): RobotsRules | undefined {
    return this.#entries.get(robotsUrlFor(url))?.settled;
  }

  #sweep(now: number): void {
    for (const [key, entry] of this.#entries) if (entry.expiresAt <= now) this.#entries.delete(key);
  }
}
