// robots.txt: Google's 145 reference cases (read at run time from ../shared/corpora/robots) and
// the parts of RFC 9309 they do not cover: Crawl-delay, Sitemap, fetch failures, the size limit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { isDatelineError } from '../core/errors.js';
import {
  ROBOTS_PARSE_LIMIT,
  parseRobots,
  pathOf,
  productToken,
  robotsForStatus,
  robotsUrlFor,
} from './robots.js';

const corpora = process.env.DATELINE_CORPORA ?? fileURLToPath(new URL('../../../shared/corpora', import.meta.url));
const casesPath = join(corpora, 'robots', 'robots_test_cases.jsonl');
const ROBOTS_URL = 'https://example.com/robots.txt';

interface GoogleCase {
  test: string;
  robotstxt: string;
  useragent: string;
  url: string;
  allowed: boolean;
}

test("Google's robots.txt cases: all 145 pass", (t) => {
  if (!existsSync(casesPath)) {
    t.skip('../shared/corpora/robots absent');
    return;
  }
  const cases = readFileSync(casesPath, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as GoogleCase);
  assert.equal(cases.length, 145);
  const failures = cases
    .filter((c) => parseRobots(c.robotstxt, 'http://foo.bar/robots.txt').isAllowed(c.url, c.useragent) !== c.allowed)
    .map((c) => `${c.test}: ${c.useragent} ${c.url.slice(0, 80)} expected ${c.allowed ? 'allowed' : 'disallowed'}`);
  assert.deepEqual(failures, []);
});

test('groups: the crawler’s own groups (merged, any case) win over *; other groups do not apply', () => {
  const rules = parseRobots(
    [
      'User-agent: *',
      'Disallow: /',
      '',
      'User-agent: DateLine',
      'User-agent: other',
      'Disallow: /private/',
      '',
      'User-agent: dateline',
      'Disallow: /drafts/',
    ].join('\n'),
    ROBOTS_URL,
  );
  assert.equal(rules.isAllowed('https://example.com/news/1', 'dateline'), true);
  assert.equal(rules.isAllowed('https://example.com/private/x', 'DATELINE'), false);
  assert.equal(rules.isAllowed('https://example.com/drafts/x', 'dateline'), false);
  assert.equal(rules.isAllowed('https://example.com/news/1', 'SomeoneElse'), false);
  assert.equal(rules.isAllowed('https://example.com/news/1', 'other'), true);
});

test('no matching group and no * group: everything allowed; rules before any user-agent line ignored', () => {
  const rules = parseRobots('Disallow: /\nUser-agent: googlebot\nDisallow: /\n', ROBOTS_URL);
  assert.equal(rules.isAllowed('/anything', 'dateline'), true);
  assert.equal(rules.isAllowed('/anything', 'Googlebot'), false);
});

test('longest match wins; an allow wins a tie; an empty Disallow: disallows nothing', () => {
  const rules = parseRobots(
    'User-agent: *\nDisallow: /a/\nAllow: /a/b/\nDisallow: /a/b/c\nAllow: /t\nDisallow: /t\nDisallow:\n',
    ROBOTS_URL,
  );
  assert.equal(rules.isAllowed('/a/x', 'x'), false);
  assert.equal(rules.isAllowed('/a/b/x', 'x'), true);
  assert.equal(rules.isAllowed('/a/b/cd', 'x'), false);
  assert.equal(rules.isAllowed('/t', 'x'), true);
  assert.equal(parseRobots('User-agent: *\nDisallow:\n', ROBOTS_URL).isAllowed('/x', 'x'), true);
});

test('wildcards: * matches any run, a final $ anchors the end, a $ elsewhere is literal', () => {
  const rules = parseRobots('User-agent: *\nDisallow: /*.pdf$\nDisallow: /s*/q\nDisallow: /x$y\n', ROBOTS_URL);
  assert.equal(rules.isAllowed('/files/a.pdf', 'x'), false);
  assert.equal(rules.isAllowed('/files/a.pdf?download=1', 'x'), true);
  assert.equal(rules.isAllowed('/search/more/q?z', 'x'), false);
  assert.equal(rules.isAllowed('/x$y', 'x'), false);
  assert.equal(rules.isAllowed('/xy', 'x'), true);
  // Many wildcards against a long path: positions are tracked, nothing backtracks.
  const heavy = parseRobots(`User-agent: *\nDisallow: /${'*a'.repeat(2000)}b\n`, ROBOTS_URL);
  assert.equal(heavy.isAllowed(`/${'a'.repeat(5000)}`, 'x'), true);
});

test('percent-encoding: non-ASCII in patterns is encoded as UTF-8, escapes compare in either case', () => {
  const rules = parseRobots('User-agent: *\nDisallow: /wiki/Zürich\nDisallow: /a%2fb\n', ROBOTS_URL);
  assert.equal(rules.isAllowed(new URL('https://example.com/wiki/Zürich').href, 'x'), false);
  assert.equal(rules.isAllowed('/wiki/Z%c3%bcrich', 'x'), false);
  assert.equal(rules.isAllowed('/a%2Fb', 'x'), false);
  assert.equal(rules.isAllowed('/a/b', 'x'), true); // %2F is not a path separator
});

test('/robots.txt is always allowed (RFC 9309 §2.2.2), even when robots.txt is unreachable', () => {
  const rules = parseRobots('User-agent: *\nDisallow: /\n', ROBOTS_URL);
  assert.equal(rules.isAllowed('https://example.com/robots.txt', 'x'), true);
  assert.equal(rules.isAllowed('https://example.com/robots.txt.bak', 'x'), false);
  assert.equal(robotsForStatus(503).isAllowed('/robots.txt', 'x'), true);
});

test('Crawl-delay: from the group that matches, fractions kept, nonsense ignored', () => {
  const rules = parseRobots(
    [
      'User-agent: *',
      'Crawl-delay: 10',
      'Disallow: /x',
      'User-agent: dateline',
      'Crawl-delay: 2.5',
      'Disallow: /y',
      'User-agent: slowbot',
      'Crawl-delay: soon',
      'Disallow: /z',
      'User-agent: negbot',
      'Crawl-delay: -1',
    ].join('\r\n'),
    ROBOTS_URL,
  );
  assert.equal(rules.crawlDelay('dateline'), 2.5);
  assert.equal(rules.crawlDelay('Dateline'), 2.5);
  assert.equal(rules.crawlDelay('anyone'), 10);
  assert.equal(rules.crawlDelay('slowbot'), null);
  assert.equal(rules.crawlDelay('negbot'), null);
  assert.equal(parseRobots('User-agent: *\nDisallow: /\n', ROBOTS_URL).crawlDelay('x'), null);
  // A Crawl-delay line does not end the run of user-agent lines: both agents share it.
  const shared = parseRobots('User-agent: a\nCrawl-delay: 3\nUser-agent: b\nDisallow: /p\n', ROBOTS_URL);
  assert.equal(shared.crawlDelay('b'), 3);
  assert.equal(shared.isAllowed('/p', 'a'), false);
});

test('Sitemap: every line, inside or outside groups, absolute, relative ones resolved, no duplicates', () => {
  const rules = parseRobots(
    [
      'Sitemap: https://example.com/sitemap.xml',
      'User-agent: *',
      'Sitemap: /news-sitemap.xml # the news one',
      'Disallow: /private/',
      'sitemap:https://cdn.example.net/s.xml.gz',
      'Sitemap: https://example.com/sitemap.xml',
      'Sitemap:',
    ].join('\n'),
    ROBOTS_URL,
  );
  assert.deepEqual(rules.sitemaps, [
    'https://example.com/sitemap.xml',
    'https://example.com/news-sitemap.xml',
    'https://cdn.example.net/s.xml.gz',
  ]);
  assert.equal(rules.isAllowed('/private/a', 'x'), false);
});

test('robotsForStatus: 4xx allows all; 5xx, 429 and unreachable disallow all; 3xx (redirect limit) allows all', () => {
  for (const status of [400, 401, 403, 404, 410, 451]) {
    const rules = robotsForStatus(status);
    assert.equal(rules.isAllowed('https://example.com/any', 'dateline'), true, String(status));
    assert.equal(rules.crawlDelay('dateline'), null);
    assert.deepEqual(rules.sitemaps, []);
  }
  for (const status of [429, 500, 502, 503, 504, 599, 'unreachable'] as const) {
    assert.equal(robotsForStatus(status).isAllowed('https://example.com/any', 'dateline'), false, String(status));
    assert.equal(robotsForStatus(status).isAllowed('/', 'dateline'), false, String(status));
  }
  assert.equal(robotsForStatus(310).isAllowed('/any', 'dateline'), true);
  assert.throws(
    () => robotsForStatus(200),
    (e: unknown) => isDatelineError(e) && e.code === 'E_INTERNAL',
  );
});

test('size limit: only the first 500 KiB are parsed, and a line cut by the limit is dropped', () => {
  const head = 'User-agent: *\nDisallow: /early\n';
  const filler = `# ${'x'.repeat(98)}\n`;
  let body = head;
  while (Buffer.byteLength(body) + filler.length <= ROBOTS_PARSE_LIMIT - 10) body += filler;
  body += `#${'x'.repeat(ROBOTS_PARSE_LIMIT - 10 - Buffer.byteLength(body))}\n`; // now 9 bytes short of the limit
  // "Allow: /early/open" straddles the limit: cut, it would read "Allow: /e" and open /early.
  const straddling = `${body}Allow: /early/open\nDisallow: /late\n`;
  assert.ok(Buffer.byteLength(straddling) > ROBOTS_PARSE_LIMIT);
  const rules = parseRobots(straddling, ROBOTS_URL);
  assert.equal(rules.isAllowed('/early', 'x'), false);
  assert.equal(rules.isAllowed('/early/open', 'x'), false);
  assert.equal(rules.isAllowed('/late', 'x'), true, 'a rule past 500 KiB must be ignored');
  // Under the limit, the same rules apply.
  const small = parseRobots(`${head}Allow: /early/open\nDisallow: /late\n`, ROBOTS_URL);
  assert.equal(small.isAllowed('/early/open', 'x'), true);
  assert.equal(small.isAllowed('/late', 'x'), false);
});

test('syntax: BOM, CRLF/CR/LF, comments, case-insensitive keys, lines without a colon, unknown lines', () => {
  const text = '\uFEFFUSER-AGENT: *\r\nDISALLOW: /a # comment\rdisallow /b\n# Disallow: /c\nnoise\nFoo: bar\nAllow: /a/ok\n';
  const rules = parseRobots(text, ROBOTS_URL);
  assert.equal(rules.isAllowed('/a', 'x'), false);
  assert.equal(rules.isAllowed('/a/ok', 'x'), true);
  assert.equal(rules.isAllowed('/b', 'x'), false);
  assert.equal(rules.isAllowed('/c', 'x'), true);
  assert.equal(parseRobots('', ROBOTS_URL).isAllowed('/anything', 'x'), true);
  assert.equal(parseRobots('<html><body>Not found</body></html>', ROBOTS_URL).isAllowed('/x', 'x'), true);
});

test('URLs: absolute or a path; the fragment is dropped; the query counts', () => {
  assert.equal(pathOf('https://example.com'), '/');
  assert.equal(pathOf('https://example.com/a/b?c=d#e'), '/a/b?c=d');
  assert.equal(pathOf('/a?x'), '/a?x');
  assert.equal(pathOf('https://example.com?q'), '/?q');
  const rules = parseRobots('User-agent: *\nDisallow: /*?sessionid=\n', ROBOTS_URL);
  assert.equal(rules.isAllowed('https://example.com/p?sessionid=1', 'x'), false);
  assert.equal(rules.isAllowed('https://example.com/p#?sessionid=1', 'x'), true);
});

test('productToken and robotsUrlFor', () => {
  assert.equal(productToken('dateline/0.1 (+https://example.org/bot)'), 'dateline');
  assert.equal(productToken('Mozilla/5.0'), 'Mozilla');
  assert.equal(productToken('Foo-Bot_2'), 'Foo-Bot_');
  assert.equal(robotsUrlFor('https://Example.com:8443/a/b?c#d'), 'https://example.com:8443/robots.txt');
  assert.equal(robotsUrlFor(new URL('http://example.com/x')), 'http://example.com/robots.txt');
});
