// Property tests: any text either parses or raises our own error (never another), quickly,
// and whatever parses renders to a canonical form that parses back to the same tree.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isDatelineError } from '../core/index.js';
import { FUZZ_NOW, anyQueryText, wellFormedQuery } from './arbitraries.js';
import { formatQuery, parseQuery } from './index.js';

// A fixed seed keeps the suite deterministic; set FAST_CHECK_SEED to explore other inputs.
fc.configureGlobal({ seed: Number(process.env.FAST_CHECK_SEED ?? 20261127) });

const anyText = fc.oneof(anyQueryText, wellFormedQuery);
const parse = (text: string) => parseQuery(text, { now: FUZZ_NOW });

test('every string parses or raises a DatelineError, within a time bound', () => {
  fc.assert(
    fc.property(anyText, (text) => {
      const started = performance.now();
      try {
        parse(text);
      } catch (error) {
        assert.ok(isDatelineError(error), `${JSON.stringify(text)} threw ${String(error)}`);
        assert.ok(['E_QUERY_SYNTAX', 'E_QUERY_FIELD', 'E_QUERY_UNBOUNDED'].includes(error.code));
        if (error.code !== 'E_QUERY_UNBOUNDED') assert.ok(typeof error.column === 'number' && error.column >= 1);
      }
      // A hang guard, not a speed test: catastrophic backtracking takes seconds, a parse microseconds.
      assert.ok(performance.now() - started < 1000, `${JSON.stringify(text)} took too long`);
    }),
    { numRuns: 5000 },
  );
});

test('whatever parses formats to text that parses back to the same tree', () => {
  fc.assert(
    fc.property(anyText, (text) => {
      let root;
      try {
        root = parse(text).root;
      } catch {
        return;
      }
      assert.deepEqual(parse(formatQuery(root)).root, root, `${JSON.stringify(text)} -> ${formatQuery(root)}`);
    }),
    { numRuns: 5000 },
  );
});

test('long inputs of operators and parentheses finish quickly', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom('(', ')', '"', 'a', ' OR ', ' NOT ', '-', ' '), { maxLength: 4000 }), (parts) => {
      const started = performance.now();
      try {
        parseQuery(parts.join(''));
      } catch (error) {
        assert.ok(isDatelineError(error));
      }
      assert.ok(performance.now() - started < 2000, 'a hang guard, not a speed test');
    }),
    { numRuns: 200 },
  );
});
