// robots.txt per RFC 9309, matched the way Google's reference parser (github.com/google/robotstxt)
// matches it: its 145 published cases are the test of this file. Parse once per host, ask often.
//
// robots-parser 3 fails 17 of those cases (lines without a colon, the longest-match rule between
// groups, `index.html`, over-long lines, ...), so this is our own.

import { DatelineError } from '../core/errors.js';

/** RFC 9309 §2.5: "crawlers SHOULD impose a parsing limit ... at least 500 kibibytes (KiB)". */
export const ROBOTS_PARSE_LIMIT = 500 * 1024;
/** Google's limit on one line (2,083 URL characters times 8); the rest of a longer line is ignored. */
export const ROBOTS_LINE_LIMIT = 2083 * 8 - 1;

const BOM = '\uFEFF';
const KEY_USER_AGENT = ['user-agent', 'useragent', 'user agent'];
// Google accepts the common misspellings; a rule is too important to lose to a typo.
const KEY_DISALLOW = ['disallow', 'dissallow', 'dissalow', 'disalow', 'diasllow', 'disallaw'];
const KEY_ALLOW = ['allow'];
const KEY_SITEMAP = ['sitemap', 'site-map'];
const KEY_CRAWL_DELAY = ['crawl-delay', 'crawldelay', 'crawl delay'];

export interface RobotsRules {
  /** Whether `url` (absolute, or a path starting with /) may be fetched by a crawler with this user-agent product token. */
  isAllowed(url: string, userAgent: string): boolean;
  /** The Crawl-delay in seconds for the group matching userAgent, or null (non-standard, but honoured). */
  crawlDelay(userAgent: string): number | null;
  /** Sitemap: URLs listed, absolute. */
  sitemaps: readonly string[];
}

interface Rule {
  allow: boolean;
  /** The path pattern, percent-encoding normalised (non-ASCII encoded, %xx upper-cased). */
  pattern: string;
}

interface Group {
  /** Product tokens, lower-cased. */
  agents: string[];
  /** Whether a `User-agent: *` line names this group. */
  global: boolean;
  rules: Rule[];
  crawlDelay: number | null;
}

/**
 * Parses a robots.txt body. Never throws: lines that are not rules are ignored, as RFC 9309
 * §2.2 asks. `robotsUrl` resolves relative Sitemap: URLs.
 *
 * @example
 * const rules = parseRobots('User-agent: *\nDisallow: /private/\n', 'https://example.com/robots.txt');
 * rules.isAllowed('https://example.com/private/x', 'dateline'); // false
 */
export function parseRobots(text: string, robotsUrl: string): RobotsRules {
  const groups: Group[] = [];
  const sitemaps: string[] = [];
  // RFC 9309 §2.1: a group is one or more user-agent lines followed by rules; Google (and the
  // RFC's own example) keeps a group open across blank lines, Sitemap: and unknown lines, and
  // only an allow or disallow line ends the run of user-agent lines.
  let current: Group | null = null;
  let sawRule = false;

  for (const line of linesOf(text)) {
    const kv = keyValueOf(line);
    if (kv === null) continue;
    const key = kv.key.toLowerCase();
    const value = kv.value;
    if (KEY_USER_AGENT.includes(key)) {
      if (current === null || sawRule) {
        current = { agents: [], global: false, rules: [], crawlDelay: null };
        groups.push(current);
        sawRule = false;
      }
      // Google: `*` followed by a space and anything is still the global group.
      if (value === '*' || /^\*\s/.test(value)) current.global = true;
      else {
        const token = productToken(value);
        if (token !== '') current.agents.push(token.toLowerCase());
      }
    } else if (KEY_ALLOW.includes(key) || KEY_DISALLOW.includes(key)) {
      if (current === null) continue; // a rule before any user-agent line belongs to no group
      sawRule = true;
      current.rules.push({ allow: KEY_ALLOW.includes(key), pattern: normalisePercentEncoding(value) });
    } else if (KEY_CRAWL_DELAY.includes(key)) {
      const seconds = Number(value);
      if (current !== null && current.crawlDelay === null && value !== '' && Number.isFinite(seconds) && seconds >= 0) {
        current.crawlDelay = seconds;
      }
    } else if (KEY_SITEMAP.includes(key)) {
      const url = absoluteUrl(value, robotsUrl);
      if (url !== null && !sitemaps.includes(url)) sitemaps.push(url);
    }
  }
  return rulesOf(groups, sitemaps);
}

/**
 * Rules for a robots.txt that could not be fetched: 4xx -> allow all; 5xx/unreachable -> disallow all (RFC 9309 §2.3.1.3/4).
 *
 * 429 Too Many Requests counts as unreachable (as Google counts it): a server asking us to slow
 * down is not inviting us in. 3xx means the redirect limit was hit, which RFC 9309 §2.3.1.2
 * lets a crawler treat as unavailable (allow all). Any other status outside 400-599 is treated
 * as unreachable. A 2xx is misuse: parse its body with parseRobots.
 */
export function robotsForStatus(status: number | 'unreachable'): RobotsRules {
  if (typeof status === 'number' && status >= 200 && status < 300) {
    throw new DatelineError('E_INTERNAL', `robots: status ${status} has a body to parse; call parseRobots`);
  }
  const unavailable = typeof status === 'number' && ((status >= 300 && status < 400) || (status >= 400 && status < 500 && status !== 429));
  return unavailable ? ALLOW_ALL : DISALLOW_ALL;
}

/** Every URL allowed: no robots.txt (RFC 9309 §2.3.1.3). */
export const ALLOW_ALL: RobotsRules = rulesOf([], []);
/** Every URL but /robots.txt disallowed: robots.txt unreachable (RFC 9309 §2.3.1.4). */
export const DISALLOW_ALL: RobotsRules = rulesOf(
  [{ agents: [], global: true, rules: [{ allow: false, pattern: '/' }], crawlDelay: null }],
  [],
);

/**
 * The product token at the start of a User-Agent value: the leading run of letters, `_` and `-`
 * (RFC 9309 §2.2.1), e.g. `productToken('dateline/0.1 (+https://example.org)') === 'dateline'`.
 * Pass this, not the whole header, to isAllowed and crawlDelay.
 */
export function productToken(userAgent: string): string {
  return /^[A-Za-z_-]*/.exec(userAgent.trim())?.[0] ?? '';
}

/** The robots.txt URL that governs `url` (same scheme, host and port). */
export function robotsUrlFor(url: URL | string): string {
  const u = typeof url === 'string' ? new URL(url) : url;
  return `${u.protocol}//${u.host}/robots.txt`;
}

function rulesOf(groups: readonly Group[], sitemaps: readonly string[]): RobotsRules {
  const groupsFor = (userAgent: string): Group[] => {
    const ua = userAgent.toLowerCase();
    // RFC 9309 §2.2.1: the groups naming the crawler, merged; else the `*` groups, merged.
    const specific = ua === '' ? [] : groups.filter((g) => g.agents.includes(ua));
    return specific.length > 0 ? specific : groups.filter((g) => g.global);
  };
  return {
    sitemaps: Object.freeze([...sitemaps]),
    isAllowed(url: string, userAgent: string): boolean {
      const path = pathOf(url);
      // RFC 9309 §2.2.2: "The /robots.txt URI is implicitly allowed."
      if (path === '/robots.txt' || path.startsWith('/robots.txt?')) return true;
      let allow = -1;
      let disallow = -1;
      for (const group of groupsFor(userAgent)) {
        for (const rule of group.rules) {
          const priority = matchPriority(path, rule);
          if (rule.allow) allow = Math.max(allow, priority);
          else disallow = Math.max(disallow, priority);
        }
      }
      // The longest match wins; an allow wins a tie (§2.2.2); an empty Disallow: matches nothing.
      return !(disallow > 0 && disallow > allow);
    },
    crawlDelay(userAgent: string): number | null {
      for (const group of groupsFor(userAgent)) if (group.crawlDelay !== null) return group.crawlDelay;
      return null;
    },
  };
}

/** The rule's priority for `path`: the pattern's length when it matches, -1 when it does not. */
function matchPriority(path: string, rule: Rule): number {
  if (matches(path, rule.pattern)) return rule.pattern.length;
  // Google: `Allow: /dir/index.html` (or .htm) also allows `/dir/`.
  if (rule.allow) {
    const slash = rule.pattern.lastIndexOf('/');
    if (slash >= 0 && rule.pattern.startsWith('/index.htm', slash)) {
      const dir = `${rule.pattern.slice(0, slash + 1)}$`;
      if (matches(path, dir)) return dir.length;
    }
  }
  return -1;
}

/**
 * Whether `pattern` matches a prefix of `path`: `*` is any run of characters, a final `$` anchors
 * the end (§2.2.3). Tracks the set of positions reachable in the path, so a pattern full of `*`
 * costs O(pattern × path), never backtracking.
 */
function matches(path: string, pattern: string): boolean {
  const n = path.length;
  let positions: number[] = [0];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '$' && i === pattern.length - 1) return positions.includes(n);
    if (c === '*') {
      const from = positions[0] ?? 0;
      positions = [];
      for (let p = from; p <= n; p++) positions.push(p);
    } else {
      const next: number[] = [];
      for (const p of positions) if (p < n && path[p] === c) next.push(p + 1);
      if (next.length === 0) return false;
      positions = next;
    }
  }
  return true;
}

/**
 * The path, params and query of a URL (no fragment), as Google's GetPathParamsQuery takes it:
 * '/' when there is none. The URL is compared as given (as RFC 3986 text; `new URL(...).href`
 * already is), apart from upper-casing %xx escapes.
 */
export function pathOf(url: string): string {
  let start = url.startsWith('//') ? 2 : 0;
  const early = firstOf(url, '/?;', start);
  const scheme = url.indexOf('://', start);
  if (scheme >= 0 && (early < 0 || scheme < early)) start = scheme + 3;
  const pathStart = firstOf(url, '/?;', start);
  if (pathStart < 0) return '/';
  const hash = url.indexOf('#', start);
  if (hash >= 0 && hash < pathStart) return '/';
  const path = url.slice(pathStart, hash < 0 ? url.length : hash);
  return upperCaseEscapes(path.startsWith('/') ? path : `/${path}`);
}

function firstOf(s: string, chars: string, from: number): number {
  for (let i = from; i < s.length; i++) if (chars.includes(s[i] as string)) return i;
  return -1;
}

/**
 * RFC 9309 §2.2.2: characters outside US-ASCII are percent-encoded as UTF-8 before comparing;
 * existing escapes are upper-cased so `%e3` and `%E3` are one thing.
 */
function normalisePercentEncoding(pattern: string): string {
  let out = '';
  for (const ch of upperCaseEscapes(pattern)) {
    if (ch.charCodeAt(0) < 0x80) out += ch;
    else for (const byte of Buffer.from(ch, 'utf8')) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function upperCaseEscapes(s: string): string {
  return s.includes('%') ? s.replace(/%[0-9a-fA-F]{2}/g, (e) => e.toUpperCase()) : s;
}

/** Lines of the body: BOM dropped, cut at the parse limit, CR, LF and CRLF all ending a line. */
function linesOf(text: string): string[] {
  let body = text.startsWith(BOM) ? text.slice(1) : text;
  if (Buffer.byteLength(body, 'utf8') > ROBOTS_PARSE_LIMIT) {
    // Cut at the limit, then drop the partial last line: half a rule could widen what it allows.
    body = Buffer.from(body, 'utf8').subarray(0, ROBOTS_PARSE_LIMIT).toString('utf8');
    const lastBreak = Math.max(body.lastIndexOf('\n'), body.lastIndexOf('\r'));
    body = lastBreak < 0 ? '' : body.slice(0, lastBreak);
  }
  return body.split(/\r\n|\r|\n/).map((line) => (line.length > ROBOTS_LINE_LIMIT ? line.slice(0, ROBOTS_LINE_LIMIT) : line));
}

/**
 * `key: value` with the comment dropped (§2.2.4: `#` starts a comment). Google also takes
 * `key value` when a line has no colon and exactly two words; so do we.
 */
function keyValueOf(raw: string): { key: string; value: string } | null {
  const hash = raw.indexOf('#');
  const line = (hash >= 0 ? raw.slice(0, hash) : raw).trim();
  if (line === '') return null;
  let sep = line.indexOf(':');
  if (sep < 0) {
    const ws = /[ \t]+/.exec(line);
    if (ws === null) return null;
    const value = line.slice(ws.index + ws[0].length);
    if (/[ \t]/.test(value)) return null;
    sep = ws.index;
  }
  const key = line.slice(0, sep).trim();
  if (key === '') return null;
  return { key: key.replace(/[ \t]+/g, ' '), value: line.slice(sep + 1).trim() };
}

function absoluteUrl(value: string, base: string): string | null {
  if (value === '') return null;
  try {
    return new URL(value, base).href;
  } catch {
    return null;
  }
}
