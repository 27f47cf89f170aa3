// The typed result of reading a feed: one shape for RSS 0.9x/1.0/2.0, Atom 0.3/1.0 and JSON
// Feed, close to what the document says (each text keeps its type, language and base).

/** A piece of text from the feed, with what it is. */
export interface FeedText {
  /** As given for text/plain; sanitised HTML (relative URLs resolved) for HTML and XHTML. */
  value: string;
  /** `text/plain`, `text/html`, `application/xhtml+xml`, or another MIME type the feed named. */
  type: string;
  /** The value as plain text (HTML decoded, tags dropped). */
  text: string;
  language: string | null;
  /** The base URL in effect for this text (xml:base, else the feed's URL), or null. */
  base: string | null;
}

export interface FeedLink {
  href: string;
  /** `alternate` unless the feed says otherwise. */
  rel: string;
  type: string | null;
  title: string | null;
  length: string | null;
  hreflang: string | null;
}

export interface FeedPerson {
  name: string | null;
  email: string | null;
  href: string | null;
}

/** A category or tag. RSS `<category domain="...">` keeps its domain as `scheme`. */
export interface FeedCategory {
  term: string;
  scheme: string | null;
  label: string | null;
}

/** An enclosure, or media:content. */
export interface FeedEnclosure {
  href: string;
  type: string | null;
  length: string | null;
  medium: string | null;
}

/** A date as printed, and read (null when unreadable). */
export interface FeedDateValue {
  raw: string;
  /** ISO 8601 as printed, with the offset when stated. */
  iso: string | null;
  epochMs: number | null;
  zone: 'stated' | 'unknown';
}

export interface FeedImage {
  href: string | null;
  description: string | null;
  title: string | null;
  link: string | null;
  width: number | null;
  height: number | null;
}

export interface FeedGenerator {
  name: string;
  href: string | null;
  version: string | null;
}

/**
 * A place (GeoRSS simple or GML), as GeoJSON has it: coordinates longitude first. Box is two
 * corners, Polygon a list of rings.
 */
export interface FeedPlace {
  type: 'Point' | 'LineString' | 'Polygon' | 'Box';
  coordinates: number[] | number[][] | number[][][];
  /** GML's srsName, when given; coordinates in a projected system are kept in its order. */
  srsName: string | null;
  srsDimension: number;
}

/** A Dublin Core period (dcterms:valid), `start=...; end=...`. */
export interface FeedValidity {
  start: FeedDateValue | null;
  end: FeedDateValue | null;
}

/** What feed and item share (and an Atom entry's `<source>`). */
export interface FeedCommon {
  id: string | null;
  title: FeedText | null;
  /** The first `alternate` link (resolved), or null. */
  link: string | null;
  links: FeedLink[];
  authors: FeedPerson[];
  contributors: FeedPerson[];
  categories: FeedCategory[];
  rights: FeedText | null;
  /** RSS webMaster, dc:publisher or the iTunes owner. */
  publisher: FeedPerson | null;
  published: FeedDateValue | null;
  updated: FeedDateValue | null;
  /** dcterms:created (an item's CDF/Atom 0.3 created too). */
  created: FeedDateValue | null;
  /** dcterms:valid. */
  validity: FeedValidity | null;
  /** GeoRSS location (georss:point/line/polygon/box, georss:where with GML). */
  where: FeedPlace | null;
  /** Threading (RFC 4685): what this replies to, each thr:in-reply-to's attributes. */
  inReplyTo: Record<string, string>[];
  /** Dublin Core elements by local name (`creator`, `subject`, `rights`...), values in order. */
  dc: Record<string, string[]>;
  /** Other namespaced elements kept as text, by `prefix:local` (`itunes:block`, `slash:comments`). */
  extensions: Record<string, string>;
  language: string | null;
}

export interface FeedMeta extends FeedCommon {
  subtitle: FeedText | null;
  /** Atom 0.3's `<info>`. */
  info: FeedText | null;
  generator: FeedGenerator | null;
  image: FeedImage | null;
  icon: string | null;
  logo: string | null;
  docs: string | null;
  ttl: string | null;
  /** RSS `<cloud>`'s attributes (domain, port, path, registerProcedure, protocol). */
  cloud: Record<string, string> | null;
  /** RSS `<textInput>`. */
  textInput: { title: string | null; description: string | null; name: string | null; link: string | null } | null;
  /** Where the feed has moved (`<redirect><newLocation>`, itunes:new-feed-url). */
  newLocation: string | null;
}

export interface FeedItem extends FeedCommon {
  /** The item's guid (RSS) or id (Atom, JSON Feed), as given. */
  guid: string | null;
  /** Whether an RSS guid is a permalink (RSS 2.0's default is true). */
  guidIsPermaLink: boolean;
  /** Whether `link` was taken from the guid (a permalink guid and no `<link>`). */
  linkFromGuid: boolean;
  summary: FeedText | null;
  /** Full content (content:encoded, atom:content, JSON Feed content_html/content_text). */
  content: FeedText[];
  expired: FeedDateValue | null;
  enclosures: FeedEnclosure[];
  comments: string | null;
  /** A Creative Commons licence URL (cc:license, creativeCommons:license). */
  license: string | null;
  image: string | null;
  /** media:thumbnail elements' attributes (url, width, height, time), in order. */
  thumbnails: Record<string, string>[];
  /** media:player's attributes (url, width, height). */
  player: Record<string, string> | null;
  /** Podlove Simple Chapters (psc:chapters): the first chapter list. */
  chapters: FeedChapters | null;
  /** The item's source feed (RSS `<source>` or Atom `<source>`). */
  source: Partial<FeedMeta> | null;
}

export interface FeedChapters {
  version: string | null;
  chapters: { start: string; startMs: number | null; title: string | null; href: string | null; image: string | null }[];
}

/** The format and version, in feedparser's names: rss20, rss10, rss090, atom10, atom03, json11... */
export type FeedVersion = string;

export interface FeedProblem {
  line?: number;
  message: string;
}

export interface ParsedFeed {
  version: FeedVersion;
  feed: FeedMeta;
  items: FeedItem[];
  /** Well-formedness errors recovered from (feedparser's bozo), duplicate guids, unreadable dates. */
  problems: FeedProblem[];
  /** True when the document was not well-formed XML (or valid JSON) and was read by recovery. */
  bozo: boolean;
}
