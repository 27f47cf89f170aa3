// Text as crawled into lines and blocks: newline and space normalisation, and the rule that
// turns a block of lines into paragraphs (hard-wrapped prose is joined, listings are not).

/** Hard-wrapped prose has lines of roughly this many characters (Reuters wraps near 65). */
const WRAP_MIN = 35;
const WRAP_MAX = 100;

/**
 * Characters folded before anything else reads the text: control characters other than tab and
 * newline (SGML's &#3; end-of-text), zero-width characters, and spaces that are not U+0020
 * (so patterns need only match a plain space).
 */
const ODD_CHAR_RE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u00a0\u2000-\u200d\u202f\u205f\u2060\u3000\ufeff]/g;
const SPACE_LIKE = /[\u00a0\u2000-\u200a\u202f\u205f\u3000]/;

/** Anything but printable ASCII, tab and newline: a cheaper first scan than ODD_CHAR_RE's class. */
const NOT_PLAIN_ASCII_RE = /[^\n\t\r\x20-\x7e]/;
const FIRST_ODD_RE = new RegExp(ODD_CHAR_RE.source, 'g');

/**
 * Lines of the text with CR/LF, odd spaces and control characters normalised. The text is
 * split first and only lines from the first odd character on are rewritten, so a Reuters
 * story's closing &#3; costs one short line, not a copy of the story.
 */
export function normaliseLines(text: string): string[] {
  const t = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  const lines = t.split('\n');
  const suspect = NOT_PLAIN_ASCII_RE.exec(t);
  if (!suspect) return lines;
  FIRST_ODD_RE.lastIndex = suspect.index;
  const odd = FIRST_ODD_RE.exec(t);
  if (!odd) return lines;
  let start = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const end = start + line.length;
    if (end >= odd.index) lines[i] = line.replace(ODD_CHAR_RE, (c) => (SPACE_LIKE.test(c) ? ' ' : ''));
    start = end + 1;
  }
  return lines;
}

/** Collapse runs of whitespace to single spaces and trim (regex only when there is a run). */
export function squash(s: string): string {
  const t = s.trim();
  return t.indexOf('  ') < 0 && t.indexOf('\t') < 0 ? t : t.replace(/\s+/g, ' ');
}

/** A run of non-blank lines, trimmed, with which of them were indented (for the paragraph rule). */
export interface Block {
  lines: string[];
  indented: boolean[];
  /** Index of the block's first and last kept line in the text. */
  from: number;
  to: number;
}

/** Whether a raw line starts indented by two spaces or a tab (Reuters indents paragraphs by 4). */
function isIndented(line: string): boolean {
  const c = line.charCodeAt(0);
  return c === 9 || (c === 32 && line.charCodeAt(1) === 32);
}

/**
 * Group lines into blocks separated by blank lines, asking `isRemoved` about each non-blank
 * (trimmed) line first; removed lines join their neighbours' block rather than splitting it.
 */
export function toBlocks(lines: readonly string[], isRemoved: (trimmed: string, index: number) => boolean): Block[] {
  const blocks: Block[] = [];
  let current: Block | null = null;
  for (let index = 0; index < lines.length; index++) {
    const raw = lines[index] as string;
    const trimmed = raw.trim();
    if (trimmed === '') {
      if (current) blocks.push(current);
      current = null;
      continue;
    }
    if (isRemoved(trimmed, index)) continue;
    if (!current) current = { lines: [], indented: [], from: index, to: index };
    current.lines.push(trimmed);
    current.indented.push(isIndented(raw));
    current.to = index;
  }
  if (current) blocks.push(current);
  return blocks;
}

/**
 * Whether a block reads as hard-wrapped prose rather than one item per line: every line but
 * the last is of wrapping width, or ends a paragraph (the next line is indented). A line ending
 * in a colon is a label ("For further information:"), so such a block is a list.
 */
export function isWrapped(block: Block): boolean {
  const { lines, indented } = block;
  if (lines.length < 2) return false;
  let misfits = 0;
  for (let i = 0; i < lines.length - 1; i++) {
    const line = lines[i] as string;
    const n = line.length;
    if (line.charCodeAt(n - 1) === 58 /* : */) return false;
    if (!indented[i + 1] && (n < WRAP_MIN || n > WRAP_MAX)) misfits++;
  }
  // Long wrapped blocks tolerate the odd short line (a table row, a typo'd break).
  return misfits === 0 || (lines.length >= 8 && misfits * 10 <= lines.length);
}

/** The paragraphs of a block: wrapped prose joined (a new one at each indent), else one a line. */
export function blockParagraphs(block: Block): string[] {
  const { lines, indented } = block;
  if (!isWrapped(block)) return lines.map(squash);
  const out: string[] = [];
  let start = 0;
  for (let i = 1; i <= lines.length; i++) {
    if (i === lines.length || indented[i]) {
      out.push(squash(i - start === 1 ? (lines[start] as string) : lines.slice(start, i).join(' ')));
      start = i;
    }
  }
  return out;
}
