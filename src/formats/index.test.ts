import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isDatelineError } from '../core/index.js';
import type { ArticleDraft, ErrorCode } from '../core/index.js';
import { parseCapture, primaryLanguage } from './index.js';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

function throwsCode(code: ErrorCode, fn: () => unknown, message?: RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(isDatelineError(e), `expected a DatelineError, got ${String(e)}`);
    assert.equal(e.code, code);
    assert.equal(e.input, 'in.txt');
    if (message) assert.match(e.message, message);
    return true;
  });
}

test('plain text is one draft, normalised for the structurer', () => {
  const raw = '\r\n\r\nACME\u00A0CORP REPORTS RESULTS  \r\nNEW\u202FYORK, March 5, 2024 /PRNewswire/ --\u200B Acme\u2002said.\t \r\n';
  const parsed = parseCapture(utf8(raw), { name: 'release.txt' });
  assert.equal(parsed.format, 'text');
  assert.deepEqual(parsed.drafts, [
    { position: 0, text: 'ACME CORP REPORTS RESULTS\nNEW YORK, March 5, 2024 /PRNewswire/ -- Acme said.', known: {}, extra: {} },
  ]);
  assert.deepEqual([parsed.encoding, parsed.decodedBy, parsed.problems], ['utf-8', 'utf-8', []]);
});

test('formats are sniffed without any extension', () => {
  assert.equal(parseCapture(utf8('{"title":"A","text":"B"}\n'), { name: '-' }).format, 'jsonl');
  assert.equal(parseCapture(utf8('<REUTERS NEWID="1">\n<TEXT><TITLE>T</TITLE></TEXT>\n</REUTERS>\n'), { name: '-' }).format, 'reuters-sgml');
  assert.equal(parseCapture(utf8('LONDON (Reuters) - Words.'), { name: '-' }).format, 'text');
});

test('a windows-1252 capture says it was decoded by detection', () => {
  const bytes = Uint8Array.from([...Buffer.from('PARIS, 5 mars 2024 -- '), 0x93, ...Buffer.from('Caf'), 0xe9, 0x94, ...Buffer.from(' ouvre.')]);
  const parsed = parseCapture(bytes, { name: 'fr.txt' });
  assert.deepEqual([parsed.encoding, parsed.decodedBy], ['windows-1252', 'detection']);
  assert.equal(parsed.drafts[0]?.text, 'PARIS, 5 mars 2024 -- “Café” ouvre.');
});

test('UTF-8 with a broken byte is kept, and the replacement is reported as a problem', () => {
  const bytes = Uint8Array.from([...Buffer.from('Zürich — Café résumé naïve '), 0xc3, ...Buffer.from(' end')]);
  const parsed = parseCapture(bytes, { name: 'broken.txt' });
  assert.equal(parsed.decodedBy, 'detection');
  assert.match(parsed.problems[0]?.message ?? '', /1 invalid utf-8 byte sequence/i);
});

test('empty and whitespace-only captures: E_INPUT_EMPTY', () => {
  throwsCode('E_INPUT_EMPTY', () => parseCapture(new Uint8Array(0), { name: 'in.txt' }), /0 bytes/);
  throwsCode('E_INPUT_EMPTY', () => parseCapture(utf8(' \n\t\r\n\u00A0\u200B '), { name: 'in.txt' }), /only whitespace/);
});

test('binary captures: E_INPUT_BINARY naming what they are', () => {
  const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  throwsCode('E_INPUT_BINARY', () => parseCapture(png, { name: 'in.txt' }), /PNG image/);
  const nul = Uint8Array.from([...Buffer.from('text'), 0, 0, 0, 0, 0, 0, ...Buffer.from('more'), 0, 0]);
  throwsCode('E_INPUT_BINARY', () => parseCapture(nul, { name: 'in.txt' }), /NUL bytes/);
});

test('captures over maxBytes: E_INPUT_TOO_LARGE with the size, the limit and what to do', () => {
  throwsCode(
    'E_INPUT_TOO_LARGE',
    () => parseCapture(utf8('x'.repeat(3000)), { name: 'in.txt' }, { maxBytes: 2048 }),
    /2\.9 KiB, over the 2 KiB limit.*split/,
  );
  assert.equal(parseCapture(utf8('fits'), { name: 'in.txt' }, { maxBytes: 4 }).drafts.length, 1);
});

test('text with no words: E_NO_ARTICLE', () => {
  throwsCode('E_NO_ARTICLE', () => parseCapture(utf8('--- *** ---\n...'), { name: 'in.txt' }));
});

test('an HTML page is one draft: its main content as text, its metadata as known fields', () => {
  const html =
    '<!DOCTYPE html><html lang="en-GB"><head><title>Harbour cranes ordered</title>' +
    '<meta property="article:published_time" content="2024-03-05T09:30:00+01:00"></head><body>' +
    '<article><h1>Harbour cranes ordered</h1><p>The port of Corvenna ordered four new harbour cranes on Tuesday, its board said in a statement.</p>' +
    '<p>The cranes will be delivered next spring and double the capacity of the container terminal.</p></article></body></html>';
  const parsed = parseCapture(utf8(html), { name: 'page.html' });
  assert.equal(parsed.format, 'html');
  assert.deepEqual(parsed.problems, []);
  assert.equal(parsed.drafts.length, 1);
  const [draft] = parsed.drafts as [ArticleDraft];
  assert.match(draft.text, /ordered four new harbour cranes on Tuesday/);
  assert.match(draft.text, /double the capacity of the container terminal/);
  assert.equal(draft.known.title, 'Harbour cranes ordered');
  assert.equal(draft.known.language, 'en', 'the primary subtag of <html lang>');
});

test('an HTML page with no main content: E_NO_ARTICLE naming the page', () => {
  const html = '<!DOCTYPE html><html><head><title>Loading</title></head><body><script>render()</script></body></html>';
  assert.throws(() => parseCapture(utf8(html), { name: 'app.html' }), (e: unknown) => {
    assert.ok(isDatelineError(e));
    assert.equal(e.code, 'E_NO_ARTICLE');
    assert.match(e.message, /app\.html.*no main content/);
    return true;
  });
});

test('an HTML page\'s language tag is reduced to its ISO 639-1 code, or dropped', () => {
  assert.equal(primaryLanguage('en-US'), 'en');
  assert.equal(primaryLanguage(' ZH_Hans '), 'zh');
  assert.equal(primaryLanguage('x-default'), null);
  assert.equal(primaryLanguage(null), null);
});

test('property: any bytes give drafts or one of our errors, never a crash', async () => {
  const fc = await import('fast-check');
  // A fixed seed keeps the suite deterministic; set FAST_CHECK_SEED to explore other inputs.
  fc.configureGlobal({ seed: Number(process.env.FAST_CHECK_SEED ?? 20261127) });
  const fragments = fc.constantFrom(
    '<REUTERS NEWID="1">', '</REUTERS>', '<TITLE>', '</TITLE>', '<BODY>', '</BODY>', '<TEXT>', '&#3;', '&lt;',
    '{"title":"t"}', '{', '}', '\n', '\r\n', ' ', 'BEIJING, July 4, 2023 /PRNewswire/ --', '北京', '\u00A0', '\u200B', '<p>', '<!DOCTYPE lewis>',
  );
  const texts = fc.array(fc.oneof(fragments, fc.string()), { maxLength: 30 }).map((parts) => new TextEncoder().encode(parts.join('')));
  const raw = fc.uint8Array({ maxLength: 300 });
  fc.assert(
    fc.property(fc.oneof(texts, raw), (bytes) => {
      try {
        const parsed = parseCapture(bytes, { name: 'random' });
        assert.ok(parsed.drafts.length > 0);
      } catch (error) {
        if (!isDatelineError(error)) throw error;
      }
    }),
    { numRuns: 500 },
  );
});
