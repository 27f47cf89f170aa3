// The capture stage's one door: the polite, SSRF-safe fetcher and the policies it applies
// (robots.txt, the address guard), for the poller, the CLI and the server.
export {
  DATELINE_VERSION,
  DEFAULT_CONCURRENCY,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_MIN_DELAY_MS,
  DEFAULT_TIMEOUTS,
  Fetcher,
  MAX_CRAWL_DELAY_MS,
  MAX_REDIRECTS,
  ROBOTS_TTL_MS,
  ROBOTS_UNREACHABLE_TTL_MS,
  type FetcherOptions,
  type FetchOptions,
  type FetchResult,
  type Redirect,
} from './fetcher.js';
export { FetchError, isFetchError, type BlockReason } from './fetch-error.js';
export type { Timeouts } from './exchange.js';
export { systemClock, type Clock } from './host-queue.js';
export { DEFAULT_RETRY, type RetryPolicy } from './retry.js';
export { parseRobots, productToken, robotsForStatus, robotsUrlFor, type RobotsRules } from './robots.js';
export { blockedReason, checkUrl, parseAllowList, type AddressPolicy, type ResolveAll } from './ssrf.js';
