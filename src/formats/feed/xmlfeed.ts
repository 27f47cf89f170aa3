// RSS 0.9x/2.0, RSS 1.0 (RDF) and Atom 0.3/1.0 from the XML tree into the typed feed. The
// formats share most element names, so one reader takes them all, the way feedparser does,
// and the root says which version it is.
import { DatelineError } from '../../core/index.js';
import { chaptersOf } from './chapters.js';
import { parseFeedDate } from './dates.js';
import { placeOf } from './geo.js';
import { feedText, looksLikeHtml } from './html.js';
import type {
  FeedCategory, FeedCommon, FeedDateValue, FeedEnclosure, FeedItem, FeedLink, FeedMeta, FeedPerson, FeedText, ParsedFeed,
} from './model.js';
import { type XmlElement, innerXml, readXml, resolveUrl, textOf } from './xml.js';

export const NS = {
  atom10: 'http://www.w3.org/2005/Atom',
  atom03: 'http://purl.org/atom/ns#',
  rss10: 'http://purl.org/rss/1.0/',
  rss090: 'http://my.netscape.com/rdf/simple/0.9/',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  dc: 'http://purl.org/dc/elements/1.1/',
  dcterms: 'http://purl.org/dc/terms/',
  content: 'http://purl.org/rss/1.0/modules/content/',
  media: 'http://search.yahoo.com/mrss/',
  itunes: 'http://www.itunes.com/dtds/podcast-1.0.dtd',
  xhtml: 'http://www.w3.org/1999/xhtml',
  thr: 'http://purl.org/syndication/thread/1.0',
} as const;

/** Namespaces whose elements are the feed's own (title, link, item...). */
const FEED_NS = new Set<string>([
  '', NS.atom10, NS.atom03, NS.rss10, NS.rss090, 'http://backend.userland.com/rss2', 'http://blogs.law.harvard.edu/tech/rss',
  'http://purl.org/net/rss1.1#', 'http://backend.userland.com/rss',
]);

/** Namespace URIs by the prefix they are known by (for `extensions` keys); alternatives feeds use. */
const KNOWN_PREFIXES: Readonly<Record<string, string>> = {
  [NS.dc]: 'dc', [NS.dcterms]: 'dcterms', [NS.content]: 'content', [NS.media]: 'media', [NS.itunes]: 'itunes',
  'http://search.yahoo.com/mrss': 'media', 'http://www.itunes.com/DTDs/Podcast-1.0.dtd': 'itunes',
  'http://purl.org/rss/1.0/modules/slash/': 'slash', 'http://wellformedweb.org/CommentAPI/': 'wfw',
  'http://webns.net/mvcb/': 'admin', 'http://purl.org/rss/1.0/modules/syndication/': 'sy',
  'http://www.georss.org/georss': 'georss', 'http://podlove.org/simple-chapters': 'psc',
  'http://creativecommons.org/ns#': 'cc', 'http://backend.userland.com/creativeCommonsRssModule': 'creativecommons',
  'http://feedburner.org/2004/feedburner/feed/': 'feedburner', 'http://rssnamespace.org/feedburner/ext/1.0': 'feedburner',
};

/** Extension elements whose text is a URL, resolved against xml:base like a link. */
const URL_EXTENSIONS = new Set(['wfw:comment', 'wfw:commentrss', 'itunes:new-feed-url']);

type Kind = 'rss' | 'rdf' | 'atom';

interface Context {
  kind: Kind;
  /** Microsoft's Channel Definition Format, read as RSS. */
  cdf: boolean;
  atom03: boolean;
  problems: ParsedFeed['problems'];
}

/**
 * Reads an XML feed. Throws E_FEED_MALFORMED when there is no feed at all (an HTML page, an
 * empty or unknown document); ill-formed XML that still holds a feed is read, with problems.
 */
export function readXmlFeed(text: string, name: string, url: string | null): ParsedFeed {
  const doc = readXml(text, url);
  const problems: ParsedFeed['problems'] = doc.problems.map((p) => ({ line: p.line, message: `xml: ${p.message}` }));
  const root = doc.root;
  const rootName = root?.name ?? '';
  if (!root || rootName === 'html' || (root.ns === NS.xhtml && rootName !== 'feed')) {
    const what = !root ? 'holds no XML element' : 'is an HTML page, not a feed';
    throw new DatelineError(
      'E_FEED_MALFORMED',
      `feed: ${name} ${what}; give the feed's own URL (an HTML page names its feeds in <link rel="alternate">)`,
      { input: name },
    );
  }
  let kind: Kind;
  let version: string;
  let channel: XmlElement;
  let itemHolder: XmlElement;
  if (rootName === 'feed' || root.ns === NS.atom10 || root.ns === NS.atom03) {
    kind = 'atom';
    const v = root.attrs.version?.trim();
    version = root.ns === NS.atom10 ? 'atom10' : root.ns === NS.atom03 || v === '0.3' ? 'atom03' : v ? `atom${v.replace('.', '')}` : 'atom';
    channel = root;
    itemHolder = root;
  } else if (rootName === 'rdf') {
    kind = 'rdf';
    channel = child(root, 'channel') ?? root;
    // RSS 0.90 is told by its namespace, on the channel or (an empty feed) declared on the root.
    version = channel.ns === NS.rss090 || (channel === root && root.scope[''] === NS.rss090) ? 'rss090' : 'rss10';
    itemHolder = root;
  } else if (rootName === 'rss' || rootName === 'channel') {
    kind = 'rss';
    const v = root.attrs.version?.trim() ?? '';
    version = RSS_VERSIONS[v] ?? (v.startsWith('2.') ? 'rss20' : 'rss');
    // RSS 0.91 came in two: Netscape's (with its DTD) and UserLand's.
    if (version === 'rss091u' && /Netscape/i.test(doc.publicId ?? '')) version = 'rss091n';
    channel = rootName === 'channel' ? root : (child(root, 'channel') ?? root);
    itemHolder = channel;
  } else {
    throw new DatelineError('E_FEED_MALFORMED', `feed: ${name} is XML with a <${root.local}> root, not RSS, RDF or Atom`, { input: name });
  }
  const context: Context = { kind, cdf: root.local === 'CHANNEL', atom03: version === 'atom03', problems };
  const feed = metaOf(channel, context);
  if (kind !== 'atom' && !feed.image) feed.image = imageOf(child(root, 'image') ?? child(channel, 'image'));
  const itunesHref = itunesImageOf(channel);
  if (itunesHref && !feed.image?.href) feed.image = { href: itunesHref, description: null, title: null, link: null, width: null, height: null };
  const itemName = kind === 'atom' ? 'entry' : 'item';
  let items = children(itemHolder, itemName).map((el) => itemOf(el, context));
  // Atom 0.3 feeds written with RSS's <item> for <entry>.
  if (kind === 'atom' && items.length === 0) items = children(root, 'item').map((el) => itemOf(el, context));
  if (kind === 'rdf' && items.length === 0) items = children(channel, 'item').map((el) => itemOf(el, context));
  if (kind === 'rss' && items.length === 0 && itemHolder !== root) items = children(root, 'item').map((el) => itemOf(el, context));
  return { version, feed, items, problems, bozo: doc.problems.length > 0 };
}

const RSS_VERSIONS: Readonly<Record<string, string>> = {
  '0.90': 'rss090', '0.91': 'rss091u', '0.92': 'rss092', '0.93': 'rss093', '0.94': 'rss094', '2.0': 'rss20', '2.0.1': 'rss20', '2': 'rss20',
};

/** An attribute by name, in any case (CDF writes HREF and LASTMOD). */
function attr(el: XmlElement, name: string): string | undefined {
  for (const [key, value] of Object.entries(el.attrs)) if (key.toLowerCase() === name) return value;
  return undefined;
}

function cdfDate(el: XmlElement, context: Context): FeedDateValue | null {
  const raw = context.cdf ? attr(el, 'lastmod')?.trim() : undefined;
  if (!raw) return null;
  const parsed = parseFeedDate(raw);
  return { raw, iso: parsed?.iso ?? null, epochMs: parsed?.epochMs ?? null, zone: parsed?.zone ?? 'unknown' };
}

function isFeedElement(el: XmlElement): boolean {
  return FEED_NS.has(el.ns);
}

/**
 * Whether a child is one of the feed's own namespaces with this lower-case local name. An
 * element in its parent's namespace is the feed's own too (a feed in a namespace we do not know).
 */
function isOwn(el: XmlElement, parent: XmlElement, name: string): boolean {
  return el.name === name && (isFeedElement(el) || el.ns === parent.ns);
}

/** Children of the feed's own namespaces with this local name (lower case; matched in any case). */
function children(parent: XmlElement, name: string): XmlElement[] {
  return parent.elements.filter((el) => isOwn(el, parent, name));
}

function child(parent: XmlElement, name: string): XmlElement | undefined {
  return parent.elements.find((el) => isOwn(el, parent, name));
}

/** The last such child: where an element is repeated, the later value wins (as in feedparser). */
function lastChild(parent: XmlElement, name: string): XmlElement | undefined {
  for (let i = parent.elements.length - 1; i >= 0; i--) if (isOwn(parent.elements[i]!, parent, name)) return parent.elements[i];
  return undefined;
}

/**
 * The prefix an element's namespace is known by. A known prefix bound to an unknown URI (a
 * podcast feed's misspelt iTunes namespace) is read as the known namespace, as feed readers do.
 */
function knownPrefix(el: XmlElement): string | undefined {
  return KNOWN_PREFIXES[el.ns] ?? (FEED_NS.has(el.ns) || !el.prefix ? undefined : el.prefix.toLowerCase());
}

/** Children in namespace `ns` (or bound to its known prefix) with this lower-case local name. */
function nsChildren(parent: XmlElement, ns: string, name: string): XmlElement[] {
  const prefix = KNOWN_PREFIXES[ns];
  return parent.elements.filter((el) => el.name === name && (el.ns === ns || (prefix !== undefined && knownPrefix(el) === prefix)));
}

/** An Atom id: an IRI, resolved against xml:base when relative (as feedparser does). */
function idOf(el: XmlElement | undefined): string | null {
  const id = trimmed(el);
  return id !== null && el && /^[./]|^[\w-]+\//.test(id) && !/^[a-z][\w+.-]*:/i.test(id) ? resolveUrl(id, el.base) : id;
}

function trimmed(el: XmlElement | undefined): string | null {
  if (!el) return null;
  const t = textOf(el).trim();
  return t || null;
}

/**
 * A text construct. Atom: `type` text/html/xhtml (or a MIME type), Atom 0.3's `mode`
 * (escaped, base64, xml). RSS: titles are text (HTML when they look like it), descriptions
 * and content:encoded HTML; markup left unescaped inside is read as HTML.
 */
function textConstruct(el: XmlElement | undefined, context: Context, rssDefault: 'text/plain' | 'text/html'): FeedText | null {
  if (!el) return null;
  const hasMarkup = el.children.some((c) => typeof c !== 'string');
  const typeAttr = el.attrs.type?.trim().toLowerCase();
  const inAtom = el.ns === NS.atom10 || el.ns === NS.atom03 || (context.kind === 'atom' && el.ns === '');
  let type: string;
  let raw: string;
  if (inAtom) {
    type = typeAttr === undefined || typeAttr === '' || typeAttr === 'text' ? 'text/plain'
      : typeAttr === 'html' ? 'text/html'
      : typeAttr === 'xhtml' ? 'application/xhtml+xml'
      : typeAttr;
    const mode = el.attrs.mode?.trim().toLowerCase();
    const base64 = mode === 'base64' || (el.ns === NS.atom10 && !hasMarkup && !type.startsWith('text/') && !/[+/]xml$/.test(type) && type !== 'application/xhtml+xml');
    // Atom 1.0's XHTML content is wrapped in one XHTML div that is not part of it.
    const div = el.elements.find((c) => c.local === 'div' && c.ns === NS.xhtml);
    const onlyDiv = div && el.children.every((c) => c === div || (typeof c === 'string' && !c.trim()));
    if (onlyDiv && type === 'text/html' && div.elements.length === 0) {
      // TypePad wraps escaped HTML in an XHTML div: the div's text is the HTML.
      raw = textOf(div);
    } else if (type === 'application/xhtml+xml' || mode === 'xml' || hasMarkup) {
      const wrapped = typeAttr === 'xhtml' || (el.ns === NS.atom10 && type === 'application/xhtml+xml');
      raw = onlyDiv && wrapped ? innerXml(div) : innerXml(el);
      if (type === 'text/plain') type = 'text/html';
    } else if (base64) {
      raw = Buffer.from(textOf(el).replace(/\s+/g, ''), 'base64').toString('utf8');
      if (!mode) type = looksLikeHtml(raw) ? 'text/html' : 'text/plain';
    } else raw = textOf(el);
  } else if (el.ns === NS.xhtml) {
    // <xhtml:body> in an RSS item: the content as XHTML.
    type = 'application/xhtml+xml';
    raw = innerXml(el);
  } else {
    type = rssDefault;
    raw = hasMarkup ? innerXml(el) : textOf(el);
    if (hasMarkup) type = 'text/html';
    else if (type === 'text/plain' && looksLikeHtml(raw)) type = 'text/html';
  }
  if (type !== 'application/xhtml+xml' && !hasMarkup) raw = raw.trim();
  return feedText(raw, type, el.lang, el.base);
}

function dateOf(el: XmlElement | undefined, context: Context): FeedDateValue | null {
  const raw = trimmed(el);
  if (!raw) return null;
  const parsed = parseFeedDate(raw);
  if (!parsed) context.problems.push({ message: `feed: unreadable date "${raw.slice(0, 60)}" kept as written` });
  return { raw, iso: parsed?.iso ?? null, epochMs: parsed?.epochMs ?? null, zone: parsed?.zone ?? 'unknown' };
}

function firstDate(context: Context, ...els: (XmlElement | undefined)[]): FeedDateValue | null {
  for (const el of els) {
    const d = dateOf(el, context);
    if (d) return d;
  }
  return null;
}

function linkOf(el: XmlElement, context: Context): FeedLink | null {
  const isAtomLink = el.attrs.href !== undefined || el.ns === NS.atom10 || el.ns === NS.atom03;
  if (isAtomLink && el.attrs.href !== undefined) {
    const rel = el.attrs.rel?.trim() || 'alternate';
    return {
      href: resolveUrl(el.attrs.href.trim(), el.base),
      rel,
      type: el.attrs.type?.trim() ?? (rel === 'alternate' && context.kind !== 'atom' ? 'text/html' : rel === 'self' && context.kind === 'atom' ? 'application/atom+xml' : null),
      title: el.attrs.title ?? null,
      length: el.attrs.length ?? null,
      hreflang: el.attrs.hreflang ?? null,
    };
  }
  const href = textOf(el).trim();
  if (!href) return null;
  return { href: resolveUrl(href, el.base), rel: el.attrs.rel?.trim() || 'alternate', type: el.attrs.type?.trim() ?? 'text/html', title: null, length: null, hreflang: null };
}

function personOf(el: XmlElement): FeedPerson {
  const name = trimmed(child(el, 'name'));
  const email = trimmed(child(el, 'email'));
  const uri = child(el, 'uri') ?? child(el, 'url') ?? child(el, 'homepage');
  if (name === null && email === null && !uri && el.elements.length === 0) return rssPerson(textOf(el).trim());
  return { name, email, href: uri ? resolveUrl(textOf(uri).trim(), uri.base) : null };
}

/** RSS's "editor@example.com (Editor Name)" and "Editor Name <editor@example.com>". */
export function rssPerson(text: string): FeedPerson {
  const email = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/.exec(text)?.[0] ?? null;
  if (!email) return { name: text || null, email: null, href: null };
  let name = text.replace(email, '').replace(/mailto:/i, '').replace(/[()<>]/g, ' ').replace(/\s+/g, ' ').trim();
  return { name: name || null, email, href: null };
}

function categoryOf(el: XmlElement): FeedCategory | null {
  const term = el.attrs.term ?? textOf(el);
  const label = el.attrs.label ?? null;
  if (!term.trim() && !label) return null;
  const scheme = el.attrs.scheme ?? el.attrs.domain ?? null;
  return { term: term.trim(), scheme: scheme === null ? null : scheme.trim(), label };
}

function commonOf(el: XmlElement, context: Context): FeedCommon {
  const links: FeedLink[] = [];
  // RSS enclosures are links too (rel="enclosure", as in Atom), kept in document order.
  for (const l of el.elements) {
    if (!(isFeedElement(l) || l.ns === el.ns)) continue;
    const local = l.name;
    if (local === 'enclosure') {
      const href = l.attrs.url ?? l.attrs.href;
      if (href?.trim()) links.push({ href: resolveUrl(href.trim(), l.base), rel: 'enclosure', type: l.attrs.type?.trim() ?? null, title: null, length: l.attrs.length?.trim() ?? null, hreflang: null });
    } else if (local === 'link') {
      const link = linkOf(l, context);
      if (link) links.push(link);
    }
  }
  // Microsoft CDF (a <CHANNEL> root): the link and the date are attributes.
  const cdfHref = attr(el, 'href');
  if (context.cdf && cdfHref) links.push({ href: resolveUrl(cdfHref.trim(), el.base), rel: 'alternate', type: 'text/html', title: null, length: null, hreflang: null });
  const alternate = links.find((l) => l.rel === 'alternate') ?? null;
  const authors: FeedPerson[] = [];
  for (const a of [...children(el, 'author'), ...children(el, 'managingeditor')]) authors.push(personOf(a));
  for (const c of [...nsChildren(el, NS.dc, 'creator'), ...nsChildren(el, NS.dc, 'author'), ...nsChildren(el, NS.itunes, 'author')]) {
    authors.push(rssPerson(textOf(c).trim()));
  }
  const contributors = [...children(el, 'contributor'), ...nsChildren(el, NS.dc, 'contributor')].map(personOf);
  const categories: FeedCategory[] = [];
  for (const c of children(el, 'category')) {
    const cat = categoryOf(c);
    if (cat) categories.push(cat);
  }
  for (const s of nsChildren(el, NS.dc, 'subject')) {
    const term = textOf(s).trim();
    if (term) categories.push({ term, scheme: null, label: null });
  }
  const itunesCategories = (parent: XmlElement): void => {
    for (const c of nsChildren(parent, NS.itunes, 'category')) {
      const term = c.attrs.text?.trim();
      if (term) categories.push({ term, scheme: 'http://www.itunes.com/', label: null });
      itunesCategories(c);
    }
  };
  itunesCategories(el);
  for (const k of nsChildren(el, NS.itunes, 'keywords')) {
    for (const term of textOf(k).split(',').map((t) => t.trim())) {
      if (term && !categories.some((c) => c.term === term)) categories.push({ term, scheme: 'http://www.itunes.com/', label: null });
    }
  }
  for (const m of nsChildren(el, NS.media, 'category')) {
    const term = textOf(m).trim();
    if (term) categories.push({ term, scheme: m.attrs.scheme?.trim() ?? 'http://search.yahoo.com/mrss/category_schema', label: m.attrs.label ?? null });
  }
  const dc: Record<string, string[]> = {};
  const extensions: Record<string, string> = {};
  for (const c of el.elements) {
    const prefix = c.ns === NS.dc ? undefined : KNOWN_PREFIXES[c.ns] ?? (knownPrefix(c) && Object.values(KNOWN_PREFIXES).includes(knownPrefix(c)!) ? knownPrefix(c) : undefined);
    if (c.ns === NS.dc) (dc[c.local] ??= []).push(textOf(c).trim());
    else if (prefix && prefix !== 'content' && c.elements.length === 0) {
      const key = `${prefix}:${c.local}`;
      const value = textOf(c).trim();
      extensions[key] ??= value && URL_EXTENSIONS.has(key.toLowerCase()) ? resolveUrl(value, c.base) : value;
    }
  }
  const publisherEl = child(el, 'webmaster') ?? nsChildren(el, NS.dc, 'publisher')[0];
  const owner = nsChildren(el, NS.itunes, 'owner')[0];
  const publisher = publisherEl
    ? rssPerson(textOf(publisherEl).trim())
    : owner
      ? { name: trimmed(nsChildren(owner, NS.itunes, 'name')[0]), email: trimmed(nsChildren(owner, NS.itunes, 'email')[0]), href: null }
      : null;
  const rightsEl = child(el, 'rights') ?? child(el, 'copyright') ?? nsChildren(el, NS.dc, 'rights')[0];
  const rights = textConstruct(rightsEl, context, 'text/plain');
  return {
    id: idOf(child(el, 'id')) ?? trimmed(child(el, 'guid')),
    title: textConstruct(lastChild(el, 'title') ?? nsChildren(el, NS.dc, 'title')[0] ?? nsChildren(el, NS.media, 'title')[0], context, 'text/plain'),
    link: alternate?.href ?? null,
    links,
    authors,
    contributors,
    categories,
    rights,
    publisher,
    published: firstDate(context, lastChild(el, 'pubdate'), lastChild(el, 'published'), lastChild(el, 'issued'), nsChildren(el, NS.dcterms, 'issued').pop()),
    created: firstDate(context, lastChild(el, 'created'), nsChildren(el, NS.dcterms, 'created').pop()),
    validity: validityOf(nsChildren(el, NS.dcterms, 'valid')[0], context),
    where: placeOf(el),
    inReplyTo: nsChildren(el, NS.thr, 'in-reply-to').map((r) => {
      const out: Record<string, string> = {};
      for (const [k, v] of Object.entries(r.attrs)) if (!k.startsWith('xmlns')) out[k] = k === 'href' || k === 'source' ? resolveUrl(v.trim(), r.base) : v;
      return out;
    }),
    updated: cdfDate(el, context) ?? firstDate(context, lastChild(el, 'updated'), lastChild(el, 'modified'), nsChildren(el, NS.dc, 'date').pop(), nsChildren(el, NS.dcterms, 'modified').pop(), lastChild(el, 'lastbuilddate')),
    dc,
    extensions,
    language: trimmed(child(el, 'language') ?? nsChildren(el, NS.dc, 'language')[0]) ?? el.lang,
  };
}

/** A DCMI period, `start=2002-10-13T09:00+01:00; end=2002-10-17T17:00+01:00; scheme=W3C-DTF`. */
function validityOf(el: XmlElement | undefined, context: Context): FeedItem['validity'] {
  if (!el) return null;
  const parts = new Map<string, string>();
  for (const part of textOf(el).split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) parts.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim());
  }
  const date = (raw: string | undefined): FeedDateValue | null => {
    if (!raw) return null;
    const parsed = parseFeedDate(raw);
    if (!parsed) context.problems.push({ message: `feed: unreadable date "${raw.slice(0, 60)}" kept as written` });
    return { raw, iso: parsed?.iso ?? null, epochMs: parsed?.epochMs ?? null, zone: parsed?.zone ?? 'unknown' };
  };
  const start = date(parts.get('start'));
  const end = date(parts.get('end'));
  return start || end ? { start, end } : null;
}

/** An element's attributes by lower-cased name, trimmed (RSS cloud's registerProcedure). */
function attrsOf(el: XmlElement): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(el.attrs)) if (!k.startsWith('xmlns')) out[k.toLowerCase()] = v.trim();
  return out;
}

function metaOf(el: XmlElement, context: Context): FeedMeta {
  const common = commonOf(el, context);
  const generatorEl = child(el, 'generator');
  const generatorName = generatorEl ? textOf(generatorEl).trim() : '';
  const icon = trimmed(child(el, 'icon'));
  const logo = trimmed(child(el, 'logo'));
  return {
    ...common,
    subtitle: textConstruct(
      child(el, 'subtitle') ?? child(el, 'tagline') ?? child(el, 'description') ?? child(el, 'abstract') ?? nsChildren(el, NS.dc, 'description')[0] ?? nsChildren(el, NS.itunes, 'subtitle')[0] ?? nsChildren(el, NS.itunes, 'summary')[0],
      context,
      'text/html',
    ),
    info: textConstruct(child(el, 'info'), context, 'text/plain'),
    generator: generatorEl
      ? {
          name: generatorName,
          href: (generatorEl.attrs.uri ?? generatorEl.attrs.url) ? resolveUrl((generatorEl.attrs.uri ?? generatorEl.attrs.url)!.trim(), generatorEl.base) : null,
          version: generatorEl.attrs.version ?? null,
        }
      : null,
    image: null,
    icon: icon ? resolveUrl(icon, child(el, 'icon')!.base) : null,
    logo: logo ? resolveUrl(logo, child(el, 'logo')!.base) : null,
    docs: trimmed(child(el, 'docs')) === null ? null : resolveUrl(trimmed(child(el, 'docs'))!, child(el, 'docs')!.base),
    ttl: trimmed(child(el, 'ttl')),
    cloud: child(el, 'cloud') ? attrsOf(child(el, 'cloud')!) : null,
    textInput: textInputOf(child(el, 'textinput')),
    newLocation: newLocationOf(el),
  };
}

function textInputOf(el: XmlElement | undefined): FeedMeta['textInput'] {
  if (!el) return null;
  const link = trimmed(child(el, 'link'));
  return { title: trimmed(child(el, 'title')), description: trimmed(child(el, 'description')), name: trimmed(child(el, 'name')), link: link ? resolveUrl(link, el.base) : null };
}

/** RSS's `<redirect><newLocation>` (on the channel or the root) or itunes:new-feed-url. */
function newLocationOf(el: XmlElement): string | null {
  const redirect = child(el, 'redirect');
  const target = (redirect && child(redirect, 'newlocation')) ?? nsChildren(el, NS.itunes, 'new-feed-url')[0];
  const href = trimmed(target);
  return href && target ? resolveUrl(href, target.base) : null;
}

/** itunes:image's href (or url), or an `<itunes:link rel="image" href>` as older podcast feeds write. */
function itunesImageOf(el: XmlElement): string | null {
  const candidates = [
    ...nsChildren(el, NS.itunes, 'image').map((i) => i.attrs.href ?? i.attrs.url),
    ...nsChildren(el, NS.itunes, 'link').filter((l) => l.attrs.rel?.trim() === 'image').map((l) => l.attrs.href),
  ];
  const href = candidates.find((h) => h?.trim())?.trim();
  return href ?? null;
}

function imageOf(el: XmlElement | undefined): FeedMeta['image'] {
  if (!el) return null;
  const url = trimmed(child(el, 'url')) ?? el.attrs.href ?? el.attrs['rdf:resource'] ?? null;
  const num = (n: string): number | null => {
    const v = trimmed(child(el, n));
    return v !== null && /^\d+$/.test(v) ? +v : null;
  };
  const link = trimmed(child(el, 'link'));
  return {
    href: url ? resolveUrl(url, el.base) : null, description: trimmed(child(el, 'description')), title: trimmed(child(el, 'title')),
    link: link ? resolveUrl(link, el.base) : null, width: num('width'), height: num('height'),
  };
}

function itemOf(el: XmlElement, context: Context): FeedItem {
  const common = commonOf(el, context);
  const guidEl = child(el, 'guid');
  const guid = trimmed(guidEl) ?? trimmed(child(el, 'id'));
  const isPermaLink = guidEl ? (guidEl.attrs.ispermalink ?? guidEl.attrs.isPermaLink ?? 'true').trim().toLowerCase() !== 'false' : false;
  const enclosures: FeedEnclosure[] = [];
  for (const l of common.links) if (l.rel === 'enclosure') enclosures.push({ href: l.href, type: l.type, length: l.length, medium: null });
  const media = [...nsChildren(el, NS.media, 'content'), ...nsChildren(el, NS.media, 'group').flatMap((g) => nsChildren(g, NS.media, 'content'))];
  for (const m of media) {
    const href = m.attrs.url;
    if (href) enclosures.push({ href: resolveUrl(href.trim(), m.base), type: m.attrs.type ?? null, length: m.attrs.fileSize ?? m.attrs.filesize ?? null, medium: m.attrs.medium ?? null });
  }
  const linkFromGuid = common.link === null && !!guid && isPermaLink && !!guidEl && /^https?:/i.test(guid);
  if (linkFromGuid) {
    common.link = resolveUrl(guid!, guidEl!.base);
    common.links.push({ href: common.link, rel: 'alternate', type: 'text/html', title: null, length: null, hreflang: null });
  }
  if (common.link === null && context.kind === 'rdf' && el.attrs['rdf:about']) common.link = el.attrs['rdf:about'].trim();
  const content: FeedText[] = [];
  const xhtmlBodies = el.elements.filter((c) => c.ns === NS.xhtml && c.local === 'body');
  for (const c of [...nsChildren(el, NS.content, 'encoded'), ...children(el, 'content'), ...children(el, 'body'), ...xhtmlBodies, ...children(el, 'fullitem')]) {
    if (c.attrs.src !== undefined) continue;
    const text = textConstruct(c, context, 'text/html');
    if (text) content.push(text);
  }
  const summaryEl = child(el, 'summary') ?? child(el, 'description') ?? child(el, 'abstract') ?? nsChildren(el, NS.dc, 'description')[0] ?? nsChildren(el, NS.itunes, 'summary')[0];
  const sourceEl = child(el, 'source');
  let source: FeedItem['source'] = null;
  if (sourceEl) {
    if (sourceEl.elements.length > 0) source = metaOf(sourceEl, context);
    else {
      const href = sourceEl.attrs.url;
      const title = textOf(sourceEl).trim();
      source = {
        title: title ? feedText(title, 'text/plain', sourceEl.lang, sourceEl.base) : null,
        link: href ? resolveUrl(href.trim(), sourceEl.base) : null,
        links: href ? [{ href: resolveUrl(href.trim(), sourceEl.base), rel: 'self', type: null, title: null, length: null, hreflang: null }] : [],
      };
    }
  }
  const comments = trimmed(child(el, 'comments'));
  const licenseEl = el.elements.find((c) => c.name === 'license' && /creativecommons|web\.resource\.org\/cc/i.test(c.ns));
  const license = licenseEl ? (licenseEl.attrs['rdf:resource'] ?? textOf(licenseEl)).trim() || null : null;
  const image = itunesImageOf(el) ?? nsChildren(el, NS.media, 'thumbnail')[0]?.attrs.url ?? null;
  return {
    ...common,
    id: context.kind === 'atom' ? idOf(child(el, 'id')) : (guid ?? el.attrs['rdf:about']?.trim() ?? null),
    guid,
    guidIsPermaLink: isPermaLink,
    linkFromGuid,
    summary: textConstruct(summaryEl, context, 'text/html'),
    content,
    expired: firstDate(context, lastChild(el, 'expirationdate'), nsChildren(el, NS.dcterms, 'valid')[0]),
    enclosures,
    comments: comments ? resolveUrl(comments, child(el, 'comments')!.base) : null,
    license,
    image,
    thumbnails: nsChildren(el, NS.media, 'thumbnail').map(attrsOf),
    player: nsChildren(el, NS.media, 'player').map(attrsOf)[0] ?? null,
    chapters: chaptersOf(el),
    source,
  };
}
