import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isDatelineError } from '../core/index.js';
import { decodeText } from './index.js';

const hex = (h: string): Uint8Array => Uint8Array.from(Buffer.from(h, 'hex'));
const cat = (...parts: (string | number[])[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : p)));

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
