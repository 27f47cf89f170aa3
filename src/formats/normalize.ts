// Text clean-up every format shares: one line-break convention, one kind of space, no invisible
// characters, so the structurer and the search index see the same text whatever the source did.

/** Spaces that look like a space but are not U+0020 (NBSP, narrow NBSP, en/em and the like). */
const SPACE_LIKE = /[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g;

/**
 * Invisible characters that only get in the way of matching: zero-width space, word joiner,
 * BOM/zero-width no-break space and soft hyphen. ZWJ and ZWNJ (U+200C, U+200D) are kept on
 * purpose: they change how Persian, Indic scripts and emoji sequences read.
 */
const INVISIBLE = /[\u200B\u2060\uFEFF\u00AD]/g;

/** C0 and C1 controls except tab and line feed (and CR, which is handled first). */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const HAS_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

const TRAILING_SPACE = /[ \t]+(?=\n|$)/g;

const NEEDS_CLEANUP = 1;
const HAS_TRAILING_SPACE = 2;
const HAS_NON_ASCII = 4;

/**
 * What normaliseText will have to do, found in one pass. Most wire text is plain ASCII that
 * needs nothing, and one loop over it is several times faster than a regex test per rule (this
 * is what keeps a 20 MB Reuters file well under a second).
 */
function scan(text: string): number {
  let flags = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x20 && c < 0x7f) {
      if (c === 0x20 && (i + 1 === text.length || text.charCodeAt(i + 1) === 10)) flags |= HAS_TRAILING_SPACE;
      continue;
    }
    if (c === 10) continue;
    if (c === 9) {
      if (i + 1 === text.length || text.charCodeAt(i + 1) === 10) flags |= HAS_TRAILING_SPACE;
      continue;
    }
    if (c >= 0x80) flags |= HAS_NON_ASCII;
    if (
      c < 0x20 || (c >= 0x7f && c <= 0xa0) || c === 0xad || c === 0x1680 || (c >= 0x2000 && c <= 0x200b) ||
      c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x2060 || c === 0x3000 || c === 0xfeff
    ) {
      flags |= NEEDS_CLEANUP;
    }
  }
  return flags;
}

/** Only controls (including CR), for text whose line breaks are already settled. */
export function removeControlChars(text: string): string {
  return HAS_CONTROL.test(text) ? text.replace(CONTROL, '') : text;
}

/**
 * Normalises a text for the structurer: CRLF and lone CR become LF (as do U+2028/U+2029),
 * space-like characters become spaces, invisible and control characters go, trailing spaces
 * on each line go, blank lines at the start and end go, and the text is put in NFC so
 * composed and decomposed accents compare equal. Leading indentation is kept: Reuters and
 * other wire copy use it to mark paragraphs.
 */
export function normaliseText(text: string): string {
  const flags = scan(text);
  let out = text;
  if (flags & NEEDS_CLEANUP) {
    out = out
      .replace(/\r\n?/g, '\n')
      .replace(/[\u2028\u2029]/g, '\n')
      .replace(SPACE_LIKE, ' ')
      .replace(INVISIBLE, '')
      .replace(CONTROL, '');
  }
  // After clean-up, NBSP-made spaces may now trail a line, so the rule is run again then.
  if (flags & (HAS_TRAILING_SPACE | NEEDS_CLEANUP)) out = out.replace(TRAILING_SPACE, '');
  out = trimBlankLines(out);
  return flags & HAS_NON_ASCII ? out.normalize('NFC') : out;
}

/** Collapses all runs of whitespace (line breaks included) to one space: for titles and names. */
export function collapseWhitespace(text: string): string {
  return normaliseText(text).replace(/\s+/g, ' ').trim();
}

function trimBlankLines(text: string): string {
  let start = 0;
  // Drop whole blank lines at the start, but keep the first real line's indentation.
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10) start = i + 1;
    else if (ch !== 32 && ch !== 9) break;
  }
  return text.slice(start).trimEnd();
}

/** True when the text holds at least one letter or digit in any script. */
export function hasWords(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}
