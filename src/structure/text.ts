// Text as crawled into lines and blocks: newline and space normalisation, and the rule that
// turns a block of lines into paragraphs (hard-wrapped prose is joined, listings are not).

/** Hard-wrapped prose has lines of roughly this many characters (Reuters wraps near 65). */
const WRAP_MIN = 35;
const WRAP_MAX = 100;
/** Leading whitespace that marks a new paragraph inside wrapped prose (Reuters indents 4). */
const INDENT_RE = /^(?: {2,}|\t)/;

/** Control characters other than tab and newline (SGML's &#3; end-of-text and friends). */
const CONTROL_RE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
/** Spaces that are not U+0020, folded to one so patterns need only match a plain space. */
const ODD_SPACE_RE = /[\u00a0\u2000-\u200a\u202f\u205f\u3000]/g;
const ZERO_WIDTH_RE = /[\u200b-\u200d\u2060\ufeff]/g;

/** Lines of the text with CR/LF, odd spaces and control characters normalised. */
export function normaliseLines(text: string): string[] {
  let t = text;
  if (t.includes('\r')) t = t.replace(/\r\n?/g, '\n');
  t = t.replace(CONTROL_RE, '').replace(ZERO_WIDTH_RE, '').replace(ODD_SPACE_RE, ' ');
  return t.split('\n');
}

/** Collapse runs of whitespace to single spaces and trim. */
export function squash(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** A run of non-blank lines; `raw` keeps indentation for the paragraph rule. */
export interface Block {
  raw: string[];
}

/** Group lines into blocks separated by blank lines. */
export function toBlocks(lines: readonly (string | null)[]): Block[] {
  const blocks: Block[] = [];
  let current: string[] = [];
  for (const line of lines) {
    if (line === null) continue; // a removed line joins its neighbours' block
    if (line.trim() === '') {
      if (current.length > 0) blocks.push({ raw: current });
      current = [];
    } else current.push(line);
  }
  if (current.length > 0) blocks.push({ raw: current });
  return blocks;
}

/** Whether a block reads as hard-wrapped prose rather than one item per line. */
function isWrapped(raw: readonly string[]): boolean {
  if (raw.length < 2) return false;
  let wrapLike = 0;
  for (let i = 0; i < raw.length - 1; i++) {
    const n = (raw[i] ?? '').trim().length;
    if (n >= WRAP_MIN && n <= WRAP_MAX) wrapLike++;
  }
  return wrapLike * 2 >= raw.length - 1 && wrapLike > 0;
}

/** The paragraphs of a block: wrapped prose joined (a new one at each indent), else one a line. */
export function blockParagraphs(block: Block): string[] {
  const { raw } = block;
  if (!isWrapped(raw)) return raw.map(squash).filter((s) => s !== '');
  const out: string[] = [];
  let current = '';
  for (const line of raw) {
    if (current !== '' && INDENT_RE.test(line)) {
      out.push(squash(current));
      current = '';
    }
    current += current === '' ? line : ` ${line}`;
  }
  if (current.trim() !== '') out.push(squash(current));
  return out;
}
