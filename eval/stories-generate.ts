// The labelled set behind `npm run eval:stories`: real Reuters TRAIN stories, each re-published
// the way syndicating sites do (another headline, site chrome before and after, paragraphs
// trimmed or swapped, whitespace and punctuation changed, a few words changed), plus look-alikes
// that are NOT copies: the same story with every figure changed consistently, as two earnings
// releases of one issuer are. Deterministic: one seed, one PRNG (mulberry32), no Math.random.
import { readFileSync } from 'node:fs';
import { parseCapture } from '../src/formats/index.js';

export interface LabelledArticle {
  id: string;
  title: string | null;
  text: string;
  published: string | null;
  /** The id of the true cluster: every copy of one original shares it. */
  label: string;
  kind: 'original' | 'copy' | 'template';
  /** For a template look-alike: the label of the story it imitates. */
  imitates?: string;
  /** For a copy: the edits made (trimmed, reordered, words, menu, related, ...), to break recall down by edit. */
  edits?: string[];
}

export interface GenerateOptions {
  originals: number;
  /** Largest number of copies per original (each has 1..maxCopies). */
  maxCopies: number;
  templates: number;
  seed: number;
}

export const DEFAULT_GENERATE: GenerateOptions = { originals: 2000, maxCopies: 5, templates: 500, seed: 20260101 };

/** A story must be this long to be picked: short briefs are exact-match territory. */
const MIN_ORIGINAL_WORDS = 60;
/** A template base needs this many figures, so changing them all makes a clearly different release. */
const MIN_TEMPLATE_FIGURES = 3;

export interface ReutersStory {
  id: string;
  title: string | null;
  body: string;
  published: string | null;
}

/** Reuters TRAIN as stories (title, body without the title line, published), file order. */
export function readReuters(path: string): ReutersStory[] {
  const parsed = parseCapture(readFileSync(path), { name: 'reuters-train.sgm' });
  return parsed.drafts.map((draft) => {
    const title = draft.known.title ?? null;
    let body = draft.text;
    if (title && body.startsWith(title)) body = body.slice(title.length).replace(/^\n+/, '');
    else if (title && body === title) body = '';
    return { id: `r${draft.position}`, title, body, published: draft.known.published ?? null };
  });
}

/** Word n-grams compared between candidate originals. */
const REISSUE_SHINGLE_WORDS = 4;
/**
 * Reuters reissues stories (a day later, corrected, rewritten in part). Two originals sharing
 * this share of the smaller one's shingles would be true copies labelled apart, so the later is
 * not picked.
 */
const REISSUE_OVERLAP = 0.3;

function shinglesOf(body: string): Set<string> {
  const tokens = body.toLowerCase().replace(/[^a-z]+/g, ' ').trim().split(' ');
  const out = new Set<string>();
  for (let i = 0; i + REISSUE_SHINGLE_WORDS <= tokens.length; i++) out.add(tokens.slice(i, i + REISSUE_SHINGLE_WORDS).join(' '));
  return out;
}

/** Stories whose body is not a reissue of an earlier one, in file order. */
function withoutReissues(stories: readonly ReutersStory[]): ReutersStory[] {
  const holders = new Map<string, number[]>();
  const sizes: number[] = [];
  const kept: ReutersStory[] = [];
  for (const story of stories) {
    const shingles = shinglesOf(story.body);
    const shared = new Map<number, number>();
    for (const shingle of shingles) for (const k of holders.get(shingle) ?? []) shared.set(k, (shared.get(k) ?? 0) + 1);
    let reissue = false;
    for (const [k, n] of shared) if (n / Math.max(1, Math.min(shingles.size, sizes[k] as number)) >= REISSUE_OVERLAP) reissue = true;
    if (reissue) continue;
    const k = kept.length;
    kept.push(story);
    sizes.push(shingles.size);
    for (const shingle of shingles) {
      const list = holders.get(shingle);
      if (list) list.push(k);
      else holders.set(shingle, [k]);
    }
  }
  return kept;
}

/** mulberry32: a tiny seeded 32-bit PRNG, enough for shuffles and coin flips. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;
const between = (rng: Rng, low: number, high: number): number => low + Math.floor(rng() * (high - low + 1));

/** Fisher-Yates in place with the given PRNG. */
export function shuffle<T>(rng: Rng, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

const words = (text: string): number => text.split(/\s+/).filter(Boolean).length;
/** Figures as the issue means them: amounts, percentages, counts, dates (any digit run). */
const FIGURE = /\d+(?:[.,/-]\d+)*/g;

const SITES = [
  'The Daily Ledger', 'Market Pulse', 'BizWire Today', 'Capital Journal', 'Finance Hub',
  'Metro Business News', 'Trade Signal', 'The Commerce Post', 'Investor Desk', 'Street Brief',
];
const MENUS = [
  'Home | News | Business | Markets | Tech | Opinion | Contact',
  'Skip to content\nMenu\nSearch\nSubscribe\nSign in',
  'Markets  Economy  Companies  Energy  Commodities  Video',
  'Advertisement\nHome > Business > Markets',
];
const FOOTERS = [
  'Copyright © {year} {site}. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.',
  '© {site} {year} | Privacy Policy | Terms of Use | Cookie Settings | Contact us',
  'Share this article: Facebook Twitter LinkedIn Email\n\nAbout {site} · Careers · Advertise · © {year}',
  'Sign up for our newsletter to get the day\'s top business stories.\n\n{site} — all rights reserved.',
];
const HEADLINE_PREFIXES = ['UPDATE: ', 'BREAKING: ', '', '', 'Markets: ', 'Report: '];
const SYNONYMS: Readonly<Record<string, string>> = {
  said: 'stated', company: 'firm', expects: 'anticipates', increase: 'rise', reported: 'posted',
  announced: 'disclosed', agreed: 'consented', shares: 'stock', major: 'large', plans: 'intends',
  also: 'additionally', about: 'around', government: 'administration', officials: 'authorities',
  told: 'informed', sources: 'people', added: 'continued', expected: 'forecast', earlier: 'previously',
};

/** Reuters bodies indent each new paragraph with four spaces; line breaks inside are wrapping. */
function paragraphsOf(body: string): string[] {
  return body
    .replace(/\s*\bReuter\s*$/i, '')
    .split(/\n {2,}/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
}

function sentenceCase(title: string): string {
  const lower = title.toLowerCase();
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}

/** Another site's headline for the same story: case, a prefix, the site's name. */
function rewriteHeadline(rng: Rng, title: string | null, site: string): string {
  const base = title ? sentenceCase(title.replace(/<[^>]*>/g, '').replace(/\s+/g, ' ').trim()) : 'Business news';
  const choice = rng();
  if (choice < 0.3) return `${pick(rng, HEADLINE_PREFIXES)}${base}`;
  if (choice < 0.6) return `${base} - ${site}`;
  if (choice < 0.8) return base.replace(/\b\w/g, (c) => c.toUpperCase());
  return `${base}, sources say`;
}

/** Changes one to three ordinary words (never figures) by synonym or by dropping an article. */
function changeWords(rng: Rng, paragraphs: string[], edits: string[]): string[] {
  const changes = between(rng, 1, 3);
  const out = [...paragraphs];
  for (let n = 0; n < changes && out.length > 0; n++) {
    const index = Math.floor(rng() * out.length);
    const tokens = (out[index] as string).split(' ');
    const candidates = tokens.map((t, i) => (SYNONYMS[t.toLowerCase()] !== undefined || /^(the|a|an)$/i.test(t) ? i : -1)).filter((i) => i >= 0);
    if (candidates.length === 0) continue;
    const at = pick(rng, candidates);
    const token = tokens[at] as string;
    const synonym = SYNONYMS[token.toLowerCase()];
    if (synonym !== undefined) tokens[at] = synonym;
    else tokens.splice(at, 1);
    if (!edits.includes('words')) edits.push('words');
    out[index] = tokens.join(' ');
  }
  return out;
}

/** Typographic and spacing drift: curly quotes, dashes, double spaces, odd line breaks. */
function retypeset(rng: Rng, text: string, edits: string[]): string {
  let out = text;
  if (rng() < 0.5) { out = out.replace(/"([^"]*)"/g, '\u201c$1\u201d').replace(/'/g, '\u2019'); edits.push('quotes'); }
  if (rng() < 0.3) { out = out.replace(/ - /g, ' \u2014 '); edits.push('dashes'); }
  if (rng() < 0.3) { out = out.replace(/\. /g, '.  '); edits.push('spaces'); }
  if (rng() < 0.3) { out = out.replace(/, /g, ' , '); edits.push('commas'); }
  if (rng() < 0.2) out = out.replace(/([.!?]) ([A-Z])/g, (m, p: string, c: string) => (rng() < 0.15 ? `${p}\n${c}` : m));
  return out;
}

/** One syndicated copy of `story` as a site would publish it. */
function syndicate(rng: Rng, story: ReutersStory, relatedTitles: string[], delayMinutes: number): { title: string; text: string; published: string | null; edits: string[] } {
  const site = pick(rng, SITES);
  const edits: string[] = [];
  let paragraphs = paragraphsOf(story.body);
  // Trimmed: sites cut the tail (and sometimes the last-but-one paragraph) of a long story.
  if (paragraphs.length > 4 && rng() < 0.4) {
    paragraphs = paragraphs.slice(0, paragraphs.length - between(rng, 1, Math.min(2, paragraphs.length - 4)));
    edits.push('trimmed');
  }
  // Reordered: two adjacent paragraphs after the lead swap places.
  if (paragraphs.length > 3 && rng() < 0.3) {
    const at = between(rng, 1, paragraphs.length - 2);
    [paragraphs[at], paragraphs[at + 1]] = [paragraphs[at + 1] as string, paragraphs[at] as string];
    edits.push('reordered');
  }
  // The dateline is often dropped ("LOS ANGELES, Feb 26 - ").
  if (paragraphs.length > 0 && rng() < 0.3) {
    const lead = paragraphs[0] as string;
    paragraphs[0] = lead.replace(/^[A-Z][A-Z .,']+, \w+ \d+ - /, '');
    if (paragraphs[0] !== lead) edits.push('dateline');
  }
  paragraphs = changeWords(rng, paragraphs, edits);
  const year = story.published?.slice(0, 4) ?? '1987';
  const before = rng() < 0.8 ? [pick(rng, MENUS), site] : [];
  const byline = rng() < 0.4 ? [`By ${site} staff | ${rng() < 0.5 ? 'Updated' : 'Published'} ${story.published?.slice(0, 10) ?? ''}`] : [];
  const related = rng() < 0.6 ? [`Related:\n${relatedTitles.map((t) => `- ${sentenceCase(t)}`).join('\n')}`] : [];
  const footer = pick(rng, FOOTERS).replace('{site}', site).replace('{year}', year);
  const separator = rng() < 0.5 ? '\n\n' : '\n';
  const body = retypeset(rng, paragraphs.join(separator), edits);
  const text = [...before, ...byline, body, ...related, footer].join('\n\n');
  if (before.length > 0) edits.push('menu');
  if (byline.length > 0) edits.push('byline');
  if (related.length > 0) edits.push('related');
  return { title: rewriteHeadline(rng, story.title, site), text, published: shiftMinutes(story.published, delayMinutes), edits };
}

function shiftMinutes(iso: string | null, minutes: number): string | null {
  if (!iso) return null;
  const time = Date.parse(iso.length === 10 ? `${iso}T00:00:00Z` : `${iso}Z`);
  if (Number.isNaN(time)) return iso;
  return new Date(time + minutes * 60_000).toISOString().replace('Z', '');
}

/**
 * Every figure of the text changed, the same figure the same way everywhere (title and body),
 * so the look-alike reads as the same issuer's next release: 15.4 becomes 17.9, 1986 becomes 1987.
 */
export function changeFigures(rng: Rng, texts: string[]): string[] {
  const mapping = new Map<string, string>();
  const changed = (figure: string): string => {
    const known = mapping.get(figure);
    if (known !== undefined) return known;
    let next: string;
    if (/^19\d\d$/.test(figure)) next = String(Number(figure) + 1);
    else if (/^\d+$/.test(figure)) {
      const value = Number(figure);
      const factor = 1.1 + rng() * 0.6;
      next = String(value === 0 ? between(rng, 1, 9) : Math.max(value + 1, Math.round(value * factor)));
    } else {
      // Composite figures (1.25, 11-1/2, 3,500): each digit run changed.
      next = figure.replace(/\d+/g, (run) => String((Number(run) + between(rng, 1, 7)) % 10 ** Math.max(1, run.length) || 1).padStart(run.length, '0'));
      if (next === figure) next = `${figure}1`;
    }
    mapping.set(figure, next);
    return next;
  };
  return texts.map((text) => text.replace(FIGURE, changed));
}

/**
 * The labelled set: originals (label = own id), their copies (same label), then template
 * look-alikes (own label, `imitates` naming the story they imitate), in generation order.
 */
export function generateStories(stories: ReutersStory[], options: GenerateOptions = DEFAULT_GENERATE): LabelledArticle[] {
  const rng = mulberry32(options.seed);
  // One story per distinct text, long enough to be a story: Reuters repeats some stories (exactly
  // or reissued), and a repeat picked as a second "original" would be a true copy labelled apart.
  const eligible = withoutReissues(stories.filter((story) => words(story.body) >= MIN_ORIGINAL_WORDS));
  const chosen = shuffle(rng, eligible).slice(0, options.originals);
  const titles = chosen.map((s) => s.title ?? '').filter(Boolean);
  const out: LabelledArticle[] = [];
  for (const story of chosen) {
    out.push({ id: story.id, title: story.title, text: story.body, published: story.published, label: story.id, kind: 'original' });
    const copies = between(rng, 1, options.maxCopies);
    for (let n = 1; n <= copies; n++) {
      const related = [pick(rng, titles), pick(rng, titles), pick(rng, titles)];
      const copy = syndicate(rng, story, related, between(rng, 5, 60 * 48));
      out.push({ id: `${story.id}-c${n}`, ...copy, label: story.id, kind: 'copy' });
    }
  }
  const bases = chosen.filter((s) => (s.body.match(FIGURE) ?? []).length >= MIN_TEMPLATE_FIGURES);
  for (let n = 0; n < options.templates && bases.length > 0; n++) {
    const base = bases[n % bases.length] as ReutersStory;
    const [title, body] = changeFigures(rng, [base.title ?? '', base.body]);
    const id = `${base.id}-t${Math.floor(n / bases.length) + 1}`;
    out.push({ id, title: title || null, text: body as string, published: shiftMinutes(base.published, 60 * 24 * 90), label: id, kind: 'template', imitates: base.id });
  }
  return out;
}
