import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SUMMARY_MAX_CHARS, isSummaryOnly } from './full-text.js';

const url = 'https://harbour.example/news/berths';

test('a summary: short, or cut short, and with a link to follow', () => {
  assert.equal(isSummaryOnly({ url, text: 'The board approved two berths.' }), true);
  assert.equal(isSummaryOnly({ url, text: '' }), true, 'a title-only item');
  const long = 'The harbour board met on Monday and approved two new berths. '.repeat(10);
  assert.ok(long.length >= SUMMARY_MAX_CHARS);
  assert.equal(isSummaryOnly({ url, text: long }), false);
  for (const end of ['…', '...', ' […]', ' [...]', ' Read more', ' Continue reading →', ' (more)', ' Read the full story at Harbour News']) {
    assert.equal(isSummaryOnly({ url, text: `${long}${end}` }), true, end);
  }
  assert.equal(isSummaryOnly({ url: null, text: 'Short.' }), false, 'nothing to fetch');
  assert.equal(isSummaryOnly({ url: 'file:story.txt', text: 'Short.' }), false);
});
