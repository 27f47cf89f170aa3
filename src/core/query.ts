// The query language's syntax tree. The parser (src/query) builds it from what a person types;
// each store backend compiles it to its own SQL, so user text never reaches a search engine raw.
// Nothing here depends on a clock: relative dates (`now-7d`) are resolved to moments by the parser.

/** Fields searched as full text. `any` means title, text, place, source and wire together. */
export type TextField = 'any' | 'title' | 'text';

/**
 * Fields matched exactly (ignoring case and accents) against the article's value. `site` is the
 * host of the article's URL or one of its parent domains, or the site's name; `story` is a story id.
 */
export type FilterField = 'wire' | 'source' | 'place' | 'lang' | 'kind' | 'site' | 'story';

export type Comparison = '>' | '>=' | '<' | '<=' | '=';

export type QueryNode =
  | { type: 'term'; field: TextField; value: string; prefix: boolean }
  | { type: 'phrase'; field: TextField; words: string[] }
  /** The words all within `distance` words of one another, in any order (`"a b"~5`). */
  | { type: 'near'; field: TextField; words: string[]; distance: number }
  | { type: 'and'; children: QueryNode[] }
  | { type: 'or'; children: QueryNode[] }
  | { type: 'not'; child: QueryNode }
  | { type: 'filter'; field: FilterField; value: string }
  /** A ticker symbol, on one exchange or (exchange null) on any. */
  | { type: 'ticker'; exchange: string | null; symbol: string }
  /** The article's URL: exactly `value`, or (prefix) any URL that starts with it. */
  | { type: 'url'; value: string; prefix: boolean }
  /** The calendar day the article was published, as printed there (`YYYY-MM-DD`). */
  | { type: 'published'; op: Comparison; date: string }
  /** The moment it was published, against a moment in UTC (`YYYY-MM-DDTHH:MM:SS.sssZ`). */
  | { type: 'publishedAt'; op: Exclude<Comparison, '='>; instant: string };

/** A parsed query plus the text it came from, for messages. */
export interface Query {
  source: string;
  root: QueryNode;
}
