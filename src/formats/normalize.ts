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

/** Anything but tab, LF and printable ASCII: the only texts that may need more than trimming. */
const UNUSUAL_CHAR = /[^\t\n\u0020-\u007E]/;
/** What the replacements in normaliseLines would change. */
const NEEDS_CLEANUP = /[\r\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u00A0\u00AD\u1680\u2000-\u200B\u2028\u2029\u202F\u205F\u2060\u3000\uFEFF]/;
const NON_ASCII = /[^\u0000-\u007F]/;

/**
 * Normalises a text for the structurer: CRLF and lone CR become LF (as do U+2028/U+2029),
 * space-like characters become spaces, invisible and control characters go, trailing spaces
 * on each line go, blank lines at the start and end go, and the text is put in NFC so
 * composed and decomposed accents compare equal. Leading indentation is kept: Reuters and
 * other wire copy use it to mark paragraphs.
 */
export function normaliseText(text: string): string {
  return trimBlankLines(normaliseLines(text));
}

/**
 * normaliseText without dropping the blank lines at the start and end, so line numbers stay
 * those of the input (a lone CR or U+2028 still counts as a line break): for whole files that
 * are split afterwards. `trimLineEnds: false` leaves trailing spaces to the caller, which
 * may only need them gone from the parts it keeps.
 */
export function normaliseLines(text: string, options: { trimLineEnds?: boolean } = {}): string {
  // Most wire text is plain ASCII: one native regex test settles that, and the five
  // replacements (each a pass over a possibly 20 MB string) run only when needed.
  const unusual = UNUSUAL_CHAR.test(text);
  let out = text;
  if (unusual && NEEDS_CLEANUP.test(out)) {
    out = out
      .replace(/\r\n?/g, '\n')
      .replace(/[\u2028\u2029]/g, '\n')
      .replace(SPACE_LIKE, ' ')
      .replace(INVISIBLE, '')
      .replace(CONTROL, '');
  }
  if (options.trimLineEnds !== false) out = trimLineEnds(out);
  return unusual && NON_ASCII.test(out) ? out.normalize('NFC') : out;
}

/**
 * Drops spaces and tabs before each line break and at the end. Found with indexOf, which is
 * much faster than a regex that tries a match at every space of the text.
 */
function trimLineEnds(text: string): string {
  const parts: string[] = [];
  let last = 0;
  let space = text.indexOf(' \n');
  let tab = text.indexOf('\t\n');
  while (space !== -1 || tab !== -1) {
    const at = space === -1 ? tab : tab === -1 ? space : Math.min(space, tab);
    let start = at;
    while (start > last && (text.charCodeAt(start - 1) === 32 || text.charCodeAt(start - 1) === 9)) start--;
    parts.push(text.slice(last, start));
    last = at + 1; // the line break itself starts the next part
    if (at === space) space = text.indexOf(' \n', last);
    if (at === tab) tab = text.indexOf('\t\n', last);
  }
  if (parts.length === 0) return trimEndSpaces(text);
  parts.push(text.slice(last));
  return trimEndSpaces(parts.join(''));
}

function trimEndSpaces(text: string): string {
  let end = text.length;
  while (end > 0 && (text.charCodeAt(end - 1) === 32 || text.charCodeAt(end - 1) === 9)) end--;
  return end === text.length ? text : text.slice(0, end);
}

/** Collapses all runs of whitespace (line breaks included) to one space: for titles and names. */
export function collapseWhitespace(text: string): string {
  // \s already covers NBSP and the other wide spaces; the full clean-up is for the rare rest.
  const source = UNUSUAL_CHAR.test(text) ? normaliseText(text) : text;
  return source.replace(/\s+/g, ' ').trim();
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
