// The query compiler keeps user text out of SQL and FTS5 syntax: every value is a bound
// parameter, and inside MATCH strings every user word sits in a quoted FTS5 string.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseQuery } from '../../query/index.js';
import { compileQuery, ftsString } from './compile-query.js';

// A fixed seed keeps the suite deterministic; set FAST_CHECK_SEED to explore other inputs.
fc.configureGlobal({ seed: Number(process.env.FAST_CHECK_SEED ?? 20261127) });

test('FTS5 strings double inner quotes', () => {
  assert.equal(ftsString('say "hi"'), '"say ""hi"""');
});

test('the driving index and the SQL conditions of a mixed query', () => {
  const compiled = compileQuery(parseQuery('cocoa -futures wire:"Business Wire" published:>=2024-01-01 北京').root);
  assert.deepEqual(compiled.driver, { index: 'articles_fts', match: '("cocoa" NOT "futures")' });
  assert.deepEqual(compiled.params, ['business wire', '2024-01-01', '%北京%', '%北京%']);
  assert.deepEqual(compiled.likeTerms, ['北京']);
  assert.equal(compiled.where.length, 3);
  const cjk = compileQuery(parseQuery('北京市 OR 上海市').root);
  assert.deepEqual(cjk.driver, { index: 'articles_cjk', match: '("北京市" OR "上海市")' });
  const prefix = compileQuery(parseQuery('title:coc* "a b"').root);
  assert.equal(prefix.driver?.match, '(title : "coc" * AND "a b")');
});

test('proximity compiles to NEAR over quoted strings, in a column when fielded', () => {
  assert.equal(compileQuery(parseQuery('"cocoa prices"~5').root).driver?.match, 'NEAR("cocoa" "prices", 5)');
  assert.equal(compileQuery(parseQuery('title:"rate cut"~0 -"x y"~2').root).driver?.match, '(title : NEAR("rate" "cut", 0) NOT NEAR("x" "y", 2))');
  // CJK has no words to count in the trigram index: each word must appear, as with a phrase.
  const cjk = compileQuery(parseQuery('"北京市 上海市"~3').root);
  assert.deepEqual(cjk.driver, { index: 'articles_cjk', match: '("北京市" AND "上海市")' });
});

test('ticker, site, url, story and moments are parameterised conditions', () => {
  const now = new Date('2026-03-31T12:00:00Z');
  const compiled = compileQuery(
    parseQuery('ticker:NYSE:IBM ticker:Ibm site:https://WWW.Reuters.com/x story:s1 url:https://a.com/n* published:>now-1d', { now }).root,
  );
  assert.equal(compiled.driver, null);
  assert.deepEqual(compiled.where, [
    'coalesce(instr(a.ticker_key, ?) > 0, 0)',
    'coalesce(instr(a.ticker_key, ?) > 0, 0)',
    'coalesce(instr(a.site_key, ?) > 0, 0)',
    '(a.story_id IS NOT NULL AND a.story_id = ?)',
    '(a.url IS NOT NULL AND a.url >= ? AND a.url < ?)',
    "coalesce(strftime('%Y-%m-%dT%H:%M:%fZ', a.published) > ?, 0)",
  ]);
  assert.deepEqual(compiled.params, ['\u0001nyse:ibm\u0001', '\u0001ibm\u0001', '\u0001www.reuters.com\u0001', 's1',
    'https://a.com/n', 'https://a.com/n\u{10FFFF}', '2026-03-30T12:00:00.000Z']);
  assert.deepEqual(compileQuery(parseQuery('url:https://a.com/n').root).where, ['(a.url IS NOT NULL AND a.url = ?)']);
});

test('a NUL in a term does not end the FTS5 string early (fuzzing found "\u{20000}\\0\\0")', () => {
  assert.equal(ftsString('a\0b'), '"a b"');
});

/** What may appear in generated SQL: our keywords, columns, placeholders and punctuation. */
const SQL_SHAPE = /^[A-Za-z_.0-9 ()?,=<>!'\\]*$/;
/** Outside quoted strings, a MATCH expression holds only our operators and column names. */
const MATCH_SHAPE = /^(?:\s|\(|\)|AND|OR|NOT|\*|title :|text :|"(?:[^"]|"")*")*$/u;

test('random queries compile to parameterised SQL and quoted FTS5 strings only', () => {
  const pieces = ['cocoa', 'NEAR(', '"a" OR', 'col:', '^', '*', "'; DROP TABLE articles; --", 'title:', 'wire:', '(', ')',
    '-', 'OR', 'NOT', '北京', '京', 'published:<2024-01-01', 'x"y', '%', '_', '\\'];
  fc.assert(
    fc.property(fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 4 })), { maxLength: 10 }), (parts) => {
      let root;
      try {
        root = parseQuery(parts.join(' ')).root;
      } catch {
        return;
      }
      const compiled = compileQuery(root);
      for (const condition of compiled.where) {
        // `a.seq IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)` and the like.
        assert.match(condition, SQL_SHAPE, condition);
        assert.ok(!condition.includes("DROP"), condition);
      }
      if (compiled.driver) assert.match(compiled.driver.match, MATCH_SHAPE, compiled.driver.match);
      for (const param of compiled.params) {
        if (typeof param === 'string' && param.startsWith('(') ) assert.match(param, MATCH_SHAPE);
      }
    }),
    { numRuns: 3000 },
  );
});
