// The key columns filters compare: what each holds, and that the quick host reading agrees with
// the URL parser (which the query side uses for site: values) on every URL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { KEY_SEPARATOR, foldValue, siteKey, tickerKey } from './filter-match.js';

const parts = (key: string | null) => (key === null ? null : key.split(KEY_SEPARATOR).filter(Boolean));

test('a site key holds the host, its parent domains and the folded site name', () => {
  assert.deepEqual(parts(siteKey('https://www.Reuters.com/a', 'Reuters UK')), ['www.reuters.com', 'reuters.com', 'com', 'reuters uk']);
  assert.deepEqual(parts(siteKey('http://127.0.0.1:8080/x', null)), ['127.0.0.1']);
  assert.deepEqual(parts(siteKey('https://bücher.de./', null)), ['xn--bcher-kva.de', 'de']);
  assert.equal(siteKey(null, null), null);
  assert.equal(siteKey('not a url', '  '), null);
});

test('a ticker key holds each symbol, alone and with its exchange', () => {
  assert.deepEqual(parts(tickerKey([{ exchange: 'NYSE American', symbol: 'BTA' }, { exchange: 'TSX', symbol: 'BTA' }])), [
    'bta',
    'nyse american:bta',
    'tsx:bta',
  ]);
  assert.equal(tickerKey([]), null);
});

test('the host read without the URL parser is the one the parser gives', () => {
  const label = fc.constantFrom('www', 'Reuters', 'com', 'co', 'uk', 'x-y', '1', '0x7f', 'ß', 'a', '', '-', '.', '..');
  const url = fc
    .tuple(
      fc.constantFrom('http://', 'https://', 'HTTP://', 'ftp://', 'http:/'),
      fc.array(label, { maxLength: 5 }),
      fc.constantFrom('', '.', ':80', ':', '/', '/a?b', '?q', '#f', '@x', '\\x', ' x'),
    )
    .map(([scheme, labels, rest]) => scheme + labels.join('.') + rest);
  const parsed = (text: string): string | null => {
    try {
      const host = new URL(text).hostname.replace(/\.+$/u, '');
      return host === '' ? null : foldValue(host);
    } catch {
      return null;
    }
  };
  fc.assert(
    fc.property(url, (text) => assert.equal(parts(siteKey(text, null))?.[0] ?? null, parsed(text), text)),
    { numRuns: 5000, seed: 20261127 },
  );
});
