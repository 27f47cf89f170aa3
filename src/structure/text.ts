// Text as crawled into lines and blocks: newline and space normalisation, and the rule that
// turns a block of lines into paragraphs (hard-wrapped prose is joined, listings are not).

/** Hard-wrapped prose has lines of roughly this many characters (Reuters wraps near 65). */
const WRAP_MIN = 35;
const WRAP_MAX = 100;
/** Leading whitespace that marks a new paragraph inside wrapped prose (Reuters indents 4). */
const INDENT_RE = /^(?: {2,}|\t)/;

/**
 * Characters folded before anything else reads the text: control characters other than tab and
 * newline (SGML's &#3; end-of-text), zero-width characters, and spaces that are not U+0020
 * (so patterns need only match a plain space).
 */
const ODD_CHAR_RE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u00a0\u2000-\u200d\u202f\u205f\u2060\u3000\ufeff]/g;
const SPACE_LIKE = /[\u00a0\u2000-\u200a\u202f\u205f\u3000]/;

const FIRST_ODD_RE = new RegExp(ODD_CHAR_RE.source);

/**
 * Lines of the text with CR/LF, odd spaces and control characters normalised. Only the text
 * from the first odd character on is rewritten, so a Reuters story's closing &#3; is cheap.
 */
export function normaliseLines(text: string): string[] {
  let t = text;
  if (t.includes('\r')) t = t.replace(/\r\n?/g, '\n');
  const odd = FIRST_ODD_RE.exec(t);
  if (odd) t = t.slice(0, odd.index) + t.slice(odd.index).replace(ODD_CHAR_RE, (c) => (SPACE_LIKE.test(c) ? ' ' : ''));
  return t.split('\n');
}

/** Collapse runs of whitespace to single spaces and trim (regex only when there is a run). */
export function squash(s: string): string {
  const t = s.trim();
  return t.indexOf('  ') < 0 && t.indexOf('\t') < 0 && t.indexOf('\n') < 0 ? t : t.replace(/\s+/g, ' ');
}

/** A run of non-blank lines; `raw` keeps indentation for the paragraph rule. */
export interface Block {
  raw: string[];
  /** Index of the block's first and last line in the text (removed lines included). */
  from: number;
  to: number;
}

/** Group lines into blocks separated by blank lines; removed lines (null) join their neighbours. */
export function toBlocks(lines: readonly (string | null)[]): Block[] {
  const blocks: Block[] = [];
  let current: string[] = [];
  let from = -1;
  let to = -1;
  lines.forEach((line, index) => {
    if (line === null) {
      if (from >= 0) to = index;
      return;
    }
    if (line.trim() === '') {
      if (current.length > 0) blocks.push({ raw: current, from, to });
      current = [];
      from = -1;
    } else {
      if (from < 0) from = index;
      to = index;
      current.push(line);
    }
  });
  if (current.length > 0) blocks.push({ raw: current, from, to });
  return blocks;
}

/**
 * Whether a block reads as hard-wrapped prose rather than one item per line: every line but
 * the last is of wrapping width, or ends a paragraph (the next line is indented). A line ending
 * in a colon is a label ("For further information:"), so such a block is a list.
 */
function isWrapped(raw: readonly string[]): boolean {
  if (raw.length < 2) return false;
  let misfits = 0;
  for (let i = 0; i < raw.length - 1; i++) {
    const line = (raw[i] ?? '').trim();
    const n = line.length;
    if (line.endsWith(':')) return false;
    const endsParagraph = INDENT_RE.test(raw[i + 1] ?? '');
    if (!endsParagraph && (n < WRAP_MIN || n > WRAP_MAX)) misfits++;
  }
  // Long wrapped blocks tolerate the odd short line (a table row, a typo'd break).
  return misfits === 0 || (raw.length >= 8 && misfits * 10 <= raw.length);
}

/** The paragraphs of a block: wrapped prose joined (a new one at each indent), else one a line. */
export function blockParagraphs(block: Block): string[] {
  const { raw } = block;
  const out: string[] = [];
  if (!isWrapped(raw)) {
    for (const line of raw) {
      const p = squash(line);
      if (p !== '') out.push(p);
    }
    return out;
  }
  let current: string[] = [];
  for (const line of raw) {
    if (current.length > 0 && INDENT_RE.test(line)) {
      out.push(squash(current.join(' ')));
      current = [];
    }
    current.push(line.trim());
  }
  if (current.length > 0) {
    const p = squash(current.join(' '));
    if (p !== '') out.push(p);
  }
  return out;
}
