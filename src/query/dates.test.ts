// published: values: days, moments, moments relative to an injected now, ranges, and the errors.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isDatelineError } from '../core/index.js';
import type { QueryNode } from '../core/index.js';
import { formatQuery, parseQuery } from './index.js';

const NOW = new Date('2026-03-31T12:00:00.000Z');
const tree = (text: string, now = NOW): QueryNode => parseQuery(text, { now }).root;

function fails(text: string, column: number, message: RegExp): void {
  assert.throws(
    () => parseQuery(text, { now: NOW }),
    (error: unknown) => {
      assert.ok(isDatelineError(error), `${text}: ${String(error)}`);
      assert.equal(error.code, 'E_QUERY_SYNTAX', `${text}: ${error.message}`);
      assert.equal(error.column, column, `${text}: ${error.message}`);
      assert.match(error.message, message);
      return true;
    },
  );
}

describe('published: ranges', () => {
  test('[ ] includes both ends, { } leaves them out, and they mix', () => {
    assert.deepEqual(tree('published:[2023-01-01 TO 2023-12-31]'), {
      type: 'and',
      children: [
        { type: 'published', op: '>=', date: '2023-01-01' },
        { type: 'published', op: '<=', date: '2023-12-31' },
      ],
    });
    assert.equal(formatQuery(tree('published:{2023-01-01 TO 2023-12-31}')), '(published:>2023-01-01 AND published:<2023-12-31)');
    assert.equal(formatQuery(tree('published:[2023-01-01 TO 2023-12-31}')), '(published:>=2023-01-01 AND published:<2023-12-31)');
  });

  test('* leaves an end open', () => {
    assert.deepEqual(tree('published:[2023-01-01 TO *]'), { type: 'published', op: '>=', date: '2023-01-01' });
    assert.deepEqual(tree('published:{* TO 2023-01-01}'), { type: 'published', op: '<', date: '2023-01-01' });
  });

  test('a range sits among other clauses like any clause', () => {
    assert.equal(formatQuery(tree('cocoa published:[2023-01-01 TO *] -wire:x')), '(cocoa AND published:>=2023-01-01 AND NOT wire:x)');
  });
});

describe('published: moments and now', () => {
  test('now minus hours, days, weeks, months and years, against the injected now', () => {
    const at = (text: string) => tree(`published:>${text}`);
    assert.deepEqual(at('now'), { type: 'publishedAt', op: '>', instant: '2026-03-31T12:00:00.000Z' });
    assert.deepEqual(at('now-6h'), { type: 'publishedAt', op: '>', instant: '2026-03-31T06:00:00.000Z' });
    assert.deepEqual(at('now-7d'), { type: 'publishedAt', op: '>', instant: '2026-03-24T12:00:00.000Z' });
    assert.deepEqual(at('now-2w'), { type: 'publishedAt', op: '>', instant: '2026-03-17T12:00:00.000Z' });
    assert.deepEqual(at('now+1d'), { type: 'publishedAt', op: '>', instant: '2026-04-01T12:00:00.000Z' });
  });

  test('months and years are calendar ones, ending on the month\'s last day when it is shorter', () => {
    assert.deepEqual(tree('published:>=now-1m'), { type: 'publishedAt', op: '>=', instant: '2026-02-28T12:00:00.000Z' });
    assert.deepEqual(tree('published:>=now-13m'), { type: 'publishedAt', op: '>=', instant: '2025-02-28T12:00:00.000Z' });
    assert.deepEqual(tree('published:<now-2y', new Date('2024-02-29T00:00:00Z')), {
      type: 'publishedAt',
      op: '<',
      instant: '2022-02-28T00:00:00.000Z',
    });
  });

  test('the same text and now give the same tree; another now, another tree', () => {
    assert.deepEqual(tree('published:>now-7d'), tree('published:>now-7d'));
    assert.notDeepEqual(tree('published:>now-7d'), tree('published:>now-7d', new Date('2020-01-01T00:00:00Z')));
  });

  test('moments written out, with or without an offset (UTC without)', () => {
    assert.deepEqual(tree('published:>=2024-03-05T08:30-05:00'), { type: 'publishedAt', op: '>=', instant: '2024-03-05T13:30:00.000Z' });
    assert.deepEqual(tree('published:<2024-03-05T08:30:15.5'), { type: 'publishedAt', op: '<', instant: '2024-03-05T08:30:15.500Z' });
  });

  test('ranges of moments, relative or not', () => {
    assert.equal(
      formatQuery(tree('published:[now-30d TO now-7d}')),
      '(published:>=2026-03-01T12:00:00.000Z AND published:<2026-03-24T12:00:00.000Z)',
    );
  });

  test('the canonical form of a relative date parses back to the same tree, whatever now is then', () => {
    const relative = tree('published:[now-1y TO now-1h]');
    assert.deepEqual(parseQuery(formatQuery(relative), { now: new Date(0) }).root, relative);
  });
});

describe('published: errors', () => {
  test('a moment needs a comparison; = is for days', () => {
    fails('published:now-7d', 11, /compared with > >= < or <=/);
    fails('published:=now', 12, /compared with/);
  });

  test('unknown forms, units and days point at the value', () => {
    fails('published:>now-7x', 12, /now-7d with h d w m y/);
    fails('published:>=yesterday', 13, /YYYY-MM-DD/);
    fails('published:2023-02-29', 11, /not a day of the calendar/);
    fails('published:>2024-04-31T10:00Z', 12, /not a day of the calendar/);
    fails('published:>now-999999y', 12, /outside the years 0000 to 9999/);
  });

  test('malformed ranges', () => {
    fails('published:[2023-01-01 TO 2023-12-31', 11, /never closed/);
    fails('published:[2023-01-01 2023-12-31]', 11, /a range reads/);
    fails('published:[2023-01-01 to 2023-12-31]', 11, /a range reads/);
    fails('published:[* TO *]', 11, /no ends/);
    fails('published:[2023-01-01 TO 2023-13-01]', 26, /YYYY-MM-DD/);
  });

  test('the caret sits under the bad end of a range', () => {
    try {
      parseQuery('published:[2023-01-01 TO soon]', { now: NOW });
      assert.fail('should throw');
    } catch (error) {
      assert.ok(isDatelineError(error));
      const [, line, caret] = error.message.split('\n');
      assert.equal(line, '  published:[2023-01-01 TO soon]');
      assert.equal(caret, '  ' + ' '.repeat(25) + '^');
    }
  });
});
