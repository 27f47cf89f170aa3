// Dateline place -> time zone, for inferring the offset of a time printed without one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { zoneOfPlace } from './places.js';

test('places to zones: cities, regions, countries, and places filed from together', () => {
  const cases: [string, string | undefined][] = [
    ['BEIJING', 'Asia/Shanghai'],
    ['北京', 'Asia/Shanghai'],
    ['ATLANTA, GA, UNITED STATES', 'America/New_York'],
    ['Vancouver, British Columbia', 'America/Los_Angeles'],
    ['New Delhi [India]', 'Asia/Kolkata'],
    ['PORTLAND, Ore.', 'America/Los_Angeles'],
    ['PORTLAND, Maine', 'America/New_York'],
    ['Columbia, Mo.', 'America/Chicago'],
    ['Birmingham, England', 'Europe/London'],
    ['LONDON, Ontario', 'America/New_York'],
    ['SAN FRANCISCO & LONDON', 'America/Los_Angeles'],
    ['LYON, AUVERGNE-RHÔNE-ALPES, FRANCE', 'Europe/Paris'],
    ['SÃO PAULO', 'America/Sao_Paulo'],
    // A country spanning zones fixes none.
    ['UNITED STATES', undefined],
    ['Nowhere Special', undefined],
  ];
  for (const [place, zone] of cases) assert.equal(zoneOfPlace(place), zone, place);
});
