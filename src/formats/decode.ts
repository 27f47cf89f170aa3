// Bytes to text, saying how the encoding was chosen: BOM, then the HTTP Content-Type, then a
// declaration in the document, then strict UTF-8, then detection. Follows the WHATWG order, and
// TextDecoder's labels, so names match what browsers and feeds say.
import chardet from 'chardet';
import { DatelineError } from '../core/index.js';
import type { Decoded } from '../core/index.js';
import { cjkPlausibility, type CjkLanguage } from './cjk.js';

/**
 * How far into an HTML document `<meta charset>` is looked for. Browsers pre-scan 1024 bytes and
 * re-read the page if a later <meta> disagrees; many pages put 5-20 KB of inline scripts and
 * styles first, so we read the whole head (to `</head>` or `<body`), up to this many bytes.
 */
export const HEAD_SCAN_BYTES = 64 * 1024;
/** chardet reads this much of the text; more costs time and rarely changes its answer. */
export const DETECTION_SAMPLE_BYTES = 64 * 1024;
/** Candidates within this many points of chardet's best are weighed against each other. */
export const DETECTION_CONFIDENCE_MARGIN = 10;
/**
 * Above this share of U+FFFD (and C1 controls) among the characters, the text is not readable
 * in any encoding we tried: E_ENCODING rather than an article of noise.
 */
export const MAX_GARBLED_SHARE = 0.1;

/**
 * Good UTF-8 multi-byte characters per broken sequence above which the bytes are taken for UTF-8
 * before detection is asked: windows-1252 or GBK text almost never forms valid UTF-8 pairs.
 */
export const CLEARLY_UTF8_RATIO = 4;

/** Below this share of common characters a CJK reading loses to a Western one (see cjk.ts). */
export const MIN_CJK_PLAUSIBILITY = 0.3;

/**
 * Good non-ASCII characters per broken sequence a legacy reading (declared or detected) needs:
 * a capture cut off by a size limit ends mid-character, and one stray byte should not send a
 * declared GBK page to detection.
 */
export const LEGACY_GOOD_PER_BROKEN = 4;

/** What decodeText reports beyond the core `Decoded`: how many bytes could not be read. */
export interface DecodedText extends Decoded {
  /**
   * Invalid byte sequences replaced with U+FFFD: a few broken sequences (a truncated or spliced
   * file) in bytes that are otherwise UTF-8 or the declared or detected legacy encoding.
   */
  replaced: number;
}

export interface DecodeOptions {
  /** An HTTP Content-Type whose `charset` parameter is a declaration, believed before the document's. */
  contentType?: string | null;
  /** The input's name, for error messages. */
  name?: string;
}

/** chardet's names for the encodings we accept from detection, as TextDecoder labels. */
const DETECTABLE: Readonly<Record<string, string>> = {
  'windows-1252': 'windows-1252',
  'ISO-8859-1': 'windows-1252', // WHATWG reads latin-1 labels as windows-1252, a superset.
  'ISO-8859-2': 'iso-8859-2',
  'ISO-8859-5': 'iso-8859-5',
  'ISO-8859-6': 'iso-8859-6',
  'ISO-8859-7': 'iso-8859-7',
  'ISO-8859-8': 'iso-8859-8',
  'ISO-8859-9': 'windows-1254',
  'windows-1250': 'windows-1250',
  'windows-1251': 'windows-1251',
  'windows-1253': 'windows-1253',
  'windows-1254': 'windows-1254',
  'windows-1255': 'windows-1255',
  'windows-1256': 'windows-1256',
  'windows-1257': 'windows-1257',
  'windows-1258': 'windows-1258',
  'windows-874': 'windows-874',
  'KOI8-R': 'koi8-r',
  GB18030: 'gb18030',
  Big5: 'big5',
  Shift_JIS: 'shift_jis',
  'EUC-JP': 'euc-jp',
  'EUC-KR': 'euc-kr',
  'ISO-2022-JP': 'iso-2022-jp',
};

/**
 * Labels pages use that neither the WHATWG list nor Node 20's TextDecoder knows, for encodings it
 * has. ISO-8859-16, also seen, has no decoder anywhere: its declaration is ignored, as browsers do.
 */
const LABEL_ALIASES: Readonly<Record<string, string>> = {
  latin9: 'iso-8859-15',
  'latin-9': 'iso-8859-15',
  cp936: 'gbk',
  'euc-cn': 'gbk',
  cp949: 'euc-kr',
  uhc: 'euc-kr',
  cp932: 'shift_jis',
  cp950: 'big5',
};

const CJK_OF: Readonly<Record<string, CjkLanguage>> = {
  gb18030: 'zh-Hans',
  big5: 'zh-Hant',
  shift_jis: 'ja',
  'euc-jp': 'ja',
  'iso-2022-jp': 'ja',
  'euc-kr': 'ko',
};

/**
 * Decodes a capture's bytes.
 *
 * 1. A BOM (UTF-8, UTF-16LE/BE, UTF-32LE/BE) decides.
 * 2. UTF-16 or UTF-32 without a BOM, recognised by where the zero bytes sit (no label can make
 *    such bytes read as anything else).
 * 3. Declarations, in the order the WHATWG believes them: the HTTP Content-Type charset, then
 *    `<?xml ... encoding="...">` or (in a document that starts with a tag) `<meta charset>` /
 *    `<meta http-equiv="Content-Type" content="...; charset=...">` in the head (up to
 *    `</head>` or `<body`, at most HEAD_SCAN_BYTES; comments, scripts and styles skipped). A
 *    declaration the bytes contradict is a lie and the next one is asked: a declared UTF-8 that
 *    is not valid, a legacy charset over clearly UTF-8 bytes (as in 5), or a legacy charset
 *    under which the bytes are broken (LEGACY_GOOD_PER_BROKEN).
 * 4. Strict UTF-8 (pure ASCII lands here).
 * 5. Bytes that are clearly UTF-8 with a few broken sequences: UTF-8 with U+FFFD, `replaced` > 0.
 * 6. chardet, with close CJK candidates weighed by how common the decoded characters are, and
 *    latin-1 told from latin-9 (ISO-8859-15) by where the eight bytes they differ in sit.
 * 7. Bytes still mostly UTF-8 (as many good characters as bad): as in 5.
 * 8. Otherwise windows-1252, which maps every byte: the usual truth for unlabelled Western text.
 * Steps 2 and 5 to 8 report `by: 'detection'`. Throws E_ENCODING when the result is mostly noise.
 *
 * @example decodeText(new Uint8Array([0x93, 0x48, 0x69, 0x94])) // { text: '“Hi”', encoding: 'windows-1252', by: 'detection', replaced: 0 }
 */
export function decodeText(bytes: Uint8Array, options: DecodeOptions = {}): DecodedText {
  const bom = decodeByBom(bytes);
  if (bom) return checked(bom, options.name);

  // Before UTF-8: UTF-16 and UTF-32 code units with zero bytes are valid (if useless) UTF-8.
  const wide = unicodeWithoutBom(bytes);
  if (wide) return checked(wide, options.name);

  const utf8 = tryDecode('utf-8', bytes);
  // Clearly UTF-8 (valid with non-ASCII characters, or nearly so) beats a declared legacy
  // charset: pages saved as UTF-8 under an old <meta charset=iso-8859-1> are common, and legacy
  // text almost never forms UTF-8 by accident. (Browsers obey the label and show mojibake.)
  const brokenUtf8 = utf8 === null ? lenientUtf8(bytes, CLEARLY_UTF8_RATIO) : null;
  const clearlyUtf8 = brokenUtf8 !== null || (utf8 !== null && /[^\u0000-\u007F]/.test(utf8));
  for (const declared of declaredEncodings(bytes, options.contentType)) {
    if (declared === 'utf-8') {
      if (utf8 !== null) return { text: utf8, encoding: 'utf-8', by: 'declaration', replaced: 0 };
    } else if (!clearlyUtf8) {
      const legacy = decodeLegacy(declared, bytes);
      if (legacy) return checked({ ...legacy, by: 'declaration' }, options.name);
    }
  }

  if (utf8 !== null) return { text: utf8, encoding: 'utf-8', by: 'utf-8', replaced: 0 };

  // Clearly UTF-8 with a stray bad byte: chardet would call it latin-1 and garble every accent.
  if (brokenUtf8) return checked(brokenUtf8, options.name);

  const detected = detect(bytes);
  if (detected) return checked(detected, options.name);

  const mostlyUtf8 = lenientUtf8(bytes, 1);
  if (mostlyUtf8) return checked(mostlyUtf8, options.name);

  return checked(
    { text: decodeWindows1252(bytes), encoding: 'windows-1252', by: 'detection', replaced: 0 },
    options.name,
  );
}

function decodeByBom(bytes: Uint8Array): DecodedText | null {
  const [a, b, c, d] = bytes;
  // UTF-32 first: its little-endian BOM begins like UTF-16LE's.
  if (a === 0xff && b === 0xfe && c === 0 && d === 0) return decodeUtf32(bytes.subarray(4), true, 'bom');
  if (a === 0 && b === 0 && c === 0xfe && d === 0xff) return decodeUtf32(bytes.subarray(4), false, 'bom');
  let label: string | null = null;
  if (a === 0xef && b === 0xbb && c === 0xbf) label = 'utf-8';
  else if (a === 0xff && b === 0xfe) label = 'utf-16le';
  else if (a === 0xfe && b === 0xff) label = 'utf-16be';
  if (!label) return null;
  // TextDecoder drops the BOM itself (ignoreBOM defaults to false).
  const text = new TextDecoder(label).decode(bytes);
  return { text, encoding: label, by: 'bom', replaced: countReplacements(text) };
}

/** The encoding a Content-Type or the document itself declares, as a TextDecoder name. */
export function declaredEncoding(bytes: Uint8Array, contentType?: string | null): string | null {
  return declaredEncodings(bytes, contentType)[0] ?? null;
}

/** Every encoding declared, as TextDecoder names, most believed first: HTTP header, XML, meta. */
function declaredEncodings(bytes: Uint8Array, contentType?: string | null): string[] {
  const fromHeader = contentType ? charsetParameter(contentType) : undefined;
  // Any ASCII-compatible reading finds ASCII markup.
  const head = byteString(bytes.subarray(0, HEAD_SCAN_BYTES));
  const fromXml = /^\s*<\?xml[^>]*?\sencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head)?.[1];
  // Only an HTML document's own <meta> counts, not one quoted inside JSONL or plain text.
  const fromMeta = /^\s*</.test(head) ? metaCharset(head) : undefined;
  const encodings: string[] = [];
  for (const label of [fromHeader, fromXml, fromMeta]) {
    const encoding = label ? encodingForLabel(label) : null;
    // A declared UTF-16 without a BOM is read as UTF-8, as the HTML spec says: the declaration
    // was readable as ASCII, so the bytes cannot be UTF-16.
    if (encoding) encodings.push(encoding.startsWith('utf-16') ? 'utf-8' : encoding);
  }
  return encodings;
}

/** One character per byte, for finding ASCII markup; Buffer's 'latin1' maps bytes 1:1 both ways. */
function byteString(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

function charsetParameter(value: string): string | undefined {
  return /charset\s*=\s*["']?([\w.:-]+)/i.exec(value)?.[1];
}

/**
 * What the head scan looks at: comments and elements whose content is not markup (a charset in
 * a script string is not the page's), `<meta>` tags, and the end of the head.
 */
const HEAD_TOKEN =
  /<!--[\s\S]*?(?:-->|$)|<(script|style|title|textarea|template)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)|<meta\b[^>]*>|<\/head\s*>|<body\b/gi;
const TAG_ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]*)))?/g;

/** The charset label of the head's first `<meta>` that declares one. */
function metaCharset(head: string): string | undefined {
  for (const [token, rawTextElement] of head.matchAll(HEAD_TOKEN)) {
    if (rawTextElement || token.startsWith('<!--')) continue;
    if (!/^<meta/i.test(token)) return undefined; // </head> or <body: the head is over
    const attributes = new Map<string, string>();
    for (const [, name = '', double, single, bare] of token.slice('<meta'.length).matchAll(TAG_ATTRIBUTE)) {
      const key = name.toLowerCase();
      if (!attributes.has(key)) attributes.set(key, (double ?? single ?? bare ?? '').trim());
    }
    // HTML's rule: a charset attribute, or a content attribute with http-equiv="content-type".
    const label = attributes.get('charset') ||
      (attributes.get('http-equiv')?.toLowerCase() === 'content-type'
        ? charsetParameter(attributes.get('content') ?? '')
        : undefined);
    if (label) return label;
  }
  return undefined;
}

function encodingForLabel(label: string): string | null {
  try {
    return new TextDecoder(LABEL_ALIASES[label.toLowerCase()] ?? label).encoding;
  } catch {
    return null; // an unknown label: ignore the declaration, as browsers do.
  }
}

/**
 * A legacy encoding's reading, if the bytes are not broken under it: a few U+FFFD are allowed
 * (LEGACY_GOOD_PER_BROKEN). GBK is named gb18030 when four-byte sequences occur (see nameGb).
 */
function decodeLegacy(encoding: string, bytes: Uint8Array): Omit<DecodedText, 'by'> | null {
  const text = encoding === 'windows-1252' ? decodeWindows1252(bytes) : new TextDecoder(decoderFor(encoding)).decode(bytes);
  const replaced = countReplacements(text);
  if (replaced > 0) {
    let good = 0;
    for (const ch of text) if ((ch.codePointAt(0) ?? 0) >= 0x80 && ch !== '\uFFFD') good++;
    if (replaced * LEGACY_GOOD_PER_BROKEN > good) return null;
  }
  return { text, encoding: encoding === 'gbk' ? nameGb('gb18030', bytes) : encoding, replaced };
}

/**
 * The WHATWG GBK decoder is the GB18030 decoder, but Node 20's 'gbk' does not read four-byte
 * sequences, which declared-gb2312 pages use for rare characters: read GBK as GB18030.
 */
function decoderFor(encoding: string): string {
  return encoding === 'gbk' ? 'gb18030' : encoding;
}

function tryDecode(label: string, bytes: Uint8Array): string | null {
  if (label === 'windows-1252') return decodeWindows1252(bytes);
  try {
    return new TextDecoder(decoderFor(label), { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * UTF-16 or UTF-32 without a BOM, from where the zero bytes sit: Latin text in UTF-16LE has a
 * zero in every odd byte, in UTF-32BE in the first two of every four, and so on.
 */
export function unicodeLayout(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | 'utf-32le' | 'utf-32be' | null {
  if (bytes.length < 4 || bytes.length % 2 !== 0) return null;
  const sample = bytes.subarray(0, Math.min(bytes.length, DETECTION_SAMPLE_BYTES) & ~3);
  const zeros = [0, 0, 0, 0];
  for (let i = 0; i < sample.length; i++) if (sample[i] === 0) zeros[i % 4]!++;
  const quarter = sample.length / 4;
  const [z0 = 0, z1 = 0, z2 = 0, z3 = 0] = zeros.map((z) => z / quarter);
  if (bytes.length % 4 === 0) {
    if (z2 > 0.9 && z3 > 0.9 && z0 < 0.1) return 'utf-32le';
    if (z0 > 0.9 && z1 > 0.9 && z3 < 0.1) return 'utf-32be';
  }
  if (z1 > 0.7 && z3 > 0.7 && z0 < 0.05 && z2 < 0.05) return 'utf-16le';
  if (z0 > 0.7 && z2 > 0.7 && z1 < 0.05 && z3 < 0.05) return 'utf-16be';
  return null;
}

function unicodeWithoutBom(bytes: Uint8Array): DecodedText | null {
  const layout = unicodeLayout(bytes);
  if (!layout) return null;
  if (layout === 'utf-32le' || layout === 'utf-32be') return decodeUtf32(bytes, layout === 'utf-32le', 'detection');
  const text = tryDecode(layout, bytes);
  return text === null ? null : { text, encoding: layout, by: 'detection', replaced: 0 };
}

/** UTF-32, which TextDecoder does not read; values that are not scalar values become U+FFFD. */
function decodeUtf32(bytes: Uint8Array, littleEndian: boolean, by: 'bom' | 'detection'): DecodedText {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunks: string[] = [];
  let points: number[] = [];
  let replaced = 0;
  for (let i = 0; i + 3 < bytes.length; i += 4) {
    let point = view.getUint32(i, littleEndian);
    if (point > 0x10ffff || (point >= 0xd800 && point <= 0xdfff)) {
      point = 0xfffd;
      replaced++;
    }
    points.push(point);
    if (points.length === 4096) {
      chunks.push(String.fromCodePoint(...points));
      points = [];
    }
  }
  chunks.push(String.fromCodePoint(...points));
  return { text: chunks.join(''), encoding: littleEndian ? 'utf-32le' : 'utf-32be', by, replaced };
}

function detect(bytes: Uint8Array): DecodedText | null {
  const matches = chardet.analyse(detectionSample(bytes));
  const best = matches[0]?.confidence ?? 0;
  const cjk: (Omit<DecodedText, 'by'> & { score: number })[] = [];
  let western: Omit<DecodedText, 'by'> | null = null;
  for (const match of matches) {
    if (match.confidence < best - DETECTION_CONFIDENCE_MARGIN) break;
    const label = DETECTABLE[match.name];
    if (!label) continue;
    const reading = decodeLegacy(label, bytes);
    if (reading === null || garbledCount(reading.text) > reading.text.length * MAX_GARBLED_SHARE) continue;
    const language = CJK_OF[label];
    if (language) cjk.push({ ...reading, score: cjkPlausibility(reading.text, language) });
    else western ??= reading;
  }
  cjk.sort((x, y) => y.score - x.score); // stable: equal scores keep chardet's order
  const bestCjk = cjk[0];
  // A CJK reading made of rare characters is what Western bytes look like through a CJK table.
  const chosen = bestCjk && (bestCjk.score >= MIN_CJK_PLAUSIBILITY || !western) ? bestCjk : western;
  if (!chosen) return null;
  if (chosen.encoding === 'windows-1252' && looksLatin9(bytes)) {
    return { text: new TextDecoder('iso-8859-15').decode(bytes), encoding: 'iso-8859-15', by: 'detection', replaced: 0 };
  }
  return { text: chosen.text, encoding: nameGb(chosen.encoding, bytes), by: 'detection', replaced: chosen.replaced };
}

/** Tags, comments, scripts and styles: what an HTML page is made of besides its text. */
const MARKUP = /<!--[\s\S]*?(?:-->|$)|<(script|style)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)|<[!/?a-z][^>]*>/gi;

/**
 * What chardet reads: for an HTML page, its text without the markup, since ASCII tags and scripts
 * swamp its letter statistics (a Greek paragraph after a few KB of CSS reads as latin-1) and a
 * long head can fill the whole sample. ISO-2022-JP (ESC sequences) is left whole: its seven-bit
 * bytes include '<' and '>'; no other encoding we detect uses them inside a character.
 */
function detectionSample(bytes: Uint8Array): Uint8Array {
  if (!/^\s*</.test(byteString(bytes.subarray(0, 1024))) || bytes.includes(0x1b)) {
    return bytes.subarray(0, DETECTION_SAMPLE_BYTES);
  }
  return Buffer.from(byteString(bytes).replace(MARKUP, ' ').slice(0, DETECTION_SAMPLE_BYTES), 'latin1');
}

/** Latin-9's œ, Œ, Š, š and Ÿ, which latin-1 reads as the symbols ½, ¼, ¦, ¨ and ¾. */
const LATIN9_LETTER_BYTES = new Set([0xbd, 0xbc, 0xa6, 0xa8, 0xbe]);
const isLetterByte = (byte = 0): boolean => ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7a) || byte >= 0xc0;
const isDigitByte = (byte = 0): boolean => byte >= 0x30 && byte <= 0x39;

/**
 * ISO-8859-15 differs from latin-1 in eight bytes, so chardet calls it ISO-8859-1. It is latin-9
 * when those bytes sit where latin-1's symbols make no sense, ½ inside a word ("½uvre" for
 * "œuvre"), ¤ beside a number (for €), and no byte uses windows-1252's 0x80-0x9F. (´ and ¸, the
 * other two, are left out: "geht´s" is common latin-1.)
 */
function looksLatin9(bytes: Uint8Array): boolean {
  let evidence = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i] ?? 0;
    if (byte >= 0x80 && byte <= 0x9f) return false;
    if (LATIN9_LETTER_BYTES.has(byte)) evidence ||= isLetterByte(bytes[i - 1]) || isLetterByte(bytes[i + 1]);
    else if (byte === 0xa4) evidence ||= [bytes[i - 2], bytes[i - 1], bytes[i + 1], bytes[i + 2]].some(isDigitByte);
  }
  return evidence;
}

/**
 * GB18030 is GBK plus four-byte sequences; most files called "Chinese" are plain GBK, and that is
 * the name people know, so we say `gbk` unless a four-byte sequence (second byte 0x30-0x39) occurs.
 */
function nameGb(encoding: string, bytes: Uint8Array): string {
  if (encoding !== 'gb18030') return encoding;
  for (let i = 0; i + 1 < bytes.length; i++) {
    const lead = bytes[i] ?? 0;
    if (lead < 0x81) continue;
    const next = bytes[i + 1] ?? 0;
    if (next >= 0x30 && next <= 0x39) return 'gb18030';
    i++; // skip the trail byte of a two-byte character
  }
  return 'gbk';
}

/** UTF-8 with a few broken sequences: at least `ratio` good multi-byte characters per bad one. */
function lenientUtf8(bytes: Uint8Array, ratio: number): DecodedText | null {
  const text = new TextDecoder('utf-8').decode(bytes);
  const replaced = countReplacements(text);
  let multiByte = 0;
  for (const ch of text) if ((ch.codePointAt(0) ?? 0) >= 0x80 && ch !== '\uFFFD') multiByte++;
  if (multiByte === 0 || replaced * ratio > multiByte) return null;
  return { text, encoding: 'utf-8', by: 'detection', replaced };
}

function countReplacements(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\uFFFD'); i !== -1; i = text.indexOf('\uFFFD', i + 1)) count++;
  return count;
}

/** U+FFFD and C1 controls: what bytes read through the wrong table turn into. */
function garbledCount(text: string): number {
  let garbled = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0xfffd || (code >= 0x80 && code <= 0x9f)) garbled++;
  }
  return garbled;
}

function checked(decoded: DecodedText, name: string | undefined): DecodedText {
  const { text } = decoded;
  if (text.length === 0) return decoded;
  const garbled = garbledCount(text);
  if (garbled > text.length * MAX_GARBLED_SHARE) {
    throw new DatelineError(
      'E_ENCODING',
      `formats: ${name ?? 'input'} does not read as text in ${decoded.encoding} (chosen by ${decoded.by}): ` +
        `${garbled} of ${text.length} characters are unreadable; check the file's encoding or convert it to UTF-8`,
      name === undefined ? {} : { input: name },
    );
  }
  return decoded;
}

/** What windows-1252 puts at 0x80..0x9F; the five holes (0x81, 0x8D, 0x8F, 0x90, 0x9D) stay C1. */
const WINDOWS_1252_HIGH =
  '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
  '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

/**
 * windows-1252 by hand: Node 20's TextDecoder reads this label as ISO-8859-1 and turns curly
 * quotes (0x93, 0x94) into invisible C1 controls (nodejs/node#56542), exactly the bytes we
 * most need to get right.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  const chunks: string[] = [];
  const CHUNK = 8192;
  const units = new Uint16Array(Math.min(bytes.length, CHUNK));
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const end = Math.min(bytes.length, start + CHUNK);
    for (let i = start; i < end; i++) {
      const byte = bytes[i] ?? 0;
      units[i - start] = byte >= 0x80 && byte <= 0x9f ? WINDOWS_1252_HIGH.charCodeAt(byte - 0x80) : byte;
    }
    chunks.push(String.fromCharCode(...units.subarray(0, end - start)));
  }
  return chunks.join('');
}
