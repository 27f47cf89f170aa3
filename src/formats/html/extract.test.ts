// Golden cases for the HTML extractor: test/fixtures/extraction/<case>/{input.html, expected.json,
// options.json?}. Every field in EXTRACTED_FIELDS is compared with extractHtml's output. Regenerate
// after an intended change with `npm run fixtures:update` and review the diff; conventions are in
// that folder's README. Then a few checks that hold for any page, golden or not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractHtml, type ExtractedPage, type ExtractOptions } from './index.js';

const root = fileURLToPath(new URL('../../../test/fixtures/extraction', import.meta.url));

/** What an expected.json holds, in the order scripts/update-fixtures.ts writes it. */
const EXTRACTED_FIELDS = [
  'title', 'published', 'modified', 'byline', 'siteName', 'canonicalUrl', 'language', 'description', 'image', 'paragraphs', 'html',
] as const satisfies readonly (keyof ExtractedPage)[];

/**
 * Cases whose expected.json was corrected by hand to the right answer, which the extractor does
 * not give yet. They run as todo: reported, not failing the suite. Remove a case from here once
 * the extractor is fixed. scripts/update-fixtures.ts reads this list and never rewrites these
 * cases, so keep the shape: one `'case': 'reason',` per line, closed by `};` on its own line.
 */
const KNOWN_FAILURES: Readonly<Record<string, string>> = {
  'layout-table': 'the layout table\'s footer row ("Last updated by the clerk...") is kept as body',
};

const cases = existsSync(root)
  ? readdirSync(root, { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(join(root, d.name, 'input.html')) && existsSync(join(root, d.name, 'expected.json')))
      .map((d) => d.name)
      .sort()
  : [];

/** Extracts a case's page with its options.json (the page URL), if it has one. */
function extractCase(name: string): ExtractedPage {
  const dir = join(root, name);
  const optionsPath = join(dir, 'options.json');
  const options = existsSync(optionsPath) ? (JSON.parse(readFileSync(optionsPath, 'utf8')) as ExtractOptions) : {};
  return extractHtml(readFileSync(join(dir, 'input.html'), 'utf8'), options);
}

test('extraction fixtures exist, and every known failure names one', () => {
  assert.ok(cases.length > 0, `no cases under ${root}: each needs <case>/input.html and expected.json`);
  const stale = Object.keys(KNOWN_FAILURES).filter((name) => !cases.includes(name));
  assert.deepEqual(stale, [], 'KNOWN_FAILURES names cases that do not exist');
});

for (const name of cases) {
  const reason = KNOWN_FAILURES[name];
  test(`extraction: ${name}`, reason ? { todo: reason } : {}, () => {
    const expected = JSON.parse(readFileSync(join(root, name, 'expected.json'), 'utf8')) as Record<string, unknown>;
    assert.deepEqual(Object.keys(expected).sort(), [...EXTRACTED_FIELDS].sort(), `${name}: expected.json must hold exactly these fields`);
    const got = extractCase(name);
    for (const field of EXTRACTED_FIELDS) {
      assert.deepEqual(got[field], expected[field], `${name}: ${field}`);
    }
  });
}

// ---- checks that need no expected file ---------------------------------------------------

/** The tags and attributes the rendered HTML may hold (render.ts's allowlist). */
const ALLOWED_TAGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'ul', 'ol', 'li', 'blockquote', 'pre', 'code', 'a', 'strong', 'em', 'sub', 'sup', 'mark']);

function assertSafeHtml(html: string, where: string): void {
  assert.doesNotMatch(html, /<script/i, `${where}: <script in html`);
  assert.doesNotMatch(html, /<[^>]*\son[a-z]+\s*=/i, `${where}: an on* attribute in html`);
  assert.doesNotMatch(html, /javascript:/i, `${where}: javascript: in html`);
  for (const [, tag, attrs] of html.matchAll(/<\/?([a-z0-9]+)([^>]*)>/gi)) {
    assert.ok(ALLOWED_TAGS.has(tag!.toLowerCase()), `${where}: <${tag}> is not on the allowlist`);
    for (const [, attr, value] of attrs!.matchAll(/([a-z-]+)\s*=\s*"([^"]*)"/gi)) {
      assert.equal(`${tag}[${attr}]`, 'a[href]', `${where}: attribute ${attr} on <${tag}>`);
      assert.match(value!, /^(?:https?:|mailto:)/i, `${where}: link to ${value}`);
    }
  }
}

test('no case renders script, event handlers, javascript: links or tags off the allowlist', () => {
  for (const name of cases) assertSafeHtml(extractCase(name).html, name);
});

test('script in attributes, javascript: links and onerror do not survive, wherever they sit', () => {
  const page = extractHtml(
    `<html><body><article><h1>Test</h1>
      <p onmouseover="alert(1)">A paragraph long enough to be taken as the body of this small page, with a
      <a href=" javascript:alert(2)">link</a>, an <a href="jav&#x09;ascript:alert(3)">encoded link</a> and an image
      <img src=x onerror="alert(4)"> inside it.</p>
      <p>A second paragraph of body text, so that the article is clearly the main content of the page here.<script>alert(5)</script></p>
      <p><svg onload="alert(6)"></svg><iframe srcdoc="<script>alert(7)</script>"></iframe>A third paragraph of ordinary words to close the page off.</p>
    </article></body></html>`,
  );
  assert.ok(page.paragraphs.length > 0, 'the body is extracted');
  assertSafeHtml(page.html, 'inline page');
  assert.ok(page.paragraphs.every((p) => !/alert\(/.test(p)), 'script text does not become body text');
});

test('the news article keeps its body and none of the page furniture around it', () => {
  const { paragraphs } = extractCase('news-article-furniture');
  assert.ok(paragraphs.some((p) => p.startsWith('Engineers lowered the Marrow Point tidal barrier')), 'the first paragraph is kept');
  const text = paragraphs.join('\n');
  const furniture = [
    'We use cookies', 'Accept all', // cookie banner
    'Home', 'Business', 'Weather', // site navigation and breadcrumb
    'Environment', 'Copy link', 'Facebook', // breadcrumb's last crumb, share bar
    'morning briefing', 'Sign up', // newsletter box
    'Related stories', 'Quay Street traders ask', // related list
    'comments', 'harbourwatcher', 'delivery due at the shop', // comments
    'All rights reserved', 'Privacy policy', 'Registered office', // footer
  ];
  for (const phrase of furniture) assert.ok(!text.includes(phrase), `furniture in the body: "${phrase}"`);
});
