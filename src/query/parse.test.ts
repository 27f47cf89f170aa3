// Unit tests for the query parser: what each form means, how operators bind, and the error,
// column and caret each kind of bad query gets.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isDatelineError } from '../core/index.js';
import { formatQuery, parseQuery } from './index.js';

const shape = (text: string): string => formatQuery(parseQuery(text).root);

function fails(text: string, code: string, column?: number, message?: RegExp): void {
  assert.throws(
    () => parseQuery(text),
    (error: unknown) => {
      assert.ok(isDatelineError(error), `${text}: not a DatelineError: ${String(error)}`);
      assert.equal(error.code, code, `${text}: ${error.message}`);
      if (column !== undefined) assert.equal(error.column, column, `${text}: ${error.message}`);
      if (message) assert.match(error.message, message);
      return true;
    },
  );
}

describe('parseQuery: forms', () => {
  test('terms, phrases, prefixes and fields', () => {
    assert.deepEqual(parseQuery('cocoa').root, { type: 'term', field: 'any', value: 'cocoa', prefix: false });
    assert.deepEqual(parseQuery('"cocoa futures"').root, { type: 'phrase', field: 'any', words: ['cocoa', 'futures'] });
    assert.deepEqual(parseQuery('"cocoa"').root, { type: 'term', field: 'any', value: 'cocoa', prefix: false });
    assert.deepEqual(parseQuery('coc*').root, { type: 'term', field: 'any', value: 'coc', prefix: true });
    assert.deepEqual(parseQuery('title:cocoa').root, { type: 'term', field: 'title', value: 'cocoa', prefix: false });
    assert.deepEqual(parseQuery('text:"a b"').root, { type: 'phrase', field: 'text', words: ['a', 'b'] });
    assert.equal(shape('title:(a OR "b c") d'), '((title:a OR title:"b c") AND d)');
  });

  test('filters with bare and quoted values; field names ignore case', () => {
    assert.deepEqual(parseQuery('wire:"Business Wire"').root, { type: 'filter', field: 'wire', value: 'Business Wire' });
    assert.deepEqual(parseQuery('Lang:fr').root, { type: 'filter', field: 'lang', value: 'fr' });
    assert.equal(shape('source:Acme place:Beijing kind:release'), '(source:Acme AND place:Beijing AND kind:release)');
  });

  test('published dates with every comparison', () => {
    for (const op of ['>', '>=', '<', '<=', '='] as const) {
      assert.deepEqual(parseQuery(`published:${op}2024-01-31`).root, { type: 'published', op, date: '2024-01-31' });
    }
    assert.deepEqual(parseQuery('published:2024-01-31').root, { type: 'published', op: '=', date: '2024-01-31' });
  });

  test('colons that are not fields stay words', () => {
    assert.equal(shape('meeting 14:17'), '(meeting AND "14:17")');
    assert.equal(shape('http://example.com/a'), '"http://example.com/a"');
    assert.equal(shape('Note: cocoa'), '("Note:" AND cocoa)');
  });

  test('+ marks a required term, which AND already makes it', () => {
    assert.equal(shape('+cocoa futures'), '(cocoa AND futures)');
  });

  test('lowercase and/or/not are words, not operators', () => {
    assert.equal(shape('rock and roll'), '(rock AND and AND roll)');
  });
});

describe('parseQuery: proximity', () => {
  test('"a b"~N keeps the words within N words of each other, in a field or not', () => {
    assert.deepEqual(parseQuery('"cocoa prices"~5').root, { type: 'near', field: 'any', words: ['cocoa', 'prices'], distance: 5 });
    assert.deepEqual(parseQuery('title:"rate cut"~0').root, { type: 'near', field: 'title', words: ['rate', 'cut'], distance: 0 });
    assert.equal(shape('text:("a b"~3 OR c)'), '(text:"a b"~3 OR text:c)');
    assert.equal(shape('"a b"~2 -"c d"'), '("a b"~2 AND NOT "c d")');
  });

  test('a single word near itself is that word; phrases and prefixes read as before', () => {
    assert.deepEqual(parseQuery('"cocoa"~4').root, { type: 'term', field: 'any', value: 'cocoa', prefix: false });
    assert.deepEqual(parseQuery('"a b"').root, { type: 'phrase', field: 'any', words: ['a', 'b'] });
    assert.deepEqual(parseQuery('"coc"*').root, { type: 'term', field: 'any', value: 'coc', prefix: true });
    assert.equal(shape('"a b" ~5'), '("a b" AND ~5)');
  });

  test('bad distances point at the ~', () => {
    fails('"a b"~', 'E_QUERY_SYNTAX', 6, /takes a number of words/);
    fails('x "a b"~y', 'E_QUERY_SYNTAX', 8, /takes a number of words/);
    fails('"a b"~101', 'E_QUERY_SYNTAX', 6, /at most 100/);
    fails('"a b"*~2', 'E_QUERY_SYNTAX', 7, /\* or ~N, not both/);
    fails('wire:"PR Newswire"~2', 'E_QUERY_SYNTAX', 6, /not a wire: value/);
  });
});

describe('parseQuery: ticker, site, url and story', () => {
  test('ticker: a symbol on any exchange, or exchange:symbol', () => {
    assert.deepEqual(parseQuery('ticker:IBM').root, { type: 'ticker', exchange: null, symbol: 'IBM' });
    assert.deepEqual(parseQuery('ticker:NYSE:IBM').root, { type: 'ticker', exchange: 'NYSE', symbol: 'IBM' });
    assert.deepEqual(parseQuery('ticker:"NYSE American: BTA"').root, { type: 'ticker', exchange: 'NYSE American', symbol: 'BTA' });
    assert.equal(shape('ticker:NYSE:IBM ticker:BRK.B'), '(ticker:"NYSE:IBM" AND ticker:BRK.B)');
    fails('ticker::IBM', 'E_QUERY_SYNTAX', 8, /exchange and a symbol/);
    fails('ticker:NYSE:', 'E_QUERY_SYNTAX', 8, /exchange and a symbol/);
  });

  test('site: a host (from a URL too) or a site name', () => {
    const site = (text: string) => parseQuery(text).root;
    assert.deepEqual(site('site:reuters.com'), { type: 'filter', field: 'site', value: 'reuters.com' });
    assert.deepEqual(site('site:https://WWW.Reuters.com:443/markets?x=1'), { type: 'filter', field: 'site', value: 'www.reuters.com' });
    assert.deepEqual(site('site:*.bbc.co.uk'), { type: 'filter', field: 'site', value: 'bbc.co.uk' });
    assert.deepEqual(site('site:bücher.de'), { type: 'filter', field: 'site', value: 'xn--bcher-kva.de' });
    assert.deepEqual(site('site:"PR Newswire"'), { type: 'filter', field: 'site', value: 'PR Newswire' });
  });

  test('url: exact, a prefix with *, and without a scheme under https or http', () => {
    assert.deepEqual(parseQuery('url:https://example.com/a?b=1').root, { type: 'url', value: 'https://example.com/a?b=1', prefix: false });
    assert.deepEqual(parseQuery('url:https://example.com/news/*').root, { type: 'url', value: 'https://example.com/news/', prefix: true });
    assert.deepEqual(parseQuery('url:"https://example.com/a b"*').root, { type: 'url', value: 'https://example.com/a b', prefix: true });
    assert.equal(shape('url:example.com/news*'), '(url:"https://example.com/news"* OR url:"http://example.com/news"*)');
    assert.equal(shape('cocoa -url:https://x.com/a'), '(cocoa AND NOT url:"https://x.com/a")');
    fails('url:*', 'E_QUERY_SYNTAX', 5, /before the \*/);
  });

  test('story: an id as typed', () => {
    assert.deepEqual(parseQuery('story:3f9a0c12d4e5b6a7').root, { type: 'filter', field: 'story', value: '3f9a0c12d4e5b6a7' });
  });

  test('a field value is never itself a field', () => {
    assert.equal(shape('ticker:TSX:ABC url:urn:isbn:1'), '(ticker:"TSX:ABC" AND url:"urn:isbn:1")');
  });

  test('the canonical form of every new construct parses back to the same tree', () => {
    for (const text of ['"a b"~3 title:"c d"~1', 'ticker:"NYSE American:BTA" site:"PR Newswire" story:x', 'url:a.com/b* site:x.org',
      'title:"=a" wire:"<b"']) {
      const tree = parseQuery(text).root;
      assert.deepEqual(parseQuery(formatQuery(tree)).root, tree, `${text} -> ${formatQuery(tree)}`);
    }
  });
});

describe('parseQuery: precedence', () => {
  test('AND is the default and binds tighter than OR', () => {
    assert.equal(shape('a b OR c'), '((a AND b) OR c)');
    assert.equal(shape('a OR b c'), '(a OR (b AND c))');
    assert.equal(shape('a AND b OR c AND d'), '((a AND b) OR (c AND d))');
  });

  test('NOT and - bind tighter than AND', () => {
    assert.equal(shape('a NOT b c'), '(a AND NOT b AND c)');
    assert.equal(shape('a -b OR c'), '((a AND NOT b) OR c)');
    assert.equal(shape('a -(b OR c)'), '(a AND NOT (b OR c))');
    assert.equal(shape('a -"b c"'), '(a AND NOT "b c")');
    assert.equal(shape('a NOT NOT b'), '(a AND NOT NOT b)');
  });

  test('parentheses override precedence', () => {
    assert.equal(shape('(a OR b) c'), '((a OR b) AND c)');
    assert.equal(shape('a (b OR (c d))'), '(a AND (b OR (c AND d)))');
  });

  test('the canonical form parses back to the same tree', () => {
    for (const text of ['a b OR -c d', 'title:(x OR y) wire:"PR Newswire" published:>=2024-01-01', 'x* "p q" -(r OR s)']) {
      const tree = parseQuery(text).root;
      assert.deepEqual(parseQuery(formatQuery(tree)).root, tree, text);
    }
  });
});

describe('parseQuery: errors', () => {
  test('unbalanced quotes point at the opening quote', () => {
    fails('cocoa "futures', 'E_QUERY_SYNTAX', 7, /never closed/);
  });

  test('unbalanced parentheses', () => {
    fails('(cocoa OR coffee', 'E_QUERY_SYNTAX', 1, /never closed/);
    fails('cocoa)', 'E_QUERY_SYNTAX', 6, /no matching/);
    fails('a ()', 'E_QUERY_SYNTAX', 3, /empty/);
  });

  test('dangling operators', () => {
    fails('cocoa OR', 'E_QUERY_SYNTAX', 7, /OR needs/);
    fails('OR cocoa', 'E_QUERY_SYNTAX', 1);
    fails('a AND OR b', 'E_QUERY_SYNTAX', 3);
    fails('a NOT', 'E_QUERY_SYNTAX', 3, /NOT needs/);
    fails('a - b', 'E_QUERY_SYNTAX', 3, /followed directly/);
    fails('(a OR)', 'E_QUERY_SYNTAX', 4);
  });

  test('empty field values and bad dates', () => {
    fails('title: cocoa', 'E_QUERY_SYNTAX', 7, /needs a value/);
    fails('wire:', 'E_QUERY_SYNTAX', 6);
    fails('wire:"" x', 'E_QUERY_SYNTAX', 6, /inside the quotes/);
    fails('published:>=', 'E_QUERY_SYNTAX', 13);
    fails('published:>=2024-1-1', 'E_QUERY_SYNTAX', 13, /YYYY-MM-DD/);
    fails('published:yesterday', 'E_QUERY_SYNTAX', 11);
  });

  test('unknown fields name the known ones', () => {
    fails('foo:bar', 'E_QUERY_FIELD', 1, /title: text: wire: source: place: lang: kind: ticker: site: url: story: published:/);
    fails('cocoa Site:x Author:y', 'E_QUERY_FIELD', 14, /unknown field 'author:'/);
  });

  test('queries of negations only are refused', () => {
    fails('-cocoa', 'E_QUERY_UNBOUNDED', undefined, /add at least one term to match/);
    fails('NOT cocoa', 'E_QUERY_UNBOUNDED');
    fails('-a -b', 'E_QUERY_UNBOUNDED');
    fails('a OR -b', 'E_QUERY_UNBOUNDED');
    assert.equal(shape('wire:Reuters -cocoa'), '(wire:Reuters AND NOT cocoa)');
  });

  test('nothing to search for', () => {
    fails('', 'E_QUERY_SYNTAX', 1);
    fails('   ', 'E_QUERY_SYNTAX', 1);
    fails('&', 'E_QUERY_SYNTAX', 1, /no letters or digits/);
    fails('""', 'E_QUERY_SYNTAX', 1, /no words/);
  });

  test('the message shows the query with a caret under the column', () => {
    try {
      parseQuery('cocoa AND (brazil');
      assert.fail('should throw');
    } catch (error) {
      assert.ok(isDatelineError(error));
      assert.equal(error.input, 'cocoa AND (brazil');
      const lines = error.message.split('\n');
      assert.equal(lines[1], '  cocoa AND (brazil');
      assert.equal(lines[2], '  ' + ' '.repeat(10) + '^');
    }
  });

  test('deep nesting and long queries are refused, not a stack overflow', () => {
    fails('('.repeat(200) + 'a' + ')'.repeat(200), 'E_QUERY_SYNTAX', undefined, /nests too deeply/);
    fails('NOT '.repeat(200) + 'a', 'E_QUERY_SYNTAX', undefined, /nests too deeply/);
    fails('a '.repeat(3000), 'E_QUERY_SYNTAX', undefined, /longer than/);
  });
});

test('a value starting with a comparison formats back quoted (fast-check found title:(... "=a"~0))', () => {
  assert.equal(shape('title:"=a"'), 'title:"=a"');
  assert.deepEqual(parseQuery(shape('title:"=a"')).root, parseQuery('title:"=a"').root);
});

test('a quoted word ending in * formats back quoted, not as a prefix (fast-check found "0*")', () => {
  const root = parseQuery('"0*"').root;
  assert.deepEqual(parseQuery(formatQuery(root)).root, root);
  assert.equal(formatQuery(root), '"0*"');
});
