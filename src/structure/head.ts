// Step 3 of structuring: the head of wire text, read paragraph by paragraph until the one that
// opens with the dateline: meta lines (listing time and views, wire page stamps, "News provided
// by"), the headline, notices, byline and credit lines. What is not head is body.
import type { Notice } from '../core/index.js';
import { parseDateline, parseInnerDateline, type DatelineMatch } from './dateline.js';
import { bylineOf, creditLineWire, DATELINE_COPY_MIN, DATELINE_TITLE_MAX, TITLE_MAX, TITLE_NOTICE_RE } from './headline.js';
import { noticeFor } from './notices.js';
import { parseMetaLine, type MetaLine } from './published.js';
import { isContactHeading, isContactInline } from './sections.js';
import { providedBy, sourceFromLine } from './source.js';
import type { RemovedLine } from './types.js';
import type { WireService } from './wires.js';

/** How many paragraphs into the copy a dateline may still open (after subheadlines, notices). */
const DATELINE_SEARCH_PARAGRAPHS = 4;

/** A paragraph and the block it came from (contact blocks are decided per block). */
export interface Para {
  text: string;
  block: number;
}

export interface Head {
  title: string | null;
  byline: string | null;
  meta?: MetaLine;
  /** GlobeNewswire's "| Source: X" on the stamp. */
  metaSource?: string;
  /** "News provided by X". */
  providedSource?: string;
  /** A "Source: X" line above the copy. */
  lineSource?: string;
  creditWire?: WireService;
  dateline: DatelineMatch | null;
  notices: Notice[];
  /** Contact lines printed above the headline ("Contact: Jane Doe, 555-0100"). */
  contacts: string[];
  /** The copy: the dateline paragraph's rest, then every paragraph after the head. */
  body: Para[];
}

const sameText = (a: string, b: string): boolean =>
  a.toLowerCase().replace(/\s+/g, ' ').trim() === b.toLowerCase().replace(/\s+/g, ' ').trim();

/** Read the head of `paras`; a known title (from a format) means no line is taken as headline. */
export function readHead(paras: readonly Para[], knownTitle: string | null | undefined, removed: RemovedLine[]): Head {
  const titleKnown = typeof knownTitle === 'string';
  const head: Head = { title: titleKnown ? knownTitle : null, byline: null, dateline: null, notices: [], contacts: [], body: [] };
  let awaitingProvider = false;
  let contactBlock = -1;
  let copySeen = 0;
  let i = 0;
  for (; i < paras.length && head.dateline === null && copySeen < DATELINE_SEARCH_PARAGRAPHS; i++) {
    const para = paras[i] as Para;
    const p = para.text;
    if (titleKnown && i === 0 && sameText(p, knownTitle)) {
      // The known headline printed again at the top of the text (JSONL title + text).
      removed.push({ text: p, rule: 'duplicate-title' });
      continue;
    }
    const m = parseMetaLine(p);
    if (m) {
      head.meta ??= m;
      if (m.source !== undefined) head.metaSource ??= m.source;
      continue;
    }
    const provided = providedBy(p);
    if (provided !== undefined) {
      if (provided === '') awaitingProvider = true;
      else head.providedSource ??= provided;
      continue;
    }
    if (awaitingProvider) {
      awaitingProvider = false;
      head.providedSource ??= p;
      continue;
    }
    if (para.block === contactBlock || isContactInline(p)) {
      head.contacts.push(p);
      continue;
    }
    if (isContactHeading(p)) {
      contactBlock = para.block;
      continue;
    }
    const notice = noticeFor(p);
    // "CORRECTED - ACME TO BUY ...", "CORRECTING and REPLACING Acme Reports ...": a headline
    // carrying a notice; the structurer reads its notice from the title.
    if (notice && !(head.title === null && !titleKnown && TITLE_NOTICE_RE.test(p))) {
      head.notices.push(notice);
      continue;
    }
    const opening = parseDateline(p);
    if (head.title === null && !titleKnown && bylineOf(p) === undefined && creditLineWire(p) === undefined) {
      if (!isCopy(p, opening, i === paras.length - 1) && p.length <= TITLE_MAX) {
        head.title = p;
        continue;
      }
    }
    // A closing-style "SOURCE X" above the copy; never the headline ("SOURCE CAPITAL INC YEAR").
    const src = sourceFromLine(p);
    if (src !== undefined) {
      head.lineSource ??= src;
      continue;
    }
    const name = bylineOf(p);
    if (name !== undefined && head.byline === null) {
      head.byline = name;
      continue;
    }
    const credit = creditLineWire(p);
    if (credit) {
      head.creditWire ??= credit;
      continue;
    }
    if (opening) {
      head.dateline = opening;
      if (opening.byline !== undefined) head.byline ??= opening.byline;
      if (opening.rest !== '') head.body.push({ text: opening.rest, block: para.block });
      continue;
    }
    const inner = parseInnerDateline(p);
    if (inner) {
      head.dateline = inner.match;
      head.body.push({ text: inner.teaser, block: para.block });
      if (inner.match.rest !== '') head.body.push({ text: inner.match.rest, block: para.block });
      continue;
    }
    head.body.push(para);
    copySeen++;
  }
  for (; i < paras.length; i++) head.body.push(paras[i] as Para);
  return head;
}

/**
 * Whether a first paragraph that opens with a dateline is copy rather than a headline. It is a
 * headline when short and read like one ("LONDON - SHARES FALL"), or when the credit ends it
 * ("... Tells Downer (Reuters)": nothing follows).
 */
function isCopy(p: string, opening: DatelineMatch | null, last: boolean): boolean {
  if (opening === null || (opening.rest === '' && opening.month === undefined)) return false;
  return (
    p.length > DATELINE_TITLE_MAX ||
    (opening.wire !== undefined && !opening.wire.weak) ||
    last ||
    (opening.rest.length >= DATELINE_COPY_MIN && (opening.wire !== undefined || opening.month !== undefined))
  );
}
