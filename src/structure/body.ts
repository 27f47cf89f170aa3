// Step 4 of structuring: the copy sorted into body paragraphs, the "About ..." boilerplate,
// contact blocks and closing source lines, in order, with notices at either edge.
import type { Notice } from '../core/index.js';
import type { Para } from './head.js';
import { noticeFor } from './notices.js';
import { aboutHeading, isBodyHeading, isContactBlock, isContactHeading, isContactInline } from './sections.js';
import { sourceFromLine } from './source.js';
import { isWrapped, type Block } from './text.js';

/** Closing "Source: X" lines are looked for among this many last paragraphs. */
const SOURCE_TAIL = 8;
/** Notices are looked for among this many first and last paragraphs. */
const NOTICE_EDGE = 3;
/** Headless contact blocks are looked for among this many last blocks (they close a release). */
const CONTACT_TAIL_BLOCKS = 4;
/** A closing source line in capitals ("SOURCE Acme") marks a press release. */
const CAPS_SOURCE_RE = /^[A-Z]{5,}\s/;

export interface SortedBody {
  paragraphs: string[];
  about: string[];
  contacts: string[];
  notices: Notice[];
  lineSource?: string;
  aboutSource?: string;
  capsSource: boolean;
}

/**
 * Sort the copy. `contactMarks` are line indexes of EIN Presswire's "email us here", which
 * closes a contact block; `junkLines` are the indexes of every removed line. An About section
 * or a contact block runs until a heading of the other kind, a source line, a removed junk line
 * between blocks, or the end.
 */
export function sortBody(
  body: readonly Para[],
  blocks: readonly Block[],
  contactMarks: readonly number[],
  junkLines: readonly number[] = [],
): SortedBody {
  const out: SortedBody = { paragraphs: [], about: [], contacts: [], notices: [], capsSource: false };
  const contactBlocks = findContactBlocks(body, blocks, contactMarks);
  const kept: Para[] = [];
  let mode: 'body' | 'about' | 'contacts' = 'body';
  let junkAt = 0;
  let lastBlock = -1;
  body.forEach((para, index) => {
    const p = para.text;
    if (para.block !== lastBlock) {
      // Junk removed between the last block and this one closes a section.
      const from = blocks[para.block]?.from ?? 0;
      let closed = false;
      while (junkAt < junkLines.length && (junkLines[junkAt] as number) < from) {
        if (lastBlock < 0 || (junkLines[junkAt] as number) > (blocks[lastBlock]?.to ?? -1)) closed = true;
        junkAt++;
      }
      if (closed && lastBlock >= 0) mode = 'body';
      lastBlock = para.block;
    }
    if (index >= body.length - SOURCE_TAIL) {
      const src = sourceFromLine(p);
      if (src !== undefined) {
        out.lineSource ??= src;
        if (CAPS_SOURCE_RE.test(p)) out.capsSource = true;
        mode = 'body';
        return;
      }
    }
    if (index < NOTICE_EDGE || index >= body.length - NOTICE_EDGE) {
      const notice = noticeFor(p);
      if (notice) {
        out.notices.push(notice);
        return;
      }
    }
    const heading = aboutHeading(p);
    if (heading) {
      mode = 'about';
      if (heading.name !== undefined) out.aboutSource ??= heading.name;
      return;
    }
    if (isContactHeading(p)) {
      // The heading that opens the block is a label; later ones ("Investors:") are kept.
      if (mode === 'contacts') out.contacts.push(p);
      mode = 'contacts';
      return;
    }
    if (contactBlocks.has(para.block)) {
      out.contacts.push(p);
      return;
    }
    if (isContactInline(p)) {
      mode = 'contacts';
      out.contacts.push(p);
      return;
    }
    if (mode === 'about' && isBodyHeading(p)) mode = 'body';
    if (mode === 'about') out.about.push(p);
    else if (mode === 'contacts') out.contacts.push(p);
    else kept.push(para);
  });
  // Contact lines without a heading closing the copy, each a block of its own.
  const tail: string[] = [];
  for (let n = 0; n < 2 && kept.length > 1; n++) {
    const last = kept[kept.length - 1] as Para;
    const block = kept.filter((p) => p.block === last.block);
    if (block.length === kept.length || !isContactBlock(block.map((p) => p.text))) break;
    kept.length -= block.length;
    tail.unshift(...block.map((p) => p.text));
  }
  out.contacts.push(...tail);
  for (const p of kept) out.paragraphs.push(p.text);
  return out;
}

/** Blocks of names, emails and phones near the end, and EIN's contact lines above "email us here". */
function findContactBlocks(body: readonly Para[], blocks: readonly Block[], contactMarks: readonly number[]): Set<number> {
  const found = new Set<number>();
  const firstBodyBlock = body[0]?.block;
  for (const at of contactMarks) {
    const index = blocks.findIndex((b) => at >= b.from && at <= b.to + 1);
    if (index >= 0 && index !== firstBodyBlock) found.add(index);
  }
  for (let index = Math.max(0, blocks.length - CONTACT_TAIL_BLOCKS); index < blocks.length; index++) {
    const block = blocks[index] as Block;
    if (index !== firstBodyBlock && block.lines.length >= 2 && !isWrapped(block) && isContactBlock(block.lines)) {
      found.add(index);
    }
  }
  return found;
}
