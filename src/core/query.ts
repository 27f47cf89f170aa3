// The query language's syntax tree. The parser (src/query) builds it from what a person types;
// each store backend compiles it to its own SQL, so user text never reaches a search engine raw.

/** Fields searched as full text. `any` means title, text, place, source and wire together. */
export type TextField = 'any' | 'title' | 'text';

/** Fields matched exactly (case-insensitively) against the article's value. */
export type FilterField = 'wire' | 'source' | 'place' | 'lang' | 'kind';

export type QueryNode =
  | { type: 'term'; field: TextField; value: string; prefix: boolean }
  | { type: 'phrase'; field: TextField; words: string[] }
  | { type: 'and'; children: QueryNode[] }
  | { type: 'or'; children: QueryNode[] }
  | { type: 'not'; child: QueryNode }
  | { type: 'filter'; field: FilterField; value: string }
  | { type: 'published'; op: '>' | '>=' | '<' | '<=' | '='; date: string };

/** A parsed query plus the text it came from, for messages. */
export interface Query {
  source: string;
  root: QueryNode;
}
