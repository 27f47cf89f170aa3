// structureWireText: wire text as crawled -> the article's fields. A pure, deterministic
// function of its input (no clock, no I/O). The steps, in order:
//  1. split into lines and drop junk lines by the named rules (each reported in `removed`);
//  2. group lines into blocks (blank-line separated) and blocks into paragraphs;
//  3. read the head: meta lines (listing time and views, wire page stamps, "News provided by"),
//     the headline, notices, byline, credit lines, until the paragraph that opens with the
//     dateline, whose prefix is cut off;
//  4. sort the rest: body, the "About ..." boilerplate, contact blocks, closing source lines;
//  5. derive: wire, kind, dateline date (year borrowed from the text's own meta line, else from
//     a publication time given as a hint when the days are close),
//     published with its zone, views, tickers.
import type { PublishedZone } from '../core/index.js';
import { sortBody } from './body.js';
import { datelineDate } from './dateline.js';
import { readHead, type Para } from './head.js';
import { titleWire, TITLE_NOTICE_RE } from './headline.js';
import { junkRuleFor } from './junk.js';
import { formatDay, withYear } from './months.js';
import { noticeFor } from './notices.js';
import { zoneOfPlace } from './places.js';
import { formatPublished } from './published.js';
import { blockParagraphs, normaliseLines, toBlocks } from './text.js';
import { findTickers } from './tickers.js';
import type { RemovedLine, StructureHints, WireStructure } from './types.js';
import { wireByName } from './wires.js';

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
  const junkLines: number[] = [];
  const blocks = toBlocks(normaliseLines(text), (trimmed, index) => {
    const rule = junkRuleFor(trimmed, inShareBar);
    inShareBar = rule?.sharing === true;
    if (!rule) return false;
    removed.push({ text: trimmed, rule: rule.name });
    junkLines.push(index);
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

  // 3. The head: meta lines, headline, notices, byline, credits, the dateline.
  const head = readHead(paras, hints.title, removed);
  const { title, dateline, meta } = head;
  const titleKnown = typeof hints.title === 'string';

  // 4. The copy: body, about, contacts and closing source lines.
  const sorted = sortBody(head.body, blocks, contactMarks, junkLines);
  const { paragraphs, about } = sorted;
  const contacts = [...head.contacts, ...sorted.contacts];
  const notices = [...head.notices, ...sorted.notices];

  // 5. Derived fields.
  if (title !== null && !titleKnown && TITLE_NOTICE_RE.test(title)) {
    const notice = noticeFor(title);
    if (notice) notices.unshift(notice);
  }
  const wire =
    dateline?.wire ??
    head.creditWire ??
    (title !== null ? titleWire(title) : undefined) ??
    (signedReuter ? wireByName('Reuters') : undefined);
  const source = head.metaSource ?? head.providedSource ?? head.lineSource ?? sorted.lineSource ?? sorted.aboutSource ?? null;
  const releaseSigns = about.length > 0 || head.providedSource !== undefined || sorted.capsSource;
  const kind = wire ? wire.kind : releaseSigns ? 'release' : 'article';

  let date = dateline ? datelineDate(dateline) : null;
  if (dateline && meta && date !== null && dateline.year === undefined && meta.local.month === dateline.month && meta.local.day === dateline.day) {
    // The text's own meta line gives the year for the same month-day.
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
  // After `published`, which comes from the text alone: a year from elsewhere only dates the dateline.
  if (date?.startsWith('--') && hints.published) date = withYear({ place, date }, hints.published)?.date ?? date;
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
    byline: head.byline,
    paragraphs,
    about,
    contacts,
    tickers: findTickers(title !== null ? [title, ...paragraphs, ...about] : [...paragraphs, ...about]),
    notices,
    views,
    removed,
  };
}
