import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sniffBinary, sniffFormat } from './sniff.js';

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : p)));

test('binary files are named by magic number', () => {
  assert.equal(sniffBinary(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])), 'a PNG image');
  assert.equal(sniffBinary(bytes('%PDF-1.7\n')), 'a PDF document');
  assert.match(sniffBinary(bytes([0x50, 0x4b, 0x03, 0x04, 20, 0])) ?? '', /ZIP/);
  assert.equal(sniffBinary(bytes([0x1f, 0x8b, 0x08, 0])), 'a gzip-compressed file');
});

test('NUL bytes and control characters make a file binary; a stray one does not', () => {
  assert.match(sniffBinary(bytes('abc', [0, 0, 0, 0, 1, 2], 'def')) ?? '', /NUL bytes/);
  assert.match(sniffBinary(bytes([1, 2, 3, 4, 5, 6, 7, 8], 'ab')) ?? '', /control bytes/);
  assert.equal(sniffBinary(bytes('a long enough line of ordinary wire text '.repeat(10), [0], 'tail')), null);
  assert.equal(sniffBinary(bytes('tabs\tand\r\nline breaks\fand ESC \x1b$B for ISO-2022-JP')), null);
});

test('UTF-16 and UTF-32 text, with or without a BOM, is not binary', () => {
  assert.equal(sniffBinary(Uint8Array.from([0xff, 0xfe, ...Buffer.from('hello', 'utf16le')])), null);
  assert.equal(sniffBinary(Uint8Array.from(Buffer.from('hello there', 'utf16le'))), null);
  assert.equal(sniffBinary(Uint8Array.from([...'text'].flatMap((ch) => [ch.charCodeAt(0), 0, 0, 0]))), null);
});

test('Reuters SGML is recognised by its DOCTYPE or a <REUTERS line, even after junk', () => {
  assert.equal(sniffFormat('<!DOCTYPE lewis SYSTEM "lewis.dtd">\n<REUTERS NEWID="1">'), 'reuters-sgml');
  assert.equal(sniffFormat('\n  <REUTERS TOPICS="YES" NEWID="1">'), 'reuters-sgml');
  assert.equal(sniffFormat('some junk\n<REUTERS NEWID="2">'), 'reuters-sgml');
  // Quoting the tag inside a sentence is not SGML.
  assert.equal(sniffFormat('We wrote about <REUTERS> tags.'), 'text');
});

test('JSONL is recognised without an extension, and a broken first line does not hide it', () => {
  assert.equal(sniffFormat('{"title":"a"}\n{"title":"b"}\n'), 'jsonl');
  assert.equal(sniffFormat('oops\n{"title":"a"}\n{"title":"b"}\n'), 'jsonl');
  assert.equal(sniffFormat('{not json\n', { name: 'feed.jsonl' }), 'jsonl');
  assert.equal(sniffFormat('{not json\n'), 'text');
  // A wire story that happens to contain one JSON-looking line stays text.
  assert.equal(sniffFormat('HEADLINE\n\nLONDON (Reuters) - Words.\nMore words.\n{"a":1}\n'), 'text');
});

test('an extension is only a hint: content wins', () => {
  assert.equal(sniffFormat('{"title":"a"}\n', { name: 'notes.txt' }), 'jsonl');
  assert.equal(sniffFormat('BEIJING, July 4, 2023 /PRNewswire/ -- Text', { name: 'data.jsonl' }), 'text');
  assert.equal(sniffFormat('<!DOCTYPE html><html><body>x</body></html>', { name: 'page.txt' }), 'html');
  assert.equal(sniffFormat('<p>fragment</p>', { contentType: 'text/html; charset=utf-8' }), 'html');
});

test('feeds are recognised by content: rss, rdf and feed roots, JSON Feed version URL', () => {
  assert.equal(sniffFormat('<?xml version="1.0"?>\n<!-- a comment -->\n<rss version="2.0"><channel/></rss>'), 'feed');
  assert.equal(sniffFormat('<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"></rdf:RDF>'), 'feed');
  assert.equal(sniffFormat('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"></feed>'), 'feed');
  assert.equal(sniffFormat('{\n  "version": "https://jsonfeed.org/version/1.1",\n  "title": "x",\n  "items": []\n}', { name: 'feed.json' }), 'feed');
  assert.equal(sniffFormat('{"title": "not a feed", "text": "body"}\n{"title": "two"}', { name: 'x.json' }), 'jsonl');
  assert.equal(sniffFormat('<!DOCTYPE html><html><body>rss</body></html>', { name: 'feed.xml' }), 'html');
});
