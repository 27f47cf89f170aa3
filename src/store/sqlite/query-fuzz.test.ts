// Fuzzed queries end to end on SQLite: whatever text comes in, the parser either gives a tree or
// raises our DatelineError; every tree compiles to SQL made only of our own words (user text
// travels as bound parameters) and runs against a real store without an SQLite error.
// QUERY_FUZZ_RUNS sets the number of queries (npm run fuzz:query runs 100,000).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isDatelineError } from '../../core/index.js';
import { FUZZ_NOW, anyQueryText, wellFormedQuery } from '../../query/arbitraries.js';
import { parseQuery } from '../../query/index.js';
import type { Query } from '../../core/index.js';
import { openStore } from '../index.js';
import type { Store } from '../store.js';
import { CORPUS, article, captureRecord } from '../conformance-data.js';
import { compileQuery } from './compile-query.js';

// A fixed seed keeps the suite deterministic; set FAST_CHECK_SEED to explore other inputs.
const SEED = Number(process.env.FAST_CHECK_SEED ?? 20261127);
const RUNS = Number(process.env.QUERY_FUZZ_RUNS ?? 3000);

/** Every word compile-query.ts may write into SQL; anything else came from the user. */
const SQL_WORDS = new Set(['SELECT', 'rowid', 'FROM', 'WHERE', 'MATCH', 'IN', 'AND', 'OR', 'NOT', 'IS', 'NULL', 'LIKE',
  'ESCAPE', 'coalesce', 'instr', 'substr', 'strftime', 'articles_fts', 'articles_cjk', 'title', 'text', 'a.seq', 'a.url',
  'a.story_id', 'a.place_key', 'a.site_key', 'a.ticker_key', 'a.wire_key', 'a.source_key', 'a.lang', 'a.kind',
  'a.published', '0', '1', '10']);
/** The only string literals it may write. */
const SQL_STRINGS = new Set(["'\\'", "'%Y-%m-%dT%H:%M:%fZ'"]);
const SQL_TOKEN = /'[^']*'|[A-Za-z_][A-Za-z_0-9.]*|\d+|\?|[()=<>!,]|\s+|./gsu;
/** Outside its quoted strings a MATCH expression holds only FTS5 operators, our columns and NEAR's number. */
const MATCH_SHAPE = /^(?:\s|\(|\)|AND|OR|NOT|\*|title :|text :|NEAR\(|, \d{1,3}\)|"(?:[^"]|"")*")*$/u;

/** Throws unless `sql` is made only of the compiler's own words, strings and punctuation. */
function assertOwnSql(sql: string): void {
  for (const [token] of sql.matchAll(SQL_TOKEN)) {
    if (/^\s+$|^[()=<>!,?]$/u.test(token)) continue;
    const known = token.startsWith("'") ? SQL_STRINGS.has(token) : SQL_WORDS.has(token);
    assert.ok(known, `${JSON.stringify(token)} in ${sql}`);
  }
}

let store: Store;
before(async () => {
  store = await openStore(':memory:');
  await store.writeCaptures(
    CORPUS.map((entry, i) => {
      const record = captureRecord(`query fuzz ${i}`);
      const fields = {
        ...entry.fields,
        url: `https://www${i % 3}.example.com/news/${i}`,
        tickers: [{ exchange: 'NYSE', symbol: `T${i}` }],
      };
      return { record, articles: [article(record.capture.id, 0, fields)] };
    }),
  );
});
after(() => store.close());

/** Parses, or checks the failure is ours; the tree when it parsed. */
function parsed(text: string): Query | null {
  try {
    return parseQuery(text, { now: FUZZ_NOW });
  } catch (error) {
    assert.ok(isDatelineError(error), `${JSON.stringify(text)} threw ${String(error)}`);
    assert.ok(['E_QUERY_SYNTAX', 'E_QUERY_FIELD', 'E_QUERY_UNBOUNDED'].includes(error.code), error.code);
    return null;
  }
}

test(`${RUNS} fuzzed queries: our error or SQL of our own words that SQLite runs`, async () => {
  let ran = 0;
  await fc.assert(
    fc.asyncProperty(fc.oneof(wellFormedQuery, anyQueryText), async (text) => {
      const query = parsed(text);
      if (!query) return;
      const compiled = compileQuery(query.root);
      compiled.where.forEach(assertOwnSql);
      if (compiled.driver) assert.match(compiled.driver.match, MATCH_SHAPE);
      // The parameters bound after `MATCH` are FTS5 expressions: the same shape as the driver's.
      const placeholders = [...compiled.where.join(' AND ').matchAll(/(MATCH )?\?/gu)];
      assert.equal(placeholders.length, compiled.params.length);
      placeholders.forEach((placeholder, i) => {
        if (placeholder[1]) assert.match(String(compiled.params[i]), MATCH_SHAPE);
      });
      await store.search(query, { limit: 5 });
      ran++;
    }),
    { numRuns: RUNS, seed: SEED },
  );
  assert.ok(ran > RUNS / 10, `enough fuzzed queries parsed to mean something (${ran} of ${RUNS})`);
});

test('the SQL check itself refuses user text', () => {
  assert.throws(() => assertOwnSql("a.url = 'x'"));
  assert.throws(() => assertOwnSql('a.url = cocoa'));
  assertOwnSql("(a.url IS NOT NULL AND a.url = ?) AND coalesce(strftime('%Y-%m-%dT%H:%M:%fZ', a.published) > ?, 0)");
});
