// structureWireText: wire text as crawled -> the article's fields. A pure, deterministic
// function of its input (no clock, no I/O). The steps, in order:
//  1. split into lines and drop junk lines by the named rules (each reported in `removed`);
//  2. group lines into blocks (blank-line separated) and blocks into paragraphs;
//  3. read the head: meta lines (listing time and views, wire page stamps, "News provided by"),
//     the headline, notices, byline, credit lines, until the paragraph that opens with the
//     dateline, whose prefix is cut off;
//  4. sort the rest: body, the "About ..." boilerplate, contact blocks, closing source lines;
//  5. derive: wire, kind, dateline date (year borrowed only from the text's own meta line),
//     published with its zone, views, tickers.
import type { Notice, PublishedZone } from '../core/index.js';
import { datelineDate, parseDateline, parseInnerDateline, type DatelineMatch } from './dateline.js';
import { bylineOf, creditLineWire, DATELINE_COPY_MIN, DATELINE_TITLE_MAX, titleWire, TITLE_MAX, TITLE_NOTICE_RE } from './headline.js';
import { junkRuleFor } from './junk.js';
import { formatDay } from './months.js';
import { noticeFor } from './notices.js';
import { zoneOfPlace } from './places.js';
import { formatPublished, parseMetaLine, type MetaLine } from './published.js';
import { aboutHeading, isBodyHeading, isContactBlock, isContactHeading, isContactInline } from './sections.js';
import { providedBy, sourceFromLine } from './source.js';
import { blockParagraphs, isWrapped, normaliseLines, toBlocks } from './text.js';
import { findTickers } from './tickers.js';
import type { RemovedLine, StructureHints, WireStructure } from './types.js';
import { wireByName, type WireService } from './wires.js';

/** How many paragraphs into the copy a dateline may still open (after subheadlines, notices). */
const DATELINE_SEARCH_PARAGRAPHS = 4;
/** Closing "Source: X" lines are looked for among this many last paragraphs. */
const SOURCE_TAIL = 8;
/** Notices are looked for among this many first and last paragraphs. */
const NOTICE_EDGE = 3;
/** Headless contact blocks are looked for among this many last blocks (they close a release). */
const CONTACT_TAIL_BLOCKS = 4;

const sameText = (a: string, b: string): boolean =>
  a.toLowerCase().replace(/\s+/g, ' ').trim() === b.toLowerCase().replace(/\s+/g, ' ').trim();

interface Para {
  text: string;
  block: number;
}

/**
 * Structure wire text as crawled into an article's fields.
 *
 * @example
 * const s = structureWireText('Acme opens plant\n\nATLANTA, GA--(BUSINESS WIRE)--Acme today ...');
 * s.title; // 'Acme opens plant'
 * s.wire; // 'Business Wire'
 * s.dateline; // { place: 'ATLANTA, GA', date: null }
 */
export function structureWireText(text: string, hints: StructureHints = {}): WireStructure {
  // 1. Lines, with junk removed.
  const removed: RemovedLine[] = [];
  let signedReuter = false;
  let inShareBar = false;
  const contactMarks: number[] = [];
  const blocks = toBlocks(normaliseLines(text), (trimmed, index) => {
    const rule = junkRuleFor(trimmed, inShareBar);
    inShareBar = rule?.sharing === true;
    if (!rule) return false;
    removed.push({ text: trimmed, rule: rule.name });
    if (rule.name === 'reuter-signoff') signedReuter = true;
    // EIN Presswire's "email us here" closes the contact lines above it.
    if (rule.name === 'ein-email') contactMarks.push(index);
    return true;
  });

  // 2. Paragraphs.
  const paras: Para[] = [];
  blocks.forEach((block, i) => {
    for (const p of blockParagraphs(block)) paras.push({ text: p, block: i });
  });

  // 3. The head.
  const titleKnown = typeof hints.title === 'string';
  let title: string | null = titleKnown ? (hints.title as string) : null;
  let byline: string | null = null;
  let meta: MetaLine | undefined;
  let metaSource: string | undefined;
  let providedSource: string | undefined;
  let lineSource: string | undefined;
  let awaitingProvider = false;
  let creditWire: WireService | undefined;
  let dateline: DatelineMatch | null = null;
  const notices: Notice[] = [];
  const body: Para[] = [];
  let copySeen = 0;
  let i = 0;
  for (; i < paras.length && dateline === null && copySeen < DATELINE_SEARCH_PARAGRAPHS; i++) {
    const para = paras[i] as Para;
    const p = para.text;
    if (titleKnown && i === 0 && sameText(p, title ?? '')) {
      // The known headline printed again at the top of the text (JSONL title + text).
      removed.push({ text: p, rule: 'duplicate-title' });
      continue;
    }
    const m = parseMetaLine(p);
    if (m) {
      meta ??= m;
      if (m.source !== undefined) metaSource ??= m.source;
      continue;
    }
    const provided = providedBy(p);
    if (provided !== undefined) {
      if (provided === '') awaitingProvider = true;
      else providedSource ??= provided;
      continue;
    }
    if (awaitingProvider) {
      awaitingProvider = false;
      providedSource ??= p;
      continue;
    }
    const notice = noticeFor(p);
    // "CORRECTED - ACME TO BUY ...", "CORRECTING and REPLACING Acme Reports ...": a headline
    // carrying a notice; its notice is read in step 5.
    if (notice && !(title === null && !titleKnown && TITLE_NOTICE_RE.test(p))) {
      notices.push(notice);
      continue;
    }
    const opening = parseDateline(p);
    if (title === null && !titleKnown && bylineOf(p) === undefined && creditLineWire(p) === undefined) {
      // A first paragraph that opens with a dateline is copy, not a headline, unless it is
      // short and reads like one ("LONDON - SHARES FALL" is a headline; a sentence is not).
      // A headline may end with a credit ("... Tells Downer (Reuters)"): nothing follows it.
      const isCopy =
        opening !== null &&
        (opening.rest !== '' || opening.month !== undefined) &&
        (p.length > DATELINE_TITLE_MAX ||
          (opening.wire !== undefined && !opening.wire.weak) ||
          i === paras.length - 1 ||
          (opening.rest.length >= DATELINE_COPY_MIN && (opening.wire !== undefined || opening.month !== undefined)));
      if (!isCopy && p.length <= TITLE_MAX) {
        title = p;
        continue;
      }
    }
    // A closing-style "SOURCE X" above the copy; never the headline ("SOURCE CAPITAL INC YEAR").
    const src = sourceFromLine(p);
    if (src !== undefined) {
      lineSource ??= src;
      continue;
    }
    const name = bylineOf(p);
    if (name !== undefined && byline === null) {
      byline = name;
      continue;
    }
    const credit = creditLineWire(p);
    if (credit) {
      creditWire ??= credit;
      continue;
    }
    if (opening) {
      dateline = opening;
      if (opening.byline !== undefined) byline ??= opening.byline;
      if (opening.rest !== '') body.push({ text: opening.rest, block: para.block });
      continue;
    }
    const inner = parseInnerDateline(p);
    if (inner) {
      dateline = inner.match;
      body.push({ text: inner.teaser, block: para.block });
      if (inner.match.rest !== '') body.push({ text: inner.match.rest, block: para.block });
      continue;
    }
    body.push(para);
    copySeen++;
  }
  for (; i < paras.length; i++) body.push(paras[i] as Para);

  // 4. Body, about, contacts and closing source lines.
  const paragraphs: string[] = [];
  const about: string[] = [];
  const contacts: string[] = [];
  const kept: Para[] = [];
  let aboutSource: string | undefined;
  let capsSource = false;
  let mode: 'body' | 'about' | 'contacts' = 'body';
  // Blocks of names, emails and phones, and EIN's contact lines above "email us here".
  const contactBlocks = new Set<number>();
  const firstBodyBlock = body[0]?.block;
  for (const at of contactMarks) {
    const index = blocks.findIndex((b) => at >= b.from && at <= b.to + 1);
    if (index >= 0 && index !== firstBodyBlock) contactBlocks.add(index);
  }
  for (let index = Math.max(0, blocks.length - CONTACT_TAIL_BLOCKS); index < blocks.length; index++) {
    const block = blocks[index] as (typeof blocks)[number];
    if (index !== firstBodyBlock && block.lines.length >= 2 && !isWrapped(block) && isContactBlock(block.lines)) {
      contactBlocks.add(index);
    }
  }
  body.forEach((para, index) => {
    const p = para.text;
    const nearEnd = index >= body.length - SOURCE_TAIL;
    const nearEdge = index < NOTICE_EDGE || index >= body.length - NOTICE_EDGE;
    if (nearEnd) {
      const src = sourceFromLine(p);
      if (src !== undefined) {
        lineSource ??= src;
        if (/^[A-Z]{5,}\s/.test(p)) capsSource = true;
        return;
      }
    }
    if (nearEdge) {
      const notice = noticeFor(p);
      if (notice) {
        notices.push(notice);
        return;
      }
    }
    const heading = aboutHeading(p);
    if (heading) {
      mode = 'about';
      if (heading.name !== undefined) aboutSource ??= heading.name;
      return;
    }
    if (isContactHeading(p)) {
      // The heading that opens the block is a label; later ones ("Investors:") are kept.
      if (mode === 'contacts') contacts.push(p);
      mode = 'contacts';
      return;
    }
    if (contactBlocks.has(para.block)) {
      contacts.push(p);
      return;
    }
    if (isContactInline(p)) {
      mode = 'contacts';
      contacts.push(p);
      return;
    }
    if (mode === 'about' && isBodyHeading(p)) mode = 'body';
    if (mode === 'about') about.push(p);
    else if (mode === 'contacts') contacts.push(p);
    else kept.push(para);
  });
  // Contact blocks without a heading: the last few blocks, when they are names, emails and phones.
  const tailContacts: string[] = [];
  for (let n = 0; n < 2 && kept.length > 1; n++) {
    const last = kept[kept.length - 1] as Para;
    const block = kept.filter((p) => p.block === last.block);
    if (block.length === kept.length || !isContactBlock(block.map((p) => p.text))) break;
    kept.length -= block.length;
    tailContacts.unshift(...block.map((p) => p.text));
  }
  contacts.push(...tailContacts);
  for (const p of kept) paragraphs.push(p.text);

  // 5. Derived fields.
  if (title !== null && !titleKnown && TITLE_NOTICE_RE.test(title)) {
    const notice = noticeFor(title);
    if (notice) notices.unshift(notice);
  }
  const wire =
    dateline?.wire ?? creditWire ?? (title !== null ? titleWire(title) : undefined) ?? (signedReuter ? wireByName('Reuters') : undefined);
  const source = metaSource ?? providedSource ?? lineSource ?? aboutSource ?? null;
  const kind = wire ? wire.kind : about.length > 0 || providedSource !== undefined || capsSource ? 'release' : 'article';

  let date = dateline ? datelineDate(dateline) : null;
  if (dateline && meta && date !== null && dateline.year === undefined && meta.local.month === dateline.month && meta.local.day === dateline.day) {
    // The text's own meta line gives the year for the same month-day; nothing else may.
    date = formatDay(dateline.month as number, dateline.day as number, meta.local.year);
  }
  if (dateline && date === null && meta && dateline.place !== '') {
    // Business Wire's dateline has no date: the page's stamp dates it.
    date = formatDay(meta.local.month, meta.local.day, meta.local.year);
  }
  const place = dateline?.place ?? '';
  let published: string | null = null;
  let publishedZone: PublishedZone = 'unknown';
  if (meta) {
    ({ published, publishedZone } = formatPublished(meta.local, meta.zone, place ? zoneOfPlace(place) : undefined));
  } else if (date !== null && !date.startsWith('--')) {
    published = date; // the dateline's full date, with no time and so no zone
  }
  const views =
    meta?.views !== undefined && published !== null
      ? { count: meta.views, observedAt: hints.observedAt ?? published }
      : null;

  return {
    title,
    published,
    publishedZone,
    dateline: dateline && (place !== '' || date !== null) ? { place, date } : null,
    wire: wire?.name ?? null,
    kind,
    source,
    byline,
    paragraphs,
    about,
    contacts,
    tickers: findTickers(title !== null ? [title, ...paragraphs, ...about] : [...paragraphs, ...about]),
    notices,
    views,
    removed,
  };
}
