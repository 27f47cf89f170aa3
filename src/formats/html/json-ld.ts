// JSON-LD as pages really write it: several scripts, @graph, arrays, @type as a string or a list,
// wrapped in HTML comments or CDATA, with trailing commas and raw newlines inside strings. What a
// small repair cannot make into JSON is skipped: one broken script never costs the others.

/** A JSON-LD node: an object with string keys. */
export type LdNode = Record<string, unknown>;

/** Types that are the article itself, best first; a page's own story wins over its WebPage. */
export const ARTICLE_TYPES: readonly string[] = [
  'newsarticle', 'reportagenews', 'analysisnewsarticle', 'opinionnewsarticle', 'backgroundnewsarticle',
  'reviewnewsarticle', 'askpublicnewsarticle', 'article', 'blogposting', 'liveblogposting', 'report',
  'scholarlyarticle', 'techarticle', 'socialmediaposting', 'discussionforumposting', 'posting',
];

/** Types that describe the page around the article: their dates and names are a fallback. */
export const PAGE_TYPES: readonly string[] = [
  'webpage', 'itempage', 'aboutpage', 'collectionpage', 'profilepage', 'qapage', 'faqpage', 'page',
  'creativework', 'recipe', 'videoobject', 'review', 'event', 'medicalwebpage', 'howto',
];

/** Types that are never the article: the site, its owner, its navigation, a person, an image. */
const NEVER_ARTICLE_TYPES: ReadonlySet<string> = new Set([
  'website', 'organization', 'newsmediaorganization', 'corporation', 'breadcrumblist', 'listitem',
  'itemlist', 'person', 'imageobject', 'searchaction', 'entrypoint', 'sitenavigationelement',
  'wpheader', 'wpfooter', 'wpsidebar', 'readaction', 'commentaction', 'contactpoint', 'postaladdress',
  'place', 'localbusiness', 'speakablespecification', 'comment', 'answer', 'question', 'rating',
  'aggregaterating', 'offer', 'product', 'brand',
]);

/** Types whose nested nodes describe other pages: their WebPage items are not this page. */
const OTHER_PAGES_TYPES: ReadonlySet<string> = new Set(['breadcrumblist', 'listitem', 'itemlist', 'sitenavigationelement']);

/** How deep into nested objects nodes are looked for (mainEntity, hasPart, isPartOf...). */
const MAX_DEPTH = 6;

/** What the JSON-LD of one page offers, nodes ranked: articles first, then pages, then the rest. */
export interface LinkedData {
  /** Article-like nodes, then page-like nodes, in document order within each rank. */
  ranked: LdNode[];
  /** Every node with an @id, for resolving `{"@id": ...}` references (an author in @graph). */
  byId: Map<string, LdNode>;
  /** Every typed node, in document order (publisher, WebSite). */
  all: LdNode[];
}

/**
 * Reads every JSON-LD script of a page. Never throws.
 *
 * @example readLinkedData(['{"@graph":[{"@type":"WebSite"},{"@type":"NewsArticle","headline":"Hi"}]}']).ranked[0]?.headline // 'Hi'
 */
export function readLinkedData(scripts: readonly string[]): LinkedData {
  const all: LdNode[] = [];
  const byId = new Map<string, LdNode>();
  for (const script of scripts) {
    const value = parseLenient(script);
    if (value !== undefined) collectNodes(value, all, byId, 0);
  }
  const articles: LdNode[] = [];
  const pages: LdNode[] = [];
  for (const node of all) {
    const rank = rankOf(node);
    if (rank === 2) articles.push(node);
    else if (rank === 1) pages.push(node);
  }
  articles.sort((a, b) => typeIndex(a, ARTICLE_TYPES) - typeIndex(b, ARTICLE_TYPES));
  return { ranked: [...articles, ...pages], byId, all };
}

/** The lower-cased @type names of a node (a string or a list in the page). */
export function typesOf(node: LdNode): string[] {
  const type = node['@type'];
  if (typeof type === 'string') return [type.toLowerCase().replace(/^.*[/#:]/, '')];
  if (Array.isArray(type)) {
    return type.filter((t): t is string => typeof t === 'string').map((t) => t.toLowerCase().replace(/^.*[/#:]/, ''));
  }
  return [];
}

/** 2: the article; 1: the page or another work that may carry its dates; 0: never the article. */
function rankOf(node: LdNode): number {
  const types = typesOf(node);
  if (types.some((t) => ARTICLE_TYPES.includes(t))) return 2;
  if (types.some((t) => PAGE_TYPES.includes(t) || t.endsWith('page'))) return 1;
  if (types.length === 0 || types.every((t) => NEVER_ARTICLE_TYPES.has(t))) return 0;
  // An unknown creative work (a "Thing", a "Blog") is as good as a page for dates.
  return 1;
}

function typeIndex(node: LdNode, order: readonly string[]): number {
  let best = order.length;
  for (const type of typesOf(node)) {
    const index = order.indexOf(type);
    if (index >= 0 && index < best) best = index;
  }
  return best;
}

function collectNodes(value: unknown, all: LdNode[], byId: Map<string, LdNode>, depth: number): void {
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) collectNodes(item, all, byId, depth + 1);
    return;
  }
  const node = value as LdNode;
  const id = node['@id'];
  if (typeof id === 'string' && Object.keys(node).length > 1 && !byId.has(id)) byId.set(id, node);
  if (node['@type'] !== undefined) all.push(node);
  // A breadcrumb's or a list's items are other pages, not this one.
  if (typesOf(node).some((t) => OTHER_PAGES_TYPES.has(t))) return;
  for (const [key, child] of Object.entries(node)) {
    if (key === '@context' || child === null || typeof child !== 'object') continue;
    collectNodes(child, all, byId, depth + 1);
  }
}

/** A string field of the best-ranked node that has one. */
export function ldString(ld: LinkedData, key: string): string | null {
  for (const node of ld.ranked) {
    const value = node[key];
    if (typeof value === 'string' && value.trim()) return value;
  }
  return null;
}

/** The publisher's name from the article or page, else the WebSite's name. */
export function ldPublisherName(ld: LinkedData): string | null {
  for (const node of ld.ranked) {
    const name = nameOf(resolve(ld, node.publisher));
    if (name) return name;
  }
  const site = ld.all.find((node) => typesOf(node).includes('website'));
  return site && typeof site.name === 'string' ? site.name : null;
}

/** A `{"@id": ...}` reference replaced by the node it names, when the page has it. */
export function resolve(ld: LinkedData, value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => resolve(ld, item));
  if (value && typeof value === 'object') {
    const id = (value as LdNode)['@id'];
    if (typeof id === 'string' && Object.keys(value).length === 1) return ld.byId.get(id) ?? value;
  }
  return value;
}

/** A name from a string, `{name}`, `{givenName, familyName}`, or the first of a list. */
export function nameOf(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() || null;
  if (Array.isArray(value)) return nameOf(value[0]);
  if (value && typeof value === 'object') {
    const node = value as LdNode;
    if (typeof node.name === 'string' && node.name.trim()) return node.name.trim();
    const parts = [node.givenName, node.familyName].filter((p): p is string => typeof p === 'string');
    if (parts.length) return parts.join(' ').trim() || null;
  }
  return null;
}

/** Wrappers some CMSs put around the JSON: HTML comments, CDATA, a JS comment line. */
const WRAPPERS = /^\s*(?:<!--|\/\/\s*<!\[CDATA\[|<!\[CDATA\[|\/\*\s*<!\[CDATA\[\s*\*\/)|(?:-->|\/\/\s*\]\]>|\]\]>|\/\*\s*\]\]>\s*\*\/)\s*$/g;

/** JSON.parse, then once more after a small repair; undefined when neither reads it. */
export function parseLenient(text: string): unknown {
  const unwrapped = text.replace(WRAPPERS, '').trim();
  if (!unwrapped) return undefined;
  try {
    return JSON.parse(unwrapped) as unknown;
  } catch {
    try {
      return JSON.parse(repairJson(unwrapped)) as unknown;
    } catch {
      return undefined;
    }
  }
}

/**
 * Escapes control characters inside strings and drops trailing commas before `}` or `]`, the two
 * faults hand-written templates make most. One pass, string-aware, so commas in text survive.
 */
export function repairJson(text: string): string {
  let out = '';
  let inString = false;
  let pendingComma = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (inString) {
      if (ch === '\\') {
        out += ch + (text[i + 1] ?? '');
        i++;
      } else if (ch === '"') {
        inString = false;
        out += ch;
      } else if (ch === '\n') out += '\\n';
      else if (ch === '\r') out += '\\r';
      else if (ch === '\t') out += '\\t';
      else if (ch < ' ') out += ' ';
      else out += ch;
      continue;
    }
    if (ch === ',') {
      if (pendingComma) continue; // ",," : the second is as stray as a trailing one
      pendingComma = true;
      continue;
    }
    if (ch === ' ' || ch === '\n' || ch === '\r' || ch === '\t') {
      out += ch;
      continue;
    }
    if (pendingComma) {
      if (ch !== '}' && ch !== ']') out += ',';
      pendingComma = false;
    }
    if (ch === '"') inString = true;
    out += ch;
  }
  return out;
}
