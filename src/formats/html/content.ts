// Finds a page's main content. The steps:
// 1. Flatten the tree into text blocks in reading order (a block is what a reader sees as one
//    paragraph, heading, list item or table row), noting for each its link text, punctuation,
//    and whether an ancestor is page furniture (by tag, ARIA role, class or id words).
// 2. Weigh each block: body text counts for a candidate, furniture and link lists against it.
// 3. The candidate is the element whose blocks weigh most (blocks of an element are contiguous,
//    so prefix sums make every element's weight one subtraction), joined by its twins and
//    weighty siblings, and by a lead paragraph just above it.
// 4. Keep the blocks that are not furniture, link lists, captions or credits; trim short lines
//    and the site's sign-off at the edges. The caller settles the title (the heading found over
//    the body helps) and renders the rest without the title's repeat.
import {
  AD_TEXT_CHARS, BAD_WEIGHT, BLOCK_TAGS, CLIMB_BAD_CHARS, CLIMB_TOLERANCE, CREDIT_MAX_CHARS, GOOD_CHARS, GOOD_SHORT_CHARS,
  HEADING_TAGS, KEPT_LINK_DENSITY_LONG, KEPT_LINK_DENSITY_SHORT, LABEL_MAX_CHARS, LEAD_SCAN_BLOCKS,
  LEAD_STEP_OVER_CHARS, LONG_BLOCK_CHARS, MAJORITY_SHARE, MAX_LINK_DENSITY, PERMALINK_REL, PHOTO_CREDIT, PUNCTUATION,
  SENTENCE_END, SHORT_WEIGHT, SIBLING_SHARE, SIGN_OFF, SIGN_OFF_MAX_CHARS, WEAK_TEXT_CHARS,
} from './rules.js';
import { hintOf } from './hints.js';
import { renderBlocks } from './render.js';
import type { HtmlElement, ParsedHtml } from './tree.js';

export interface ContentOptions {
  /** The page's title, so its repeat as the first heading is not body text. */
  title: string | null;
}

export interface ExtractedContent {
  paragraphs: string[];
  html: string;
}

/** What a block is, for rendering. */
export type BlockKind = 'heading' | 'paragraph' | 'item' | 'quote' | 'code' | 'row' | 'caption';

/** One block of text as a reader sees it. */
export interface Block {
  kind: BlockKind;
  /** Heading level 1-6, else 0. */
  level: number;
  text: string;
  /** Inline HTML (links and emphasis), escaped; built alongside the text for rendering. */
  html: string;
  linkChars: number;
  /** Holds a link to the post's own page (`rel="bookmark"`): a blog post's title over its text. */
  permalink: boolean;
  /** The list element an item belongs to, so renderers can group items. */
  list: HtmlElement | null;
  ordered: boolean;
  /** Inside furniture (navigation, share bars, comments...); set after flattening. */
  furniture: boolean;
}

interface Range {
  element: HtmlElement;
  start: number;
  end: number;
  furniture: boolean;
  /** Body text (characters) that clears a furniture mark: an ad word or a weak word is weak evidence. */
  clearedBy: number;
  /** A banner or pop-up over the page: furniture whatever it holds. */
  overlay: boolean;
}

/** The main content as found, before the title is settled and the blocks rendered. */
export interface FoundContent {
  blocks: Block[];
  /**
   * The heading that heads the body: the first block when it is a heading, else the nearest
   * heading above the body. What a reader takes for the headline, whatever the metas say.
   */
  headline: string | null;
}

/**
 * Finds the main content of a parsed page.
 *
 * @example findContent(parseHtml('<nav><a href=/>Home</a></nav><article><h1>Hi</h1><p>Body text.</p></article>'), { title: null }).headline // 'Hi'
 */
export function findContent(page: ParsedHtml, options: ContentOptions): FoundContent {
  const { blocks, ranges } = flatten(page.root);
  if (blocks.length === 0) return { blocks: [], headline: null };

  markFurniture(blocks, ranges);
  const weights = blocks.map(weightOf);

  const titleKey = options.title ? comparable(options.title) : null;
  const tally = tallyOf(blocks, weights);
  const chosen = withSiblings(bestRange(ranges, blocks, tally), ranges, blocks, tally);
  const lead = leadBefore(chosen[0]!.start, blocks, weights, titleKey);
  const kept = trimEdges(keepBlocks([...lead, ...chosen.flatMap((range) => blocks.slice(range.start, range.end))]));
  const first = kept[0];
  const headline = first?.kind === 'heading' ? first.text : headingAbove(blocks, blocks.indexOf(first ?? blocks[chosen[0]!.start]!));
  return { blocks: kept, headline };
}

/** The found content as paragraphs and HTML, without the title's repeat as a heading. */
export function renderContent(found: FoundContent, title: string | null): ExtractedContent {
  const titleKey = title ? comparable(title) : null;
  const body = titleKey ? found.blocks.filter((block) => !(block.kind === 'heading' && comparable(block.text) === titleKey)) : found.blocks;
  return { paragraphs: body.map((block) => block.text), html: renderBlocks(body) };
}

/**
 * The nearest main heading (h1-h3) above a block, within reach of a lead, outside furniture: not
 * a link (a teaser's), unless the link is to the post's own page.
 */
function headingAbove(blocks: Block[], index: number): string | null {
  for (let i = index - 1; i >= 0 && i >= index - 2 * LEAD_SCAN_BLOCKS; i--) {
    const block = blocks[i]!;
    if (block.kind === 'heading' && block.level <= 3 && !block.furniture && (block.linkChars === 0 || block.permalink)) return block.text;
  }
  return null;
}

// ---- 1. flatten -------------------------------------------------------------------------

/** The inline HTML without trailing whitespace and line breaks (a `<br><br>` ended the block). */
function trimBreaks(html: string): string {
  let end = html.length;
  for (;;) {
    while (end > 0 && html.charCodeAt(end - 1) <= 32) end--;
    if (end >= 4 && html.startsWith('<br>', end - 4)) end -= 4;
    else break;
  }
  return html.slice(0, end).trimStart();
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const escapeHtml = (text: string) => (/[&<>"]/.test(text) ? text.replace(/[&<>"]/g, (c) => ESCAPES[c]!) : text);

/** Inline elements kept in the rendered HTML, by their output tag. */
const INLINE_HTML: Readonly<Record<string, string>> = {
  b: 'strong', strong: 'strong', i: 'em', em: 'em', code: 'code', sub: 'sub', sup: 'sup', mark: 'mark',
};

function flatten(root: HtmlElement): { blocks: Block[]; ranges: Range[] } {
  const blocks: Block[] = [];
  const ranges: Range[] = [];
  let text = '';
  let html = '';
  let linkChars = 0;
  let permalink = false;
  let linkDepth = 0;
  let preDepth = 0;
  let pendingBreaks = 0;
  // Inside a data table's row, cells are inline: the row is one block, cells a tab apart.
  let cellsInline = false;

  // The innermost block-level element decides what kind of block its text makes.
  let kind: BlockKind = 'paragraph';
  let level = 0;
  let list: HtmlElement | null = null;
  let ordered = false;

  const finish = () => {
    pendingBreaks = 0;
    const trimmed = preDepth > 0 ? text.replace(/^\n+|\s+$/g, '') : text.trim();
    if (trimmed) {
      blocks.push({
        kind, level, text: trimmed, html: trimBreaks(html), linkChars: Math.min(linkChars, trimmed.length), permalink, list, ordered,
        furniture: false,
      });
    }
    text = '';
    html = '';
    linkChars = 0;
    permalink = false;
  };

  const visit = (element: HtmlElement) => {
    const { tag } = element;
    const hint = hintOf(element);
    if (hint === 'hidden') return;
    const isCell = tag === 'td' || tag === 'th';
    const isBlock = (BLOCK_TAGS.has(tag) && !(isCell && cellsInline)) || (hint !== null && hint !== 'content');
    if (tag === 'br') {
      pendingBreaks++;
      // Two breaks in a row end a paragraph; one is a line break inside it.
      if (pendingBreaks === 2) finish();
      else if (text) {
        text += '\n';
        html += '<br>';
      }
      return;
    }
    if (tag === 'img' || tag === 'input' || tag === 'hr') {
      if (tag === 'hr') finish();
      return;
    }

    const saved = { kind, level, list, ordered, cellsInline };
    if (tag === 'tr') cellsInline = isDataRow(element);
    if (isBlock) {
      finish();
      if (HEADING_TAGS.has(tag)) {
        kind = 'heading';
        level = Number(tag[1]);
      } else if (tag === 'li' || tag === 'dd' || tag === 'dt') kind = 'item';
      else if (tag === 'ul' || tag === 'ol' || tag === 'menu' || tag === 'dl') {
        list = element;
        ordered = tag === 'ol';
      } else if (tag === 'blockquote') kind = 'quote';
      else if (tag === 'pre') kind = 'code';
      else if (tag === 'tr') kind = 'row';
      else if (tag === 'figcaption' || tag === 'caption') kind = 'caption';
      else if (tag === 'p') kind = kind === 'quote' || kind === 'item' || kind === 'caption' ? kind : 'paragraph';
    }
    if (tag === 'pre') preDepth++;
    const isLink = tag === 'a' && element.attrs.href !== undefined;
    if (isLink) linkDepth++;
    if (isLink && element.attrs.rel && PERMALINK_REL.test(element.attrs.rel)) permalink = true;
    const inline = INLINE_HTML[tag];
    if (isLink) html += `<a href="${escapeHtml(element.attrs.href!)}">`;
    else if (inline) html += `<${inline}>`;

    const start = blocks.length;
    for (const child of element.children) {
      if (typeof child === 'string') {
        let piece = preDepth > 0 ? child : child.replace(/\s+/g, ' ');
        if (preDepth === 0 && (!text || text.endsWith(' ') || text.endsWith('\n') || text.endsWith('\t'))) piece = piece.trimStart();
        if (!piece) continue;
        pendingBreaks = 0;
        text += piece;
        html += escapeHtml(piece);
        if (linkDepth > 0) linkChars += piece.length;
      } else {
        // Table cells of one row share a line, a tab apart.
        if (cellsInline && (child.tag === 'td' || child.tag === 'th') && text && !text.endsWith('\t')) {
          text += '\t';
          html += ' ';
        }
        visit(child);
      }
    }

    if (isLink) html += '</a>';
    else if (inline) html += `</${inline}>`;
    if (isLink) linkDepth--;
    if (tag === 'pre') preDepth--;
    if (isBlock) {
      finish();
      ranges.push({
        element, start, end: blocks.length, furniture: hint !== null && hint !== 'content', overlay: hint === 'overlay',
        clearedBy: hint === 'ads' ? AD_TEXT_CHARS : hint === 'weak' ? WEAK_TEXT_CHARS : Infinity,
      });
    }
    ({ kind, level, list, ordered, cellsInline } = saved);
  };

  visit(root);
  finish();
  return { blocks, ranges };
}

/** Elements that make a table cell a layout box rather than a datum. */
const LAYOUT_IN_CELL: ReadonlySet<string> = new Set([
  'table', 'p', 'ul', 'ol', 'dl', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'section', 'article', 'form',
]);

/** A row of a data table: no cell holds paragraphs, lists, headings or another table. */
function isDataRow(row: HtmlElement): boolean {
  const layout = (element: HtmlElement): boolean =>
    element.children.some((child) => typeof child !== 'string' && (LAYOUT_IN_CELL.has(child.tag) || layout(child)));
  return !row.children.some((cell) => typeof cell !== 'string' && (cell.tag === 'td' || cell.tag === 'th') && layout(cell));
}

// ---- 2. weigh ---------------------------------------------------------------------------

function linkDensity(block: Block): number {
  return block.linkChars / block.text.length;
}

/** A block's weight for the candidate holding it: body text up, furniture and links down. */
function weightOf(block: Block): number {
  const chars = block.text.length;
  if (block.furniture || linkDensity(block) > MAX_LINK_DENSITY) return -BAD_WEIGHT * chars;
  const punctuation = block.text.match(PUNCTUATION)?.length ?? 0;
  if (chars >= GOOD_CHARS || (chars >= GOOD_SHORT_CHARS && punctuation > 0)) return chars;
  return -SHORT_WEIGHT * chars;
}

/** Furniture by tag that no amount of text turns into content (a page with only a footer is empty). */
const NEVER_RESCUED_TAGS: ReadonlySet<string> = new Set(['nav', 'footer', 'menu']);

/**
 * Marks the blocks inside furniture, except under an element that holds most of the page's body
 * text: a class such as `sidebar-layout` on the main wrapper is a layout name, not a verdict.
 */
function markFurniture(blocks: Block[], ranges: Range[]): void {
  const good = new Float64Array(blocks.length + 1);
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    const chars = block.text.length;
    good[i + 1] = good[i]! + (chars >= GOOD_CHARS && linkDensity(block) <= MAX_LINK_DENSITY ? chars : 0);
  }
  const total = good[blocks.length]!;
  for (const range of ranges) {
    if (!range.furniture) continue;
    const inside = good[range.end]! - good[range.start]!;
    if (!range.overlay && !NEVER_RESCUED_TAGS.has(range.element.tag) && ((total > 0 && inside > MAJORITY_SHARE * total) || inside >= range.clearedBy)) {
      range.furniture = false;
      continue;
    }
    for (let i = range.start; i < range.end; i++) blocks[i]!.furniture = true;
  }
}

// ---- 3. choose ---------------------------------------------------------------------------

/** Prefix sums over the blocks, so any element's weight or furniture is one subtraction. */
interface Tally {
  weight(range: Range): number;
  /** Characters of furniture and link lists that count against the element. */
  badChars(range: Range): number;
}

function tallyOf(blocks: Block[], weights: number[]): Tally {
  const weight = new Float64Array(blocks.length + 1);
  const bad = new Float64Array(blocks.length + 1);
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    weight[i + 1] = weight[i]! + weights[i]!;
    const against = weights[i]! < 0 && (block.furniture || linkDensity(block) > MAX_LINK_DENSITY);
    bad[i + 1] = bad[i]! + (against ? block.text.length : 0);
  }
  return {
    weight: (range) => weight[range.end]! - weight[range.start]!,
    badChars: (range) => bad[range.end]! - bad[range.start]!,
  };
}

function bestRange(ranges: Range[], blocks: Block[], tally: Tally): Range {
  let best: Range | null = null;
  let bestWeight = -Infinity;
  for (const range of ranges) {
    if (range.furniture || range.start === range.end) continue;
    const weight = tally.weight(range);
    // Ranges come children first: `>` keeps the innermost of equal candidates.
    if (weight > bestWeight) {
      best = range;
      bestWeight = weight;
    }
  }
  return best ?? { element: ranges[ranges.length - 1]!.element, start: 0, end: blocks.length, furniture: false, overlay: false, clearedBy: Infinity };
}

/**
 * Adds the best candidate's siblings that continue it: a twin (same tag, shared classes, as
 * recipe sites split header, ingredients and steps into three <article>s), or a sibling with
 * body text of its own and little furniture. The search climbs through ancestors that add
 * next to nothing, since the twin of the body's wrapper is as good as the body's own.
 */
function withSiblings(best: Range, ranges: Range[], blocks: Block[], tally: Tally): Range[] {
  const rangeOf = new Map<HtmlElement, Range>();
  for (const range of ranges) rangeOf.set(range.element, range);
  const { weight: sum, badChars } = tally;
  const bestWeight = sum(best);
  let chosen: Range[] = [best];
  for (let current = best.element; current.parent; current = current.parent) {
    const parent = current.parent;
    const classes = new Set((current.attrs.class ?? '').split(/\s+/).filter(Boolean));
    const level: Range[] = [];
    for (const child of parent.children) {
      if (typeof child === 'string') continue;
      if (child === current) {
        level.push(...chosen);
        continue;
      }
      const range = rangeOf.get(child);
      if (!range || range.start === range.end || range.furniture) continue;
      const weight = sum(range);
      if (weight >= SIBLING_SHARE * bestWeight || (isTwin(child, current, classes) && !linkList(range, blocks))) level.push(range);
    }
    chosen = level;
    const above = rangeOf.get(parent);
    if (!above || above.furniture) break;
    // Climb past what weighs nothing or adds only short lines (a "Steps" heading, a cooking
    // time) or a little furniture (a share bar), not past a menu or a comment section.
    if (sum(above) < bestWeight * (1 - CLIMB_TOLERANCE) && badChars(above) > badChars(rangeOf.get(current) ?? best) + CLIMB_BAD_CHARS) break;
  }
  return chosen;
}

function isTwin(element: HtmlElement, best: HtmlElement, classes: ReadonlySet<string>): boolean {
  if (element.tag !== best.tag || classes.size === 0) return false;
  const own = (element.attrs.class ?? '').split(/\s+/).filter(Boolean);
  const shared = own.filter((name) => classes.has(name)).length;
  return shared * 2 >= Math.max(own.length, classes.size);
}

function linkList(range: Range, blocks: Block[]): boolean {
  let chars = 0, links = 0;
  for (let i = range.start; i < range.end; i++) {
    chars += blocks[i]!.text.length;
    links += blocks[i]!.linkChars;
  }
  return links > MAX_LINK_DENSITY * chars;
}

/**
 * The lead: paragraphs of body text just above the chosen element, in the article's header or
 * a hero box (a standfirst is a sibling of some ancestor, not of the body). Reads upwards past
 * short lines (a date, a byline, a caption, a share bar) and stops at the title, or at furniture
 * or links of any length.
 */
function leadBefore(start: number, blocks: Block[], weights: number[], titleKey: string | null): Block[] {
  const lead: Block[] = [];
  for (let i = start - 1; i >= 0 && i >= start - LEAD_SCAN_BLOCKS; i--) {
    const block = blocks[i]!;
    if (block.furniture || linkDensity(block) > MAX_LINK_DENSITY) {
      // A share bar or a comment count between lead and body is stepped over; a menu is not.
      if (block.text.length < LEAD_STEP_OVER_CHARS) continue;
      break;
    }
    if (block.kind === 'heading' && (block.level === 1 || comparable(block.text) === titleKey)) break;
    // A lead is prose: a date-and-source line above the body weighs positive but is not one.
    if (weights[i]! > 0 && (block.text.length >= GOOD_CHARS || SENTENCE_END.test(block.text))) lead.unshift(block);
  }
  return lead;
}

// ---- 4. keep -----------------------------------------------------------------------------

function keep(block: Block): boolean {
  if (block.furniture || block.kind === 'caption') return false;
  // A short line with a link in it is a pointer elsewhere ("Read also: ..."); a long paragraph
  // may link most of its words and still be the article's own.
  const allowed = block.text.length >= LONG_BLOCK_CHARS ? KEPT_LINK_DENSITY_LONG : KEPT_LINK_DENSITY_SHORT;
  if (linkDensity(block) > allowed) return false;
  return !(block.text.length <= CREDIT_MAX_CHARS && PHOTO_CREDIT.test(block.text));
}

/**
 * The blocks to keep, in order. A heading or a label ("Read more:", "Mehr zum Thema") followed
 * by links or furniture introduces those (a list of links, a share bar), not the article.
 */
function keepBlocks(candidates: Block[]): Block[] {
  const keeps = candidates.map(keep);
  const kept: Block[] = [];
  for (let i = 0; i < candidates.length; i++) {
    if (!keeps[i]) continue;
    const block = candidates[i]!;
    const introduces = block.kind === 'heading' || (block.text.length <= LABEL_MAX_CHARS && block.text.endsWith(':'));
    const next = candidates[i + 1];
    if (introduces && next && linkDensity(next) > MAX_LINK_DENSITY) continue;
    kept.push(block);
  }
  return kept;
}

/**
 * Drops the short lines after the last paragraph of body text ("Tags", "Share this", a rating
 * prompt) and before the first, where they are labels and credits; headings leading into the
 * body stay.
 */
function trimEdges(kept: Block[]): Block[] {
  let first = kept.findIndex(isProse);
  if (first < 0) return kept;
  while (first > 0 && kept[first - 1]!.kind === 'heading') first--;
  let last = kept.length - 1;
  while (last > first && (isSignOff(kept[last]!) || (!isBodyText(kept[last]!) && !isSentence(kept[last]!)))) last--;
  return kept.slice(first, last + 1);
}

/** The site's words after an article: copyright, a call to subscribe or follow, a citation. */
const isSignOff = (block: Block) => block.text.length < SIGN_OFF_MAX_CHARS && SIGN_OFF.some((pattern) => pattern.test(block.text));

/** Body text that reads as prose, not a dateline-and-source line that happens to be long. */
const isProse = (block: Block) => isBodyText(block) && (block.text.length >= GOOD_CHARS || SENTENCE_END.test(block.text));

/** A short block that still reads as a sentence: a few words and a full stop. */
const isSentence = (block: Block) => SENTENCE_END.test(block.text) && block.text.split(' ').length >= 4;

function isBodyText(block: Block): boolean {
  return weightOf(block) > 0;
}

const comparable = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase();
