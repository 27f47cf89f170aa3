// Rate limits per token and per address: a token bucket each (a burst of `capacity` requests,
// then `perSecond` more each second), kept for the most recently seen keys only, so a flood of
// addresses cannot grow memory without bound. The clock is passed in, so tests need no waiting.

export interface RateLimitOptions {
  /** Requests allowed at once. */
  capacity: number;
  /** Requests added back each second. */
  perSecond: number;
  /** Keys remembered; the least recently seen is forgotten first (it starts full again). */
  maxKeys?: number;
  now?: () => number;
}

export interface RateDecision {
  allowed: boolean;
  /** Whole seconds until the next request would be allowed (0 when allowed). */
  retryAfterSeconds: number;
  /** Requests left in the bucket after this one. */
  remaining: number;
}

const DEFAULT_MAX_KEYS = 100_000;

export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly maxKeys: number;
  private readonly now: () => number;

  constructor(private readonly options: RateLimitOptions) {
    if (!(options.capacity >= 1) || !(options.perSecond > 0)) throw new RangeError('rate limit: capacity must be at least 1 and perSecond above 0');
    this.maxKeys = options.maxKeys ?? DEFAULT_MAX_KEYS;
    this.now = options.now ?? Date.now;
  }

  /** Takes one request from `key`'s bucket, if it has one. */
  take(key: string): RateDecision {
    const now = this.now();
    const { capacity, perSecond } = this.options;
    const bucket = this.buckets.get(key) ?? { tokens: capacity, at: now };
    // Re-inserted on every use: a Map iterates in insertion order, so the first key is the stalest.
    this.buckets.delete(key);
    bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.at) / 1000) * perSecond);
    bucket.at = now;
    const allowed = bucket.tokens >= 1;
    if (allowed) bucket.tokens -= 1;
    this.buckets.set(key, bucket);
    if (this.buckets.size > this.maxKeys) this.buckets.delete(this.buckets.keys().next().value!);
    return {
      allowed,
      retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((1 - bucket.tokens) / perSecond)),
      remaining: Math.floor(bucket.tokens),
    };
  }
}
