import { test } from 'node:test';
import assert from 'node:assert/strict';
import { playTimeMs } from './chapters.js';
import { parseFeedDocument } from './index.js';

test('Podlove Simple Chapters: the first psc:chapters list, starts read as Normal Play Time', () => {
  const feed = parseFeedDocument(`<rss version="2.0" xmlns:psc="http://podlove.org/simple-chapters"><channel><title>Harbour Hour</title>
    <item><title>Episode 12</title>
      <psc:chapters version="1.2"><psc:chapter start="0" title="Cold open"/><psc:chapter start="01:02.5" title="Tides" href="/tides"/></psc:chapters>
      <psc:chapters version="1.2"><psc:chapter start="9" title="Ignored"/></psc:chapters>
    </item></channel></rss>`, { url: 'https://harbour.example/feed' });
  const chapters = feed.items[0]?.chapters;
  assert.equal(chapters?.version, '1.2');
  assert.deepEqual(chapters?.chapters.map((c) => [c.title, c.startMs, c.href]), [
    ['Cold open', 0, null],
    ['Tides', 62_500, 'https://harbour.example/tides'],
  ]);
});

test('playTimeMs: HH:MM:SS.mmm, MM:SS and seconds; anything else is null', () => {
  assert.equal(playTimeMs('00:03:07.250'), 187_250);
  assert.equal(playTimeMs('12:42.345'), 762_345);
  assert.equal(playTimeMs('1:00:00'), 3_600_000);
  assert.equal(playTimeMs('soon'), null);
});
