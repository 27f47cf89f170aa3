// structureWireText end to end on short texts: one behaviour per test, the input written here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { structureWireText } from './index.js';

const text = (...lines: string[]): string => lines.join('\n');

test('a wire page stamp in ET states the zone, with daylight saving by date', () => {
  const winter = structureWireText(text('Acme Opens Plant', '', 'Jan 08, 2024, 08:30 ET', '', 'ATLANTA--(BUSINESS WIRE)--Acme today opened a plant.'));
  assert.equal(winter.published, '2024-01-08T08:30:00-05:00');
  assert.equal(winter.publishedZone, 'stated');
  const summer = structureWireText(text('Acme Opens Plant', '', 'Jul 08, 2024, 08:30 ET', '', 'ATLANTA--(BUSINESS WIRE)--Acme today opened a plant.'));
  assert.equal(summer.published, '2024-07-08T08:30:00-04:00');
  // Business Wire's dateline has no date of its own: the stamp dates it.
  assert.deepEqual(summer.dateline, { place: 'ATLANTA', date: '2024-07-08' });
});

test("a fixed abbreviation is taken as printed (EST in July stays -05:00)", () => {
  const s = structureWireText(text('Acme', '', 'July 08, 2024 08:30 AM EST', '', 'ATLANTA--(BUSINESS WIRE)--Acme today.'));
  assert.equal(s.published, '2024-07-08T08:30:00-05:00');
});

test("GlobeNewswire's stamp gives time, zone and source", () => {
  const s = structureWireText(
    text(
      'Acme Reports Results',
      '',
      'March 04, 2024 07:00 ET | Source: Acme Corp',
      '',
      'NEW YORK, March 04, 2024 (GLOBE NEWSWIRE) -- Acme Corp (NYSE: ACMI) today reported results.',
    ),
  );
  assert.equal(s.published, '2024-03-04T07:00:00-05:00');
  assert.equal(s.source, 'Acme Corp');
  assert.equal(s.wire, 'GlobeNewswire');
  assert.deepEqual(s.tickers, [{ exchange: 'NYSE', symbol: 'ACMI' }]);
  assert.deepEqual(s.paragraphs, ['Acme Corp (NYSE: ACMI) today reported results.']);
});

test('a listing time with no zone takes the zone of the dateline place, and no place leaves it unknown', () => {
  const tokyo = structureWireText(text('Acme', '', '2024-03-05 09:00 12', '', 'TOKYO, March 5, 2024 /PRNewswire/ -- Acme today.'));
  assert.equal(tokyo.published, '2024-03-05T09:00:00+09:00');
  assert.equal(tokyo.publishedZone, 'inferred');
  assert.deepEqual(tokyo.views, { count: 12, observedAt: '2024-03-05T09:00:00+09:00' });
  const nowhere = structureWireText(text('Acme', '', '2024-03-05 09:00 12', '', 'Acme today announced things.'));
  assert.equal(nowhere.published, '2024-03-05T09:00:00');
  assert.equal(nowhere.publishedZone, 'unknown');
});

test('stamps in other shapes: day-first dotted, CJK, "at", "um ... Uhr"', () => {
  const cases: [string, string][] = [
    ['05.03.2024 – 08:00', '2024-03-05T08:00:00+01:00'],
    ['5. März 2024 um 08:00 Uhr', '2024-03-05T08:00:00+01:00'],
    ['2024年3月5日 08:00', '2024-03-05T08:00:00+01:00'],
    ['March 5, 2024 at 8:00 a.m. CET', '2024-03-05T08:00:00+01:00'],
  ];
  for (const [stamp, published] of cases) {
    const s = structureWireText(text('Acme', '', stamp, '', 'BERLIN, 5. März 2024 /PRNewswire/ -- Acme.'));
    assert.equal(s.published, published, stamp);
  }
});

test('a dateline with a full date and no stamp gives a date-only published', () => {
  const s = structureWireText(text('Acme', '', 'PARIS, 5 mars 2024 /PRNewswire/ -- Acme annonce.'));
  assert.equal(s.published, '2024-03-05');
  assert.equal(s.publishedZone, 'unknown');
});

test('a Reuters 1987 story: no year is borrowed, the sign-off is removed and names the wire', () => {
  const s = structureWireText(
    text('BAHIA COCOA REVIEW', '', '    SALVADOR, Feb 26 - Showers continued throughout the week in', 'the Bahia cocoa zone.', '    Arrivals were 155,221 bags.', ' Reuter', '\u0003'),
  );
  assert.equal(s.title, 'BAHIA COCOA REVIEW');
  assert.deepEqual(s.dateline, { place: 'SALVADOR', date: '--02-26' });
  assert.equal(s.published, null);
  assert.equal(s.wire, 'Reuters');
  assert.equal(s.kind, 'agency');
  assert.deepEqual(s.paragraphs, ['Showers continued throughout the week in the Bahia cocoa zone.', 'Arrivals were 155,221 bags.']);
  assert.deepEqual(s.removed, [{ text: 'Reuter', rule: 'reuter-signoff' }]);
});

test('a known title makes the whole text body', () => {
  const s = structureWireText('LONDON, March 3 - Shares fell.', { title: 'SHARES FALL' });
  assert.equal(s.title, 'SHARES FALL');
  assert.deepEqual(s.dateline, { place: 'LONDON', date: '--03-03' });
  assert.deepEqual(s.paragraphs, ['Shares fell.']);
});

test('a known title printed again at the top of the text is not body', () => {
  const s = structureWireText('Shares fall\n\nLONDON, March 3 - Shares fell.', { title: 'Shares Fall' });
  assert.equal(s.title, 'Shares Fall');
  assert.deepEqual(s.paragraphs, ['Shares fell.']);
  assert.deepEqual(s.removed, [{ text: 'Shares fall', rule: 'duplicate-title' }]);
});

test('About and contact sections leave the body, and the About heading names the source', () => {
  const s = structureWireText(
    text(
      'Acme Launches Widget',
      '',
      'DENVER, Jan. 8, 2024 (PRWEB) -- Acme launched a widget.',
      '',
      'It is blue.',
      '',
      'About Acme Corp.',
      '',
      'Acme makes widgets.',
      '',
      'Media Contact:',
      'Jane Doe',
      'jane@acme.example',
      '+1 303-555-0199',
    ),
  );
  assert.deepEqual(s.paragraphs, ['Acme launched a widget.', 'It is blue.']);
  assert.deepEqual(s.about, ['Acme makes widgets.']);
  assert.deepEqual(s.contacts, ['Jane Doe', 'jane@acme.example', '+1 303-555-0199']);
  assert.equal(s.source, 'Acme Corp.');
  assert.equal(s.kind, 'release');
});

test('a section ends at a junk line or a source line', () => {
  const s = structureWireText(
    text(
      'Acme',
      '',
      'NEW YORK, March 5, 2024 /PRNewswire/ -- Acme rose.',
      '',
      'About Acme',
      '',
      'Acme makes things.',
      'View original content:https://www.prnewswire.com/news-releases/acme.html',
      '',
      'Later paragraph after junk.',
      '',
      'Contacts',
      'Jane Doe',
      'SOURCE Acme',
      '',
      'Another later paragraph.',
    ),
  );
  assert.deepEqual(s.paragraphs, ['Acme rose.', 'Later paragraph after junk.', 'Another later paragraph.']);
  assert.deepEqual(s.about, ['Acme makes things.']);
  assert.deepEqual(s.contacts, ['Jane Doe']);
  assert.equal(s.source, 'Acme');
});

test('closing source lines in several languages', () => {
  for (const [line, name] of [
    ['SOURCE Acme Corp', 'Acme Corp'],
    ['FUENTE Acme S.A.', 'Acme S.A.'],
    ['FONTE Acme Ltda.', 'Acme Ltda.'],
    ['QUELLE Acme GmbH', 'Acme GmbH'],
    ['Source: Acme Corp', 'Acme Corp'],
    ['消息来源：星河半导体', '星河半导体'],
  ] as const) {
    const s = structureWireText(text('Acme', '', 'MADRID, 5 de marzo de 2024 /PRNewswire/ -- Acme.', '', line));
    assert.equal(s.source, name, line);
    assert.deepEqual(s.paragraphs, ['Acme.'], line);
  }
});

test('"News provided by" names the source on the next line', () => {
  const s = structureWireText(text('Acme', '', 'News provided by', '', 'Acme Holdings', '', 'Jan 08, 2024, 08:30 ET', '', 'NEW YORK, Jan. 8, 2024 /PRNewswire/ -- Acme.'));
  assert.equal(s.source, 'Acme Holdings');
  assert.deepEqual(s.paragraphs, ['Acme.']);
});

test('tickers are found and exchange names normalised', () => {
  const s = structureWireText(
    text('Acme', '', 'Acme Inc. (NASDAQ: ACME), Beta Corp (NYSE American: BTA), Gamma (TSX-V: GAM), Delta (OTCQB:DLTA) and Acme again (Nasdaq: ACME). Nasdaq: 2024 is not one, nor NYSE: the exchange.'),
  );
  assert.deepEqual(s.tickers, [
    { exchange: 'Nasdaq', symbol: 'ACME' },
    { exchange: 'NYSE American', symbol: 'BTA' },
    { exchange: 'TSXV', symbol: 'GAM' },
    { exchange: 'OTCQB', symbol: 'DLTA' },
  ]);
});

test('notices: correction headline, update, embargo with its time', () => {
  const s = structureWireText(
    text('EMBARGOED UNTIL 8:00 a.m. ET, March 5, 2024', '', 'CORRECTION -- Acme Corp', '', 'NEW YORK, March 5, 2024 /PRNewswire/ -- Acme.'),
  );
  assert.equal(s.title, 'CORRECTION -- Acme Corp');
  assert.deepEqual(
    s.notices.map((n) => [n.type, n.until]),
    [
      ['correction', undefined],
      ['embargo', '2024-03-05T08:00:00-05:00'],
    ],
  );
  const corrected = structureWireText(text('Acme', '', '(Corrected version: fixes the date in the first paragraph)', '', 'LONDON, July 4 (Reuters) - Acme.'));
  assert.equal(corrected.notices[0]?.type, 'correction');
  assert.deepEqual(corrected.paragraphs, ['Acme.']);
});

test('junk lines are removed and each names its rule', () => {
  const s = structureWireText(
    text(
      'Skip to main content',
      'omniture',
      'Acme Launches Widget',
      'Share this article',
      'Facebook',
      'X',
      'LinkedIn',
      '',
      'LONDON, March 5, 2024 /PRNewswire/ -- Acme.',
      '',
      'Jane Doe',
      'Acme Ltd',
      'email us here',
      'Visit us on social media:',
      'Facebook',
      'X',
      '',
      'View original content:https://www.prnewswire.com/news-releases/acme.html',
      'To view the source version of this press release, please visit https://www.newsfilecorp.com/release/1',
      'collection',
    ),
  );
  assert.equal(s.title, 'Acme Launches Widget');
  assert.deepEqual(s.paragraphs, ['Acme.']);
  assert.deepEqual(s.contacts, ['Jane Doe', 'Acme Ltd']);
  assert.deepEqual(
    s.removed.map((r) => r.rule),
    [
      'skip-link', 'analytics-marker', 'share-bar', 'social-network', 'share-bar-item', 'social-network',
      'ein-email', 'ein-social', 'social-network', 'share-bar-item', 'view-original', 'source-version', 'button-label',
    ],
  );
});

test('wire page furniture and sign-offs are removed', () => {
  const s = structureWireText(
    text(
      'Acme',
      '',
      'LONDON, Jan 8 (Reuters) - Oil rose.',
      '',
      'Our Standards: The Thomson Reuters Trust Principles.',
      'Copyright 2024 The Associated Press. All rights reserved. This material may not be published.',
      "WANT YOUR COMPANY'S NEWS FEATURED ON PRNEWSWIRE.COM?",
      'GET STARTED',
      'Enditem',
      '(END)',
    ),
  );
  assert.deepEqual(s.paragraphs, ['Oil rose.']);
  assert.deepEqual(
    s.removed.map((r) => r.rule),
    ['reuters-standards', 'copyright', 'prn-promo', 'prn-promo', 'end-marker', 'end-marker'],
  );
});

test('labels and contacts above the headline are not the headline', () => {
  const s = structureWireText(
    text('Contact: Jane Doe, +1 555-010-0100', '', 'FOR IMMEDIATE RELEASE', '', 'Acme Opens Plant', '', 'DALLAS, March 5, 2024 -- Acme opened a plant.'),
  );
  assert.equal(s.title, 'Acme Opens Plant');
  assert.deepEqual(s.contacts, ['Contact: Jane Doe, +1 555-010-0100']);
  assert.deepEqual(s.dateline, { place: 'DALLAS', date: '2024-03-05' });
  assert.deepEqual(s.paragraphs, ['Acme opened a plant.']);
  assert.deepEqual(s.removed, [{ text: 'FOR IMMEDIATE RELEASE', rule: 'release-label' }]);
});

test('a byline and a credit line above an agency story', () => {
  const s = structureWireText(text('Rates held', '', 'By Jane Doe', 'The Canadian Press', '', 'OTTAWA — The Bank of Canada held rates.'));
  assert.equal(s.title, 'Rates held');
  assert.equal(s.byline, 'Jane Doe');
  assert.equal(s.wire, 'The Canadian Press');
  assert.deepEqual(s.dateline, { place: 'OTTAWA', date: null });
  assert.deepEqual(s.paragraphs, ['The Bank of Canada held rates.']);
});

test('a teaser sentence before the dateline stays a paragraph of its own', () => {
  const s = structureWireText(text('Oil firm fined', '', 'Jury orders firm to pay. NEW YORK (Reuters) - A jury ordered Acme to pay.'));
  assert.equal(s.wire, 'Reuters');
  assert.deepEqual(s.dateline, { place: 'NEW YORK', date: null });
  assert.deepEqual(s.paragraphs, ['Jury orders firm to pay.', 'A jury ordered Acme to pay.']);
  const stamped = structureWireText(text('Cricket', '', 'ICC clears union October 17, 2004 14:05:37 LAHORE, Pakistan (Reuters) - The ICC cleared it.'));
  assert.equal(stamped.wire, 'Reuters');
  assert.deepEqual(stamped.dateline, { place: 'LAHORE, Pakistan', date: null });
  assert.equal(stamped.paragraphs[1], 'The ICC cleared it.');
});

test('plain text with no wire is an article with nothing invented', () => {
  const s = structureWireText(text('A walk in the park', '', 'We walked in the park on Sunday. It was sunny.'));
  assert.equal(s.kind, 'article');
  assert.equal(s.wire, null);
  assert.equal(s.dateline, null);
  assert.equal(s.published, null);
  assert.equal(s.source, null);
  assert.deepEqual(s.paragraphs, ['We walked in the park on Sunday. It was sunny.']);
});

test('empty and blank input', () => {
  for (const input of ['', '   ', '\n\n\n', 'omniture\ncollection']) {
    const s = structureWireText(input);
    assert.equal(s.title, null);
    assert.deepEqual(s.paragraphs, []);
  }
});
