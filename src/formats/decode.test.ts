import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isDatelineError } from '../core/index.js';
import { decodeText } from './index.js';

const hex = (h: string): Uint8Array => Uint8Array.from(Buffer.from(h, 'hex'));
const cat = (...parts: (string | number[])[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : p)));

/**
 * Our own sentences in each legacy encoding (bytes from Python's codecs), with the label a page
 * would declare and the encoding decodeText should name, declared and detected. gb2312 is read
 * as GBK, and as GB18030 when a four-byte sequence (here 𠮷) occurs; latin9 is ISO-8859-15.
 */
const SAMPLES: { label: string; declared: string; detected: string; text: string; bytes: string }[] = [
  { label: 'windows-1252', declared: 'windows-1252', detected: 'windows-1252', text: '“Prices rose 5% to €12,” the minister said – a “modest” step for Zoë’s café.',
    bytes: '9350726963657320726f736520352520746f208031322c9420746865206d696e697374657220736169642096206120936d6f6465737494207374657020666f72205a6feb927320636166e92e' },
  { label: 'iso-8859-2', declared: 'iso-8859-2', detected: 'iso-8859-2', text: 'Rząd przyjął w środę ustawę o źródłach energii; posłowie głosowali późno w nocy.',
    bytes: '527ab1642070727a796ab1b3207720b6726f64ea207573746177ea206f20bc72f364b361636820656e65726769693b20706f73b36f7769652067b36f736f77616c692070f3bc6e6f2077206e6f63792e' },
  { label: 'iso-8859-5', declared: 'iso-8859-5', detected: 'iso-8859-5', text: 'Правительство объявило о новых мерах поддержки малого бизнеса.',
    bytes: 'bfe0d0d2d8e2d5dbece1e2d2de20ded1eaefd2d8dbde20de20ddded2ebe520dcd5e0d0e520dfded4d4d5e0d6dad820dcd0dbded3de20d1d8d7ddd5e1d02e' },
  { label: 'iso-8859-7', declared: 'iso-8859-7', detected: 'iso-8859-7', text: 'Η κυβέρνηση ανακοίνωσε νέα μέτρα στήριξης για τις μικρές επιχειρήσεις.',
    bytes: 'c720eaf5e2ddf1ede7f3e720e1ede1eaefdfedf9f3e520eddde120ecddf4f1e120f3f4def1e9eee7f220e3e9e120f4e9f220ece9eaf1ddf220e5f0e9f7e5e9f1def3e5e9f22e' },
  { label: 'latin9', declared: 'iso-8859-15', detected: 'iso-8859-15', text: 'Le musée a reçu une œuvre estimée à 12 000 €, dit Šimon Žák, et Ÿves.',
    bytes: '4c65206d7573e9652061207265e77520756e6520bd7576726520657374696de96520e02031322030303020a42c2064697420a6696d6f6e20b4e16b2c20657420be7665732e' },
  { label: 'gb2312', declared: 'gbk', detected: 'gbk', text: '新华社北京电 国家统计局今天发布的数据显示，今年上半年全国居民人均可支配收入继续增长，消费市场保持恢复态势。专家表示，下半年经济有望延续稳定向好的趋势，但外部环境仍然复杂多变。',
    bytes: 'd0c2bbaac9e7b1b1bea9b5e720b9fabcd2cdb3bcc6bed6bdf1ccecb7a2b2bcb5c4cafdbeddcfd4cabea3acbdf1c4eac9cfb0ebc4eac8abb9fabed3c3f1c8cbbef9bfc9d6a7c5e4cad5c8ebbcccd0f8d4f6b3a4a3accffbb7d1cad0b3a1b1a3b3d6bbd6b8b4ccaccac6a1a3d7a8bcd2b1edcabea3accfc2b0ebc4eabeadbcc3d3d0cdfbd1d3d0f8cec8b6a8cff2bac3b5c4c7f7cac6a3acb5abcde2b2bfbbb7beb3c8d4c8bbb8b4d4d3b6e0b1e4a1a3' },
  { label: 'gb2312', declared: 'gb18030', detected: 'gb18030', text: '记者在𠮷野家门店看到，顾客排起了长队。',
    bytes: 'bcc7d5dfd4da9534b235d2b0bcd2c3c5b5eabfb4b5bda3acb9cbbfcdc5c5c6f0c1cbb3a4b6d3a1a3' },
  { label: 'big5', declared: 'big5', detected: 'big5', text: '中央社台北電 行政院今天宣布，將擴大補助偏鄉地區的醫療服務，並增加學校的數位設備預算。官員表示，相關計畫預計明年開始實施，民眾可以向各縣市政府查詢。',
    bytes: 'a4a4a5a1aac0a578a55fb97120a6e6ac46b07ca4b5a4d1abc5a5aca141b14ec258a46ab8c9a755b0beb66da661b0cfaabac2e5c0f8aa41b0c8a141a8c3bc57a55bbec7aed5aababcc6a6ecb35db3c6b977bae2a143a978adfbaaeda5dca141acdbc3f6ad70b565b977ad70a9faa67eb67da96cb9eaac49a141a5c1b2b3a569a548a656a655bfa4a5abac46a9b2ac64b8dfa143' },
  { label: 'shift_jis', declared: 'shift_jis', detected: 'shift_jis', text: '東京の気象庁は今日、関東地方で梅雨明けしたとみられると発表しました。平年より少し早く、これから本格的な夏の暑さが続く見込みです。熱中症に十分注意してください。',
    bytes: '938c8b9e82cc8b438fdb92a182cd8da193fa81418ad6938c926e95fb82c5947e894a96be82af82b582bd82c682dd82e782ea82e982c694ad955c82b582dc82b582bd814295bd944e82e682e88fad82b5918182ad814182b182ea82a982e7967b8a69934982c889c482cc8f8b82b382aa91b182ad8ca98d9e82dd82c582b78142944d92868fc782c98f5c95aa928d88d382b582c482ad82be82b382a28142' },
  { label: 'euc-kr', declared: 'euc-kr', detected: 'euc-kr', text: '서울시는 오늘 대중교통 요금 인상안을 발표했습니다. 시민들은 물가 상승에 대한 부담을 우려하고 있으며, 시는 저소득층을 위한 지원 대책도 함께 마련하겠다고 밝혔습니다.',
    bytes: 'bcadbfefbdc3b4c220bfc0b4c320b4ebc1dfb1b3c5eb20bfe4b1dd20c0cebbf3bec8c0bb20b9dfc7a5c7dfbdc0b4cfb4d92e20bdc3b9ceb5e9c0ba20b9b0b0a120bbf3bdc2bfa120b4ebc7d120baceb4e3c0bb20bfecb7c1c7cfb0ed20c0d6c0b8b8e72c20bdc3b4c220c0fabcd2b5e6c3fec0bb20c0a7c7d120c1f6bff820b4ebc3a5b5b520c7d4b2b220b8b6b7c3c7cfb0dab4d9b0ed20b9e0c7fbbdc0b4cfb4d92e' },
];

test('plain UTF-8 and ASCII are read as UTF-8', () => {
  assert.deepEqual(decodeText(new TextEncoder().encode('Zürich — 北京')), {
    text: 'Zürich — 北京', encoding: 'utf-8', by: 'utf-8', replaced: 0,
  });
  assert.equal(decodeText(cat('plain ascii')).by, 'utf-8');
});

test('BOMs decide: UTF-8, UTF-16LE and UTF-16BE, and the BOM is not in the text', () => {
  assert.deepEqual(decodeText(cat([0xef, 0xbb, 0xbf], 'Hi')), { text: 'Hi', encoding: 'utf-8', by: 'bom', replaced: 0 });
  const le = decodeText(Uint8Array.from([0xff, 0xfe, ...Buffer.from('Café', 'utf16le')]));
  assert.deepEqual([le.text, le.encoding, le.by], ['Café', 'utf-16le', 'bom']);
  const be = decodeText(Uint8Array.from([0xfe, 0xff, ...Buffer.from('Café', 'utf16le').swap16()]));
  assert.deepEqual([be.text, be.encoding, be.by], ['Café', 'utf-16be', 'bom']);
});

test('UTF-32, which TextDecoder lacks, is read with a BOM and without', () => {
  const be = Buffer.alloc(4 * 6);
  [...'Ça 北'].forEach((ch, i) => be.writeUInt32BE(ch.codePointAt(0) ?? 0, 4 * i));
  const withBom = decodeText(Uint8Array.from([0, 0, 0xfe, 0xff, ...be.subarray(0, 16)]));
  assert.deepEqual([withBom.text, withBom.encoding, withBom.by], ['Ça 北', 'utf-32be', 'bom']);
  const le = Buffer.alloc(4 * 12);
  [...'Plain words.'].forEach((ch, i) => le.writeUInt32LE(ch.codePointAt(0) ?? 0, 4 * i));
  const noBom = decodeText(Uint8Array.from(le));
  assert.deepEqual([noBom.text, noBom.encoding, noBom.by], ['Plain words.', 'utf-32le', 'detection']);
});

test('UTF-16 without a BOM is recognised by its zero bytes', () => {
  const decoded = decodeText(Uint8Array.from(Buffer.from('A plain release in UTF-16', 'utf16le')));
  assert.deepEqual([decoded.text, decoded.encoding, decoded.by], ['A plain release in UTF-16', 'utf-16le', 'detection']);
});

test('windows-1252 smart quotes and accents are detected, not mangled', () => {
  // “Hello” café résumé, said Zoë.
  const bytes = cat([0x93], 'Hello', [0x94], ' caf', [0xe9], ' r', [0xe9], 'sum', [0xe9], ', said Zo', [0xeb], '.');
  assert.deepEqual(decodeText(bytes), {
    text: '“Hello” café résumé, said Zoë.', encoding: 'windows-1252', by: 'detection', replaced: 0,
  });
  assert.equal(decodeText(cat([0x93], 'Hi', [0x94])).text, '“Hi”');
});

test('GBK Chinese is detected and read correctly, even when short', () => {
  // 北京是中国的首都。
  assert.deepEqual(decodeText(hex('b1b1bea9cac7d6d0b9fab5c4cad7b6bca1a3')), {
    text: '北京是中国的首都。', encoding: 'gbk', by: 'detection', replaced: 0,
  });
  // 新华社北京7月4日电 中国国家统计局今天发布数据，上半年国内生产总值同比增长。
  const long = decodeText(hex(
    'd0c2bbaac9e7b1b1bea937d4c234c8d5b5e720d6d0b9fab9fabcd2cdb3bcc6bed6bdf1ccecb7a2b2bccafdbedda3acc9cfb0ebc4eab9fac4dac9fab2fad7dcd6b5cdacb1c8d4f6b3a4a1a3',
  ));
  assert.equal(long.text, '新华社北京7月4日电 中国国家统计局今天发布数据，上半年国内生产总值同比增长。');
  assert.equal(long.encoding, 'gbk');
});

test('Big5, Shift_JIS and EUC-KR are told apart from GBK', () => {
  assert.equal(decodeText(hex('a578a55fac4fbb4fc657aabaadbab3a3a143')).text, '台北是臺灣的首都。');
  assert.equal(decodeText(hex('938c8b9e82cd93fa967b82cc8ef1937382c582b78142')).text, '東京は日本の首都です。');
  assert.equal(decodeText(hex('bcadbfefc0ba20c7d1b1b9c0c720bcf6b5b5c0d4b4cfb4d92e')).text, '서울은 한국의 수도입니다.');
});

test('a declaration is followed: XML encoding, meta charset and the Content-Type charset', () => {
  const xml = decodeText(cat('<?xml version="1.0" encoding="ISO-8859-1"?><a>caf', [0xe9], '</a>'));
  assert.deepEqual([xml.text.endsWith('café</a>'), xml.encoding, xml.by], [true, 'windows-1252', 'declaration']);
  const meta = decodeText(cat('<html><head><meta charset="windows-1251"></head><body>', [0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2], '</body>'));
  assert.deepEqual([meta.text.includes('Привет'), meta.encoding, meta.by], [true, 'windows-1251', 'declaration']);
  const httpEquiv = decodeText(cat('<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-2"><p>', [0xb1], '</p>'));
  assert.deepEqual([httpEquiv.text.includes('ą'), httpEquiv.encoding], [true, 'iso-8859-2']);
  const header = decodeText(cat('caf', [0xe9]), { contentType: 'text/plain; charset=windows-1252' });
  assert.deepEqual([header.text, header.by], ['café', 'declaration']);
});

test('a declared UTF-8 that is valid says declaration; an unknown label is ignored', () => {
  assert.equal(decodeText(cat('<meta charset="utf-8"><p>ok</p>')).by, 'declaration');
  assert.equal(decodeText(cat('<meta charset="no-such-charset"><p>ok</p>')).by, 'utf-8');
});

test('UTF-8 with a stray bad byte stays UTF-8, with the bad byte replaced and counted', () => {
  const bytes = Uint8Array.from([...Buffer.from('Café in Zürich, naïve résumé '), 0xff, ...Buffer.from(' end')]);
  const decoded = decodeText(bytes);
  assert.deepEqual([decoded.encoding, decoded.by, decoded.replaced], ['utf-8', 'detection', 1]);
  assert.equal(decoded.text, 'Café in Zürich, naïve résumé \uFFFD end');
});

test('bytes that read as noise in every encoding throw E_ENCODING', () => {
  // UTF-16 (BOM) made of unpaired surrogates: every unit is U+FFFD.
  const bytes = Uint8Array.from([0xff, 0xfe, ...Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? 0x00 : 0xdc))]);
  assert.throws(() => decodeText(bytes, { name: 'noise.txt' }), (e: unknown) => isDatelineError(e) && e.code === 'E_ENCODING' && e.input === 'noise.txt');
});

test('a declaration the bytes contradict is not obeyed', () => {
  // UTF-8 bytes under a latin-1 label: the label is wrong, the text is right.
  const mislabelled = decodeText(new TextEncoder().encode('<meta charset="iso-8859-1"><p>Café</p>'));
  assert.deepEqual([mislabelled.text.includes('Café'), mislabelled.encoding, mislabelled.by], [true, 'utf-8', 'utf-8']);
  // A <meta> quoted inside a JSONL html field is not the file's declaration.
  const jsonl = decodeText(new TextEncoder().encode('{"html":"<meta charset=\\"windows-1251\\"><p>x</p>"}\n'));
  assert.equal(jsonl.by, 'utf-8');
});

const sample = (label: string) => SAMPLES.find((s) => s.label === label) ?? assert.fail(`no sample ${label}`);
const bytesOf = (part: string | Uint8Array): number[] => (typeof part === 'string' ? [...Buffer.from(part, 'latin1')] : [...part]);
/** An HTML page around a sample: `head` goes inside <head>, the sample is the one paragraph. */
const page = (head: string, body: Uint8Array, bodyExtra = ''): Uint8Array =>
  Uint8Array.from([
    ...bytesOf(`<!DOCTYPE html>\n<html><head>${head}<title>Story</title></head>\n<body>${bodyExtra}<p>`),
    ...body,
    ...bytesOf('</p></body></html>\n'),
  ]);
const paragraph = (text: string): string => text.split('<p>')[1]?.split('</p>')[0] ?? '';
/** What many real heads carry before their <meta>: KBs of inline script and style. */
const longHead = (kb: number): string =>
  `<script>window.dataLayer=[];function track(e){dataLayer.push({event:e,t:Date.now()})}${'/* analytics */ '.repeat(kb * 32)}</script>` +
  `<style>${'.card{margin:0 auto;padding:4px} '.repeat(kb * 30)}</style>`;

test('each legacy encoding round-trips when declared: windows-1252, ISO-8859-2/5/7/15, GBK, GB18030, Big5, Shift_JIS, EUC-KR', () => {
  for (const { label, declared, text, bytes } of SAMPLES) {
    for (const head of [`<meta charset="${label}">`, `<meta http-equiv="Content-Type" content="text/html; charset=${label}">`]) {
      const decoded = decodeText(page(head, hex(bytes)));
      assert.deepEqual([paragraph(decoded.text), decoded.encoding, decoded.by, decoded.replaced], [text, declared, 'declaration', 0], head);
    }
  }
  // WHATWG reads the latin-1 labels as windows-1252, whose 0x80-0x9F Node 20 gets wrong.
  const latin1 = decodeText(page('<meta charset="iso-8859-1">', hex(sample('windows-1252').bytes)));
  assert.deepEqual([paragraph(latin1.text), latin1.encoding], [sample('windows-1252').text, 'windows-1252']);
  const iso15 = decodeText(page('<meta charset="ISO-8859-15">', hex(sample('latin9').bytes)));
  assert.deepEqual([paragraph(iso15.text), iso15.encoding], [sample('latin9').text, 'iso-8859-15']);
});

test('each legacy encoding is detected in an undeclared page of a paragraph', () => {
  for (const { detected, text, bytes } of SAMPLES) {
    const decoded = decodeText(page('', hex(bytes)));
    assert.deepEqual([paragraph(decoded.text), decoded.encoding, decoded.by], [text, detected, 'detection'], detected);
  }
});

test('a <meta> charset after a long head of inline scripts and styles is found', () => {
  const polish = sample('iso-8859-2');
  const httpEquiv = page(`${longHead(20)}<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-2" />`, hex(polish.bytes));
  assert.ok(httpEquiv.indexOf(0x3c, 20 * 1024) < httpEquiv.length); // the <meta> is past 20 KB
  const decoded = decodeText(httpEquiv);
  assert.deepEqual([paragraph(decoded.text), decoded.encoding, decoded.by], [polish.text, 'iso-8859-2', 'declaration']);
  const charset = decodeText(page(`${longHead(10)}<meta charset=big5>`, hex(sample('big5').bytes)));
  assert.deepEqual([charset.encoding, charset.by], ['big5', 'declaration']);
});

test('the head scan skips comments, scripts and styles, and stops at the body or HEAD_SCAN_BYTES', () => {
  const greek = sample('iso-8859-7');
  const decoys =
    '<!-- old template: <meta charset="windows-1251"> -->' +
    `<script>document.write('<meta charset="koi8-r">')</script><style>/* <meta charset=big5> */</style>` +
    '<meta name="description" content="charset=shift_jis"><meta charset="iso-8859-7">';
  const decoded = decodeText(page(decoys, hex(greek.bytes)));
  assert.deepEqual([paragraph(decoded.text), decoded.encoding, decoded.by], [greek.text, 'iso-8859-7', 'declaration']);
  // A <meta> in the body (an embedded snippet) or beyond the cap is not the page's declaration.
  const inBody = decodeText(page('', hex(greek.bytes), '<meta charset="windows-1251">'));
  assert.deepEqual([inBody.encoding, inBody.by], ['iso-8859-7', 'detection']);
  const beyond = decodeText(page(`${longHead(70)}<meta charset="windows-1251">`, hex(greek.bytes)));
  assert.deepEqual([beyond.encoding, beyond.by], ['iso-8859-7', 'detection']);
});

test('BOM beats the HTTP header, which beats <meta>; a header the bytes contradict gives way to <meta>', () => {
  const polish = sample('iso-8859-2');
  const bytes = page('<meta charset="windows-1252">', hex(polish.bytes));
  const header = decodeText(bytes, { contentType: 'text/html; charset=ISO-8859-2' });
  assert.deepEqual([paragraph(header.text), header.encoding, header.by], [polish.text, 'iso-8859-2', 'declaration']);
  const withBom = decodeText(Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('<p>Zażółć</p>')]), { contentType: 'text/html; charset=iso-8859-2' });
  assert.deepEqual([withBom.text, withBom.encoding, withBom.by], ['<p>Zażółć</p>', 'utf-8', 'bom']);
  // Servers that stamp "charset=UTF-8" on everything: the bytes are not UTF-8, the page's own <meta> is right.
  const stamped = decodeText(page('<meta charset="iso-8859-2">', hex(polish.bytes)), { contentType: 'text/html; charset=UTF-8' });
  assert.deepEqual([paragraph(stamped.text), stamped.encoding, stamped.by], [polish.text, 'iso-8859-2', 'declaration']);
  // An unknown header label is ignored; latin9, which neither WHATWG nor Node knows, is not unknown.
  const unknown = decodeText(page('<meta charset="iso-8859-2">', hex(polish.bytes)), { contentType: 'text/html; charset=binary' });
  assert.equal(unknown.encoding, 'iso-8859-2');
  assert.equal(decodeText(hex(sample('latin9').bytes), { contentType: 'text/plain; charset=latin9' }).text, sample('latin9').text);
});

test('valid UTF-8 beats a legacy charset declared in the header or <meta>, even with a broken byte', () => {
  const utf8 = new TextEncoder().encode('<html><head><meta charset="gb2312"></head><body><p>Zażółć gęślą jaźń, 北京</p></body></html>');
  const header = decodeText(utf8, { contentType: 'text/html; charset=iso-8859-1' });
  assert.deepEqual([paragraph(header.text), header.encoding, header.by], ['Zażółć gęślą jaźń, 北京', 'utf-8', 'utf-8']);
  // A later declaration that agrees with the bytes is the one that counts.
  const agreeing = decodeText(new TextEncoder().encode('<meta charset="utf-8"><p>Café</p>'), { contentType: 'text/html; charset=gbk' });
  assert.deepEqual([agreeing.encoding, agreeing.by], ['utf-8', 'declaration']);
  // UTF-8 cut off mid-character under a latin-1 label: still UTF-8, not windows-1252 mojibake.
  const cut = new TextEncoder().encode('<meta charset="iso-8859-1"><p>Zürich, Genève, Köln – “Neuigkeiten” für alle €');
  const decoded = decodeText(cut.subarray(0, cut.length - 1));
  assert.deepEqual([decoded.encoding, decoded.by, decoded.replaced], ['utf-8', 'detection', 1]);
  assert.ok(decoded.text.includes('Zürich, Genève, Köln – “Neuigkeiten”'));
});

test('a legacy page cut off mid-character keeps its encoding, with the broken end replaced', () => {
  const { text, bytes } = sample('gb2312');
  const cut = page('<meta charset="gb2312">', hex(bytes)).subarray(0, -'</p></body></html>\n'.length - 1);
  const declared = decodeText(cut);
  assert.deepEqual([declared.encoding, declared.by, declared.replaced], ['gbk', 'declaration', 1]);
  assert.ok(declared.text.endsWith(`${text.slice(0, -1)}\uFFFD`));
  const detected = decodeText(page('', hex(bytes)).subarray(0, -'</p></body></html>\n'.length - 1));
  assert.deepEqual([detected.encoding, detected.by, detected.replaced], ['gbk', 'detection', 1]);
});

test('UTF-16 without a BOM is not read through a legacy header', () => {
  const decoded = decodeText(Uint8Array.from(Buffer.from('<p>A plain release</p>', 'utf16le')), { contentType: 'text/html; charset=iso-8859-1' });
  assert.deepEqual([decoded.text, decoded.encoding], ['<p>A plain release</p>', 'utf-16le']);
});
