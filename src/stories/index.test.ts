import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { StoryIndex, signatureOf, estimatedJaccard, type StoryInput } from './index.js';
import { isChromeLine, withoutChrome } from './boilerplate.js';
import { figuresAgree, figuresOf } from './figures.js';
import { tokenize } from './text.js';
import { decodeKey, encodeKey } from './fingerprint.js';

const WIRE = [
  'The city council voted on Tuesday to expand the northern tram line by six stations, ending two years of debate over the route through the old harbour district.',
  'Supporters said the extension would cut commuting times for thousands of residents, while shop owners along the harbour front warned of months of disruption during construction.',
  'The mayor told reporters that work would begin in the spring and that the first trams should run on the new section before the end of the following year.',
  'Opposition members argued that the cost had been underestimated and called for an independent review of the contracts before any ground is broken.',
].join('\n\n');

function article(id: string, text: string, published: string | null = null, title: string | null = null): StoryInput {
  return { id, title, text, published };
}

test('a syndicated copy with another headline, boilerplate, a trimmed paragraph and punctuation changes joins', () => {
  const index = new StoryIndex();
  const original = index.add(article('wire', WIRE, '2026-11-27T08:00:00Z', 'Council backs tram extension'));
  assert.equal(original.joined, false);
  const paragraphs = WIRE.split('\n\n');
  const copy = [
    'Advertisement. Subscribe to our newsletter for the latest local news!',
    paragraphs[0]!.replace(/,/g, ' ;').toUpperCase(),
    paragraphs[1]!.replace(/ /g, '   '),
    paragraphs[2]!,
    'Copyright Harbour Gazette. All rights reserved. Follow us on social media.',
  ].join('\n');
  const match = index.add(article('copy', copy, '2026-11-27T09:30:00Z', 'Trams are coming to the harbour'));
  assert.equal(match.joined, true);
  assert.equal(match.storyId, original.storyId);
  assert.equal(match.originalId, 'wire');
  assert.ok(match.similarity !== null && match.similarity > 0);
});

const EARNINGS = (revenue: string, profit: string, share: string, growth: string): string =>
  `Northwind Holdings said on Thursday that revenue for the third quarter rose to ${revenue} billion dollars, ` +
  `while net profit came in at ${profit} million dollars, or ${share} cents per share. ` +
  `The company said sales in its logistics division grew ${growth} percent from a year earlier and kept its outlook for the full year unchanged. ` +
  'Shares in the company were little changed in early trading, and analysts said the results were broadly in line with expectations.';

test('two earnings releases from one template with different figures stay apart', () => {
  const index = new StoryIndex();
  const q3 = index.add(article('q3', EARNINGS('4.2', '310', '58', '7')));
  const q3b = index.add(article('q3-b', EARNINGS('4.6', '295', '55', '9')));
  assert.equal(q3b.joined, false);
  assert.notEqual(q3b.storyId, q3.storyId);
  // A copy with identical figures (and a footer with its own numbers) still joins.
  const copy = index.add(article('q3-copy', `${EARNINGS('4.2', '310', '58', '7')} Call 555 0100 for reprints, 2026.`));
  assert.equal(copy.storyId, q3.storyId);
});

test('stories never chain: C similar to a member but not to the original founds its own story', () => {
  const words = Array.from({ length: 90 }, (_, i) => `w${i}`);
  const a = words.slice(0, 60).join(' ');
  const b = words.slice(15, 75).join(' ');
  const c = words.slice(30, 90).join(' ');
  const options = { joinJaccard: 0.55, containmentJaccardFloor: 0.9 };
  assert.ok(estimatedJaccard(signatureOf(a), signatureOf(c)) < 0.5);
  const index = new StoryIndex(options);
  const sa = index.add(article('a', a));
  const sb = index.add(article('b', b));
  assert.equal(sb.storyId, sa.storyId);
  const sc = index.add(article('c', c));
  assert.equal(sc.joined, false);
  assert.equal(index.stories().length, 2);
});

test('texts under 20 words match only exactly', () => {
  const index = new StoryIndex();
  const short = 'Markets closed higher on Friday after a quiet session in Asia.';
  const first = index.add(article('s1', short));
  assert.equal(index.add(article('s2', 'markets closed HIGHER on friday, after a quiet session in Asia!')).storyId, first.storyId);
  assert.equal(index.add(article('s3', 'Markets closed higher on Friday after a quiet session in Europe.')).joined, false);
});

test('CJK copies join by character shingles', () => {
  const text =
    '市议会周二投票通过了将北部有轨电车线路延长六个车站的计划，结束了两年来关于穿越旧港区路线的争论。' +
    '支持者表示，延长线将为成千上万的居民缩短通勤时间，而港口沿线的店主则警告施工期间将带来数月的干扰。' +
    '市长对记者说，工程将于春季开工，新路段的首批电车应在次年年底前投入运营。';
  const index = new StoryIndex();
  const first = index.add(article('zh', text));
  const copy = index.add(article('zh-copy', `广告：订阅我们的新闻。${text.slice(0, -20)}版权所有。`));
  assert.equal(copy.storyId, first.storyId);
  assert.equal(index.add(article('zh-other', '今天天气很好，我们去公园散步，看到很多人在湖边钓鱼和放风筝，孩子们在草地上奔跑玩耍，非常热闹。')).joined, false);
});

test('empty bodies found their own story and are never joined', () => {
  const index = new StoryIndex();
  const e1 = index.add(article('e1', ''));
  const e2 = index.add(article('e2', '  \n\t… '));
  assert.equal(e1.joined, false);
  assert.equal(e2.joined, false);
  assert.notEqual(e1.storyId, e2.storyId);
  assert.equal(index.stories().length, 2);
});

test('an earlier-published member becomes the original; the story id stays', () => {
  const index = new StoryIndex();
  const late = index.add(article('late', WIRE, '2026-11-27T10:00:00Z'));
  const early = index.add(article('early', `Breaking. ${WIRE}`, '2026-11-27T07:00:00Z'));
  assert.equal(early.storyId, late.storyId);
  assert.equal(early.originalId, 'early');
  const tie = index.add(article('tie', WIRE, '2026-11-27T07:00:00Z'));
  assert.equal(tie.originalId, 'early');
  assert.deepEqual(index.stories(), [{ id: late.storyId, originalId: 'early', members: ['late', 'early', 'tie'] }]);
});

test('same input order gives the same stories', () => {
  const inputs = [
    article('1', WIRE, '2026-11-27T08:00:00Z'),
    article('2', EARNINGS('1.1', '20', '3', '4')),
    article('3', `Read more. ${WIRE}`, '2026-11-27T06:00:00Z'),
    article('4', EARNINGS('1.1', '20', '3', '4')),
    article('5', ''),
  ];
  const run = (): unknown => {
    const index = new StoryIndex();
    const matches = inputs.map((input) => index.add(input));
    return { matches, stories: index.stories() };
  };
  assert.deepEqual(run(), run());
});

test('signatures use 128 permutations by default and are deterministic', () => {
  const signature = signatureOf(WIRE);
  assert.equal(signature.length, 128);
  assert.deepEqual(signature, signatureOf(WIRE));
  assert.ok(new StoryIndex().memoryBytes() > 0);
});

test('very long texts are shingled up to the cap: a copy sharing the opening joins, cost stays linear', () => {
  const words = Array.from({ length: 60_000 }, (_, i) => `term${i % 9973}x${i % 7}`);
  const long = words.join(' ');
  const index = new StoryIndex();
  const started = performance.now();
  const first = index.add(article('long', long));
  const copy = index.add(article('long-copy', `${long} and a different ending appended by the site`));
  assert.equal(copy.storyId, first.storyId);
  assert.ok(performance.now() - started < 2000);
});

test('figures are compared after folding thousands separators; a changed amount splits', () => {
  const body = (amount: string): string =>
    `The ministry said on Monday that ${amount} households had applied for the new heating subsidy since it opened in October, ` +
    'more than officials had expected, and that payments would start next month once the applications had been checked by local offices across the country.';
  const index = new StoryIndex();
  const first = index.add(article('a', body('12,500')));
  assert.equal(index.add(article('b', body('12500'))).storyId, first.storyId);
  assert.equal(index.add(article('c', body('15,200'))).joined, false);
});

test('site chrome lines (menu, site name, byline, related links, footer) are dropped, prose and table rows kept', () => {
  assert.equal(isChromeLine('Home | News | Business | Contact'), true);
  assert.equal(isChromeLine('Harbour Gazette'), true);
  assert.equal(isChromeLine('By Harbour Gazette staff | Updated 2026-11-27'), true);
  assert.equal(isChromeLine('- Tram fares to rise next year'), true);
  assert.equal(isChromeLine('© 2026 Harbour Gazette | Privacy Policy'), true);
  assert.equal(isChromeLine('The mayor said work would begin in the spring.'), false);
  assert.equal(isChromeLine('Net profit 310 vs 295'), false);
  const body = WIRE.split('\n\n').join('\n');
  assert.equal(withoutChrome(`Home | News | Local\nHarbour Gazette\n${body}\n- Tram fares to rise\n© 2026 Harbour Gazette`), body);
  // A text that would be mostly chrome is kept whole.
  assert.equal(withoutChrome('Menu\nSearch\nSign in'), 'Menu\nSearch\nSign in');
});

test('two copies from different sites join each other when the original has not arrived yet', () => {
  const paragraphs = WIRE.split('\n\n');
  const siteA = ['Skip to content', 'Menu', 'Search', 'Harbour Gazette', 'By Harbour Gazette staff | Published 2026-11-27', ...paragraphs.slice(0, 3), 'Related:', '- Ferry timetable changes this winter', '- New bridge opens to cyclists', '- Port traffic at record high', '© 2026 Harbour Gazette | Privacy Policy | Terms of Use'].join('\n\n');
  const siteB = ['Home > Local > Transport', 'City Courier', ...paragraphs.slice(1), 'Share this article: Facebook Twitter Email', 'About City Courier · Careers · Advertise · © 2026'].join('\n\n');
  const index = new StoryIndex();
  const a = index.add(article('a', siteA, '2026-11-27T09:00:00Z'));
  const b = index.add(article('b', siteB, '2026-11-27T10:00:00Z'));
  assert.equal(b.storyId, a.storyId);
});

test('figures whose contexts never line up still disagree when most values differ', () => {
  const figures = (text: string) => figuresOf(tokenize(text, 2000, 0.5));
  // The site's own words sit before and after every number, so no context occurs in both texts.
  const original = 'LA PAZ, March 26 - About 5,004 miners struck for 11 days, cutting output by 820 tonnes.';
  const lookAlike = 'Investor Desk: 9,000 miners, strike lasted 14 days; output fell 1,105 tonnes.';
  assert.equal(figuresAgree(figures(original), figures(lookAlike)), false);
  // A copy worded the same way as the look-alike but carrying the original's figures agrees.
  const copy = 'Investor Desk: 5,004 miners, strike lasted 11 days; output fell 820 tonnes in March 2026.';
  assert.equal(figuresAgree(figures(original), figures(copy)), true);
  // Fewer than FIGURE_VALUES_MIN distinct values: the plain values decide nothing.
  assert.equal(figuresAgree(figures('Output fell 820 tonnes.'), figures('Mined 1,105 tonnes less.')), true);
});

test('a copy that lost one of the numbers sharing a context still agrees; a changed one splits', () => {
  const figures = (text: string) => figuresOf(tokenize(text, 2000, 0.5));
  // Both percentages share the context "prices were up _ pct".
  const full = 'Prices were up 4 pct in March. The deficit was 210 mln dlrs. Prices were up 7 pct in April.';
  const trimmed = 'Prices were up 4 pct in March. The deficit was 210 mln dlrs.';
  const changed = 'Prices were up 5 pct in March. The deficit was 210 mln dlrs. Prices were up 7 pct in April.';
  assert.equal(figuresAgree(figures(full), figures(trimmed)), true);
  assert.equal(figuresAgree(figures(trimmed), figures(full)), true);
  assert.equal(figuresAgree(figures(full), figures(changed)), false);
});

test('a fraction or range is one figure: 2.85 and 2.85-1/4 disagree, 12-3/8 survives a copy', () => {
  const figures = (text: string) => figuresOf(tokenize(text, 2000, 0.5));
  const midday = 'May wheat stood higher at 2.85 dlrs a bushel, traders said.';
  const close = 'May wheat stood higher at 2.85-1/4 dlrs a bushel, traders said.';
  assert.equal(figuresAgree(figures(midday), figures(close)), false);
  const debentures = 'It will redeem 150 mln dlrs of 12-3/8 pct debentures due 2015.';
  assert.equal(figuresAgree(figures(debentures), figures(`Site News\n${debentures}`)), true);
});

test('a story key round-trips, and an index restored from the stored stories places copies as the first did', () => {
  const first = new StoryIndex({ keepMembers: false });
  const stored = new Map<string, { id: string; originalId: string; key: Uint8Array }>();
  const keep = (match: ReturnType<StoryIndex['add']>) => {
    if (match.key) stored.set(match.storyId, { id: match.storyId, originalId: match.originalId, key: match.key });
  };
  keep(first.add(article('wire', WIRE, '2026-11-27T08:00:00Z')));
  keep(first.add(article('q3', EARNINGS('4.2', '310', '58', '7'))));
  keep(first.add(article('short', 'Trading halted.')));
  // An earlier copy re-originates the tram story: its key is what the store keeps now.
  const earlier = first.add(article('early', `${WIRE}\n\nFiled from the council chamber.`, '2026-11-27T07:00:00Z'));
  assert.ok(earlier.joined && earlier.key !== null);
  keep(earlier);

  const decoded = decodeKey(stored.get(earlier.storyId)!.key);
  assert.equal(decoded.time, Date.parse('2026-11-27T07:00:00Z'));
  assert.equal(decoded.fingerprint.signature!.length, 128);
  assert.deepEqual(encodeKey(decoded.fingerprint, decoded.time), stored.get(earlier.storyId)!.key);

  const restored = new StoryIndex({ keepMembers: false });
  for (const story of stored.values()) restored.restore(story);
  assert.equal(restored.size, 3);
  const copy = `Harbour Gazette\n\n${WIRE.split('\n\n').slice(0, 3).join('\n\n')}`;
  for (const index of [first, restored]) {
    const match = index.add(article('copy', copy, '2026-11-27T09:00:00Z'));
    assert.equal(match.storyId, earlier.storyId);
    assert.equal(match.originalId, 'early');
    assert.equal(index.add(article('short-again', 'Trading halted.')).joined, true);
    assert.equal(index.add(article('q3-next', EARNINGS('4.6', '295', '55', '9'))).joined, false);
  }
  assert.throws(() => decodeKey(new Uint8Array(8)), RangeError);
});

test('keys stored before signatures were bytes (format 1, whole minima) still restore their stories', () => {
  const index = new StoryIndex({ keepMembers: false });
  const founded = index.add(article('wire', WIRE, '2026-11-27T08:00:00Z'));
  const current = decodeKey(founded.key!);
  // Format 1: the same header, then the minima as u32 words (only their low bytes ever counted).
  const words = Array.from(current.fingerprint.signature!, (low, i) => (((i * 2654435761) >>> 0) & ~0xff) | low);
  const figures = current.fingerprint.figures;
  const old = new Uint8Array(32 + 4 * words.length + 4 * figures.length);
  const view = new DataView(old.buffer);
  old.set(founded.key!.subarray(0, 32));
  view.setUint32(0, (view.getUint32(0, true) & ~0xff) | 1, true);
  words.forEach((word, i) => view.setUint32(32 + 4 * i, word >>> 0, true));
  figures.forEach((figure, i) => view.setUint32(32 + 4 * words.length + 4 * i, figure, true));

  assert.deepEqual(decodeKey(old), current);
  const restored = new StoryIndex({ keepMembers: false });
  restored.restore({ id: founded.storyId, originalId: 'wire', key: old });
  const copy = restored.add(article('copy', `Harbour Gazette\n\n${WIRE.split('\n\n').slice(0, 3).join('\n\n')}`, '2026-11-27T09:00:00Z'));
  assert.equal(copy.storyId, founded.storyId);
});
