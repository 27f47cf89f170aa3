// Dateline parsing across the wire styles of ../shared/WIRES.md: place, date, wire, and what is
// left of the paragraph once the dateline is cut off.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { datelineDate, parseDateline } from './dateline.js';

/** [paragraph, place, date, wire, start of the rest] */
const CASES: [string, string, string | null, string | null, string][] = [
  // Press-release wires
  ['BEIJING, July 4, 2023 /PRNewswire/ -- A report from', 'BEIJING', '2023-07-04', 'PR Newswire', 'A report'],
  ['NEW YORK, Tuesday, March 5, 2024 /PRNewswire/ -- Acme', 'NEW YORK', '2024-03-05', 'PR Newswire', 'Acme'],
  ['FRANKFURT, July 4 (dpa-AFX) - Die', 'FRANKFURT', '--07-04', 'dpa', 'Die'],
  ['NEW YORK, Jan. 8, 2024 /PRNewswire-FirstCall/ -- Acme', 'NEW YORK', '2024-01-08', 'PR Newswire', 'Acme'],
  ['MIAMI, Sept. 5, 2023 /PRNewswire-HISPANIC PR WIRE/ -- Acme', 'MIAMI', '2023-09-05', 'PR Newswire', 'Acme'],
  ['北京2023年7月4日 /美通社/ -- 人民日报报道', '北京', '2023-07-04', 'PR Newswire', '人民日报'],
  ['MADRID, 5 de marzo de 2024 /PRNewswire/ -- Acme', 'MADRID', '2024-03-05', 'PR Newswire', 'Acme'],
  ['SÃO PAULO, 5 de março de 2024 /PRNewswire/ -- A Acme', 'SÃO PAULO', '2024-03-05', 'PR Newswire', 'A Acme'],
  ['BERLIN, 5. März 2024 /PRNewswire/ -- Die Acme', 'BERLIN', '2024-03-05', 'PR Newswire', 'Die Acme'],
  ['PARIS, 5 mars 2024 /PRNewswire/ -- Acme', 'PARIS', '2024-03-05', 'PR Newswire', 'Acme'],
  ['TORONTO, July 4, 2023 /CNW/ - Acme', 'TORONTO', '2023-07-04', 'CNW', 'Acme'],
  ['MONTRÉAL, le 4 juillet 2023 /CNW Telbec/ - Acme', 'MONTRÉAL', '2023-07-04', 'CNW', 'Acme'],
  ['ATLANTA--(BUSINESS WIRE)--Acme Corp. (NYSE: ACMI) today', 'ATLANTA', null, 'Business Wire', 'Acme Corp.'],
  ['SAN JOSE, Calif.--(BUSINESS WIRE)--Acme', 'SAN JOSE, Calif.', null, 'Business Wire', 'Acme'],
  ['NEW YORK, March 04, 2024 (GLOBE NEWSWIRE) -- Acme', 'NEW YORK', '2024-03-04', 'GlobeNewswire', 'Acme'],
  ['AUSTIN, TX / ACCESSWIRE / March 4, 2024 / Acme', 'AUSTIN, TX', '2024-03-04', 'ACCESSWIRE', 'Acme'],
  ['ATLANTA, GA, UNITED STATES, March 4, 2024 /EINPresswire.com/ -- Acme', 'ATLANTA, GA, UNITED STATES', '2024-03-04', 'EIN Presswire', 'Acme'],
  ['Vancouver, British Columbia--(Newsfile Corp. - March 4, 2024) - Acme', 'Vancouver, British Columbia', '2024-03-04', 'Newsfile', 'Acme'],
  ['PORTLAND, Ore. (PRWEB) March 04, 2024 -- Acme', 'PORTLAND, Ore.', '2024-03-04', 'PRWeb', 'Acme'],
  ['TOKYO, July 4, 2023 - (JCN Newswire) - Acme', 'TOKYO', '2023-07-04', 'JCN Newswire', 'Acme'],
  ['HONG KONG, July 4, 2023 - (ACN Newswire) - Acme', 'HONG KONG', '2023-07-04', 'ACN Newswire', 'Acme'],
  ['SINGAPORE - Media OutReach Newswire - 4 July 2023 - Acme', 'SINGAPORE', '2023-07-04', 'Media OutReach', 'Acme'],
  ['Hamburg (ots) - Die Acme', 'Hamburg', null, 'news aktuell', 'Die Acme'],
  // News agencies
  ['LONDON, July 4 (Reuters) - Oil prices', 'LONDON', '--07-04', 'Reuters', 'Oil prices'],
  ['SALVADOR, Feb 26 - Showers continued', 'SALVADOR', '--02-26', null, 'Showers'],
  ['WEST HARTFORD, Conn., FEb 26 - Acme', 'WEST HARTFORD, Conn.', '--02-26', null, 'Acme'],
  ['AMSTERDAM, 2 March - Dutch', 'AMSTERDAM', '--03-02', null, 'Dutch'],
  ['NEW YORK, March 2 -The New York', 'NEW YORK', '--03-02', null, 'The New York'],
  ['CHEVY CHASE, Md., - March 4 - Acme', 'CHEVY CHASE, Md.', '--03-04', null, 'Acme'],
  ['ROME, March 13, Reuter - Italy', 'ROME', '--03-13', null, 'Italy'],
  ['****SANTO DOMINGO, March 4 - The', 'SANTO DOMINGO', '--03-04', null, 'The'],
  ['GRONINGEN, the Netherlands, March 31 - Gas', 'GRONINGEN, the Netherlands', '--03-31', null, 'Gas'],
  ['NEW YORK, Narch 2 - Acme', 'NEW YORK', '--03-02', null, 'Acme'],
  ['WOODBRIDGE, N.J. - Acme', 'WOODBRIDGE, N.J.', null, null, 'Acme'],
  ['WASHINGTON (AP) — The Senate', 'WASHINGTON', null, 'Associated Press', 'The Senate'],
  ['PORTLAND, Ore. (AP) — A man', 'PORTLAND, Ore.', null, 'Associated Press', 'A man'],
  ['PARIS (AFP) - France', 'PARIS', null, 'AFP', 'France'],
  ['PARIS, July 4, 2023 (AFP) - France', 'PARIS', '2023-07-04', 'AFP', 'France'],
  ['(Bloomberg) -- Stocks', '', null, 'Bloomberg', 'Stocks'],
  ['WASHINGTON, July 4 (UPI) -- The', 'WASHINGTON', '--07-04', 'UPI', 'The'],
  ['BEIJING, July 4 (Xinhua) -- China', 'BEIJING', '--07-04', 'Xinhua', 'China'],
  ['SEOUL, July 4 (Yonhap) -- South Korea', 'SEOUL', '--07-04', 'Yonhap', 'South Korea'],
  ['New Delhi, Jul 4 (PTI) The government', 'New Delhi', '--07-04', 'PTI', 'The government'],
  ['New Delhi, July 4 (IANS) The', 'New Delhi', '--07-04', 'IANS', 'The'],
  ['New Delhi [India], July 4 (ANI): Prime', 'New Delhi [India]', '--07-04', 'ANI', 'Prime'],
  ['MOSCOW, July 4. /TASS/. Russia', 'MOSCOW', '--07-04', 'TASS', 'Russia'],
  ['MOSCOW. July 4 (Interfax) - Russia', 'MOSCOW', '--07-04', 'Interfax', 'Russia'],
  ['KUALA LUMPUR, July 4 (Bernama) -- The', 'KUALA LUMPUR', '--07-04', 'Bernama', 'The'],
  ['Jakarta (ANTARA) - Indonesia', 'Jakarta', null, 'Antara', 'Indonesia'],
  ['Berlin (dpa) - Die', 'Berlin', null, 'dpa', 'Die'],
  ['Madrid, 4 jul (EFE).- El Gobierno', 'Madrid', '--07-04', 'EFE', 'El Gobierno'],
  ['MADRID, 4 (EUROPA PRESS) El Gobierno', 'MADRID', null, 'Europa Press', 'El Gobierno'],
  ['(ANSA) - ROMA, 04 LUG - Il governo', 'ROMA', '--07-04', 'ANSA', 'Il governo'],
  ['Canadian Press - VANCOUVER (CP) - The sister', 'VANCOUVER', null, 'The Canadian Press', 'The sister'],
  ['AP - A company founded', '', null, 'Associated Press', 'A company'],
  ['TORONTO — Ontario', 'TORONTO', null, null, 'Ontario'],
];

for (const [text, place, date, wire, rest] of CASES) {
  test(`dateline: ${text.slice(0, 48)}`, () => {
    const m = parseDateline(text);
    assert.ok(m, 'no dateline found');
    assert.equal(m.place, place);
    assert.equal(datelineDate(m), date);
    assert.equal(m.wire?.name ?? null, wire);
    assert.ok(m.rest.startsWith(rest), `rest: ${m.rest}`);
  });
}

test('a byline run into an AP dateline is split off', () => {
  const m = parseDateline('By MICHAEL LIEDTKE SAN FRANCISCO (AP) -- With its low prices');
  assert.equal(m?.place, 'SAN FRANCISCO');
  assert.equal(m?.byline, 'MICHAEL LIEDTKE');
  assert.equal(m?.wire?.name, 'Associated Press');
});

test('an unknown bracketed credit is not part of the place', () => {
  assert.equal(parseDateline('OWINGS MILLS, Maryland (Ticker) - The Ravens')?.place, 'OWINGS MILLS, Maryland');
});

test('prose is not a dateline', () => {
  for (const text of [
    'He said on March 5 - that the deal was done.',
    'The company said the deal, announced in March - was good.',
    'Shares of Acme (NYSE: ACMI) rose 5% on the news.',
    'Revenue rose 20 pct - the best quarter since 1985.',
    'UPDATE - the merger is off.',
    'Analysts at Acme (AP) expect growth.',
  ]) {
    assert.equal(parseDateline(text)?.place ?? null, null, text);
  }
});

test('an impossible date is not read ("Feb 30")', () => {
  const m = parseDateline('LONDON, Feb 30 - Text');
  assert.equal(m ? datelineDate(m) : null, null);
});
