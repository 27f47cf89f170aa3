import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseFeedDate } from './dates.js';

const iso = (raw: string) => parseFeedDate(raw)?.iso ?? null;

test('RFC 822 keeps the printed time and its offset', () => {
  assert.equal(iso('Tue, 05 Mar 2024 10:00:00 +0100'), '2024-03-05T10:00:00+01:00');
  assert.equal(iso('Tue, 05 Mar 2024 10:00:00 GMT'), '2024-03-05T10:00:00Z');
  assert.equal(iso('Mon, 26 January 2004 16:31:00 EST'), '2004-01-26T16:31:00-05:00');
  assert.equal(parseFeedDate('Tue, 05 Mar 2024 10:00:00 +0100')?.zone, 'stated');
});

test('the broken forms real feeds print', () => {
  assert.equal(iso('Fri,24 Nov 2023 18:28:36 -0000'), '2023-11-24T18:28:36Z');
  assert.equal(iso('Mon, 13 Feb, 2012 06:28:00 UTC'), '2012-02-13T06:28:00Z');
  assert.equal(iso('Thu,  5 Apr 2012 10:00:00 GMT'), '2012-04-05T10:00:00Z');
  assert.equal(iso('Thu, 01 Jan 04 19:48:21 GMT'), '2004-01-01T19:48:21Z');
  assert.equal(iso('Thu Aug 30 2012 17:26:16 +0200'), '2012-08-30T17:26:16+02:00');
  assert.equal(iso('Thu, 01 Jan 2004'), '2004-01-01');
  assert.equal(iso('Sun Jan  4 16:29:06 2004'), '2004-01-04T16:29:06');
});

test('W3C-DTF and ISO 8601, with and without a zone', () => {
  assert.equal(iso('2024-09-24T09:30:00+08:00'), '2024-09-24T09:30:00+08:00');
  assert.equal(iso('2003-12-31T10:14:55.1234Z'), '2003-12-31T10:14:55.123Z');
  assert.equal(iso('2004-07-08 23:56:58'), '2004-07-08T23:56:58');
  assert.equal(parseFeedDate('2004-07-08 23:56:58')?.zone, 'unknown');
  assert.equal(iso('2003-12'), '2003-12');
  assert.equal(parseFeedDate('2004-02-28T18:14:55-08:00')?.epochMs, Date.UTC(2004, 1, 29, 2, 14, 55));
});

test('impossible dates are null, not a wrong date', () => {
  for (const raw of ['', 'soon', '2003-12-31T25:14:55Z', 'Sun, 99 Jun 2009 12:00:00 GMT', '9999-12-31T23:59:59-99:99', '2013-01-28T11:30:00-06:00Textra', 'Sun, 16 Dec 2012 1:2:3:4 GMT']) {
    assert.equal(parseFeedDate(raw), null, raw);
  }
});

// feedparser's date cases, read from ../shared/corpora when it is there.
const corpora = process.env.DATELINE_CORPORA ?? join(resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..'), '..', 'shared', 'corpora');
const casesPath = join(corpora, 'feedparser', 'date_parser_cases.json');

test('feedparser date cases: at least 95% agree', { skip: existsSync(casesPath) ? false : `${casesPath} not found` }, () => {
  const cases = JSON.parse(readFileSync(casesPath, 'utf8')) as { input_value: string; expected_value: number[] | null }[];
  let agree = 0;
  for (const c of cases) {
    const d = parseFeedDate(c.input_value);
    const t = d ? new Date(d.epochMs) : null;
    const got = t ? [t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate(), t.getUTCHours(), t.getUTCMinutes(), t.getUTCSeconds()] : null;
    if (JSON.stringify(got) === JSON.stringify(c.expected_value?.slice(0, 6) ?? null)) agree++;
  }
  assert.ok(agree / cases.length >= 0.95, `${agree} of ${cases.length}`);
});
